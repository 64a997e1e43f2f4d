import { HttpError } from 'react-admin';
import { session } from '../session';

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

/** A JSON call to the back-office API; refusals come back as HttpErrors carrying the field errors. */
async function callApi<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: {
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      Authorization: `Bearer ${session.token() ?? ''}`,
    },
  });
  const json = (await response.json().catch(() => ({}))) as T & { message?: string };
  if (!response.ok) throw new HttpError(json.message ?? response.statusText, response.status, json);
  return json;
}

export const fetchBusinessHours = () =>
  callApi<{ hours: WeekdayHours[] }>('/api/business-calendar/hours').then((body) => body.hours);

export const saveBusinessHours = (hours: WeekdayHours[]) =>
  callApi<{ hours: WeekdayHours[] }>('/api/business-calendar/hours', {
    method: 'PUT',
    body: JSON.stringify({ hours }),
  }).then((body) => body.hours);

export const fetchStatutoryHolidays = (year: number) =>
  callApi<StatutoryHoliday[]>(`/api/business-calendar/holidays?year=${year}`);
