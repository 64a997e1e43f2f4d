import { ApiError } from '../api';
import { useI18n } from '../i18n/i18n';

/** Shows why something failed, read out by screen readers; the API's own message names the problem. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const text =
    error instanceof ApiError && error.code === 'NETWORK'
      ? t('common.errors.network')
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <div role="alert" className="notice notice--error">
      {text}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="loading">
      {t('common.loading')}
    </p>
  );
}
