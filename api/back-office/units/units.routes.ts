import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { District, Unit } from '../../../db/entities';
import { AppError, type FieldProblem } from '../../../domain/errors';
import { DISTRICT_OFFICE } from '../../../domain/routing/route-case';
import { webhookUrlProblem } from '../../../services/units/webhook-address';
import type { AppDeps } from '../../app';
import { requireRole } from '../../auth/authenticate';
import {
  changedFields,
  conflict,
  pageOptions,
  recordConfigChange,
  refuseDuplicates,
  unprocessable,
} from '../configuration';
import { contentRange, listQuerySchema } from '../list-query';

const unitRecord = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  district: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  /** The unit's system takes cases through the connector: a webhook URL and a secret to sign with. */
  hasConnector: z.boolean(),
  /** Shown to administrators only; the secret itself is never shown to anyone. */
  webhookUrl: z.string().nullable(),
  hasWebhookSecret: z.boolean(),
});

const toRecord = (unit: Unit, showWebhook: boolean) => ({
  id: unit.code,
  code: unit.code,
  name: unit.name,
  nameEn: unit.nameEn,
  district: unit.district ?? null,
  email: unit.email ?? null,
  active: unit.active,
  hasConnector: Boolean(unit.webhookUrl && unit.webhookSecret),
  webhookUrl: showWebhook ? (unit.webhookUrl ?? null) : null,
  hasWebhookSecret: Boolean(unit.webhookSecret),
});

type UnitFields = {
  name: string;
  nameEn: string;
  district: string | null;
  email: string | null;
  active: boolean;
  webhookUrl: string | null;
  webhookSecret: string | null;
};

const auditable = (unit: Unit): UnitFields => ({
  name: unit.name,
  nameEn: unit.nameEn,
  district: unit.district ?? null,
  email: unit.email ?? null,
  active: unit.active,
  webhookUrl: unit.webhookUrl ?? null,
  webhookSecret: unit.webhookSecret ?? null,
});

const emptyToNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    schema.nullable(),
  );

const webhookUrl = emptyToNull(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048));

const unitFields = {
  name: z.string().trim().min(1, 'is required').max(255),
  nameEn: z.string().trim().min(1, 'is required').max(255),
  /** Set for a district office: cases routed to `UD` in this district go to it. */
  district: emptyToNull(z.string().trim().max(100)),
  email: emptyToNull(z.email('must be an e-mail address').max(255)),
  active: z.boolean(),
  webhookUrl,
  /** Write-only: a new secret replaces the old one; absent or empty keeps it. */
  webhookSecret: emptyToNull(z.string().min(16, 'must be at least 16 characters').max(255)),
  /** Removes the secret (and with it the connector). */
  clearWebhookSecret: z.boolean(),
};

const createUnitBody = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(
        /^[A-Z][A-Z0-9-]{1,63}$/,
        '2 to 64 characters: capital letters, digits and -, starting with a letter',
      )
      .refine(
        (code) => code !== DISTRICT_OFFICE,
        `${DISTRICT_OFFICE} stands for "the district office" in rules`,
      ),
    ...unitFields,
    district: unitFields.district.default(null),
    email: unitFields.email.default(null),
    active: unitFields.active.default(true),
    webhookUrl: unitFields.webhookUrl.default(null),
    webhookSecret: unitFields.webhookSecret.default(null),
  })
  .omit({ clearWebhookSecret: true })
  .strict();

/** react-admin sends the whole record back: code and derived fields are ignored. */
const updateUnitBody = z.object(unitFields).partial();

/** The entity types its hidden secret as never null; the column is nullable (no connector). */
const storedFields = ({ webhookSecret, ...fields }: UnitFields) => ({
  ...fields,
  webhookSecret: webhookSecret as Unit['webhookSecret'],
});

async function unitProblems(
  em: EntityManager,
  unit: UnitFields,
  code: string,
  previous: UnitFields | null,
  allowedWebhookHosts: readonly string[],
) {
  const problems: FieldProblem[] = [];
  if (unit.webhookUrl && unit.webhookUrl !== previous?.webhookUrl) {
    const problem = await webhookUrlProblem(unit.webhookUrl, allowedWebhookHosts);
    if (problem) problems.push({ field: 'webhookUrl', message: problem });
  }
  if (unit.district !== null && unit.district !== previous?.district) {
    if (!(await em.count(District, { name: unit.district }))) {
      problems.push({ field: 'district', message: `unknown district "${unit.district}"` });
    }
  }
  if (unit.webhookUrl && !unit.webhookSecret) {
    problems.push({
      field: 'webhookSecret',
      message: "a webhook needs a secret to sign the unit system's requests",
    });
  }
  // `UD` routes to the one active unit of the district: a second one would make that a guess.
  if (unit.active && unit.district !== null) {
    const office = await em.findOne(Unit, { district: unit.district, active: true, code: { $ne: code } });
    if (office) {
      problems.push({
        field: 'district',
        message: `${office.code} is already the active district office of ${unit.district}`,
      });
    }
  }
  return problems;
}

/** The city's units, as react-admin lists them (the id is the unit's code); administrators edit them. */
export const unitRoutes: (deps: AppDeps) => FastifyPluginAsyncZod = (deps) => async (app) => {
  // Everyone in the back office reads units: the case screens name and choose them.
  const staff = requireRole(deps, 'ADMIN', 'CLERK', 'MANAGER', 'UNIT_STAFF');
  const admin = requireRole(deps, 'ADMIN');
  const security = [{ bearerAuth: [] }];
  const tags = ['back office'];
  const config = { validationStatus: 422 as const };

  const findUnit = async (em: EntityManager, code: string) => {
    const unit = await em.findOne(Unit, { code });
    if (!unit) throw new AppError('NOT_FOUND', `No unit ${code}`);
    return unit;
  };

  app.get(
    '/units',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: 'List units',
        security,
        querystring: listQuerySchema(['id', 'code', 'name', 'nameEn', 'district', 'active'] as const, {
          id: z.array(z.string().max(64)).max(500).optional(),
          active: z.boolean().optional(),
          district: z.string().max(100).optional(),
          hasConnector: z.boolean().optional(),
          q: z.string().trim().max(100).optional(),
        }),
        response: { 200: z.array(unitRecord) },
      },
    },
    async (request, reply) => {
      const { filter = {} } = request.query;
      const where: Record<string, unknown> = {};
      if (filter.id) where.code = { $in: filter.id };
      if (filter.active !== undefined) where.active = filter.active;
      if (filter.district) where.district = filter.district;
      if (filter.hasConnector === true)
        where.$and = [{ webhookUrl: { $ne: null } }, { webhookSecret: { $ne: null } }];
      if (filter.hasConnector === false)
        where.$and = [{ $or: [{ webhookUrl: null }, { webhookSecret: null }] }];
      if (filter.q) {
        const like = `%${filter.q}%`;
        where.$or = [{ code: { $ilike: like } }, { name: { $ilike: like } }, { nameEn: { $ilike: like } }];
      }
      const { from, options } = pageOptions(request.query, 'code', { idColumn: 'code' });
      const [units, total] = await deps.orm.em.fork().findAndCount(Unit, where, options);
      reply.header('Content-Range', contentRange('units', from, units.length, total));
      const admin = request.staff?.role === 'ADMIN';
      return units.map((unit) => toRecord(unit, admin));
    },
  );

  // The districts a unit or a routing rule can name: fixed reference data, listed for the forms.
  app.get(
    '/districts',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: "The city's districts",
        security,
        querystring: listQuerySchema(['id', 'name'] as const, {
          id: z.array(z.string().max(100)).max(500).optional(),
          q: z.string().trim().max(100).optional(),
        }),
        response: { 200: z.array(z.object({ id: z.string(), name: z.string() })) },
      },
    },
    async (request, reply) => {
      const { filter = {} } = request.query;
      const where: Record<string, unknown> = {};
      if (filter.id) where.name = { $in: filter.id };
      if (filter.q) where.name = { ...(where.name as object), $ilike: `%${filter.q}%` };
      const { from, options } = pageOptions(request.query, 'name', { idColumn: 'name' });
      const [districts, total] = await deps.orm.em.fork().findAndCount(District, where, options);
      reply.header('Content-Range', contentRange('districts', from, districts.length, total));
      return districts.map((district) => ({ id: district.name, name: district.name }));
    },
  );

  app.get(
    '/units/:id',
    {
      preHandler: staff,
      schema: {
        tags,
        summary: 'One unit',
        security,
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: unitRecord },
      },
    },
    async (request) =>
      toRecord(
        await findUnit(deps.orm.em.fork() as EntityManager, request.params.id),
        request.staff?.role === 'ADMIN',
      ),
  );

  app.post(
    '/units',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary: 'Add a unit',
        security,
        body: createUnitBody,
        response: { 201: unitRecord },
      },
    },
    async (request, reply) => {
      const { code, ...fields } = request.body;
      const em = deps.orm.em.fork() as EntityManager;
      const problems = await unitProblems(em, fields, code, null, deps.config.connectors.allowedHosts);
      if (problems.length) throw unprocessable(problems);
      const taken = `a unit with the code "${code}" already exists`;
      if (await em.count(Unit, { code })) throw conflict('code', taken);
      const unit = await refuseDuplicates(
        () =>
          em.transactional(async (tx) => {
            const created = tx.create(Unit, { code, ...storedFields(fields) });
            await tx.flush();
            await recordConfigChange(tx, request, {
              resource: 'units',
              recordId: code,
              action: 'create',
              changes: changedFields({}, auditable(created), ['webhookSecret']),
            });
            return created;
          }),
        'code',
        taken,
      );
      return reply.status(201).send(toRecord(unit, true));
    },
  );

  app.put(
    '/units/:id',
    {
      preHandler: admin,
      config,
      schema: {
        tags,
        summary: 'Change a unit; a deactivated unit gets no new cases (routing skips it)',
        security,
        params: z.object({ id: z.string().min(1).max(64) }),
        body: updateUnitBody,
        response: { 200: unitRecord },
      },
    },
    async (request) => {
      const { clearWebhookSecret, webhookSecret, ...fields } = request.body;
      const em = deps.orm.em.fork() as EntityManager;
      const current = await findUnit(em, request.params.id);
      const before = auditable(current);
      const target: UnitFields = {
        ...before,
        ...fields,
        webhookSecret: clearWebhookSecret ? null : (webhookSecret ?? before.webhookSecret),
      };
      const problems = await unitProblems(
        em,
        target,
        current.code,
        before,
        deps.config.connectors.allowedHosts,
      );
      if (problems.length) throw unprocessable(problems);
      await em.transactional(async (tx) => {
        const unit = await findUnit(tx, current.code);
        tx.assign(unit, storedFields(target));
        await tx.flush();
        const changes = changedFields(before, auditable(unit), ['webhookSecret']);
        if (Object.keys(changes).length) {
          await recordConfigChange(tx, request, {
            resource: 'units',
            recordId: unit.code,
            action: 'update',
            changes,
          });
        }
      });
      return toRecord(await findUnit(deps.orm.em.fork() as EntityManager, current.code), true);
    },
  );
};
