const en = {
  title: 'City announcements',
  intro:
    'Alerts, water outages, road closures, events and news from the city, while they are in force. Choose a district to see its announcements and those for the whole city.',
  district: 'District',
  allDistricts: 'All districts',
  count: 'Current announcements: {count}',
  none: 'There are no current announcements.',
  noneInDistrict: 'There are no current announcements for {district}.',
  feed: 'Subscribe to the Atom feed',
  feedHint: 'Add this address to your feed reader to get new announcements as they are published.',
  validFromTo: 'In force from {from} to {to}.',
  validFromUntilWithdrawn: 'In force from {from} until further notice.',
  districts: 'Area: {districts}.',
  wholeCity: 'Area: the whole city.',
  kind: {
    ALERT: 'Alert',
    WATER_OUTAGE: 'Water outage',
    ROAD_CLOSURE: 'Road closure',
    EVENT: 'Event',
    NEWS: 'News',
  },
};

const pl: typeof en = {
  title: 'Komunikaty miasta',
  intro:
    'Ostrzeżenia, przerwy w dostawie wody, utrudnienia drogowe, wydarzenia i aktualności – dopóki obowiązują. Wybierz dzielnicę, aby zobaczyć jej komunikaty oraz te dla całego miasta.',
  district: 'Dzielnica',
  allDistricts: 'Wszystkie dzielnice',
  count: 'Aktualne komunikaty: {count}',
  none: 'Nie ma aktualnych komunikatów.',
  noneInDistrict: 'Nie ma aktualnych komunikatów dla dzielnicy {district}.',
  feed: 'Subskrybuj kanał Atom',
  feedHint: 'Dodaj ten adres do czytnika kanałów, aby otrzymywać nowe komunikaty zaraz po publikacji.',
  validFromTo: 'Obowiązuje od {from} do {to}.',
  validFromUntilWithdrawn: 'Obowiązuje od {from} do odwołania.',
  districts: 'Dotyczy: {districts}.',
  wholeCity: 'Dotyczy: całe miasto.',
  kind: {
    ALERT: 'Ostrzeżenie',
    WATER_OUTAGE: 'Przerwa w dostawie wody',
    ROAD_CLOSURE: 'Utrudnienia drogowe',
    EVENT: 'Wydarzenie',
    NEWS: 'Aktualności',
  },
};

export const announcementsMessages = { en, pl };
