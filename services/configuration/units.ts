import { District, Unit } from '../../db/entities';
import type { FieldProblem } from '../../domain/errors';
import { webhookUrlProblem } from '../units/webhook-address';
import { filterWhere } from './config-records';
import { configurationService } from './config-service';
import { districtProblem } from './references';

/**
 * The city's units, as react-admin lists them (the id is the unit's code); administrators edit them.
 * A deactivated unit gets no new cases: routing skips it.
 */

export interface UnitFields {
  name: string;
  nameEn: string;
  /** Set for a district office: cases routed to `UD` in this district go to it. */
  district: string | null;
  email: string | null;
  active: boolean;
  webhookUrl: string | null;
  /** Write-only: recorded in the trail as changed, never by value. */
  webhookSecret: string | null;
}

/** An update's body: a new secret replaces the old one (absent or empty keeps it), or is cleared. */
type UnitChange = Partial<UnitFields> & { clearWebhookSecret?: boolean };

const audited = (unit: Unit): UnitFields => ({
  name: unit.name,
  nameEn: unit.nameEn,
  district: unit.district ?? null,
  email: unit.email ?? null,
  active: unit.active,
  webhookUrl: unit.webhookUrl ?? null,
  webhookSecret: unit.webhookSecret ?? null,
});

/** `showWebhook`: its address is shown to administrators only; the secret itself never to anyone. */
const recordOf = (unit: Unit, showWebhook: boolean) => ({
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

/** Who has a connector: a webhook URL and a secret to sign with. */
const connectorWhere = (hasConnector: boolean) =>
  hasConnector
    ? [{ webhookUrl: { $ne: null } }, { webhookSecret: { $ne: null } }]
    : [{ $or: [{ webhookUrl: null }, { webhookSecret: null }] }];

export const units = configurationService({
  entity: Unit,
  resource: 'units',
  key: 'code',
  noun: 'unit',
  audited,
  secrets: ['webhookSecret'],
  present: (unit, viewer) => recordOf(unit, viewer.staff?.role === 'ADMIN'),
  page: { defaultSort: 'code' },
  where: ({ hasConnector, ...filter }) => {
    const where = filterWhere(filter, { key: 'code', search: ['code', 'name', 'nameEn'] });
    if (typeof hasConnector === 'boolean') where.$and = connectorWhere(hasConnector);
    return where;
  },
  merge: (before, { clearWebhookSecret, webhookSecret, ...fields }: UnitChange) => ({
    ...before,
    ...fields,
    webhookSecret: clearWebhookSecret ? null : (webhookSecret ?? before.webhookSecret),
  }),
  async problems(em, unit, previous, { key: code, config }) {
    const problems: FieldProblem[] = [];
    if (unit.webhookUrl && unit.webhookUrl !== previous?.webhookUrl) {
      const problem = await webhookUrlProblem(unit.webhookUrl, config.connectors.allowedHosts);
      if (problem) problems.push({ field: 'webhookUrl', message: problem });
    }
    if (unit.district !== null && unit.district !== previous?.district) {
      problems.push(...(await districtProblem(em, 'district', unit.district)));
    }
    if (unit.webhookUrl && !unit.webhookSecret) {
      problems.push({
        field: 'webhookSecret',
        message: "a webhook needs a secret to sign the unit system's requests",
      });
    }
    // `UD` routes to the one active unit of the district: a second one would make that a guess.
    if (unit.active && unit.district !== null) {
      const office = await em.findOne(Unit, {
        district: unit.district,
        active: true,
        code: { $ne: String(code) },
      });
      if (office) {
        problems.push({
          field: 'district',
          message: `${office.code} is already the active district office of ${unit.district}`,
        });
      }
    }
    return problems;
  },
  taken: (code) => `a unit with the code "${code}" already exists`,
  // The entity types its hidden secret as never null; the column is nullable (no connector).
  stored: ({ webhookSecret, ...fields }) => ({
    ...fields,
    webhookSecret: webhookSecret as Unit['webhookSecret'],
  }),
});

/** The districts a unit or a routing rule can name: fixed reference data, listed for the forms. */
export const districts = configurationService({
  entity: District,
  resource: 'districts',
  key: 'name',
  noun: 'district',
  audited: (district) => ({ name: district.name }),
  present: (district) => ({ id: district.name, name: district.name }),
  page: { defaultSort: 'name' },
  search: ['name'],
});
