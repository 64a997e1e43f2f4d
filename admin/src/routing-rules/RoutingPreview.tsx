import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Form, useTranslate } from 'react-admin';
import { useCodeNames } from '../codeNames';
import { useBackOfficeDataProvider } from '../dataProvider';
import { DistrictInput, EventInput } from './inputs';
import type { RoutingPreview as Preview } from './routingApi';

/** Asks the API which unit a new case of an event and district would go to, with the same routing code. */
export const RoutingPreview = () => {
  const translate = useTranslate();
  const names = useCodeNames();
  const dataProvider = useBackOfficeDataProvider();
  const [preview, setPreview] = useState<Preview | null>(null);
  const check = async (values: Record<string, unknown>) => {
    const text = (value: unknown) => (value ? String(value) : undefined);
    setPreview(
      await dataProvider
        .routingPreview({ eventCode: text(values.eventCode), district: text(values.district) })
        .catch(() => null),
    );
  };
  return (
    <Card sx={{ mt: 2 }} data-testid="routing-preview">
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>
          {translate('civicflow.routing.preview.title')}
        </Typography>
        <Form onSubmit={check} record={{}}>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
            <EventInput
              source="eventCode"
              label="resources.routing-rules.fields.eventCode"
              helperText={false}
              sx={{ flex: 2 }}
            />
            <DistrictInput
              source="district"
              label="resources.routing-rules.fields.district"
              helperText={false}
              sx={{ flex: 1 }}
            />
            <Button type="submit" variant="contained" sx={{ flexShrink: 0 }}>
              {translate('civicflow.routing.preview.check')}
            </Button>
          </Stack>
        </Form>
        {preview && (
          <Alert severity={preview.routed ? 'success' : 'warning'} sx={{ mt: 1 }}>
            {preview.routed
              ? `${translate('civicflow.routing.preview.goes_to', { unit: names.unit(preview.unitCode) })} ${
                  preview.ruleId
                    ? translate('civicflow.routing.preview.by_rule', { rule: preview.ruleId })
                    : ''
                }`
              : translate('civicflow.routing.preview.not_routed', { reason: preview.reason })}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
};
