import { Migration20261128000000Foundation } from './Migration20261128000000Foundation';
import { Migration20261128010000Sessions } from './Migration20261128010000Sessions';
import { Migration20261129000000CaseWorkflow } from './Migration20261129000000CaseWorkflow';
import { Migration20261129000100Notifications } from './Migration20261129000100Notifications';
import { Migration20261129010000Open311Clients } from './Migration20261129010000Open311Clients';
import { Migration20261129020000Attachments } from './Migration20261129020000Attachments';
import { Migration20261129030000CaseSearch } from './Migration20261129030000CaseSearch';
import { Migration20261129040000CalendarsAndTemplates } from './Migration20261129040000CalendarsAndTemplates';
import { Migration20261129050000CaseChangeFeed } from './Migration20261129050000CaseChangeFeed';
import { Migration20261129060000InboundEmail } from './Migration20261129060000InboundEmail';
import { Migration20261129070000Statistics } from './Migration20261129070000Statistics';
import { Migration20261129080000ConfigChanges } from './Migration20261129080000ConfigChanges';
import { Migration20261129090000PhoneCalls } from './Migration20261129090000PhoneCalls';
import { Migration20261129100000Bookings } from './Migration20261129100000Bookings';
import { Migration20261129110000Chat } from './Migration20261129110000Chat';
import { Migration20261129120000KnowledgeBase } from './Migration20261129120000KnowledgeBase';
import { Migration20261129130000Announcements } from './Migration20261129130000Announcements';
import { Migration20261129140000CaseRatings } from './Migration20261129140000CaseRatings';
import { Migration20261129150000CaseFollowers } from './Migration20261129150000CaseFollowers';
import { Migration20261207000000PublicationConsent } from './Migration20261207000000PublicationConsent';
import { Migration20261207010000MailIntakeHardening } from './Migration20261207010000MailIntakeHardening';
import { Migration20261207020000AccountHardening } from './Migration20261207020000AccountHardening';
import { Migration20261208000000ContactConfirmations } from './Migration20261208000000ContactConfirmations';
import { Migration20261208010000AttachmentFiles } from './Migration20261208010000AttachmentFiles';
import { Migration20261209010000PhotoSizes } from './Migration20261209010000PhotoSizes';

/** Every committed migration, in order. A new migration is appended here as well. */
export const migrationsList = [
  { name: 'Migration20261128000000Foundation', class: Migration20261128000000Foundation },
  { name: 'Migration20261128010000Sessions', class: Migration20261128010000Sessions },
  { name: 'Migration20261129000000CaseWorkflow', class: Migration20261129000000CaseWorkflow },
  { name: 'Migration20261129000100Notifications', class: Migration20261129000100Notifications },
  { name: 'Migration20261129010000Open311Clients', class: Migration20261129010000Open311Clients },
  { name: 'Migration20261129020000Attachments', class: Migration20261129020000Attachments },
  { name: 'Migration20261129030000CaseSearch', class: Migration20261129030000CaseSearch },
  {
    name: 'Migration20261129040000CalendarsAndTemplates',
    class: Migration20261129040000CalendarsAndTemplates,
  },
  { name: 'Migration20261129050000CaseChangeFeed', class: Migration20261129050000CaseChangeFeed },
  { name: 'Migration20261129060000InboundEmail', class: Migration20261129060000InboundEmail },
  { name: 'Migration20261129070000Statistics', class: Migration20261129070000Statistics },
  { name: 'Migration20261129080000ConfigChanges', class: Migration20261129080000ConfigChanges },
  { name: 'Migration20261129090000PhoneCalls', class: Migration20261129090000PhoneCalls },
  { name: 'Migration20261129100000Bookings', class: Migration20261129100000Bookings },
  { name: 'Migration20261129110000Chat', class: Migration20261129110000Chat },
  { name: 'Migration20261129120000KnowledgeBase', class: Migration20261129120000KnowledgeBase },
  { name: 'Migration20261129130000Announcements', class: Migration20261129130000Announcements },
  { name: 'Migration20261129140000CaseRatings', class: Migration20261129140000CaseRatings },
  { name: 'Migration20261129150000CaseFollowers', class: Migration20261129150000CaseFollowers },
  {
    name: 'Migration20261207000000PublicationConsent',
    class: Migration20261207000000PublicationConsent,
  },
  {
    name: 'Migration20261207010000MailIntakeHardening',
    class: Migration20261207010000MailIntakeHardening,
  },
  { name: 'Migration20261207020000AccountHardening', class: Migration20261207020000AccountHardening },
  {
    name: 'Migration20261208000000ContactConfirmations',
    class: Migration20261208000000ContactConfirmations,
  },
  { name: 'Migration20261208010000AttachmentFiles', class: Migration20261208010000AttachmentFiles },
  { name: 'Migration20261209010000PhotoSizes', class: Migration20261209010000PhotoSizes },
];
