import { useEffect, useState } from 'react';
import { useBackOfficeDataProvider } from '../dataProvider';
import type { StatisticsQuery } from './statisticsApi';

export interface StatisticsState<T> {
  data: T | undefined;
  error: (Error & { status?: number }) | undefined;
  loading: boolean;
}

/**
 * Loads one statistics endpoint and reloads it when the query changes or, with `refreshMs`, on a
 * timer (the figures move while a manager watches). Keeps the last figures while reloading.
 */
export function useStatistics<T>(
  path: string,
  query: StatisticsQuery,
  refreshMs?: number,
): StatisticsState<T> {
  const dataProvider = useBackOfficeDataProvider();
  const [state, setState] = useState<StatisticsState<T>>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const key = JSON.stringify([path, query]);
  useEffect(() => {
    let live = true;
    const load = () => {
      setState((previous) => ({ ...previous, loading: true }));
      dataProvider.statistics<T>(path, query).then(
        (data) => live && setState({ data, error: undefined, loading: false }),
        (error: Error & { status?: number }) => {
          if (!live) return;
          setState((previous) => ({ data: previous.data, error, loading: false }));
        },
      );
    };
    load();
    const timer = refreshMs ? setInterval(load, refreshMs) : undefined;
    return () => {
      live = false;
      if (timer) clearInterval(timer);
    };
    // The query object is new on every render: `key` compares it by value.
  }, [dataProvider, key, refreshMs]);
  return state;
}
