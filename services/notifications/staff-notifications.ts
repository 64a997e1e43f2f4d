import type { EntityManager } from '@mikro-orm/postgresql';
import { CaseEventType, Unit, User } from '../../db/entities';
import { normalizedAddress } from '../cases/contact-confirmation';
import { backOfficeCaseUrl, mailLanguage, staffMail, type StaffTemplate } from '../mail/templates';
import {
  deliver,
  loadNotifiedCase,
  type Delivery,
  type NotificationServiceDeps,
  type NotifyResult,
} from './notification-delivery';

export interface NotifyStaffInput {
  caseId: string;
  eventKey: string;
  template: StaffTemplate;
  /** SLA_ESCALATED: the escalation level reached. */
  level?: number;
}

/**
 * Who must act, in a stable order: the unit's people and mailbox when a case arrives, its
 * supervisors when a deadline nears, and the managers as well once it has passed.
 */
async function staffAddresses(
  em: EntityManager,
  unitCode: string,
  template: StaffTemplate,
  unit: Unit | null,
): Promise<string[]> {
  const addresses: string[] = [];
  if (template === 'FORWARDED') {
    const staff = await em.find(
      User,
      { unitCode, active: true, email: { $ne: null } },
      { orderBy: { username: 'asc' } },
    );
    addresses.push(...staff.map((u) => u.email ?? ''));
    if (unit?.email) addresses.push(unit.email);
  } else {
    const supervisors = await em.find(
      User,
      { unitCode, isSupervisor: true, active: true, email: { $ne: null } },
      { orderBy: { username: 'asc' } },
    );
    addresses.push(...supervisors.map((u) => u.email ?? ''));
    if (template === 'SLA_BREACHED' || template === 'SLA_ESCALATED') {
      const managers = await em.find(
        User,
        { role: 'MANAGER', active: true, email: { $ne: null } },
        { orderBy: { username: 'asc' } },
      );
      addresses.push(...managers.map((u) => u.email ?? ''));
    }
  }
  return addresses;
}

/**
 * Mails the staff who must act on the case. Staff mails name the case, its event and district
 * and link the back office; the resident's details stay there.
 */
export async function notifyStaff(
  deps: NotificationServiceDeps,
  input: NotifyStaffInput,
): Promise<NotifyResult> {
  const caseRow = await loadNotifiedCase(deps.orm, input.caseId);
  if (!caseRow.unitCode) return { sent: 0, skipped: 0, failed: 0 };
  const em = deps.orm.em.fork();
  const unit = await em.findOne(Unit, { code: caseRow.unitCode });
  const event = caseRow.eventCode ? await em.findOne(CaseEventType, { code: caseRow.eventCode }) : null;
  const addresses = await staffAddresses(em, caseRow.unitCode, input.template, unit);

  const language = mailLanguage(caseRow.language);
  const en = language === 'en';
  const mail = staffMail({
    template: input.template,
    language,
    caseNumber: caseRow.number,
    kind: caseRow.kind,
    eventName: event ? (en ? event.nameEn : event.name) : null,
    district: caseRow.district,
    unitName: unit ? (en ? unit.nameEn : unit.name) : caseRow.unitCode,
    priority: caseRow.priority,
    firstResponseDueAt: caseRow.firstResponseDueAt,
    resolutionDueAt: caseRow.resolutionDueAt,
    level: input.level ?? (caseRow.escalationLevel > 0 ? caseRow.escalationLevel : null),
    backOfficeUrl: backOfficeCaseUrl({ publicUrl: deps.config.http.publicUrl, caseId: caseRow.id }),
  });

  const seen = new Set<string>();
  const deliveries: Delivery[] = [];
  for (const address of addresses) {
    const key = normalizedAddress(address);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    deliveries.push({ to: address, mail });
  }
  if (deliveries.length === 0) return { sent: 0, skipped: 0, failed: 0 };
  return deliver(deps, { caseRow, eventKey: input.eventKey, template: input.template, deliveries });
}
