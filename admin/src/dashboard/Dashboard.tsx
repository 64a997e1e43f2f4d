import { lazy } from 'react';
import { Loading, Navigate, usePermissions } from 'react-admin';

/** The charts (recharts and d3) are most of the statistics' weight: only managers download them. */
const StatisticsDashboard = lazy(() =>
  import('./StatisticsDashboard').then((m) => ({ default: m.StatisticsDashboard })),
);

/**
 * The home page. Managers and administrators get the statistics; clerks and unit staff start their
 * day in their own queue of cases, so their home is the case list.
 */
export const Dashboard = () => {
  const { permissions, isPending } = usePermissions<string | null>();
  if (isPending) return <Loading />;
  if (permissions !== 'MANAGER' && permissions !== 'ADMIN') return <Navigate to="/cases" replace />;
  return <StatisticsDashboard />;
};
