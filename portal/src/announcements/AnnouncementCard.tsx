import { useI18n } from '../i18n/i18n';
import { isUrgent, type Announcement } from './announcements-api';
import './announcements.css';

function formatWarsawTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'pl' ? 'pl-PL' : 'en-GB', {
    timeZone: 'Europe/Warsaw',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** When and where an announcement applies, in the reader's language. */
export function Validity({ announcement }: { announcement: Announcement }) {
  const { t, lang } = useI18n();
  const from = formatWarsawTime(announcement.validFrom, lang);
  return (
    <p className="announcement__meta">
      <span>
        {announcement.validTo
          ? t('announcements.validFromTo', { from, to: formatWarsawTime(announcement.validTo, lang) })
          : t('announcements.validFromUntilWithdrawn', { from })}
      </span>{' '}
      <span>
        {announcement.districts.length
          ? t('announcements.districts', { districts: announcement.districts.join(', ') })
          : t('announcements.wholeCity')}
      </span>
    </p>
  );
}

/**
 * One announcement as an article; alerts and water outages look like warnings. `headingLevel`
 * keeps headings in order on each page that lists them.
 */
export function AnnouncementCard({
  announcement,
  headingLevel,
  brief = false,
}: {
  announcement: Announcement;
  headingLevel: 2 | 3;
  brief?: boolean;
}) {
  const { t, pick } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `announcement-${announcement.id}-title`;
  const paragraphs = pick(announcement.body)
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  return (
    <article
      id={`announcement-${announcement.id}`}
      aria-labelledby={headingId}
      className={`announcement ${isUrgent(announcement) ? 'notice notice--warn announcement--urgent' : 'card'}`}
    >
      <p className="announcement__kind">{t(`announcements.kind.${announcement.kind}`)}</p>
      <Heading id={headingId} className="announcement__title">
        {pick(announcement.title)}
      </Heading>
      {(brief ? paragraphs.slice(0, 1) : paragraphs).map((paragraph, index) => (
        <p key={index} className="announcement__body">
          {paragraph}
        </p>
      ))}
      <Validity announcement={announcement} />
    </article>
  );
}
