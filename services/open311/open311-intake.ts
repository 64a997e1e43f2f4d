import { AppError, type FieldProblem } from '../../domain/errors';
import { acceptCase, type AcceptedCase } from '../cases/accept-case';
import { caseSettings } from '../cases/start-case-workflow';
import type { ServiceDeps } from '../service-deps';
import { sealCaseReference } from '../cases/public-references';
import type { Open311ClientRef } from './open311-keys';
import {
  collectAttributes,
  findService,
  resolveAttributes,
  serviceAttributes,
  serviceNotice,
} from './open311-services';

/** A POST /requests as the schema parsed it (api/open311/open311.schemas.ts): blank fields are undefined. */
export interface ServiceRequestInput {
  api_key?: string;
  jurisdiction_id?: string;
  service_code: string;
  lat?: number;
  long?: number;
  address_string?: string;
  address_id?: string;
  email?: string;
  device_id?: string;
  account_id?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  description?: string;
  media_url?: string;
  /** `attribute[CODE]` fields, or an `attribute` object. */
  [field: string]: unknown;
}

/** The answer to a filed request. */
export type CreatedServiceRequest = {
  service_request_id: string;
  token: string;
  service_notice: string;
};

/** Native field names in the intake's refusals, as an Open311 client knows them. */
const OPEN311_FIELD: Record<string, string> = {
  eventCode: 'service_code',
  district: 'attribute[DISTRICT]',
  contact: 'email',
};

/**
 * Files an Open311 service request as an incident case of the OPEN311 channel. Everything wrong
 * with the request is reported at once, as Open311 400s; the case is numbered and its workflow
 * started by the common intake, so the id comes back at once.
 */
export async function fileServiceRequest(
  deps: Pick<ServiceDeps, 'orm' | 'temporal' | 'config'>,
  client: Open311ClientRef,
  request: ServiceRequestInput,
  options: { idempotencyKey?: string; language: 'pl' | 'en' },
): Promise<CreatedServiceRequest> {
  const { api_key: _key, ...body } = request;
  const em = deps.orm.em.fork();
  const problems: FieldProblem[] = [];

  if ((body.lat === undefined) !== (body.long === undefined)) {
    problems.push({ field: body.lat === undefined ? 'lat' : 'long', message: 'lat and long go together' });
  }
  const hasPoint = body.lat !== undefined && body.long !== undefined;
  if (!hasPoint && !body.address_string) {
    problems.push({
      field: 'address_string',
      message: body.address_id
        ? 'address_id is not supported here: send lat and long, or address_string'
        : 'a location is required: lat and long, or address_string',
    });
  }
  const event = await findService(em, body.service_code);
  if (!event) {
    problems.push({ field: 'service_code', message: `${body.service_code} is not a service of this city` });
  } else if (event.requiresDescription && !body.description) {
    problems.push({ field: 'description', message: `is required for service ${event.code}` });
  }
  const collected = collectAttributes(body);
  const resolved = resolveAttributes(body.service_code, collected.attributes, await serviceAttributes(em));
  problems.push(...collected.problems, ...resolved.problems);
  if (!event || problems.length) {
    throw new AppError('VALIDATION_FAILED', 'Invalid service request', { fields: problems });
  }

  let accepted: AcceptedCase;
  try {
    accepted = await acceptCase(
      {
        orm: deps.orm,
        temporal: deps.temporal,
        taskQueue: deps.config.temporal.taskQueue,
        settings: caseSettings(deps.config),
      },
      {
        kind: 'INCIDENT',
        channel: 'OPEN311',
        eventCode: event.code,
        description: body.description ?? '',
        district: resolved.district,
        lat: hasPoint ? (body.lat ?? null) : null,
        lon: hasPoint ? (body.long ?? null) : null,
        street: body.address_string ?? null,
        building: null,
        contact: {
          name: [body.first_name, body.last_name].filter(Boolean).join(' ') || null,
          email: body.email ?? null,
          phone: body.phone ?? null,
        },
        language: options.language,
        publicationConsent: resolved.publicationConsent,
      },
      {
        // Scoped to the client: one client's key can never replay another client's request.
        idempotencyKey: options.idempotencyKey && `open311:${client.id}:${options.idempotencyKey}`,
        hashOf: body,
      },
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNPROCESSABLE') {
      throw new AppError('VALIDATION_FAILED', error.message, {
        fields: (error.details.fields ?? []).map((f) => ({ ...f, field: OPEN311_FIELD[f.field] ?? f.field })),
      });
    }
    throw error;
  }
  // A replay finds the row of the first request: the first client and media stay recorded.
  await em.execute(
    `insert into open311_requests (case_id, client_id, media_url, attributes) values (?, ?, ?, ?::jsonb)
     on conflict (case_id) do nothing`,
    [accepted.row.id, client.id, body.media_url ?? null, JSON.stringify(resolved.stored)],
    'run',
  );
  return {
    service_request_id: accepted.row.number,
    // The id is known at once; tokens/{token} still resolves the token for clients that poll.
    token: sealCaseReference(deps.config.secret, 'open311-token', accepted.row.id),
    service_notice: serviceNotice(event),
  };
}
