import type { EntityManager } from '@mikro-orm/postgresql';
import { Case, CaseEventType, RoutingRule, SlaPolicy, Subcategory } from '../../db/entities';
import type { Priority } from '../../domain/cases/case-states';
import type { FieldProblem } from '../../domain/errors';
import { changedFields, recordConfigChange, type ConfigEditor } from './audit-trail';
import { configurationService } from './config-service';
import { unitProblem } from './references';
import { conflict } from './refusals';
import { someOf } from './subcategories';

/**
 * The events of the taxonomy residents report against. Routing takes an event's default unit from
 * its general routing rule (any district), so that rule follows `defaultUnit`.
 */

const audited = (event: CaseEventType) => ({
  code: event.code,
  subcategory: event.subcategory,
  name: event.name,
  nameEn: event.nameEn,
  defaultUnit: event.defaultUnit,
  priority: event.priority as Priority,
  resolutionHours: event.resolutionHours,
  requiresDescription: event.requiresDescription,
  allowsAnonymous: event.allowsAnonymous,
  active: event.active,
});

/** The event's general rule (any district) routes to `unitCode` from now on. */
async function followDefaultUnit(
  tx: EntityManager,
  editor: ConfigEditor,
  eventCode: string,
  unitCode: string,
) {
  const rule = await tx.findOne(RoutingRule, { eventCode, district: null, active: true });
  if (rule?.unitCode === unitCode) return;
  if (rule) {
    const before = rule.unitCode;
    rule.unitCode = unitCode;
    await tx.flush();
    await recordConfigChange(tx, editor, {
      resource: 'routing-rules',
      recordId: rule.id,
      action: 'update',
      changes: { unitCode: { from: before, to: unitCode } },
    });
    return;
  }
  const created = tx.create(RoutingRule, {
    eventCode,
    district: null,
    unitCode,
    active: true,
    createdAt: new Date(),
  });
  await tx.flush();
  await recordConfigChange(tx, editor, {
    resource: 'routing-rules',
    recordId: created.id,
    action: 'create',
    changes: changedFields({}, { eventCode, district: null, unitCode, active: true }),
  });
}

/** An event no case and no SLA policy uses goes, with its routing rules (409 otherwise). */
async function removeWithRules(tx: EntityManager, event: CaseEventType, editor: ConfigEditor) {
  const [cases, policies] = await Promise.all([
    tx.count(Case, { eventCode: event.code }),
    tx.find(SlaPolicy, { eventCode: event.code }, { orderBy: { id: 'asc' } }),
  ]);
  const uses = [
    ...(cases ? [`${cases} case(s)`] : []),
    ...(policies.length ? [`SLA policies ${someOf(policies.map((p) => `#${p.id} ${p.name}`))}`] : []),
  ];
  if (uses.length) {
    throw conflict('code', `event ${event.code} is used by ${uses.join(' and ')}: deactivate it instead`, {
      usedBy: { cases, slaPolicies: policies.map((p) => p.id) },
    });
  }
  for (const rule of await tx.find(RoutingRule, { eventCode: event.code })) {
    await recordConfigChange(tx, editor, {
      resource: 'routing-rules',
      recordId: rule.id,
      action: 'delete',
      changes: changedFields(
        { eventCode: rule.eventCode, district: rule.district, unitCode: rule.unitCode },
        {},
      ),
    });
    tx.remove(rule);
  }
  await tx.flush();
}

/** The events, active or not; a deactivated event is no longer offered to residents or accepted. */
export const taxonomyEvents = configurationService({
  entity: CaseEventType,
  resource: 'taxonomy-events',
  key: 'code',
  noun: 'event',
  audited,
  page: { defaultSort: 'code' },
  search: ['code', 'name', 'nameEn'],
  /** Unchanged values are not checked again, so an event whose unit was switched off can still be edited. */
  async problems(em, event, previous) {
    const problems: FieldProblem[] = [];
    if (
      event.subcategory !== previous?.subcategory &&
      !(await em.count(Subcategory, { code: event.subcategory }))
    ) {
      problems.push({ field: 'subcategory', message: `unknown subcategory "${event.subcategory}"` });
    }
    if (event.defaultUnit !== previous?.defaultUnit) {
      problems.push(...(await unitProblem(em, 'defaultUnit', event.defaultUnit, { districtOffice: true })));
    }
    return problems;
  },
  taken: (code) => `an event with the code "${code}" already exists`,
  async then(tx, event, editor, changes) {
    if (changes.defaultUnit) await followDefaultUnit(tx, editor, event.code, event.defaultUnit);
  },
  check: removeWithRules,
});
