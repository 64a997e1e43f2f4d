const en = {
  title: 'Open data',
  intro:
    'Reports of problems in the city and complaints about how they were handled, published for anyone to reuse: researchers, journalists, app makers and curious residents.',
  whatHeading: 'What the data contains',
  whatRecords:
    'One record per case: its number, what it is about (category, subcategory, event), where (district, street and a position rounded to about 10 metres), when it was filed, how it came in, and its history of statuses.',
  whatLayout:
    'The records follow the field layout of the city’s 19115 open-data service (19115store_getNotifications), so existing tools can read them.',
  privacyHeading: 'What it never contains',
  privacy:
    'No names, e-mail addresses or phone numbers, no descriptions written by residents, no notes of the people handling the cases, no building or apartment numbers. Questions and suggestions are not published: they are residents’ own words.',
  fieldsHeading: 'Fields',
  fieldsCaption: 'Fields of one record',
  fieldColumn: 'Field',
  meaningColumn: 'Meaning',
  fields: {
    notificationNumber: 'Case number, e.g. 000123/26 (a running number and the year)',
    category: 'Kind of case: “Awaria / Interwencja” (a report) or “Reklamacja” (a complaint)',
    subcategory: 'Subcategory of the problem, e.g. Drogi (roads); empty until classified',
    event: 'The problem, e.g. Dziura w jezdni (pothole); empty until classified',
    notificationType: 'INCIDENT or COMPLAINT',
    city: 'City',
    district: 'District of the place',
    street: 'Street of the place, without the building number',
    street2: 'Crossing street (not recorded: always empty)',
    aparmentNumber: 'Apartment number (never published: always empty; the name is the city service’s own)',
    xCoordWGS84: 'Longitude (WGS84), rounded to 4 decimal places',
    yCoordWGS84: 'Latitude (WGS84), rounded to 4 decimal places',
    createDate: 'When the case was filed (milliseconds since 1970 in JSON, ISO 8601 in CSV)',
    source: 'How it came in: TELEFON, PORTAL, MOBILE, E-MAIL, CKM (the contact center) or API',
    deviceType: 'WWW or MOBILE for cases filed online; otherwise empty',
    statuses:
      'Status history: status (e.g. Nowe, Przekazane, W trakcie, Zrealizowane), a fixed description and the date of the change. In CSV only the current status and its date.',
  },
  downloadHeading: 'Download',
  from: 'From',
  to: 'To',
  dates: 'Filing dates',
  datesHint: 'Days in Warsaw time, at most 366 days at once.',
  district: 'District',
  allDistricts: 'All districts',
  build: 'Prepare download links',
  linksReady: 'Links for {from} – {to}, {district}:',
  wholeCity: 'the whole city',
  json: 'JSON (pages of up to 1000 records; “next” points to the following page)',
  csv: 'CSV (one row per case, UTF-8, opens in a spreadsheet)',
  schema: 'JSON Schema of a record',
  apiDocs: 'API documentation',
  errors: {
    missing: 'Choose both dates.',
    order: 'The start date must not be after the end date.',
    tooLong: 'The range has {days} days; choose at most 366.',
  },
};

const pl: typeof en = {
  title: 'Otwarte dane',
  intro:
    'Zgłoszenia problemów w mieście i reklamacje ich obsługi, opublikowane do ponownego wykorzystania: dla badaczy, dziennikarzy, twórców aplikacji i ciekawych mieszkańców.',
  whatHeading: 'Co zawierają dane',
  whatRecords:
    'Jeden rekord na sprawę: numer, czego dotyczy (kategoria, podkategoria, zdarzenie), gdzie (dzielnica, ulica i położenie zaokrąglone do około 10 metrów), kiedy ją zgłoszono, jaką drogą wpłynęła oraz historia jej statusów.',
  whatLayout:
    'Rekordy mają układ pól miejskiej usługi otwartych danych 19115 (19115store_getNotifications), więc odczytają je istniejące narzędzia.',
  privacyHeading: 'Czego nigdy nie zawierają',
  privacy:
    'Żadnych imion i nazwisk, adresów e-mail ani numerów telefonów, opisów pisanych przez mieszkańców, notatek osób prowadzących sprawy ani numerów budynków i mieszkań. Pytań i wniosków nie publikujemy: to własne słowa mieszkańców.',
  fieldsHeading: 'Pola',
  fieldsCaption: 'Pola jednego rekordu',
  fieldColumn: 'Pole',
  meaningColumn: 'Znaczenie',
  fields: {
    notificationNumber: 'Numer sprawy, np. 000123/26 (kolejny numer i rok)',
    category: 'Rodzaj sprawy: „Awaria / Interwencja” (zgłoszenie) lub „Reklamacja”',
    subcategory: 'Podkategoria problemu, np. Drogi; pusta do czasu klasyfikacji',
    event: 'Problem, np. Dziura w jezdni; pusty do czasu klasyfikacji',
    notificationType: 'INCIDENT (zgłoszenie) lub COMPLAINT (reklamacja)',
    city: 'Miasto',
    district: 'Dzielnica miejsca',
    street: 'Ulica miejsca, bez numeru budynku',
    street2: 'Ulica poprzeczna (nie jest zapisywana: zawsze pusta)',
    aparmentNumber:
      'Numer mieszkania (nigdy nie publikowany: zawsze pusty; nazwa pochodzi z usługi miejskiej)',
    xCoordWGS84: 'Długość geograficzna (WGS84), zaokrąglona do 4 miejsc po przecinku',
    yCoordWGS84: 'Szerokość geograficzna (WGS84), zaokrąglona do 4 miejsc po przecinku',
    createDate: 'Kiedy przyjęto zgłoszenie (milisekundy od 1970 r. w JSON, ISO 8601 w CSV)',
    source: 'Droga zgłoszenia: TELEFON, PORTAL, MOBILE, E-MAIL, CKM (centrum kontaktu) lub API',
    deviceType: 'WWW lub MOBILE dla zgłoszeń przez internet; w pozostałych przypadkach puste',
    statuses:
      'Historia statusów: status (np. Nowe, Przekazane, W trakcie, Zrealizowane), stały opis i data zmiany. W CSV tylko bieżący status i jego data.',
  },
  downloadHeading: 'Pobieranie',
  from: 'Od',
  to: 'Do',
  dates: 'Daty przyjęcia zgłoszeń',
  datesHint: 'Dni według czasu warszawskiego, najwyżej 366 dni naraz.',
  district: 'Dzielnica',
  allDistricts: 'Wszystkie dzielnice',
  build: 'Przygotuj linki do pobrania',
  linksReady: 'Linki dla okresu {from} – {to}, {district}:',
  wholeCity: 'całe miasto',
  json: 'JSON (strony do 1000 rekordów; „next” wskazuje następną stronę)',
  csv: 'CSV (jeden wiersz na sprawę, UTF-8, otwiera się w arkuszu kalkulacyjnym)',
  schema: 'Schemat JSON rekordu',
  apiDocs: 'Dokumentacja API',
  errors: {
    missing: 'Wybierz obie daty.',
    order: 'Data początkowa nie może być późniejsza niż końcowa.',
    tooLong: 'Zakres obejmuje {days} dni; wybierz najwyżej 366.',
  },
};

export const openDataMessages = { en, pl };
