import { messageIdDomain, notificationMessageId } from '../../../services/mail/message-ids';
import {
  RESIDENT_TEMPLATES,
  STAFF_TEMPLATES,
  backOfficeCaseUrl,
  caseTrackingUrl,
  mailLanguage,
  residentMail,
  staffMail,
  type MailLanguage,
  type StaffMailInput,
} from '../../../services/mail/templates';
import { trackingToken } from '../../../services/cases/tracking-token';

const caseId = '0b7e5c2a-3f1c-4d6e-9a8b-1c2d3e4f5a6b';
const trackingUrl = 'https://19115.example/portal/track/000123-26?token=abc';

function staff(overrides: Partial<StaffMailInput> = {}): StaffMailInput {
  return {
    template: 'FORWARDED',
    language: 'pl',
    caseNumber: '000123/26',
    kind: 'INCIDENT',
    eventName: 'Dziura w jezdni',
    district: 'Mokotów',
    unitName: 'Zarząd Dróg Miejskich',
    priority: 'urgent',
    resolutionDueAt: new Date('2026-12-01T15:30:00Z'),
    backOfficeUrl: backOfficeCaseUrl({ publicUrl: 'https://19115.example', caseId }),
    ...overrides,
  };
}

describe('notification templates', () => {
  it.each(RESIDENT_TEMPLATES.flatMap((t) => (['pl', 'en'] as MailLanguage[]).map((l) => [t, l] as const)))(
    'resident %s (%s) carries the case number at the start of the subject and the tracking link',
    (template, language) => {
      const mail = residentMail({
        template,
        language,
        caseNumber: '000123/26',
        trackingUrl,
        note: 'Prosimy o zdjęcie.',
        parentNumber: '000100/26',
      });
      expect(mail.subject.startsWith('[#000123/26] ')).toBe(true);
      expect(mail.text).toContain(trackingUrl);
      expect(mail.html).toContain(`href="${trackingUrl}"`);
      expect(mail.html).toContain(`<html lang="${language}">`);
    },
  );

  it.each(['ACKNOWLEDGED', 'ANSWERED'] as const)(
    'resident %s to an address not yet confirmed asks to confirm it and leaves out the tracking link',
    (template) => {
      const confirmUrl = 'https://19115.example/api/v1/public/case-contacts/confirm?token=000123-26.abc';
      const pl = residentMail({
        template,
        language: 'pl',
        caseNumber: '000123/26',
        trackingUrl,
        note: 'Urząd działa do 18:00.',
        confirmation: { url: confirmUrl, validDays: 30 },
      });
      expect(pl.subject.startsWith('[#000123/26] ')).toBe(true);
      expect(pl.text).toContain('000123/26');
      expect(pl.text).toContain(`w ciągu 30 dni od zgłoszenia i naciśnij przycisk:\n${confirmUrl}`);
      expect(pl.text).toContain('Informacje o postępach w sprawie wyślemy dopiero po potwierdzeniu adresu.');
      expect(pl.html).toContain(`href="${confirmUrl}"`);
      expect(pl.text).not.toContain(trackingUrl);
      expect(pl.html).not.toContain(trackingUrl);
      const en = residentMail({
        template,
        language: 'en',
        caseNumber: '000123/26',
        trackingUrl,
        confirmation: { url: confirmUrl, validDays: 30 },
      });
      expect(en.text).toContain('We will e-mail you news on the case only after you have confirmed.');
      expect(en.text).toContain(confirmUrl);
      expect(en.text).not.toContain(trackingUrl);
    },
  );

  it.each(STAFF_TEMPLATES.flatMap((t) => (['pl', 'en'] as MailLanguage[]).map((l) => [t, l] as const)))(
    'staff %s (%s) carries the case number and links the back office',
    (template, language) => {
      const mail = staffMail(staff({ template, language, level: 2 }));
      expect(mail.subject.startsWith('[#000123/26] ')).toBe(true);
      expect(mail.text).toContain(`https://19115.example/admin/#/cases/${caseId}/show`);
      expect(mail.text).toContain('Mokotów');
    },
  );

  it('words the acknowledgement in Polish or English by the case language', () => {
    const pl = residentMail({
      template: 'ACKNOWLEDGED',
      language: 'pl',
      caseNumber: '000123/26',
      trackingUrl,
    });
    const en = residentMail({
      template: 'ACKNOWLEDGED',
      language: 'en',
      caseNumber: '000123/26',
      trackingUrl,
    });
    expect(pl.subject).toBe('[#000123/26] Przyjęliśmy zgłoszenie');
    expect(pl.text).toContain('Nadaliśmy mu numer 000123/26.');
    expect(pl.text).toMatch(/^Dzień dobry,/);
    expect(en.subject).toBe('[#000123/26] We have received your request');
    expect(en.text).toContain('registered as case 000123/26');
    expect(en.text).not.toMatch(/zgłoszeni/);
  });

  it('quotes the question, the outcome, the answer and the reason given by staff', () => {
    const note = 'Proszę podać numer \nnajbliższego budynku.';
    const info = residentMail({
      template: 'INFO_REQUESTED',
      language: 'pl',
      caseNumber: '1',
      trackingUrl,
      note,
    });
    expect(info.text).toContain('  Proszę podać numer \n  najbliższego budynku.');
    expect(info.html).toContain('Proszę podać numer <br>najbliższego budynku.');
    const cancelled = residentMail({
      template: 'CANCELLED',
      language: 'en',
      caseNumber: '1',
      trackingUrl,
      note: 'Duplicate by phone',
    });
    expect(cancelled.text).toContain('Reason:\n\n  Duplicate by phone');
  });

  it('escapes what staff wrote in the HTML part', () => {
    const mail = residentMail({
      template: 'ANSWERED',
      language: 'en',
      caseNumber: '1',
      trackingUrl,
      note: '<script>alert(1)</script> & "more"',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;');
  });

  it('tells a merged case’s resident the number of the case it joined', () => {
    const pl = residentMail({
      template: 'MERGED',
      language: 'pl',
      caseNumber: '000124/26',
      trackingUrl,
      parentNumber: '000100/26',
    });
    expect(pl.subject).toBe('[#000124/26] Zgłoszenie połączone ze sprawą nr 000100/26');
    expect(pl.text).toContain('Stan sprawy nr 000100/26:\n' + trackingUrl);
    const en = residentMail({
      template: 'MERGED',
      language: 'en',
      caseNumber: '000124/26',
      trackingUrl,
      parentNumber: '000100/26',
    });
    expect(en.subject).toBe('[#000124/26] Your request has been merged with case 000100/26');
  });

  it('gives staff the case, its event, district, priority and deadline in Warsaw time, and the escalation level', () => {
    const pl = staffMail(staff({ template: 'SLA_ESCALATED', level: 2 }));
    expect(pl.subject).toBe('[#000123/26] Eskalacja sprawy (poziom 2)');
    expect(pl.text).toContain('Rodzaj: Dziura w jezdni');
    expect(pl.text).toContain('Priorytet: pilny');
    expect(pl.text).toContain('Poziom eskalacji: 2');
    // 15:30 UTC on 1 December is 16:30 in Warsaw (CET).
    expect(pl.text).toMatch(/Termin załatwienia: 1 gru 2026, 16:30/);
    const en = staffMail(staff({ template: 'FORWARDED', language: 'en', unitName: 'City Roads Authority' }));
    expect(en.subject).toBe('[#000123/26] New case for City Roads Authority');
    expect(en.text).toContain('Resolution due: 1 Dec 2026, 16:30');
  });

  it('names the kind of case when it has no taxonomy event', () => {
    const mail = staffMail(staff({ kind: 'COMPLAINT', eventName: null, unitName: null }));
    expect(mail.text).toContain('Rodzaj: skarga');
    expect(mail.subject).toBe('[#000123/26] Nowa sprawa dla Twojej jednostki');
  });

  it('builds the resident tracking link from the signed token and the back-office link from the id', () => {
    const url = caseTrackingUrl({
      publicUrl: 'https://19115.example/',
      secret: 'a-secret-of-sixteen+',
      caseId,
      caseNumber: '000123/26',
    });
    expect(url).toBe(
      `https://19115.example/portal/track/000123-26?token=${trackingToken('a-secret-of-sixteen+', caseId)}`,
    );
    expect(backOfficeCaseUrl({ publicUrl: 'http://localhost:3000', caseId })).toBe(
      `http://localhost:3000/admin/#/cases/${caseId}/show`,
    );
  });

  it('falls back to Polish for any language but English', () => {
    expect(mailLanguage('en')).toBe('en');
    expect(mailLanguage('pl')).toBe('pl');
    expect(mailLanguage('uk')).toBe('pl');
    expect(mailLanguage(null)).toBe('pl');
  });
});

describe('notification Message-IDs', () => {
  it('are deterministic per case, event and recipient, under the domain of MAIL_FROM', () => {
    const from = 'Kontakt 19115 <kontakt@19115.example>';
    const a = notificationMessageId({ caseId, eventKey: 'v3', recipient: 'Anna@Example.org', from });
    expect(a).toBe(notificationMessageId({ caseId, eventKey: 'v3', recipient: 'anna@example.org ', from }));
    expect(a).toMatch(new RegExp(`^<case-${caseId}-v3-[0-9a-f]{16}@19115\\.example>$`));
    expect(a).not.toBe(notificationMessageId({ caseId, eventKey: 'v3', recipient: 'jan@example.org', from }));
    expect(a).not.toBe(
      notificationMessageId({ caseId, eventKey: 'v4', recipient: 'anna@example.org', from }),
    );
  });

  it('encode event keys that hold characters a Message-ID cannot', () => {
    const id = notificationMessageId({ caseId, eventKey: 'sla:1 warn', recipient: 'a@b.c', from: 'x@y.z' });
    expect(id).toContain('-sla=3A1=20warn-');
  });

  it('take the domain from a bare or a named sender', () => {
    expect(messageIdDomain('kontakt@um.warszawa.pl')).toBe('um.warszawa.pl');
    expect(messageIdDomain('Kontakt 19115 <Kontakt@UM.Warszawa.pl>')).toBe('um.warszawa.pl');
    expect(messageIdDomain('no address')).toBe('civicflow.local');
  });
});
