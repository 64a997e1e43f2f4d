/** Where a chat stands: waiting in the queue, held by a clerk, over, or left as a message. */
export const CHAT_STATUSES = ['WAITING', 'ACTIVE', 'CLOSED', 'LEFT_MESSAGE'] as const;
export type ChatStatus = (typeof CHAT_STATUSES)[number];

/** How a chat ended: a case, a question answered on the spot, nobody stayed, or a message left. */
export const CHAT_OUTCOMES = ['CASE', 'ANSWERED', 'ABANDONED', 'MESSAGE_LEFT'] as const;
export type ChatOutcome = (typeof CHAT_OUTCOMES)[number];

export const CHAT_SENDERS = ['RESIDENT', 'CLERK', 'SYSTEM'] as const;
export type ChatSender = (typeof CHAT_SENDERS)[number];
