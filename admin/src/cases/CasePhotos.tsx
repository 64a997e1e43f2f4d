import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import { session } from '../session';

interface Attachment {
  id: string;
  fileName: string;
  contentUrl: string;
  createdAt: string;
}

interface Photo {
  id: string;
  fileName: string;
  /** A blob: URL, or null when the photo could not be loaded. */
  url: string | null;
}

const authorized = () => ({ Authorization: `Bearer ${session.token() ?? ''}` });

/**
 * The case's photos. They need the bearer token, which an <img src> cannot send, so each is
 * fetched into a Blob and shown through a blob: URL (released when the page goes).
 */
function useCasePhotos(caseId: string): { photos: Photo[]; loaded: boolean } {
  const [state, setState] = useState<{ photos: Photo[]; loaded: boolean }>({ photos: [], loaded: false });
  useEffect(() => {
    let live = true;
    const urls: string[] = [];
    (async () => {
      const response = await fetch(`/api/cases/${caseId}/attachments`, { headers: authorized() });
      const attachments = response.ok ? ((await response.json()) as Attachment[]) : [];
      const photos = await Promise.all(
        attachments.map(async (attachment): Promise<Photo> => {
          try {
            const content = await fetch(attachment.contentUrl, { headers: authorized() });
            if (!content.ok) throw new Error(String(content.status));
            const url = URL.createObjectURL(await content.blob());
            urls.push(url);
            return { id: attachment.id, fileName: attachment.fileName, url };
          } catch {
            return { id: attachment.id, fileName: attachment.fileName, url: null };
          }
        }),
      );
      if (live) setState({ photos, loaded: true });
    })().catch(() => live && setState({ photos: [], loaded: true }));
    return () => {
      live = false;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [caseId]);
  return state;
}

export const CasePhotos = ({ caseId }: { caseId: string }) => {
  const translate = useTranslate();
  const { photos, loaded } = useCasePhotos(caseId);
  const [shown, setShown] = useState<Photo | null>(null);
  if (!loaded) return null;
  if (photos.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('civicflow.case.no_photos')}
      </Typography>
    );
  }
  return (
    <>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        {photos.map((photo) =>
          photo.url ? (
            <ButtonBase
              key={photo.id}
              onClick={() => setShown(photo)}
              aria-label={translate('civicflow.case.open_photo', { name: photo.fileName })}
              sx={{ borderRadius: 1, overflow: 'hidden', border: 1, borderColor: 'divider' }}
            >
              <img
                src={photo.url}
                alt={photo.fileName}
                data-testid="case-photo-thumbnail"
                style={{ width: 112, height: 84, objectFit: 'cover', display: 'block' }}
              />
            </ButtonBase>
          ) : (
            <Typography key={photo.id} variant="caption" color="error">
              {translate('civicflow.case.photo_failed', { name: photo.fileName })}
            </Typography>
          ),
        )}
      </Box>
      {shown?.url && (
        <Dialog open onClose={() => setShown(null)} maxWidth="lg" aria-labelledby="case-photo-title">
          <DialogTitle id="case-photo-title">{shown.fileName}</DialogTitle>
          <DialogContent>
            <img
              src={shown.url}
              alt={shown.fileName}
              data-testid="case-photo-large"
              style={{ maxWidth: '100%', maxHeight: '75vh', display: 'block', margin: '0 auto' }}
            />
          </DialogContent>
        </Dialog>
      )}
    </>
  );
};
