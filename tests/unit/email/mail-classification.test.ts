import { messageIdDomain, notificationMessageId } from '../../../services/mail/message-ids';
import { residentMail } from '../../../services/mail/templates';
import {
  automatedMailReason,
  caseIdFromOurMessageIds,
  caseNumberFromSubject,
  isOurMessageId,
  type AutomatedMailInput,
} from '../../../intake/email/mail-classification';

const MAIL_FROM = 'Kontakt 19115 <kontakt@um.warszawa.pl>';
const DOMAIN = messageIdDomain(MAIL_FROM);
const CASE_ID = '0b7e5c2a-3f1c-4d6e-9a8b-1c2d3e4f5a6b';
const OUR_ID = notificationMessageId({
  caseId: CASE_ID,
  eventKey: 'acknowledged',
  recipient: 'jan@example.pl',
  from: MAIL_FROM,
});

function person(overrides: Partial<AutomatedMailInput> = {}): AutomatedMailInput {
  return {
    headers: { from: 'Jan <jan@example.pl>', subject: 'Dziura' },
    envelopeFrom: 'jan@example.pl',
    fromAddress: 'jan@example.pl',
    messageId: '<abc123@mail.example.pl>',
    contentType: 'text/plain; charset=utf-8',
    ownAddresses: ['kontakt@um.warszawa.pl', '19115@um.warszawa.pl'],
    ownDomain: DOMAIN,
    ...overrides,
  };
}

describe('caseNumberFromSubject', () => {
  it('reads the tag our notifications put in the subject, through Re:/Odp:/Fwd: prefixes', () => {
    const subject = residentMail({
      template: 'RESOLVED',
      language: 'pl',
      caseNumber: '000123/26',
      trackingUrl: 'https://x.test/t',
    }).subject;
    expect(caseNumberFromSubject(subject)).toBe('000123/26');
    expect(caseNumberFromSubject(`Odp: RE: ${subject}`)).toBe('000123/26');
    expect(caseNumberFromSubject('Fwd: [# 1234567 / 26 ] lampa')).toBe('1234567/26');
  });

  it('ignores numbers that are not our tag', () => {
    expect(caseNumberFromSubject('Sprawa 000123/26')).toBeNull();
    expect(caseNumberFromSubject('[#123/26] za krótki numer')).toBeNull();
    expect(caseNumberFromSubject('[000123/26]')).toBeNull();
    expect(caseNumberFromSubject('')).toBeNull();
    expect(caseNumberFromSubject(undefined)).toBeNull();
  });
});

describe('our own Message-IDs', () => {
  it('finds the case a reply answers in In-Reply-To/References, the direct parent first', () => {
    const other = notificationMessageId({
      caseId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      eventKey: 'v5',
      recipient: 'jan@example.pl',
      from: MAIL_FROM,
    });
    expect(caseIdFromOurMessageIds(['<x@gmail.com>', OUR_ID], DOMAIN)).toBe(CASE_ID);
    expect(caseIdFromOurMessageIds([other, OUR_ID], DOMAIN)).toBe(CASE_ID);
  });

  it('does not take an id of another domain or another shape', () => {
    expect(caseIdFromOurMessageIds([OUR_ID.replace(DOMAIN, 'evil.test')], DOMAIN)).toBeNull();
    expect(caseIdFromOurMessageIds(['<CAF123@um.warszawa.pl>'], DOMAIN)).toBeNull();
    expect(isOurMessageId('<CAF123@um.warszawa.pl>', DOMAIN)).toBe(false);
    expect(isOurMessageId(OUR_ID, DOMAIN)).toBe(true);
    expect(isOurMessageId(null, DOMAIN)).toBe(false);
  });
});

describe('automatedMailReason', () => {
  it("lets a person's mail through", () => {
    expect(automatedMailReason(person())).toBeNull();
    expect(automatedMailReason(person({ headers: { 'auto-submitted': 'no' } }))).toBeNull();
    expect(automatedMailReason(person({ headers: { precedence: 'first-class' } }))).toBeNull();
  });

  it.each([
    ['auto-submitted', 'auto-replied'],
    ['auto-submitted', 'auto-generated'],
    ['auto-submitted', 'Auto-Notified; owner-email="x@y"'],
    ['precedence', 'bulk'],
    ['precedence', 'junk'],
    ['precedence', 'list'],
    ['precedence', 'auto_reply'],
    ['x-autoreply', 'yes'],
    ['x-autorespond', 'Out of office'],
    ['x-auto-response-suppress', 'All'],
  ])('recognises an auto-reply by %s: %s', (name, value) => {
    expect(automatedMailReason(person({ headers: { [name]: value } }))).toMatch(/^auto-reply/);
  });

  it('recognises bounces by the empty envelope sender, Return-Path <> and delivery reports', () => {
    expect(automatedMailReason(person({ envelopeFrom: '' }))).toMatch(/^bounce/);
    expect(automatedMailReason(person({ headers: { 'return-path': '<>' } }))).toMatch(/^bounce/);
    expect(
      automatedMailReason(
        person({ contentType: 'multipart/report; report-type=delivery-status; boundary=x' }),
      ),
    ).toMatch(/^bounce/);
  });

  it('recognises our own mail coming back: our Message-ID, our From address, our header', () => {
    expect(automatedMailReason(person({ messageId: OUR_ID }))).toMatch(/^loop/);
    expect(automatedMailReason(person({ fromAddress: 'kontakt@um.warszawa.pl' }))).toMatch(/^loop/);
    expect(automatedMailReason(person({ fromAddress: '19115@um.warszawa.pl' }))).toMatch(/^loop/);
    expect(automatedMailReason(person({ headers: { 'x-civicflow-case': '000123/26' } }))).toMatch(/^loop/);
  });

  it("does not take a clerk's own mailbox on the city's domain for a loop", () => {
    expect(
      automatedMailReason(
        person({ fromAddress: 'jan.nowak@um.warszawa.pl', messageId: '<CAF1@um.warszawa.pl>' }),
      ),
    ).toBeNull();
  });
});
