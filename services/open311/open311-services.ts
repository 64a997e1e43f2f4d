import type { EntityManager } from '@mikro-orm/postgresql';
import { CaseEventType, District, Subcategory } from '../../db/entities';
import type { Orm } from '../../db/orm';
import { AppError, type FieldProblem } from '../../domain/errors';

/**
 * A service of the GeoReport v2 `services` list (api/open311/open311.schemas.ts documents it); a
 * type, not an interface, so it is an XML document's value too.
 */
export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  group: string | null;
};

/** An attribute of a service definition. */
export type Open311ServiceAttribute = {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number | null;
  description: string | null;
  values: { key: string; name: string }[];
};

/**
 * Open311 services are the active events of the city taxonomy: `service_code` is the event code,
 * the name is Polish (the city's language), the description the English name, the group the
 * subcategory. Every service has the same two attributes: the district, which lets the workflow
 * route district-office events without a clerk, and the resident's consent to publish the
 * description (an extension of this city, as FixMyStreet asks it; off unless the client sends it).
 */
export const DISTRICT_ATTRIBUTE = 'DISTRICT';
export const PUBLICATION_CONSENT_ATTRIBUTE = 'PUBLICATION_CONSENT';

export interface ServiceCatalogue {
  events: CaseEventType[];
  subcategories: Map<string, Subcategory>;
}

export async function loadServices(em: EntityManager): Promise<ServiceCatalogue> {
  const [events, subcategories] = await Promise.all([
    em.find(CaseEventType, { active: true }, { orderBy: { subcategory: 'asc', code: 'asc' } }),
    em.find(Subcategory, {}),
  ]);
  return { events, subcategories: new Map(subcategories.map((s) => [s.code, s])) };
}

export async function findService(em: EntityManager, code: string): Promise<CaseEventType | null> {
  return em.findOne(CaseEventType, { code, active: true });
}

/** GET /services: every active event as an Open311 service. */
export async function listOpen311Services(orm: Orm): Promise<Open311Service[]> {
  const { events, subcategories } = await loadServices(orm.em.fork());
  return events.map((event) => toOpen311Service(event, subcategories));
}

/** GET /services/{code}: the attributes a request of an active service may carry. */
export async function open311ServiceDefinition(
  orm: Orm,
  code: string,
): Promise<{ service_code: string; attributes: Open311ServiceAttribute[] }> {
  const em = orm.em.fork();
  const event = await findService(em, code);
  if (!event) throw new AppError('NOT_FOUND', `No service ${code}`);
  return { service_code: event.code, attributes: await serviceAttributes(em) };
}

export function toOpen311Service(
  event: CaseEventType,
  subcategories: Map<string, Subcategory>,
): Open311Service {
  return {
    service_code: event.code,
    service_name: event.name,
    description: event.nameEn,
    metadata: true,
    // Cases are filed and numbered on the spot: the id comes back in the POST answer.
    type: 'realtime',
    keywords: null,
    group: subcategories.get(event.subcategory)?.name ?? null,
  };
}

export async function serviceAttributes(em: EntityManager): Promise<Open311ServiceAttribute[]> {
  const districts = await em.find(District, {}, { orderBy: { name: 'asc' } });
  return [
    {
      variable: true,
      code: DISTRICT_ATTRIBUTE,
      datatype: 'singlevaluelist',
      required: false,
      datatype_description:
        'Klucz dzielnicy z listy (albo jej nazwa). The district key from the list, or its name.',
      order: 1,
      description:
        'Dzielnica Warszawy, w której jest problem: bez niej zgłoszenie może czekać na przypisanie. ' +
        'The Warsaw district of the problem: without it the request may wait for a clerk to route it.',
      values: districts.map((d) => ({ key: d.slug, name: d.name })),
    },
    {
      variable: true,
      code: PUBLICATION_CONSENT_ATTRIBUTE,
      datatype: 'singlevaluelist',
      required: false,
      datatype_description:
        'true tylko wtedy, gdy mieszkaniec zaznaczył zgodę; domyślnie false. ' +
        'true only when the resident ticked the consent; false by default.',
      order: 2,
      description:
        'Czy mieszkaniec zgadza się na publikację opisu (bez danych kontaktowych) przy zgłoszeniu. ' +
        'Zapytaj go w aplikacji. Bez zgody publikowana jest tylko nazwa usługi. ' +
        'Whether the resident agrees that the description (without contact data) is published with ' +
        'the request. Ask them in the app; without consent only the service name is published.',
      values: [
        { key: 'true', name: 'Tak, opis może być publiczny / Yes, the description may be public' },
        { key: 'false', name: 'Nie / No' },
      ],
    },
  ];
}

/** What the city promises for a service, from the resolution target of its event. */
export function serviceNotice(event: Pick<CaseEventType, 'resolutionHours'>): string {
  const hours = event.resolutionHours;
  return `Standardowy czas realizacji: ${hours} h. Standard resolution time: ${hours} h.`;
}

const ATTRIBUTE_FIELD = /^attribute\[([^\]]+)\](\[\])?$/;

/**
 * The attributes of a POST: form clients send `attribute[CODE]=value` (or `attribute[CODE][]` for
 * several values), JSON clients may send the same keys or an `attribute` object.
 */
export function collectAttributes(body: Record<string, unknown>): {
  attributes: Map<string, string[]>;
  problems: FieldProblem[];
} {
  const attributes = new Map<string, string[]>();
  const problems: FieldProblem[] = [];
  const add = (code: string, value: unknown) => {
    const values = Array.isArray(value) ? value : [value];
    const texts: string[] = [];
    for (const item of values) {
      if (typeof item === 'string' || typeof item === 'number') texts.push(String(item).trim());
      else problems.push({ field: `attribute[${code}]`, message: 'must be text' });
    }
    attributes.set(code, [...(attributes.get(code) ?? []), ...texts.filter(Boolean)]);
  };
  for (const [key, value] of Object.entries(body)) {
    const match = ATTRIBUTE_FIELD.exec(key);
    if (match) add(match[1], value);
  }
  const nested = body.attribute;
  if (nested !== undefined) {
    if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
      for (const [code, value] of Object.entries(nested)) add(code, value);
    } else problems.push({ field: 'attribute', message: 'must map attribute codes to values' });
  }
  return { attributes, problems };
}

/** The values of singlevaluelist attributes checked against the definition; returns the district name and the consent. */
export function resolveAttributes(
  serviceCode: string,
  attributes: Map<string, string[]>,
  definition: Open311ServiceAttribute[],
): {
  district: string | null;
  publicationConsent: boolean;
  stored: Record<string, string[]>;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const stored: Record<string, string[]> = {};
  for (const [code, values] of attributes) {
    const attribute = definition.find((a) => a.code === code);
    if (!attribute) {
      problems.push({ field: `attribute[${code}]`, message: `not an attribute of service ${serviceCode}` });
      continue;
    }
    if (values.length === 0) continue;
    if (attribute.datatype === 'singlevaluelist' && values.length > 1) {
      problems.push({ field: `attribute[${code}]`, message: 'takes one value' });
      continue;
    }
    const keys: string[] = [];
    for (const value of values) {
      const wanted = value.toLocaleLowerCase('pl');
      const match = attribute.values.find(
        (v) => v.key.toLocaleLowerCase('pl') === wanted || v.name.toLocaleLowerCase('pl') === wanted,
      );
      if (match) keys.push(match.key);
      else problems.push({ field: `attribute[${code}]`, message: `"${value}" is not one of its values` });
    }
    stored[code] = keys;
  }
  for (const attribute of definition) {
    if (attribute.required && !stored[attribute.code]?.length) {
      problems.push({ field: `attribute[${attribute.code}]`, message: 'is required' });
    }
  }
  const districtKey = stored[DISTRICT_ATTRIBUTE]?.[0];
  const district = definition
    .find((a) => a.code === DISTRICT_ATTRIBUTE)
    ?.values.find((v) => v.key === districtKey)?.name;
  return {
    district: district ?? null,
    publicationConsent: stored[PUBLICATION_CONSENT_ATTRIBUTE]?.[0] === 'true',
    stored,
    problems,
  };
}
