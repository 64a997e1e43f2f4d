import { useQuery } from '@tanstack/react-query';
import { useBackOfficeDataProvider } from '../dataProvider';
import type { BackOfficeSettings } from '../referenceData';

export type { BackOfficeSettings };

/** The installation's settings for the back office (GET /api/settings), loaded once per page. */
export function useBackOfficeSettings(): BackOfficeSettings | null {
  const dataProvider = useBackOfficeDataProvider();
  const { data } = useQuery({
    queryKey: ['backOfficeSettings'],
    queryFn: () => dataProvider.backOfficeSettings(),
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return data ?? null;
}
