import { useRef, useState, type ChangeEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { randomKey, type PhotoDraft } from './draft';

/** The API's limit per photo (MAX_PHOTO_BYTES in api/attachments/attachments.schemas.ts). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** What the API stores; it judges by content, this only spares a resident a refused upload. */
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * Photos with previews and a remove button each. Two inputs: one the phone opens as its camera,
 * one for photos already taken. The files stay in the browser until the case exists.
 */
export function PhotoPicker({
  photos,
  maxPhotos,
  onChange,
}: {
  photos: PhotoDraft[];
  maxPhotos: number;
  onChange(photos: PhotoDraft[]): void;
}) {
  const { t } = useI18n();
  const [problems, setProblems] = useState<string[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const megabytes = MAX_PHOTO_BYTES / 1024 / 1024;
  const filesInput = useRef<HTMLInputElement>(null);

  function add(event: ChangeEvent<HTMLInputElement>) {
    const files = Array.from(event.target.files ?? []);
    // The same file may be chosen again after it was removed.
    event.target.value = '';
    const added: PhotoDraft[] = [];
    const refused: string[] = [];
    for (const file of files) {
      if (photos.length + added.length >= maxPhotos) {
        refused.push(t('report.details.tooManyPhotos', { max: maxPhotos, name: file.name }));
      } else if (file.type && !PHOTO_TYPES.includes(file.type)) {
        refused.push(t('report.details.photoWrongType', { name: file.name }));
      } else if (file.size > MAX_PHOTO_BYTES) {
        refused.push(t('report.details.photoTooLarge', { name: file.name, megabytes }));
      } else {
        added.push({ id: randomKey(), file, previewUrl: URL.createObjectURL(file) });
      }
    }
    setProblems(refused);
    const next = [...photos, ...added];
    setAnnouncement(t('report.details.photosAdded', { count: next.length, max: maxPhotos }));
    onChange(next);
  }

  function remove(photo: PhotoDraft) {
    URL.revokeObjectURL(photo.previewUrl);
    const next = photos.filter((p) => p.id !== photo.id);
    setProblems([]);
    setAnnouncement(t('report.details.photoRemoved', { count: next.length, max: maxPhotos }));
    onChange(next);
    // Its button is gone: keyboard users continue from where photos are added.
    requestAnimationFrame(() => filesInput.current?.focus());
  }

  const full = photos.length >= maxPhotos;
  return (
    <fieldset className="photos" aria-describedby="photos-hint">
      <legend>
        {t('report.details.photosLegend')}
        <span className="field-necessity"> ({t('common.optional')})</span>
      </legend>
      <p id="photos-hint" className="hint muted">
        {t('report.details.photosHint', { max: maxPhotos, megabytes })}
      </p>
      <div className="photo-inputs">
        <div className="field">
          <label htmlFor="photo-files">{t('report.details.addPhotos')}</label>
          <input
            id="photo-files"
            ref={filesInput}
            type="file"
            accept="image/*"
            multiple
            disabled={full}
            onChange={add}
          />
        </div>
        <div className="field">
          <label htmlFor="photo-camera">{t('report.details.takePhoto')}</label>
          <input
            id="photo-camera"
            type="file"
            accept="image/*"
            capture="environment"
            disabled={full}
            onChange={add}
          />
        </div>
      </div>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {problems.length ? (
        <ul role="alert" className="notice notice--error photo-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      {photos.length ? (
        <ul className="photo-previews">
          {photos.map((photo, index) => (
            <li key={photo.id} className="photo-preview">
              <img
                src={photo.previewUrl}
                alt={t('report.details.photoAlt', { number: index + 1, name: photo.file.name })}
              />
              <button type="button" className="button button--secondary" onClick={() => remove(photo)}>
                {t('report.details.removePhoto', { number: index + 1, name: photo.file.name })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
