import { useTranslate } from 'react-admin';

/**
 * A case event's type, actor and role as people read them: the audit trail and the case's
 * timeline show the same events, so they say them the same way.
 */
export function useEventLabels() {
  const translate = useTranslate();
  const type = (code: string) => translate(`civicflow.audit.type.${code}`, { _: code });
  const role = (code: string | null) => {
    if (!code) return '';
    if (code === 'SYSTEM' || code === 'RESIDENT') return translate(`civicflow.audit.roles.${code}`);
    return translate(`civicflow.users.role.${code}`, { _: code });
  };
  /** Stored actors: `user:<username>`, `channel:<CHANNEL>`, `unit-system:<UNIT>`, `system`, `resident`. */
  const actor = (stored: string) => {
    const [kind, rest] = stored.split(/:(.*)/s);
    if (kind === 'user') return rest;
    if (kind === 'channel') {
      const channel = translate(`civicflow.channel.${rest}`, { _: rest });
      return translate('civicflow.audit.actors.channel', { channel });
    }
    if (kind === 'unit-system') return translate('civicflow.audit.actors.unit_system', { unit: rest });
    return translate(`civicflow.audit.actors.${stored}`, { _: stored });
  };
  const status = (code: string | null) => (code ? translate(`civicflow.status.${code}`) : '');
  return { type, role, actor, status };
}
