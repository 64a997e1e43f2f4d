import { Migration20261128000000Foundation } from './Migration20261128000000Foundation';
import { Migration20261128010000Sessions } from './Migration20261128010000Sessions';
import { Migration20261129000000CaseWorkflow } from './Migration20261129000000CaseWorkflow';
import { Migration20261129000100Notifications } from './Migration20261129000100Notifications';
import { Migration20261129010000Open311Clients } from './Migration20261129010000Open311Clients';
import { Migration20261129020000Attachments } from './Migration20261129020000Attachments';
import { Migration20261129030000CaseSearch } from './Migration20261129030000CaseSearch';

/** Every committed migration, in order. A new migration is appended here as well. */
export const migrationsList = [
  { name: 'Migration20261128000000Foundation', class: Migration20261128000000Foundation },
  { name: 'Migration20261128010000Sessions', class: Migration20261128010000Sessions },
  { name: 'Migration20261129000000CaseWorkflow', class: Migration20261129000000CaseWorkflow },
  { name: 'Migration20261129000100Notifications', class: Migration20261129000100Notifications },
  { name: 'Migration20261129010000Open311Clients', class: Migration20261129010000Open311Clients },
  { name: 'Migration20261129020000Attachments', class: Migration20261129020000Attachments },
  { name: 'Migration20261129030000CaseSearch', class: Migration20261129030000CaseSearch },
];
