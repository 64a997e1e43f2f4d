import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useGetList, useTranslate } from 'react-admin';

interface CaseEvent {
  id: number;
  type: string;
  actor: string;
  actorRole: string | null;
  isPublic: boolean;
  note: string | null;
  createdAt: string;
}

/** Events that are messages between the city and the resident (each carries its text as the note). */
const MESSAGE_TYPES = new Set([
  'RESIDENT_MESSAGE',
  'INFO_REQUESTED',
  'ANSWERED',
  'RESOLVED',
  'REOPENED',
  'COMMENTED',
  'CANCELLED',
  'MERGED',
]);

const fromResident = (event: CaseEvent) => event.actorRole === 'RESIDENT' || event.actor === 'resident';

/** Public messages only, oldest first, so the thread reads like a chat. */
export function conversationOf(events: CaseEvent[]): CaseEvent[] {
  return events
    .filter(
      (event) =>
        event.isPublic &&
        Boolean(event.note?.trim()) &&
        (MESSAGE_TYPES.has(event.type) || fromResident(event)),
    )
    .sort((a, b) => a.id - b.id);
}

/**
 * What the resident wrote and what the city answered: the description that opened the case,
 * then every public message, residents' on the left and the city's on the right.
 */
export const CaseConversation = ({
  record,
}: {
  record: { id: string; description: string; createdAt: string };
}) => {
  const translate = useTranslate();
  const { data, isPending } = useGetList<CaseEvent>('case-events', {
    filter: { caseId: record.id },
    sort: { field: 'id', order: 'ASC' },
    pagination: { page: 1, perPage: 500 },
  });
  if (isPending) return null;
  const messages = conversationOf(data ?? []);
  const bubbles = [
    {
      key: 'opening',
      resident: true,
      author: translate('civicflow.case.author.resident'),
      text: record.description,
      at: record.createdAt,
      type: 'CREATED',
    },
    ...messages.map((event) => ({
      key: String(event.id),
      resident: fromResident(event),
      author: fromResident(event) ? translate('civicflow.case.author.resident') : event.actor,
      text: event.note ?? '',
      at: event.createdAt,
      type: event.type,
    })),
  ];
  return (
    <Stack spacing={1.5} sx={{ maxWidth: 760 }} data-testid="case-conversation">
      {bubbles.map((bubble) => (
        <Box
          key={bubble.key}
          sx={{ display: 'flex', justifyContent: bubble.resident ? 'flex-start' : 'flex-end' }}
          data-message={bubble.type}
        >
          <Paper
            variant="outlined"
            sx={{
              px: 1.5,
              py: 1,
              maxWidth: '80%',
              bgcolor: bubble.resident ? 'background.paper' : 'action.selected',
              borderColor: bubble.resident ? 'divider' : 'primary.light',
            }}
          >
            <Typography variant="caption" color="text.secondary" component="div">
              {bubble.author} · {new Date(bubble.at).toLocaleString()}
              {bubble.type !== 'CREATED' && bubble.type !== 'RESIDENT_MESSAGE'
                ? ` · ${translate(`civicflow.case.message_type.${bubble.type}`, { _: bubble.type })}`
                : ''}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
              {bubble.text}
            </Typography>
          </Paper>
        </Box>
      ))}
      {/* Under the resident's own words: what is missing is the city's side of the conversation. */}
      {!messages.some((event) => !fromResident(event)) && (
        <Typography variant="body2" color="text.secondary">
          {translate('civicflow.case.no_messages')}
        </Typography>
      )}
    </Stack>
  );
};
