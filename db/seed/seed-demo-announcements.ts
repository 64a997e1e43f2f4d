import type { AnnouncementKind } from '../entities';
import type { Orm } from '../orm';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

interface DemoAnnouncement {
  /** Fixed, so a second start finds the announcement instead of adding it again. */
  id: string;
  kind: AnnouncementKind;
  districts: string[];
  from: number;
  to: number | null;
  title: (when: Dates) => { pl: string; en: string };
  body: (when: Dates) => { pl: string; en: string };
}

interface Dates {
  from: Date;
  to: Date | null;
  pl: (date: Date) => string;
  en: (date: Date) => string;
}

const format = (locale: string) => (date: Date) =>
  new Intl.DateTimeFormat(locale, {
    timeZone: 'Europe/Warsaw',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);

/** Relative to the first start, so a fresh demo shows them current. */
const ANNOUNCEMENTS: DemoAnnouncement[] = [
  {
    id: '6f1d0c52-3a54-4f0e-9b1a-5b0c1e7a9d01',
    kind: 'WATER_OUTAGE',
    districts: ['Mokotów'],
    from: -2 * HOUR,
    to: 2 * DAY,
    title: () => ({
      pl: 'Planowana przerwa w dostawie wody – Stary Mokotów',
      en: 'Planned water outage – Stary Mokotów',
    }),
    body: ({ to, pl, en }) => ({
      pl:
        'MPWiK w m.st. Warszawie informuje, że w związku z wymianą zasuwy na magistrali wodociągowej ' +
        `do ${pl(to!)} nastąpi przerwa w dostawie wody do budynków przy ul. Puławskiej 100–140, ` +
        'ul. Odyńca 2–20 i ul. Ursynowskiej 1–15.\n\n' +
        'Beczkowozy z wodą pitną stoją przy ul. Odyńca 10 i przy skrzyżowaniu ul. Puławskiej z ul. Madalińskiego. ' +
        'Informacje o przebiegu prac: Miejskie Centrum Kontaktu, tel. 19115.',
      en:
        'MPWiK (the city water company) is replacing a valve on the water main: until ' +
        `${en(to!)} there will be no water in the buildings at Puławska 100–140, Odyńca 2–20 and ` +
        'Ursynowska 1–15.\n\n' +
        'Water tankers with drinking water stand at Odyńca 10 and at the corner of Puławska and ' +
        'Madalińskiego. For updates call the city contact centre on 19115.',
    }),
  },
  {
    id: '6f1d0c52-3a54-4f0e-9b1a-5b0c1e7a9d02',
    kind: 'ROAD_CLOSURE',
    districts: ['Wola'],
    from: -3 * DAY,
    to: 14 * DAY,
    title: () => ({
      pl: 'Zamknięcie ul. Kasprzaka na odcinku Płocka – Wolska',
      en: 'Kasprzaka Street closed between Płocka and Wolska',
    }),
    body: ({ to, pl, en }) => ({
      pl:
        'W związku z budową torowiska tramwajowego ul. Kasprzaka między ul. Płocką a ul. Wolską jest ' +
        `zamknięta dla ruchu samochodowego do ${pl(to!)}. Objazd ulicami Prostą i Wolską.\n\n` +
        'Autobusy linii 105 i 171 jeżdżą zmienioną trasą; przystanki tymczasowe są oznakowane.',
      en:
        'Kasprzaka Street between Płocka and Wolska is closed to cars while the new tram line is built, ' +
        `until ${en(to!)}. Detour via Prosta and Wolska.\n\n` +
        'Bus lines 105 and 171 take a changed route; temporary stops are signposted.',
    }),
  },
  {
    id: '6f1d0c52-3a54-4f0e-9b1a-5b0c1e7a9d03',
    kind: 'EVENT',
    districts: ['Śródmieście'],
    from: -1 * HOUR,
    to: 6 * DAY,
    title: () => ({
      pl: 'Weekend na Krakowskim Przedmieściu: deptak i jarmark rękodzieła',
      en: 'Weekend on Krakowskie Przedmieście: pedestrian zone and craft fair',
    }),
    body: () => ({
      pl:
        'W sobotę i niedzielę w godz. 10:00–20:00 Krakowskie Przedmieście i Nowy Świat będą deptakiem. ' +
        'Na Skwerze Hoovera odbędzie się jarmark rękodzieła i koncerty warszawskich szkół muzycznych.\n\n' +
        'Autobusy linii 116, 128 i 222 pojadą objazdem ulicami Królewską i Marszałkowską.',
      en:
        'On Saturday and Sunday, 10:00–20:00, Krakowskie Przedmieście and Nowy Świat become a pedestrian ' +
        'zone, with a craft fair and concerts by Warsaw music schools on Hoover Square.\n\n' +
        'Bus lines 116, 128 and 222 will detour via Królewska and Marszałkowska.',
    }),
  },
  {
    id: '6f1d0c52-3a54-4f0e-9b1a-5b0c1e7a9d04',
    kind: 'ALERT',
    districts: [],
    from: -1 * HOUR,
    to: 1 * DAY,
    title: () => ({
      pl: 'Ostrzeżenie IMGW: burze z gradem i silny wiatr',
      en: 'Weather warning: thunderstorms with hail and strong wind',
    }),
    body: ({ to, pl, en }) => ({
      pl:
        `IMGW wydał ostrzeżenie 2. stopnia przed burzami z gradem, ważne do ${pl(to!)}. Porywy wiatru ` +
        'do 90 km/h.\n\nNie parkuj pod drzewami, zabezpiecz przedmioty na balkonach. Powalone drzewa ' +
        'i zerwane linie zgłaszaj pod numerem 19115, a w razie zagrożenia życia dzwoń na 112.',
      en:
        `The national weather service issued a level 2 warning of thunderstorms with hail until ${en(to!)}, ` +
        'with gusts up to 90 km/h.\n\nDo not park under trees and secure things on balconies. Report fallen ' +
        'trees and power lines on 19115; if a life is in danger, call 112.',
    }),
  },
  {
    id: '6f1d0c52-3a54-4f0e-9b1a-5b0c1e7a9d05',
    kind: 'NEWS',
    districts: [],
    from: -2 * DAY,
    to: null,
    title: () => ({
      pl: 'Zgłoszenia 19115 także przez portal i aplikację',
      en: 'Report to 19115 on the portal and in the app too',
    }),
    body: () => ({
      pl:
        'Usterkę, dziurę w jezdni czy nieodebrane odpady zgłosisz przez całą dobę telefonicznie pod numerem ' +
        '19115, przez portal lub w aplikacji mobilnej. Numer zgłoszenia i link w potwierdzeniu pozwalają ' +
        'śledzić, co dzieje się ze sprawą.',
      en:
        'Report a fault, a pothole or uncollected waste day and night by phone on 19115, on the portal or ' +
        'in the mobile app. The case number and the link in the confirmation let you follow what happens.',
    }),
  },
];

/** Demo announcements for a fresh start; those already there (edited or not) are left alone. */
export async function seedDemoAnnouncements(orm: Orm, now = new Date()): Promise<{ created: number }> {
  const em = orm.em.fork();
  const known = new Set(
    (await em.execute<{ name: string }[]>('select name from districts')).map((row) => row.name),
  );
  let created = 0;
  for (const demo of ANNOUNCEMENTS) {
    // A city configured without these districts still gets the announcement, city-wide.
    const districts = demo.districts.filter((name) => known.has(name));
    const from = new Date(now.getTime() + demo.from);
    const to = demo.to === null ? null : new Date(now.getTime() + demo.to);
    const dates: Dates = { from, to, pl: format('pl-PL'), en: format('en-GB') };
    const title = demo.title(dates);
    const body = demo.body(dates);
    const result = await em.execute<{ affectedRows?: number }>(
      `insert into announcements (id, kind, title_pl, title_en, body_pl, body_en, districts, valid_from,
                                  valid_to, published, created_by, updated_by)
       values (?, ?, ?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), ?, ?, true, 'demo', 'demo')
       on conflict (id) do nothing`,
      [demo.id, demo.kind, title.pl, title.en, body.pl, body.en, JSON.stringify(districts), from, to],
      'run',
    );
    created += result.affectedRows ?? 0;
  }
  return { created };
}
