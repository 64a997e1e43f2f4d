import type { UserRole } from '../../domain/auth/user-roles';

/**
 * Who may read and who may change each configuration resource of the back office. A refusal names
 * the roles in the order given here.
 */
export const CONFIGURATION_ACCESS = {
  // Everyone in the back office reads units and districts: the case screens name and choose them.
  units: { read: ['ADMIN', 'CLERK', 'MANAGER', 'UNIT_STAFF'], write: ['ADMIN'] },
  users: { read: ['ADMIN', 'MANAGER'], write: ['ADMIN'] },
  districts: { read: ['ADMIN', 'CLERK', 'MANAGER', 'UNIT_STAFF'], write: [] },
  subcategories: { read: ['ADMIN', 'MANAGER', 'CLERK'], write: ['ADMIN'] },
  'routing-rules': { read: ['ADMIN', 'MANAGER'], write: ['ADMIN'] },
  'taxonomy-events': { read: ['ADMIN', 'MANAGER', 'CLERK'], write: ['ADMIN'] },
  'sla-policies': { read: ['ADMIN', 'MANAGER'], write: ['ADMIN'] },
  // Clerks and unit staff start their notes from the templates; those who keep them see switched-off ones.
  'response-templates': { read: ['ADMIN', 'MANAGER', 'CLERK', 'UNIT_STAFF'], write: ['ADMIN', 'MANAGER'] },
  'business-calendar': { read: ['ADMIN', 'MANAGER'], write: ['ADMIN'] },
  // Clerks read the knowledge base to answer callers; administrators and managers write it.
  'knowledge-articles': { read: ['ADMIN', 'MANAGER', 'CLERK'], write: ['ADMIN', 'MANAGER'] },
  'config-changes': { read: ['ADMIN', 'MANAGER'], write: [] },
  // The contact center's clerks post outages and closures as they learn of them.
  announcements: { read: ['ADMIN', 'MANAGER', 'CLERK'], write: ['ADMIN', 'MANAGER', 'CLERK'] },
  'calendar-days': { read: ['ADMIN', 'MANAGER'], write: ['ADMIN'] },
  'knowledge-categories': { read: ['ADMIN', 'MANAGER', 'CLERK'], write: ['ADMIN', 'MANAGER'] },
  // Staff who book for residents read where and what can be booked.
  'booking-offices': { read: ['ADMIN', 'CLERK', 'MANAGER'], write: ['ADMIN'] },
  'open311-clients': { read: ['ADMIN'], write: ['ADMIN'] },
  'booking-services': { read: ['ADMIN', 'CLERK', 'MANAGER'], write: ['ADMIN'] },
  settings: { read: ['ADMIN', 'CLERK', 'MANAGER', 'UNIT_STAFF'], write: [] },
} as const satisfies Record<string, { read: readonly UserRole[]; write: readonly UserRole[] }>;

export type ConfigurationResource = keyof typeof CONFIGURATION_ACCESS;
