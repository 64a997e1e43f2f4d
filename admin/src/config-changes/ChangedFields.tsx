import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** Long texts (a template's body) would swamp the row: cut, with the whole value on hover. */
const MAX_SHOWN = 80;

/** Compact JSON, so `null`, `"08:00"` and `8` stay distinguishable. */
export function compactValue(value: unknown): { shown: string; full: string } {
  const full = JSON.stringify(value ?? null) ?? 'null';
  return { shown: full.length > MAX_SHOWN ? `${full.slice(0, MAX_SHOWN - 1)}…` : full, full };
}

const Value = ({ value }: { value: unknown }) => {
  const { shown, full } = compactValue(value);
  return (
    <Box component="code" title={full} sx={{ fontSize: '0.85em', wordBreak: 'break-word' }}>
      {shown}
    </Box>
  );
};

/** Each changed field as `field: from → to`. */
export const ChangedFields = ({ changes }: { changes: FieldChanges | undefined }) => {
  const translate = useTranslate();
  const entries = Object.entries(changes ?? {});
  if (!entries.length) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('civicflow.config_changes.no_changes')}
      </Typography>
    );
  }
  return (
    <Box component="ul" sx={{ m: 0, pl: 2 }}>
      {entries.map(([field, { from, to }]) => (
        <Typography key={field} component="li" variant="body2">
          <strong>{field}</strong>: <Value value={from} /> → <Value value={to} />
        </Typography>
      ))}
    </Box>
  );
};
