import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';

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
    language: { en: 'English', pl: 'Polski' },
  },
  resources: {
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

export const englishMessagesAll: TranslationMessages = { ...englishMessages, ...appEnglish };
