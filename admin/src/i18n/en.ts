import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { mergeMessages } from './feature-messages';
import { features } from './features';

/** civicflow's own English texts; react-admin's come from ra-language-english. */
export const appEnglish = {
  civicflow: {
    kind: {
      INCIDENT: 'Failure / intervention',
      INFORMATION: 'Question',
      SUGGESTION: 'Suggestion',
      COMPLAINT: 'Complaint',
    },
    status: {
      NEW: 'New',
      TRIAGE: 'Triage',
      FORWARDED: 'Forwarded',
      IN_PROGRESS: 'In progress',
      WAITING_FOR_RESIDENT: 'Waiting for resident',
      RESOLVED: 'Resolved',
      ANSWERED: 'Answered',
      CLOSED: 'Closed',
      CANCELLED: 'Cancelled',
      MERGED: 'Merged',
    },
    channel: {
      PHONE: 'Phone',
      PORTAL: 'Portal',
      MOBILE: 'Mobile app',
      EMAIL: 'E-mail',
      CHAT: 'Chat',
      OPEN311: 'Open311',
    },
    case: {
      timeline: 'Timeline',
      details: 'Details',
      location: 'Location',
      contact: 'Resident',
      no_events: 'No events yet',
      search: 'Search number, text or street',
    },
    action: {
      accept: 'Accept',
      classify: 'Classify',
      forward: 'Forward to a unit',
      'request-info': 'Ask the resident',
      resolve: 'Resolve',
      answer: 'Answer',
      return: 'Return (not our case)',
      reopen: 'Reopen',
      merge: 'Merge as duplicate',
      cancel: 'Cancel',
      comment: 'Comment',
      note: {
        accept: 'Note (optional)',
        classify: 'Note (optional)',
        forward: 'Note for the unit (optional)',
        'request-info': 'Question to the resident',
        resolve: 'What was done (sent to the resident)',
        answer: 'Answer to the resident',
        return: 'Why this is not your unit’s case',
        reopen: 'What is still wrong',
        merge: 'Note (optional)',
        cancel: 'Reason',
        comment: 'Comment',
      },
      done: '%{action}: done',
      parent_case: 'Case to merge into',
      public_comment: 'Visible to the resident',
    },
    open311: {
      activate: 'Switch on',
      deactivate: 'Switch off',
      key_issued:
        'The api_key of %{name}. Copy it now: it is stored only as a hash and will not be shown again.',
    },
    language: { en: 'English', pl: 'Polski' },
  },
  resources: {
    'open311-clients': {
      name: 'Open311 client |||| Open311 clients',
      fields: { name: 'Application', active: 'Active', createdAt: 'Issued', lastUsedAt: 'Last used' },
    },
    units: {
      name: 'Unit |||| Units',
      fields: {
        code: 'Code',
        name: 'Name',
        nameEn: 'Name (English)',
        district: 'District',
        email: 'E-mail',
        active: 'Active',
        hasConnector: 'Own IT system',
      },
    },
    cases: {
      name: 'Case |||| Cases',
      fields: {
        number: 'Number',
        kind: 'Kind',
        status: 'Status',
        eventCode: 'Event',
        unitCode: 'Unit',
        district: 'District',
        channel: 'Channel',
        priority: 'Priority',
        description: 'Description',
        createdAt: 'Filed',
        resolutionDueAt: 'Resolution due',
        slaState: 'SLA',
        'location.street': 'Street',
        'location.building': 'Building',
        'contact.name': 'Name',
        'contact.email': 'E-mail',
        'contact.phone': 'Phone',
      },
    },
  },
};

export const englishMessagesAll: TranslationMessages = mergeMessages(
  englishMessages,
  appEnglish,
  ...features.map((feature) => feature.en),
);
