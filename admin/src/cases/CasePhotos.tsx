import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import { useTranslate } from 'react-admin';
import { session } from '../session';

interface Attachment {
  id: string;
  fileName: string;
  /** The re-encoded original, for download only. */
  contentUrl: string;
  /** About 320 px, for the strip of photos. */
  thumbnailUrl: string;
  /** About 1280 px, for the photo opened on the page. */
  screenUrl: string;
  createdAt: string;
}

interface Photo extends Attachment {
  /** A blob: URL of the thumbnail, or null when it could not be loaded. */
  thumbnail: string | null;
}

const authorized = () => ({ Authorization: `Bearer ${session.token() ?? ''}` });

/**
 * Photos need the bearer token, which an <img src> cannot send, so each is fetched into a Blob and
 * shown through a blob: URL, released when it is no longer shown.
 */
async function fetchBlob(url: string): Promise<Blob> {
  const response = await fetch(url, { headers: authorized() });
  if (!response.ok) throw new Error(String(response.status));
  return response.blob();
}

/** The case's photos as thumbnails: a page of the case never fetches a full-size photo by itself. */
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
            const url = URL.createObjectURL(await fetchBlob(attachment.thumbnailUrl));
            urls.push(url);
            return { ...attachment, thumbnail: url };
          } catch {
            return { ...attachment, thumbnail: null };
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

/** The screen size of the photo being shown, fetched when it is opened. */
function useScreenSize(photo: Photo | null): { url: string | null; failed: boolean } {
  const [state, setState] = useState<{ url: string | null; failed: boolean }>({ url: null, failed: false });
  useEffect(() => {
    setState({ url: null, failed: false });
    if (!photo) return;
    let live = true;
    let url: string | null = null;
    fetchBlob(photo.screenUrl)
      .then((blob) => {
        url = URL.createObjectURL(blob);
        if (live) setState({ url, failed: false });
        else URL.revokeObjectURL(url);
      })
      .catch(() => live && setState({ url: null, failed: true }));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [photo]);
  return state;
}

/** Saves the re-encoded original under the resident's file name (the server names its type). */
async function downloadOriginal(photo: Photo): Promise<void> {
  const response = await fetch(photo.contentUrl, { headers: authorized() });
  if (!response.ok) throw new Error(String(response.status));
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = encoded ? decodeURIComponent(encoded) : photo.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const PhotoDialog = ({ photo, onClose }: { photo: Photo; onClose: () => void }) => {
  const translate = useTranslate();
  const screen = useScreenSize(photo);
  const [downloadFailed, setDownloadFailed] = useState(false);
  return (
    <Dialog open onClose={onClose} maxWidth="lg" aria-labelledby="case-photo-title">
      <DialogTitle id="case-photo-title">{photo.fileName}</DialogTitle>
      <DialogContent>
        {screen.url ? (
          <img
            src={screen.url}
            alt={photo.fileName}
            data-testid="case-photo-large"
            style={{ maxWidth: '100%', maxHeight: '75vh', display: 'block', margin: '0 auto' }}
          />
        ) : screen.failed ? (
          <Typography variant="body2" color="error">
            {translate('civicflow.case.photo_failed', { name: photo.fileName })}
          </Typography>
        ) : (
          <Box sx={{ display: 'flex', justifyContent: 'center', p: 4 }}>
            <CircularProgress aria-label={photo.fileName} />
          </Box>
        )}
        {downloadFailed && (
          <Typography variant="body2" color="error">
            {translate('civicflow.case.photo_failed', { name: photo.fileName })}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button
          startIcon={<DownloadIcon />}
          data-testid="case-photo-download"
          onClick={() => {
            setDownloadFailed(false);
            downloadOriginal(photo).catch(() => setDownloadFailed(true));
          }}
        >
          {translate('civicflow.case.download_photo')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

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
          photo.thumbnail ? (
            <ButtonBase
              key={photo.id}
              onClick={() => setShown(photo)}
              aria-label={translate('civicflow.case.open_photo', { name: photo.fileName })}
              sx={{ borderRadius: 1, overflow: 'hidden', border: 1, borderColor: 'divider' }}
            >
              <img
                src={photo.thumbnail}
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
      {shown && <PhotoDialog photo={shown} onClose={() => setShown(null)} />}
    </>
  );
};
