import {
  parseAuthenticationResults,
  senderAuthentication,
} from '../../../intake/email/authentication-results';

const RELAY = 'mx.um.warszawa.pl';

describe('parseAuthenticationResults', () => {
  it('reads the authserv-id, a version, comments, quoted values and every method', () => {
    expect(
      parseAuthenticationResults(
        'MX.um.warszawa.pl 1; (checked (twice)) spf=pass (sender SPF authorized) smtp.mailfrom="jan kowalski"@example.pl;' +
          ' dkim=pass header.d=example.pl header.s=sel1 header.b="abc;def"; dkim/1=fail reason="bad signature" header.d = lists.example.org;' +
          ' dmarc=pass (p=reject) header.from=example.pl',
      ),
    ).toEqual({
      authservId: 'mx.um.warszawa.pl',
      results: [
        { method: 'spf', result: 'pass', properties: { 'smtp.mailfrom': 'jan kowalski@example.pl' } },
        {
          method: 'dkim',
          result: 'pass',
          properties: { 'header.d': 'example.pl', 'header.s': 'sel1', 'header.b': 'abc;def' },
        },
        {
          method: 'dkim',
          result: 'fail',
          properties: { reason: 'bad signature', 'header.d': 'lists.example.org' },
        },
        { method: 'dmarc', result: 'pass', properties: { 'header.from': 'example.pl' } },
      ],
    });
  });

  it('reads "none" as no result, and nothing from a header that is not this grammar', () => {
    expect(parseAuthenticationResults('mx.example.org; none')).toEqual({
      authservId: 'mx.example.org',
      results: [],
    });
    expect(parseAuthenticationResults('spf=pass smtp.mailfrom=example.pl')).toBeNull();
    expect(parseAuthenticationResults('mx.example.org; dmarc=pass (unclosed comment')).toBeNull();
    expect(parseAuthenticationResults('')).toBeNull();
  });
});

describe('senderAuthentication', () => {
  const from = 'anna@example.pl';

  it('trusts no one without a configured authserv-id', () => {
    const verdict = senderAuthentication([`${RELAY}; dmarc=pass header.from=example.pl`], from, undefined);
    expect(verdict.authenticated).toBe(false);
  });

  it("accepts the trusted relay's dmarc=pass for the From domain, whatever the case of its id", () => {
    expect(
      senderAuthentication([`MX.UM.Warszawa.PL; dmarc=pass header.from=Example.PL`], from, RELAY),
    ).toEqual({ authenticated: true, detail: `dmarc=pass for example.pl (${RELAY})` });
  });

  it('ignores headers of any other authserv-id, such as one the sender wrote itself', () => {
    const verdict = senderAuthentication(
      [
        'mx.attacker.example; dmarc=pass header.from=example.pl',
        `${RELAY}; dmarc=fail header.from=example.pl`,
      ],
      from,
      RELAY,
    );
    expect(verdict).toEqual({
      authenticated: false,
      detail: `${RELAY} reports dmarc=fail, spf=none, dkim=none for example.pl`,
    });
    expect(
      senderAuthentication(['mx.attacker.example; dmarc=pass header.from=example.pl'], from, RELAY),
    ).toMatchObject({ authenticated: false, detail: `no Authentication-Results from ${RELAY}` });
  });

  it("does not take a pass for another domain, nor one contradicted under the relay's own id", () => {
    expect(
      senderAuthentication([`${RELAY}; dmarc=pass header.from=attacker.example`], from, RELAY).authenticated,
    ).toBe(false);
    expect(
      senderAuthentication(
        [`${RELAY}; dmarc=pass header.from=example.pl`, `${RELAY}; dmarc=fail header.from=example.pl`],
        from,
        RELAY,
      ).authenticated,
    ).toBe(false);
  });

  it('accepts SPF and DKIM passes aligned with the From domain (relaxed), not either alone', () => {
    const both = `${RELAY}; spf=pass smtp.mailfrom=bounce@mail.example.pl; dkim=pass header.d=example.pl`;
    expect(senderAuthentication([both], from, RELAY)).toEqual({
      authenticated: true,
      detail: `spf=pass and dkim=pass for example.pl (${RELAY})`,
    });
    expect(
      senderAuthentication(
        [`${RELAY}; spf=pass smtp.mailfrom=example.pl; dkim=fail header.d=example.pl`],
        from,
        RELAY,
      ).authenticated,
    ).toBe(false);
    expect(
      senderAuthentication(
        [`${RELAY}; spf=pass smtp.mailfrom=example.pl; dkim=pass header.d=attacker.example`],
        from,
        RELAY,
      ).authenticated,
    ).toBe(false);
    expect(
      senderAuthentication(
        [`${RELAY}; spf=pass smtp.mailfrom=attacker.example; dkim=pass header.d=example.pl`],
        from,
        RELAY,
      ).authenticated,
    ).toBe(false);
  });
});
