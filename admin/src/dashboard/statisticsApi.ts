import { apiFetch, apiJson, withQuery } from '../http';

export type StatisticsQuery = Record<string, string | number | null | undefined>;

const statisticsUrl = (path: string, query: StatisticsQuery) => withQuery(`/api/statistics/${path}`, query);

/** The statistics methods of the data provider (dataProvider.ts): plain JSON or CSV endpoints. */
export const statisticsMethods = {
  statistics: <T>(path: string, query: StatisticsQuery) => apiJson<T>(statisticsUrl(path, query)),
  /** One table as a CSV file, under the file name the server chose. */
  statisticsCsv: async (path: string, query: StatisticsQuery): Promise<{ fileName: string; file: Blob }> => {
    const response = await apiFetch(statisticsUrl(`${path}.csv`, query));
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${path}.csv`;
    return { fileName, file: await response.blob() };
  },
};

/** A plain link cannot carry the bearer token: the browser gets the fetched file as a Blob URL. */
export function saveFile({ fileName, file }: { fileName: string; file: Blob }): void {
  const href = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the Blob after click() has returned.
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
