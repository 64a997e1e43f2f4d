import type { EntityManager } from '@mikro-orm/postgresql';

interface TemplateSeed {
  name: string;
  action: 'answer' | 'resolve' | 'request-info' | 'any';
  language: 'pl' | 'en';
  body: string;
}

/** Notes a contact center writes every day, in Polish and English; `…` marks what the sender adds. */
export const DEFAULT_RESPONSE_TEMPLATES: readonly TemplateSeed[] = [
  {
    name: 'Prośba o zdjęcie i dokładną lokalizację',
    action: 'request-info',
    language: 'pl',
    body:
      'Dzień dobry,\n\nabyśmy mogli zająć się zgłoszeniem nr {{caseNumber}} ({{eventName}}), prosimy o ' +
      'przesłanie zdjęcia oraz dokładniejszego opisu miejsca: adresu, numeru budynku lub ' +
      'charakterystycznego punktu w pobliżu.\n\nZ poważaniem\nMiejskie Centrum Kontaktu',
  },
  {
    name: 'Photo and exact location needed',
    action: 'request-info',
    language: 'en',
    body:
      'Hello,\n\nso that we can deal with report no. {{caseNumber}} ({{eventName}}), please send us a ' +
      'photo and a more precise description of the place: the address, the building number or a ' +
      'landmark nearby.\n\nKind regards\nCity Contact Center',
  },
  {
    name: 'Zgłoszenie załatwione',
    action: 'resolve',
    language: 'pl',
    body:
      'Dzień dobry,\n\ninformujemy, że zgłoszenie nr {{caseNumber}} ({{eventName}}) zostało załatwione ' +
      'przez jednostkę: {{unitName}}. …\n\nJeżeli problem nadal występuje, prosimy o ponowne zgłoszenie ' +
      'z podaniem numeru {{caseNumber}}.\n\nDziękujemy za zgłoszenie.',
  },
  {
    name: 'Report resolved',
    action: 'resolve',
    language: 'en',
    body:
      'Hello,\n\nreport no. {{caseNumber}} ({{eventName}}) has been dealt with by {{unitName}}. …\n\n' +
      'If the problem persists, please report it again quoting number {{caseNumber}}.\n\n' +
      'Thank you for your report.',
  },
  {
    name: 'Sprawa poza kompetencjami miasta',
    action: 'resolve',
    language: 'pl',
    body:
      'Dzień dobry,\n\nsprawa opisana w zgłoszeniu nr {{caseNumber}} nie należy do zadań m.st. Warszawy. ' +
      'Właściwym adresatem jest: …\n\nZ poważaniem\nMiejskie Centrum Kontaktu',
  },
  {
    name: 'Odpowiedź na pytanie',
    action: 'answer',
    language: 'pl',
    body:
      'Dzień dobry,\n\ndziękujemy za pytanie (zgłoszenie nr {{caseNumber}}). …\n\n' +
      'W razie dalszych pytań prosimy o kontakt pod numerem 19115.\n\nZ poważaniem\nMiejskie Centrum Kontaktu',
  },
  {
    name: 'Answer to a question',
    action: 'answer',
    language: 'en',
    body:
      'Hello,\n\nthank you for your question (report no. {{caseNumber}}). …\n\n' +
      'If you have any further questions, please call 19115.\n\nKind regards\nCity Contact Center',
  },
  {
    name: 'Podziękowanie za zgłoszenie',
    action: 'any',
    language: 'pl',
    body: 'Dzień dobry,\n\ndziękujemy za zgłoszenie nr {{caseNumber}}. …\n\nZ poważaniem\nMiejskie Centrum Kontaktu',
  },
];

/**
 * A new installation starts with the default templates. Once the table has any template the
 * administrators' choice stands: a template they deleted does not come back at the next start.
 */
export async function seedResponseTemplates(tx: EntityManager): Promise<number> {
  const [{ count }] = await tx.execute<{ count: string }[]>(
    'select count(*) as count from response_templates',
  );
  if (Number(count) > 0) return 0;
  let created = 0;
  for (const template of DEFAULT_RESPONSE_TEMPLATES) {
    const result = await tx.execute<{ affectedRows?: number }>(
      `insert into response_templates (name, action, language, body) values (?, ?, ?, ?)
       on conflict (name, language) do nothing`,
      [template.name, template.action, template.language, template.body],
      'run',
    );
    created += result.affectedRows ?? 0;
  }
  return created;
}
