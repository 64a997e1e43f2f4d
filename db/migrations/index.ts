import { Migration20261128000000Foundation } from './Migration20261128000000Foundation';
import { Migration20261128010000Sessions } from './Migration20261128010000Sessions';
import { Migration20261129000000CaseWorkflow } from './Migration20261129000000CaseWorkflow';
import { Migration20261129000100Notifications } from './Migration20261129000100Notifications';

/** Every committed migration, in order. A new migration is appended here as well. */
export const migrationsList = [
  { name: 'Migration20261128000000Foundation', class: Migration20261128000000Foundation },
  { name: 'Migration20261128010000Sessions', class: Migration20261128010000Sessions },
  { name: 'Migration20261129000000CaseWorkflow', class: Migration20261129000000CaseWorkflow },
  { name: 'Migration20261129000100Notifications', class: Migration20261129000100Notifications },
];
