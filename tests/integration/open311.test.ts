import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AnySchema, ValidateFunction } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { issueOpen311Client } from '../../services/open311/open311-keys';
import { escapeXmlText } from '../../api/open311/open311-xml';
import { Case, entities } from '../../db/entities';
import { PUBLIC_STATUS_TEXTS } from '../../domain/cases/public-view';
import { Open311Client, Open311Request } from '../../db/entities/open311-client.entity';
import type { Config } from '../../config/config';
import { ormOptions, type Orm } from '../../db/orm';
import { seedOpen311DemoKey } from '../../db/seed/seed-open311-demo-key';
import { runCaseAction } from '../../services/cases/run-case-action';
import { eventually, startTestApp, type TestApp } from '../support/integration';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'open311');
const loadSchema = (file: string): AnySchema =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

/**
 * The official GeoReport v2 schemas are Swagger 2.0 / JSON Schema draft-04 documents (no `$schema`;
 * the upstream validator used a draft-04 library), so they are compiled with Ajv's draft-04 class.
 */
function officialValidators() {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  // Swagger's own "uid" format has no definition anywhere: any string passes.
  ajv.addFormat('uid', true);
  ajv.addSchema(loadSchema('service.json'), 'service.json');
  ajv.addSchema(loadSchema('request.json'), 'request.json');
  const swagger = loadSchema('swagger.json') as { definitions: Record<string, AnySchema> };
  return {
    services: ajv.compile(loadSchema('services.json')),
    serviceDefinition: ajv.compile(loadSchema('service-definition.json')),
    requests: ajv.compile(loadSchema('requests.json')),
    created: ajv.compile({ type: 'array', minItems: 1, items: swagger.definitions.RequestResponse }),
    token: ajv.compile({ type: 'array', minItems: 1, items: swagger.definitions.TokenResponse }),
    // Neither has an official schema: these follow the spec's text (discovery) and error example.
    discovery: ajv.compile({
      type: 'object',
      required: ['changeset', 'contact', 'key_service', 'endpoints'],
      properties: {
        changeset: { type: 'string', format: 'date-time' },
        contact: { type: 'string' },
        key_service: { type: 'string' },
        endpoints: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['specification', 'url', 'changeset', 'type', 'formats'],
            properties: {
              specification: { type: 'string', format: 'uri' },
              url: { type: 'string', format: 'uri' },
              changeset: { type: 'string', format: 'date-time' },
              type: { enum: ['production', 'test'] },
              formats: { type: 'array', items: { enum: ['text/xml', 'application/json'] } },
            },
          },
        },
      },
    }),
    errors: ajv.compile({
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['code', 'description'],
        additionalProperties: false,
        properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
      },
    }),
  };
}
const schemas = officialValidators();

function expectValid(validate: ValidateFunction, body: unknown): void {
  const ok = validate(body);
  if (!ok) throw new Error(`schema violations: ${JSON.stringify(validate.errors, null, 2)}`);
}

interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const xmlParser = new XMLParser({
  // Character references (&#13; for a CR the writer must not let the parser normalise) decode as
  // an XML parser decodes them.
  htmlEntities: true,
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
});

function toElements(nodes: unknown): XmlElement[] {
  if (!Array.isArray(nodes)) throw new Error('unexpected parser output');
  const elements: XmlElement[] = [];
  for (const node of nodes as Record<string, unknown>[]) {
    for (const [name, value] of Object.entries(node)) {
      if (name === '#text' || name === ':@' || name === '?xml') continue;
      const children = value as Record<string, unknown>[];
      elements.push({
        name,
        children: toElements(children),
        text: children.map((child) => (typeof child['#text'] === 'string' ? child['#text'] : '')).join(''),
      });
    }
  }
  return elements;
}

/** The one root element of a well-formed document served as XML. */
function parseXml(response: LightMyRequestResponse): XmlElement {
  expect(response.headers['content-type']).toMatch(/^text\/xml; charset=utf-8/);
  expect(response.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(XMLValidator.validate(response.body)).toBe(true);
  const roots = toElements(xmlParser.parse(response.body));
  expect(roots).toHaveLength(1);
  return roots[0];
}

/** The spec's lists and the element name of their items. */
const XML_LISTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

type Plain = string | Plain[] | { fields: [string, Plain][] };

/** An element as the JSON it mirrors: lists by item name, objects as ordered fields, leaves as text. */
function xmlPlain(element: XmlElement): Plain {
  const itemName = XML_LISTS[element.name];
  if (itemName) {
    for (const child of element.children) expect(child.name).toBe(itemName);
    return element.children.map(xmlPlain);
  }
  if (element.children.length) return { fields: element.children.map((c) => [c.name, xmlPlain(c)]) };
  return element.text;
}

/** JSON as the XML should carry it: null as an empty element, numbers and booleans as text. */
function jsonPlain(value: unknown): Plain {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(jsonPlain);
  if (typeof value === 'object') {
    return { fields: Object.entries(value).map(([key, child]) => [key, jsonPlain(child)]) };
  }
  return String(value);
}

const DEMO_KEY = 'demo-key-for-open311-tests';

describe('Open311 GeoReport v2', () => {
  const run = randomUUID().slice(0, 8);
  let fixture: TestApp;
  let config: Config;
  let orm: Orm;
  let app: FastifyInstance;
  let temporal: Client;

  beforeAll(async () => {
    fixture = await startTestApp({ worker: true });
    ({ config, orm, app, temporal } = fixture);
    await seedOpen311DemoKey(orm, DEMO_KEY);
  });

  afterAll(async () => {
    await fixture.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url: `/open311/v2${url}` });

  function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return app.inject({
      method: 'POST',
      url: `/open311/v2${url}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(fields).toString(),
    });
  }

  const pothole = (extra: Record<string, string> = {}) => ({
    api_key: DEMO_KEY,
    service_code: 'POTHOLE',
    // Far from the other suites' cases: the workflow flags open cases of the same event nearby.
    lat: '52.1961',
    long: '21.1702',
    description: `Dziura w jezdni, prawy pas (${run})`,
    ...extra,
  });

  async function file(
    fields: Record<string, string>,
  ): Promise<{ id: string; token: string; notice: string }> {
    const response = await postForm('/requests.json', fields);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expectValid(schemas.created, body);
    return { id: body[0].service_request_id, token: body[0].token, notice: body[0].service_notice };
  }

  /**
   * JSON and XML of one resource: the JSON valid against its schema, the XML its mirror. Workflows
   * keep moving cases between the two reads, so the pair counts only when the JSON read after the
   * XML is the same as before it.
   */
  async function both(url: string, validate: ValidateFunction, root: string, query = '') {
    const { json, xml } = await eventually(
      async () => {
        const first = await get(`${url}.json${query}`);
        const asXml = await get(`${url}.xml${query}`);
        const again = await get(`${url}.json${query}`);
        return again.body === first.body && { json: first, xml: asXml };
      },
      { what: `the same ${url} in JSON before and after the XML` },
    );
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expectValid(validate, json.json());
    expect(xml.statusCode).toBe(200);
    const element = parseXml(xml);
    expect(element.name).toBe(root);
    expect(xmlPlain(element)).toEqual(jsonPlain(json.json()));
    return json.json();
  }

  /** An error answer in the spec's shape, in the format the path asked for. */
  function expectErrors(response: LightMyRequestResponse, status: number, pattern?: RegExp): string[] {
    expect(response.statusCode).toBe(status);
    if (response.headers['content-type']?.toString().startsWith('text/xml')) {
      const root = parseXml(response);
      expect(root.name).toBe('errors');
      const errors = xmlPlain(root) as { fields: [string, Plain][] }[];
      expect(errors.length).toBeGreaterThan(0);
      const descriptions = errors.map((error) => {
        expect(error.fields.map(([name]) => name)).toEqual(['code', 'description']);
        expect(error.fields[0][1]).toBe(String(status));
        return error.fields[1][1] as string;
      });
      if (pattern) expect(descriptions.join('\n')).toMatch(pattern);
      return descriptions;
    }
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.json();
    expectValid(schemas.errors, body);
    for (const error of body) expect(error.code).toBe(status);
    const descriptions = body.map((error: { description: string }) => error.description);
    if (pattern) expect(descriptions.join('\n')).toMatch(pattern);
    return descriptions;
  }

  describe('discovery and services', () => {
    it('describes the endpoint in the discovery document', async () => {
      const discovery = await both('/discovery', schemas.discovery, 'discovery');
      expect(discovery.endpoints[0]).toMatchObject({
        url: `${config.http.publicUrl}/open311/v2`,
        specification: 'http://wiki.open311.org/GeoReport_v2',
        type: 'test',
      });
    });

    it('lists the active taxonomy events as services, with Polish names and English descriptions', async () => {
      const services = await both('/services', schemas.services, 'services');
      expect(services.find((s: { service_code: string }) => s.service_code === 'POTHOLE')).toEqual({
        service_code: 'POTHOLE',
        service_name: 'Dziura w jezdni',
        description: 'Pothole in the road',
        metadata: true,
        type: 'realtime',
        keywords: null,
        group: 'Drogi',
      });
    });

    it('defines the district attribute of a service with the districts as values', async () => {
      const definition = await both('/services/SIDEWALK', schemas.serviceDefinition, 'service_definition');
      expect(definition.service_code).toBe('SIDEWALK');
      expect(definition.attributes).toHaveLength(2);
      expect(definition.attributes[0]).toMatchObject({
        code: 'DISTRICT',
        datatype: 'singlevaluelist',
        required: false,
        variable: true,
      });
      expect(definition.attributes[0].values).toContainEqual({ key: 'MOKOTOW', name: 'Mokotów' });
      // The city's extension: the resident's consent to publish the description, off by default.
      expect(definition.attributes[1]).toMatchObject({
        code: 'PUBLICATION_CONSENT',
        datatype: 'singlevaluelist',
        required: false,
      });
      expect(definition.attributes[1].values.map((v: { key: string }) => v.key)).toEqual(['true', 'false']);
    });

    it('answers an unknown service with a 404 in the format asked for', async () => {
      expectErrors(await get('/services/NO_SUCH_SERVICE.json'), 404, /NO_SUCH_SERVICE/);
      expectErrors(await get('/services/NO_SUCH_SERVICE.xml'), 404, /NO_SUCH_SERVICE/);
    });
  });

  describe('filing a service request', () => {
    it('files a case with the demo key, starts its workflow and routes it', async () => {
      const before = new Date();
      const created = await file(
        pothole({ email: 'filer@example.org', first_name: 'Jan', last_name: 'Kowal' }),
      );
      expect(created.id).toMatch(/^\d{6}\/\d{2}$/);
      expect(created.notice).toContain('72 h');

      const row = await eventually(
        async () => {
          const found = await orm.em.fork().findOne(Case, { number: created.id });
          return found?.status === 'FORWARDED' && found;
        },
        { what: 'the Open311 case to be forwarded' },
      );
      // The token names the case without its internal id, which never leaves the back office.
      expect(created.token).not.toContain(row.id);
      expect(row).toMatchObject({
        channel: 'OPEN311',
        kind: 'INCIDENT',
        eventCode: 'POTHOLE',
        unitCode: 'ZDM',
        contactEmail: 'filer@example.org',
        contactName: 'Jan Kowal',
      });
      expect(row.workflowStartedAt).toBeInstanceOf(Date);

      const [client] = await orm.em
        .fork()
        .execute<{ last_used_at: string }[]>('select last_used_at from open311_clients where name = ?', [
          'Demo client',
        ]);
      expect(new Date(client.last_used_at).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);

      const request = await eventually(async () => {
        const [item] = (await get(`/requests/${encodeURIComponent(created.id)}.json`)).json();
        return item.expected_datetime && item;
      });
      expect(request).toMatchObject({
        service_request_id: created.id,
        status: 'open',
        service_code: 'POTHOLE',
        service_name: 'Dziura w jezdni',
        agency_responsible: 'Zarząd Dróg Miejskich',
        lat: 52.1961,
        long: 21.1702,
      });
      expect(new Date(request.expected_datetime).getTime()).toBeGreaterThan(before.getTime());
    });

    it('routes a district-office service by the DISTRICT attribute', async () => {
      const created = await file({
        api_key: DEMO_KEY,
        service_code: 'SIDEWALK',
        address_string: 'ul. Puławska 100',
        'attribute[DISTRICT]': 'MOKOTOW',
        description: `Płyty chodnika się ruszają (${run})`,
      });
      const row = await eventually(async () => {
        const found = await orm.em.fork().findOne(Case, { number: created.id });
        return found?.status === 'FORWARDED' && found;
      });
      expect(row).toMatchObject({ district: 'Mokotów', unitCode: 'UD-MOKOTOW', street: 'ul. Puławska 100' });
      const [stored] = await orm.em
        .fork()
        .execute<{ attributes: Record<string, string[]> }[]>(
          'select attributes from open311_requests where case_id = ?',
          [row.id],
        );
      expect(stored.attributes).toEqual({ DISTRICT: ['MOKOTOW'] });
    });

    it('takes JSON bodies and the district by name, and answers in XML', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/open311/v2/requests.xml',
        payload: {
          api_key: DEMO_KEY,
          service_code: 'SIDEWALK',
          lat: 52.2821,
          long: 20.9602,
          // The resident agreed to publish what they sent: the picture is shown with the request.
          attribute: { DISTRICT: 'Żoliborz', PUBLICATION_CONSENT: 'true' },
          media_url: 'https://photos.example.org/chodnik.jpg',
        },
      });
      expect(response.statusCode).toBe(200);
      const root = parseXml(response);
      expect(root.name).toBe('service_requests');
      const [request] = xmlPlain(root) as { fields: [string, Plain][] }[];
      expect(request.fields.map(([name]) => name)).toEqual(['service_request_id', 'token', 'service_notice']);
      const id = request.fields[0][1] as string;
      const [item] = await both(`/requests/${id.replace('/', '-')}`, schemas.requests, 'service_requests');
      expect(item).toMatchObject({
        service_request_id: id,
        description: null,
        media_url: 'https://photos.example.org/chodnik.jpg',
      });
      expect(item.address).toBe('Żoliborz');
    });

    it('returns the same service request when an Idempotency-Key is replayed, in the language asked for', async () => {
      const key = `open311-${run}-replay`;
      const fields = pothole({ description: `Powtórzone zgłoszenie (${run})` });
      const headers = { 'idempotency-key': key, 'accept-language': 'en-GB,en;q=0.8' };
      const first = await postForm('/requests.json', fields, headers);
      const second = await postForm('/requests.json', fields, headers);
      expect(first.statusCode).toBe(200);
      expect(second.json()).toEqual(first.json());
      const row = await orm.em.fork().findOneOrFail(Case, { number: first.json()[0].service_request_id });
      // The resident asked for English: the city's e-mails about the case follow.
      expect(row.language).toBe('en');
    });

    it('refuses a missing, wrong or deactivated api_key with a 403', async () => {
      const { api_key: _key, ...withoutKey } = pothole();
      expectErrors(await postForm('/requests.json', withoutKey), 403, /api_key is required/);
      expectErrors(
        await postForm('/requests.xml', pothole({ api_key: 'not-a-key' })),
        403,
        /api_key is not valid/,
      );
      // The key is checked first: a client without one learns nothing about its body.
      expectErrors(await postForm('/requests.json', { service_code: 'NOPE' }), 403);

      const issued = await issueOpen311Client(orm, `Retired client ${run}`);
      expect((await postForm('/requests.json', pothole({ api_key: issued.apiKey }))).statusCode).toBe(200);
      await orm.em
        .fork()
        .execute('update open311_clients set active = false where id = ?', [issued.id], 'run');
      expectErrors(await postForm('/requests.json', pothole({ api_key: issued.apiKey })), 403);
    });

    it('answers an unknown service with a 400 in the format asked for, and files nothing', async () => {
      const before = await orm.em.fork().count(Case, {});
      expectErrors(
        await postForm('/requests.json', pothole({ service_code: 'NO_SUCH_SERVICE' })),
        400,
        /service_code: NO_SUCH_SERVICE is not a service/,
      );
      expectErrors(await postForm('/requests.xml', pothole({ service_code: 'NO_SUCH_SERVICE' })), 400);
      expect(await orm.em.fork().count(Case, {})).toBe(before);
    });

    it('explains every problem of a bad request at once', async () => {
      const descriptions = expectErrors(
        await postForm('/requests.json', {
          api_key: DEMO_KEY,
          service_code: 'POTHOLE',
          lat: '52.2',
          email: 'not-an-email',
        }),
        400,
      );
      expect(descriptions).toContain('email: must be an e-mail address');

      const location = expectErrors(
        await postForm('/requests.json', { api_key: DEMO_KEY, service_code: 'POTHOLE', lat: '52.2' }),
        400,
      );
      expect(location).toEqual([
        'long: lat and long go together',
        'address_string: a location is required: lat and long, or address_string',
      ]);
      expectErrors(
        await postForm('/requests.json', { api_key: DEMO_KEY, service_code: 'POTHOLE', address_id: '123' }),
        400,
        /address_id is not supported/,
      );
      expectErrors(await postForm('/requests.json', pothole({ lat: 'north' })), 400, /lat: must be a number/);
      expectErrors(await postForm('/requests.json', pothole({ lat: '95' })), 400, /lat/);
      expectErrors(
        await postForm('/requests.json', pothole({ description: 'x'.repeat(4001) })),
        400,
        /description/,
      );
      expectErrors(
        await postForm('/requests.xml', pothole({ 'attribute[DISTRICT]': 'Atlantyda' })),
        400,
        /attribute\[DISTRICT\]: "Atlantyda" is not one of its values/,
      );
      expectErrors(
        await postForm('/requests.json', pothole({ 'attribute[COLOUR]': 'red' })),
        400,
        /attribute\[COLOUR\]: not an attribute of service POTHOLE/,
      );
      expectErrors(
        await postForm('/requests.json', pothole({ media_url: 'javascript:alert(1)' })),
        400,
        /media_url/,
      );
    });

    it('answers malformed bodies and unknown media types in the spec shape', async () => {
      const broken = await app.inject({
        method: 'POST',
        url: '/open311/v2/requests.xml',
        headers: { 'content-type': 'application/json' },
        payload: '{"api_key":',
      });
      expectErrors(broken, 400);
      const text = await app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/xml' },
        payload: '<api_key>x</api_key>',
      });
      expectErrors(text, 415);
    });
  });

  describe('reading service requests', () => {
    let open: string;
    let closed: string;

    beforeAll(async () => {
      open = (await file(pothole({ description: `Otwarta sprawa (${run})` }))).id;
      const closing = await file({
        api_key: DEMO_KEY,
        service_code: 'STREETLIGHT_OUT',
        lat: '52.1902',
        long: '21.1781',
        description: `Nie świeci latarnia (${run})`,
      });
      closed = closing.id;
      await eventually(async () => {
        const row = await orm.em.fork().findOne(Case, { number: closed });
        return row?.status === 'FORWARDED';
      });
      const [closingRow] = await orm.em
        .fork()
        .execute<{ id: string }[]>('select id from cases where number = ?', [closing.id]);
      await runCaseAction(temporal, closingRow.id, {
        action: 'resolve',
        actor: { id: 'clerk-open311-test', name: 'Clerk', role: 'CLERK', unitCode: null },
        input: { note: 'Wymieniono żarówkę.' },
      });
      await eventually(async () => {
        const row = await orm.em.fork().findOne(Case, { number: closed });
        return row?.status === 'RESOLVED';
      });
    });

    it('shows one request by its number, with a slash or a dash, and 404 for an unknown one', async () => {
      const [item] = await both(
        `/requests/${closed.replace('/', '-')}`,
        schemas.requests,
        'service_requests',
      );
      expect(item).toMatchObject({
        service_request_id: closed,
        status: 'closed',
        // The city's fixed words for the status: the unit's note was written to the resident.
        status_notes: PUBLIC_STATUS_TEXTS.RESOLVED.description,
        service_code: 'STREETLIGHT_OUT',
      });
      const slashed = await get(`/requests/${encodeURIComponent(closed)}.json`);
      expect(slashed.json()).toEqual([item]);
      expectErrors(await get('/requests/999999-99.json'), 404, /999999-99/);
      expectErrors(await get('/requests/not-a-number.xml'), 404);
    });

    it('lists the last 90 days newest first by default', async () => {
      const list = await both('/requests', schemas.requests, 'service_requests');
      const ids = list.map((item: { service_request_id: string }) => item.service_request_id);
      expect(ids).toEqual(expect.arrayContaining([open, closed]));
      const times = list.map((item: { requested_datetime: string }) => Date.parse(item.requested_datetime));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(list.length).toBeLessThanOrEqual(1000);
    });

    it('filters by status and service code', async () => {
      const closedOnly = await both('/requests', schemas.requests, 'service_requests', '?status=closed');
      expect(closedOnly.map((i: { service_request_id: string }) => i.service_request_id)).toContain(closed);
      expect(closedOnly.every((i: { status: string }) => i.status === 'closed')).toBe(true);

      const anyStatus = (await get('/requests.json?status=open&status=closed')).json();
      expect(anyStatus.map((i: { service_request_id: string }) => i.service_request_id)).toEqual(
        expect.arrayContaining([open, closed]),
      );
      const openOnly = (await get('/requests.json?status=open')).json();
      expectValid(schemas.requests, openOnly);
      const openIds = openOnly.map((i: { service_request_id: string }) => i.service_request_id);
      expect(openIds).toContain(open);
      expect(openIds).not.toContain(closed);

      const lights = (await get('/requests.json?service_code=STREETLIGHT_OUT')).json();
      expectValid(schemas.requests, lights);
      expect(lights.every((i: { service_code: string }) => i.service_code === 'STREETLIGHT_OUT')).toBe(true);
      expect(lights.map((i: { service_request_id: string }) => i.service_request_id)).toContain(closed);
    });

    it('takes a comma list of ids that overrides every other filter', async () => {
      const ids = `${open},${closed.replace('/', '-')},999999/99`;
      const list = await both(
        '/requests',
        schemas.requests,
        'service_requests',
        `?service_request_id=${encodeURIComponent(ids)}` +
          '&start_date=2001-01-01T00:00:00Z&end_date=2001-01-02T00:00:00Z&status=closed',
      );
      expect(list.map((i: { service_request_id: string }) => i.service_request_id).sort()).toEqual(
        [open, closed].sort(),
      );
    });

    it('finds the requests of a window and nothing outside it', async () => {
      const now = Date.now();
      const window = `start_date=${new Date(now - 3600_000).toISOString()}&end_date=${new Date(now + 60_000).toISOString()}`;
      const recent = (await get(`/requests.json?${window}`)).json();
      expectValid(schemas.requests, recent);
      expect(recent.map((i: { service_request_id: string }) => i.service_request_id)).toContain(open);

      const empty = await get(
        '/requests.json?start_date=2001-01-01T00:00:00Z&end_date=2001-03-01T00:00:00%2B01:00',
      );
      expect(empty.json()).toEqual([]);
      expectValid(schemas.requests, empty.json());
      const emptyXml = parseXml(await get('/requests.xml?start_date=2001-01-01T00:00:00Z'));
      expect(emptyXml).toEqual({ name: 'service_requests', children: [], text: '' });
    });

    it('refuses a window longer than 90 days and other bad filters with a 400', async () => {
      const long = 'start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z';
      expectErrors(await get(`/requests.json?${long}`), 400, /at most 90 days/);
      expectErrors(await get(`/requests.xml?${long}`), 400, /at most 90 days/);
      expectErrors(
        await get('/requests.json?start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:00:00Z'),
        400,
        /before start_date/,
      );
      expectErrors(await get('/requests.json?start_date=yesterday'), 400, /start_date/);
      expectErrors(await get('/requests.xml?status=pending'), 400, /must be open or closed/);
    });

    it('never shows contact data, not even what a resident typed into the description', async () => {
      const planted = {
        email: `planted-${run}@example.org`,
        phone: '+48 601 234 567',
        first_name: `Plantedfirst${run}`,
        last_name: `Plantedlast${run}`,
        description: `Proszę o kontakt: typed-${run}@example.org, tel. 602-345-678 (${run})`,
        // Published only because the resident agreed; contact data goes even then.
        'attribute[PUBLICATION_CONSENT]': 'true',
      };
      const created = await file(pothole(planted));
      const urls = [
        `/requests/${created.id.replace('/', '-')}.json`,
        `/requests/${created.id.replace('/', '-')}.xml`,
        '/requests.json',
        '/requests.xml',
        `/requests.json?service_request_id=${encodeURIComponent(created.id)}`,
      ];
      for (const url of urls) {
        const body = (await get(url)).body;
        expect(body).toContain(run);
        for (const secret of [
          planted.email,
          `typed-${run}@example.org`,
          '601 234 567',
          '602-345-678',
          planted.first_name,
          planted.last_name,
        ]) {
          expect(body).not.toContain(secret);
        }
      }
      const [item] = (await get(`/requests/${created.id.replace('/', '-')}.json`)).json();
      expect(item.description).toBe(`Proszę o kontakt: [e-mail], tel. [telefon] (${run})`);
      expect(Object.values(PUBLIC_STATUS_TEXTS).map((text) => text.description)).toContain(item.status_notes);
    });

    it('escapes markup and drops characters XML cannot carry', async () => {
      const description = `Dziura <b>"duża"</b> & 'głęboka' ]]> \u0001(${run})\r\nprzy krawężniku`;
      // Refused at the door (control characters never enter through the API)...
      const refused = await postForm('/requests.json', pothole({ description }));
      expectErrors(refused, 400, /description: must not contain control characters/);
      // ...and dropped on the way out when one is in the table anyway (imported, older data).
      const created = await file(
        pothole({ description: description.replace('\u0001', ''), 'attribute[PUBLICATION_CONSENT]': 'true' }),
      );
      await fixture.orm.em
        .fork()
        .execute(`update cases set description = ? where number = ?`, [description, created.id]);
      const xml = await get(`/requests/${created.id.replace('/', '-')}.xml`);
      expect(xml.body).toContain('&lt;b&gt;&quot;duża&quot;&lt;/b&gt; &amp; &apos;głęboka&apos; ]]&gt;');
      const [request] = (xmlPlain(parseXml(xml)) as { fields: [string, Plain][] }[]) ?? [];
      const text = request.fields.find(([name]) => name === 'description')?.[1];
      expect(text).toBe(description.replace('\u0001', ''));
      expect(escapeXmlText('a\u0000b\uFFFEc')).toBe('abc');
      expect(escapeXmlText('a\r\nb')).toBe('a&#13;\nb');
    });

    it('resolves a token to its service request id', async () => {
      const created = await file(pothole());
      const [answer] = await both(`/tokens/${created.token}`, schemas.token, 'service_requests');
      expect(answer).toEqual({ service_request_id: created.id, token: created.token });
      expectErrors(await get(`/tokens/${randomUUID()}.json`), 404);
      expectErrors(await get('/tokens/not-a-token.xml'), 404);
    });
  });

  describe('paths', () => {
    it('answers unknown paths, paths without a format and unknown formats in the spec shape', async () => {
      expectErrors(await get('/nothing-here.json'), 404);
      expectErrors(await get('/nothing-here.xml'), 404);
      expectErrors(await get('/services'), 404, /end in \.json or \.xml/);
      expectErrors(await get('/services.html'), 400, /format: must be json or xml/);
      expectErrors(await app.inject({ method: 'DELETE', url: '/open311/v2/services.xml' }), 404);
    });
  });

  describe('client keys', () => {
    it('seeds the demo client once, and moves it to a new demo key', async () => {
      expect(await seedOpen311DemoKey(orm, DEMO_KEY)).toEqual({ created: false });
      const rows = async () =>
        orm.em.fork().execute<{ id: string }[]>("select id from open311_clients where name = 'Demo client'");
      const [demo] = await rows();
      const rotated = `${DEMO_KEY}-rotated`;
      expect(await seedOpen311DemoKey(orm, rotated)).toEqual({ created: false });
      expect(await rows()).toEqual([demo]);
      expect((await postForm('/requests.json', pothole({ api_key: rotated }))).statusCode).toBe(200);
      expectErrors(await postForm('/requests.json', pothole()), 403);
      await seedOpen311DemoKey(orm, DEMO_KEY);
      expect((await postForm('/requests.json', pothole())).statusCode).toBe(200);
    });

    it('maps the tables through the Open311 entities, never exposing the key hash', async () => {
      const withOpen311 = MikroORM.initSync<PostgreSqlDriver>({
        ...ormOptions(config.database.url!),
        entities: [...new Set([...entities, Open311Client, Open311Request])],
      });
      try {
        const em = withOpen311.em.fork();
        const demo = await em.findOneOrFail(Open311Client, { name: 'Demo client' });
        expect(demo.apiKeyHash).toMatch(/^[0-9a-f]{64}$/);
        expect(demo.lastUsedAt).toBeInstanceOf(Date);
        expect(JSON.stringify(demo)).not.toContain(demo.apiKeyHash);
        const filed = await em.find(Open311Request, { clientId: demo.id }, { limit: 1 });
        expect(filed[0]?.attributes).toBeDefined();
      } finally {
        await withOpen311.close();
      }
    });
  });
});
