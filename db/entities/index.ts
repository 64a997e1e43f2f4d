import { Announcement } from './announcement.entity';
import { CaseAttachment } from './attachment.entity';
import {
  Booking,
  BookingBlackoutDay,
  BookingOffice,
  BookingOfficeService,
  BookingService,
} from './booking.entities';
import { BusinessHours, CalendarDay, ResponseTemplate } from './calendar.entities';
import { Case, CaseEvent, ClassificationCorrection } from './case.entities';
import { CaseFollower } from './case-follower.entity';
import { CaseRating } from './case-rating.entity';
import { ChatClerkPresence, ChatMessage, ChatSession } from './chat.entities';
import { InboundEmail } from './inbound-email.entity';
import { KnowledgeArticle, KnowledgeCategory } from './knowledge.entities';
import { CaseEventType, District, RoutingRule, SlaPolicy, Subcategory, Unit } from './reference.entities';
import { Notification } from './notification.entity';
import { Open311Client, Open311Request } from './open311-client.entity';
import { Session, User } from './user.entity';

export * from './announcement.entity';
export * from './attachment.entity';
export * from './booking.entities';
export * from './calendar.entities';
export * from './case.entities';
export * from './case-follower.entity';
export * from './case-rating.entity';
export * from './chat.entities';
export * from './inbound-email.entity';
export * from './knowledge.entities';
export * from './notification.entity';
export * from './open311-client.entity';
export * from './reference.entities';
export * from './user.entity';

/** Listed explicitly: no folder scanning, so tsx, jest and the bundled worker see the same set. */
export const entities = [
  District,
  Unit,
  Subcategory,
  CaseEventType,
  RoutingRule,
  SlaPolicy,
  User,
  Session,
  Case,
  CaseEvent,
  ClassificationCorrection,
  CaseRating,
  CaseFollower,
  Notification,
  CaseAttachment,
  Open311Client,
  Open311Request,
  InboundEmail,
  BookingOffice,
  BookingService,
  BookingOfficeService,
  BookingBlackoutDay,
  Booking,
  BusinessHours,
  CalendarDay,
  ResponseTemplate,
  ChatSession,
  ChatMessage,
  ChatClerkPresence,
  KnowledgeCategory,
  KnowledgeArticle,
  Announcement,
];
