import { startTestApp, type TestApp } from '../support/integration';

/** The back office's search box: full text without Polish diacritics, prefixes, case numbers. */
describe('searching cases in the back office', () => {
  let fixture: TestApp;
  const numbers: string[] = [];

  beforeAll(async () => {
    fixture = await startTestApp({ demoUsers: true });
    for (const payload of [
      {
        kind: 'INCIDENT',
        eventCode: 'SIDEWALK',
        description: 'Zapadnięte płyty chodnikowe na Żoliborzu',
        district: 'Żoliborz',
      },
      {
        kind: 'INCIDENT',
        eventCode: 'GRAFFITI',
        description: 'Napisy sprayem na przystanku',
        district: 'Śródmieście',
        location: { street: 'Świętokrzyska' },
      },
    ]) {
      numbers.push(
        (await fixture.app.inject({ method: 'POST', url: '/api/v1/cases', payload })).json().number,
      );
    }
  });
  afterAll(() => fixture.close());

  async function search(q: string): Promise<string[]> {
    const response = await fixture.app.inject({
      method: 'GET',
      url: `/api/cases?filter=${encodeURIComponent(JSON.stringify({ q }))}&range=[0,99]`,
      headers: { authorization: await fixture.authorization('clerk') },
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ number: string }[]>().map((c) => c.number);
  }

  it('finds words typed without diacritics, and prefixes of them', async () => {
    expect(await search('zoliborz')).toContain(numbers[0]);
    // Other test files file cases too: check membership, and that the other fixture is not matched.
    const pavement = await search('zapadniete plyty chodnik');
    expect(pavement).toContain(numbers[0]);
    expect(pavement).not.toContain(numbers[1]);
    expect(await search('swietokrzyska')).toContain(numbers[1]);
    const spray = await search('napisy sprayem przystanku');
    expect(spray).toContain(numbers[1]);
    expect(spray).not.toContain(numbers[0]);
  });

  it('finds a case by its number and survives search syntax', async () => {
    expect(await search(numbers[1])).toEqual([numbers[1]]);
    for (const q of ["'&|!:*()", '   ', 'a & b | !c', '\\']) {
      await expect(search(q)).resolves.toEqual(expect.any(Array));
    }
  });
});
