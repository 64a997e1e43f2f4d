import { Migration20261128000000Foundation } from './Migration20261128000000Foundation';
import { Migration20261128010000Sessions } from './Migration20261128010000Sessions';

/** Every committed migration, in order. A new migration is appended here as well. */
export const migrationsList = [
  { name: 'Migration20261128000000Foundation', class: Migration20261128000000Foundation },
  { name: 'Migration20261128010000Sessions', class: Migration20261128010000Sessions },
];
