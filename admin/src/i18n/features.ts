import { announcementsMessages } from '../announcements/messages';
import { auditMessages } from '../audit/messages';
import { bookingsMessages } from '../bookings/messages';
import { businessCalendarMessages } from '../business-calendar/messages';
import { callsMessages } from '../calls/messages';
import { chatsMessages } from '../chats/messages';
import { configChangesMessages } from '../config-changes/messages';
import { dashboardMessages } from '../dashboard/messages';
import { knowledgeArticlesMessages } from '../knowledge-articles/messages';
import { responseTemplatesMessages } from '../response-templates/messages';
import { routingRulesMessages } from '../routing-rules/messages';
import { slaPoliciesMessages } from '../sla-policies/messages';
import { taxonomyMessages } from '../taxonomy/messages';
import { usersMessages } from '../users/messages';
import type { FeatureMessages } from './feature-messages';

export const features: FeatureMessages[] = [
  announcementsMessages,
  auditMessages,
  bookingsMessages,
  businessCalendarMessages,
  callsMessages,
  chatsMessages,
  configChangesMessages,
  dashboardMessages,
  knowledgeArticlesMessages,
  responseTemplatesMessages,
  routingRulesMessages,
  slaPoliciesMessages,
  taxonomyMessages,
  usersMessages,
];
