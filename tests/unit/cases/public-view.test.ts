import { randomUUID } from 'node:crypto';
import { openCaseReference, sealCaseReference } from '../../../services/cases/public-references';
import {
  publicCaseView,
  publicCoordinate,
  publicDescription,
  publicStreet,
} from '../../../domain/cases/public-view';

const SECRET = 'unit-test-secret-0123456789abcdef';

describe('the public projection of a case', () => {
  it.each([
    ['Puławska', 'ul. Puławska'],
    ['ul. Puławska 100/2', 'ul. Puławska'],
    ['PUŁAWSKA 12a', 'ul. Puławska'],
    ['aleja Jerozolimskie', 'al. Jerozolimskie'],
    ['11 Listopada 5', 'ul. 11 Listopada'],
    ['Dywizjonu 303', 'ul. Dywizjonu 303'],
  ])('publishes the street typed as %s as the register writes it (%s)', (typed, published) => {
    expect(publicStreet(typed)).toBe(published);
  });

  it.each([
    'Jan Kowalski',
    'jan.kowalski@example.org',
    '601 234 567',
    'Al. Solidarności, przy "Arsenale"',
    'Puławska róg Madalińskiego',
    '12',
    '',
  ])('publishes no street for %j, which the register does not name', (typed) => {
    expect(publicStreet(typed)).toBeNull();
  });

  it('rounds positions to four decimals with the formula the SQL uses', () => {
    expect(publicCoordinate(52.2297449)).toBe(52.2297);
    expect(publicCoordinate('21.01225')).toBe(21.0123);
    expect(publicCoordinate(null)).toBeNull();
  });

  it('publishes a description only with consent, from a channel where the resident wrote it', () => {
    const text = 'Dziura, piszcie na jan@example.org albo 601 234 567';
    expect(publicDescription({ channel: 'PORTAL', description: text, publicationConsent: false })).toBeNull();
    expect(publicDescription({ channel: 'MOBILE', description: text, publicationConsent: true })).toBe(
      'Dziura, piszcie na [e-mail] albo [telefon]',
    );
    for (const channel of ['PHONE', 'EMAIL', 'CHAT'] as const) {
      expect(publicDescription({ channel, description: text, publicationConsent: true })).toBeNull();
    }
  });

  it('never carries a building number, contact data or the exact position', () => {
    const view = publicCaseView({
      number: '000001/26',
      kind: 'INCIDENT',
      status: 'FORWARDED',
      eventCode: 'POTHOLE',
      district: 'Mokotów',
      street: 'Puławska 77B',
      lat: 52.1934567,
      lon: 21.0345678,
      createdAt: '2026-12-01T10:00:00Z',
      updatedAt: '2026-12-01T11:00:00Z',
    });
    expect(view).toMatchObject({ street: 'ul. Puławska', lat: 52.1935, lon: 21.0346, description: null });
    expect(JSON.stringify(view)).not.toContain('77B');
  });
});

describe('sealed case references', () => {
  it('open to the case id only for the purpose and secret they were sealed with', () => {
    const id = randomUUID();
    const cursor = sealCaseReference(SECRET, 'map-cursor', id);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]{59}$/);
    expect(cursor).not.toContain(id.slice(0, 8));
    expect(sealCaseReference(SECRET, 'map-cursor', id)).toBe(cursor);
    expect(openCaseReference(SECRET, 'map-cursor', cursor)).toBe(id);
    expect(openCaseReference(SECRET, 'open-data-cursor', cursor)).toBeNull();
    expect(openCaseReference(`${SECRET}-other`, 'map-cursor', cursor)).toBeNull();
    const flipped = `${cursor.slice(0, 30)}${cursor[30] === 'A' ? 'B' : 'A'}${cursor.slice(31)}`;
    expect(openCaseReference(SECRET, 'map-cursor', flipped)).toBeNull();
    expect(openCaseReference(SECRET, 'map-cursor', 'not a cursor')).toBeNull();
  });
});
