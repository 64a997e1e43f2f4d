import {
  caseNumberOfConfirmationToken,
  confirmationExpired,
  contactConfirmationToken,
  contactConfirmationUrl,
  verifyContactConfirmationToken,
} from '../../../services/cases/contact-confirmation';

const secret = 'a-secret-of-sixteen+';
const contact = {
  caseId: '0b7e5c2a-3f1c-4d6e-9a8b-1c2d3e4f5a6b',
  caseNumber: '000123/26',
  email: 'Anna@Example.org',
};

describe('the token of a case contact’s confirmation link', () => {
  it('names the case by its number, never by its id, and is the same however the address is written', () => {
    const token = contactConfirmationToken(secret, contact);
    expect(token).toMatch(/^000123-26\.[A-Za-z0-9_-]{32}$/);
    expect(token).not.toContain(contact.caseId);
    expect(token).not.toContain(contact.caseId.replace(/-/g, ''));
    expect(contactConfirmationToken(secret, { ...contact, email: ' anna@example.org ' })).toBe(token);
    expect(caseNumberOfConfirmationToken(token)).toBe('000123/26');
    expect(contactConfirmationUrl('https://19115.example/', token)).toBe(
      `https://19115.example/api/v1/public/case-contacts/confirm?token=${token}`,
    );
  });

  it('holds only for its case, its address and the secret that made it', () => {
    const token = contactConfirmationToken(secret, contact);
    expect(verifyContactConfirmationToken(secret, token, contact)).toBe(true);
    expect(verifyContactConfirmationToken(secret, token, { ...contact, email: 'other@example.org' })).toBe(
      false,
    );
    expect(
      verifyContactConfirmationToken(secret, token, {
        ...contact,
        caseId: '1b7e5c2a-3f1c-4d6e-9a8b-1c2d3e4f5a6b',
      }),
    ).toBe(false);
    expect(verifyContactConfirmationToken('another-secret-of-16', token, contact)).toBe(false);
    const altered = `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`;
    expect(verifyContactConfirmationToken(secret, altered, contact)).toBe(false);
  });

  it('refuses what is not shaped like a token, and expires 30 days after the case was filed', () => {
    for (const bad of ['', 'abc', '000123-26', '000123/26.abc', `000123-26.${'a'.repeat(31)}`]) {
      expect(caseNumberOfConfirmationToken(bad)).toBeNull();
    }
    const filed = new Date('2026-12-01T10:00:00Z');
    expect(confirmationExpired(filed, new Date('2026-12-31T09:59:59Z'))).toBe(false);
    expect(confirmationExpired(filed, new Date('2026-12-31T10:00:01Z'))).toBe(true);
  });
});
