import type { EntityManager } from '@mikro-orm/postgresql';
import type { SessionUser } from '../../domain/auth/session-user';

/**
 * The audit trail of the configuration screens (users, taxonomy, routing rules, SLA policies,
 * units, calendar, templates, announcements, knowledge base): who changed what, when, field by field.
 */

/**
 * The resources by name; other configuration screens may record theirs too. The weekly office
 * hours are one record, `business-hours/week`, with a field per weekday and bound.
 */
export type ConfigResource =
  | 'users'
  | 'subcategories'
  | 'taxonomy-events'
  | 'routing-rules'
  | 'sla-policies'
  | 'units'
  | 'business-hours'
  | 'calendar-days'
  | 'response-templates'
  | (string & {});

/** Per changed field, the value before and after; secrets are recorded as changed, never by value. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** Who makes a change: the API passes the request, which carries both. */
export interface ConfigEditor {
  /** The signed-in staff member; absent for a change the system makes. */
  staff?: SessionUser;
  /** Where the change's log line goes. */
  log: { info(details: object, message: string): void };
}

const REDACTED = '[secret]';

export function changedFields(before: object, after: object, secrets: readonly string[] = []): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = comparable((before as Record<string, unknown>)[key]);
    const to = comparable((after as Record<string, unknown>)[key]);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[key] = secrets.includes(key)
      ? { from: from == null ? null : REDACTED, to: to == null ? null : REDACTED }
      : { from, to };
  }
  return changes;
}

function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

/**
 * One row in `config_changes`, in the same transaction as the change itself (a change that rolls
 * back leaves no trace, a committed one always has its row), and one log line with who and what.
 */
export async function recordConfigChange(
  tx: EntityManager,
  editor: ConfigEditor,
  change: { resource: ConfigResource; recordId: string | number; action: string; changes?: FieldChanges },
): Promise<void> {
  const actor = editor.staff;
  const changes = change.changes ?? {};
  await tx.execute(
    `insert into config_changes (actor_id, actor_username, resource, record_id, action, changes)
     values (?, ?, ?, ?, ?, ?)`,
    [
      actor?.id ?? null,
      actor?.username ?? 'system',
      change.resource,
      String(change.recordId),
      change.action,
      JSON.stringify(changes),
    ],
    'run',
  );
  editor.log.info(
    {
      configChange: {
        actor: actor?.username,
        resource: change.resource,
        recordId: String(change.recordId),
        action: change.action,
        fields: Object.keys(changes),
      },
    },
    `configuration: ${actor?.username ?? 'system'} ${change.action} ${change.resource}/${change.recordId}`,
  );
}
