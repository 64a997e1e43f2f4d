import { Migration20261128000000Foundation } from './Migration20261128000000Foundation';

/** Every committed migration, in order. A new migration is appended here as well. */
export const migrationsList = [
  { name: 'Migration20261128000000Foundation', class: Migration20261128000000Foundation },
];
