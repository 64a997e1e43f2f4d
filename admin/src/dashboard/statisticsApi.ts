import { HttpError } from 'react-admin';
import { session } from '../session';

export type StatisticsQuery = Record<string, string | number | null | undefined>;

const statisticsUrl = (path: string, query: StatisticsQuery) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/statistics/${path}${search ? `?${search}` : ''}`;
};

/** Statistics are plain JSON (or CSV) endpoints next to the data provider's; the same bearer token. */
async function request(path: string, query: StatisticsQuery): Promise<Response> {
  const token = session.token();
  const response = await fetch(statisticsUrl(path, query), {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    throw new HttpError(body.message ?? response.statusText, response.status, body);
  }
  return response;
}

export async function fetchStatistics<T>(path: string, query: StatisticsQuery): Promise<T> {
  return (await request(path, query)).json() as Promise<T>;
}

/**
 * A plain link cannot carry the bearer token: fetch the CSV, then hand the browser a Blob URL
 * under the file name the server chose.
 */
export async function downloadStatisticsCsv(path: string, query: StatisticsQuery): Promise<void> {
  const response = await request(`${path}.csv`, query);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${path}.csv`;
  const href = URL.createObjectURL(await response.blob());
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
