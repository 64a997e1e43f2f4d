/**
 * What the outage tests (database, Temporal) share: the report residents keep filing while a
 * dependency is away, and the pause between their attempts (a resident's app retries every few
 * seconds, it does not hammer the API).
 */
export const outageReport = (description: string) => ({
  kind: 'INCIDENT',
  eventCode: 'TRAFFIC_LIGHT',
  description,
  district: 'Praga-Północ',
});

export async function pauseBetweenAttempts(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}
