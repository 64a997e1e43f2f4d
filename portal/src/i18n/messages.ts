import { announcementsMessages } from '../announcements/messages';
import { bookingsMessages } from '../bookings/messages';
import { commonMessages } from '../layout/messages';
import { homeMessages } from '../home/messages';
import { knowledgeMessages } from '../knowledge/messages';
import { mapMessages } from '../map/messages';
import { openDataMessages } from '../open-data/messages';
import { reportMessages } from '../report/messages';
import { trackMessages } from '../track/messages';

export type Language = 'pl' | 'en';

/**
 * Each feature folder keeps its own texts as `{ en, pl }` (Polish typed against English, so a
 * missing Polish text fails the type check); they are merged here under the feature's name.
 */
const features = {
  common: commonMessages,
  home: homeMessages,
  report: reportMessages,
  track: trackMessages,
  map: mapMessages,
  knowledge: knowledgeMessages,
  bookings: bookingsMessages,
  announcements: announcementsMessages,
  openData: openDataMessages,
};

type Tree = { [key: string]: string | Tree };

function merge(lang: Language): Tree {
  return Object.fromEntries(Object.entries(features).map(([name, texts]) => [name, texts[lang] as Tree]));
}

export const messages: Record<Language, Tree> = { pl: merge('pl'), en: merge('en') };
