import { downloadCSV, type DataProvider, type Exporter, type SortPayload } from 'react-admin';
import { warsawDateTime } from '../../../domain/text/csv';
import { casesToCsv, type CaseExportNames, type ExportedCase } from './caseCsv';

/** The API's largest page; the export fetches page after page up to EXPORT_LIMIT rows. */
export const EXPORT_PAGE = 500;
export const EXPORT_LIMIT = 10_000;

/**
 * An exporter for react-admin's ExportButton. The button fetches the first page with the list's
 * filter and sort; the rest is fetched here with the same filter and sort.
 */
export function caseExporter(
  options: { filter: Record<string, unknown>; sort: SortPayload } & CaseExportNames,
): Exporter {
  return async (firstPage, _fetchRelated, dataProvider: DataProvider) => {
    const cases = [...(firstPage as ExportedCase[])];
    for (let page = 2; cases.length === (page - 1) * EXPORT_PAGE && cases.length < EXPORT_LIMIT; page += 1) {
      const { data } = await dataProvider.getList<ExportedCase>('cases', {
        filter: options.filter,
        sort: options.sort,
        pagination: { page, perPage: EXPORT_PAGE },
      });
      cases.push(...data);
    }
    downloadCSV(casesToCsv(cases, options), `cases-${warsawDateTime(new Date()).slice(0, 10)}`);
  };
}
