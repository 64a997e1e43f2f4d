import { Alert, Box, Card, CardContent, LinearProgress, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** A titled card of the dashboard: its figures, a thin bar while they load, an error if they fail. */
export const Panel = ({
  title,
  action,
  loading,
  error,
  children,
  testId,
}: {
  title: string;
  action?: ReactNode;
  loading?: boolean;
  error?: Error;
  children: ReactNode;
  testId?: string;
}) => {
  const translate = useTranslate();
  return (
    <Card
      variant="outlined"
      sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}
      data-testid={testId}
    >
      <Box sx={{ height: 4 }}>{loading ? <LinearProgress /> : null}</Box>
      <CardContent sx={{ flex: 1, display: 'flex', flexDirection: 'column', gap: 1, pt: 1 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 1 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            {title}
          </Typography>
          {action}
        </Box>
        {error ? (
          <Alert severity="error">
            {translate('civicflow.dashboard.load_error', { message: error.message })}
          </Alert>
        ) : null}
        {children}
      </CardContent>
    </Card>
  );
};
