import { apiJson } from '../http';

export interface WeekdayHours {
  weekday: number;
  opens: string | null;
  closes: string | null;
}

export interface StatutoryHoliday {
  date: string;
  weekday: number;
  name: string;
  nameEn: string;
}

/** The business calendar's methods of the data provider (dataProvider.ts); its days are a resource. */
export const calendarMethods = {
  businessHours: () =>
    apiJson<{ hours: WeekdayHours[] }>('/api/business-calendar/hours').then((body) => body.hours),
  saveBusinessHours: (hours: WeekdayHours[]) =>
    apiJson<{ hours: WeekdayHours[] }>('/api/business-calendar/hours', {
      method: 'PUT',
      body: { hours },
    }).then((body) => body.hours),
  statutoryHolidays: (year: number) =>
    apiJson<StatutoryHoliday[]>(`/api/business-calendar/holidays?year=${year}`),
};
