import { useLocaleState, useRecordContext } from 'react-admin';

export interface CategoryRecord {
  id: string;
  code: string;
  namePl: string;
  nameEn: string;
  position: number;
  articles: number;
}

export const canWriteKnowledge = (permissions: string | null | undefined) =>
  permissions === 'ADMIN' || permissions === 'MANAGER';

/** A category's name in the back office's language. */
export function useCategoryName() {
  const [locale] = useLocaleState();
  return (category: Pick<CategoryRecord, 'namePl' | 'nameEn'>) =>
    locale === 'pl' ? category.namePl : category.nameEn;
}

/** The category of the record in context (inside a ReferenceField), by name. */
export const CategoryName = () => {
  const record = useRecordContext<CategoryRecord>();
  const categoryName = useCategoryName();
  return record ? <span>{categoryName(record)}</span> : null;
};
