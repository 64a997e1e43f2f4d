import { apiJson, postJson } from '../http';

export type ChatStatus = 'WAITING' | 'ACTIVE' | 'CLOSED' | 'LEFT_MESSAGE';
export type ChatOutcome = 'CASE' | 'ANSWERED' | 'ABANDONED' | 'MESSAGE_LEFT';

export interface ChatMessage {
  seq: number;
  sender: 'RESIDENT' | 'CLERK' | 'SYSTEM';
  author: string | null;
  text: string;
  clientId: string | null;
  createdAt: string;
}

export interface Chat {
  id: string;
  status: ChatStatus;
  outcome: ChatOutcome | null;
  language: 'pl' | 'en';
  residentName: string | null;
  residentEmail: string | null;
  clerkUsername: string | null;
  clerkName: string | null;
  heldByMe: boolean;
  createdAt: string;
  takenAt: string | null;
  closedAt: string | null;
  residentLeftAt: string | null;
  caseId: string | null;
  caseNumber: string | null;
  messageCount: number;
  lastMessage: { sender: ChatMessage['sender']; text: string; createdAt: string } | null;
}

export interface EarlierCase {
  id: string;
  number: string;
  kind: string;
  status: string;
  eventCode: string | null;
  channel: string;
  createdAt: string;
}

/** What ending a chat with a case or an answer returns: the chat and the case it became. */
export interface ChatEnded {
  chat: Chat;
  case: { id: string; number: string };
}

/** What the clerks' socket sends; see api/back-office/chats/chats.routes.ts. */
export type ClerkFrame =
  | { type: 'ready'; user: { username: string; displayName: string } }
  | { type: 'queue'; chats: Chat[] }
  | { type: 'chat'; chat: Chat }
  | ({ type: 'message'; chatId: string } & ChatMessage)
  | { type: 'ack'; chatId: string; clientId: string; seq: number }
  | { type: 'error'; code: string; message: string; chatId?: string; clientId?: string }
  | { type: 'pong' };

const post = <T>(url: string, body: object = {}) => postJson<T>(url, body);

/**
 * An id per reply, so a retry after a lost answer stores the reply once. crypto.randomUUID needs
 * a secure context, which an intranet back office over plain HTTP is not; getRandomValues works.
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The chat methods of the data provider (dataProvider.ts); a chat itself is `getOne('chats')`. */
export const chatMethods = {
  takeChat: (id: string) => post<Chat>(`/api/chats/${id}/take`),
  releaseChat: (id: string) => post<Chat>(`/api/chats/${id}/release`),
  abandonChat: (id: string) => post<Chat>(`/api/chats/${id}/abandon`),
  replyInChat: (id: string, text: string, clientId: string) =>
    post<{ seq: number }>(`/api/chats/${id}/messages`, { text, clientId }),
  chatToCase: (id: string, body: Record<string, unknown>) => post<ChatEnded>(`/api/chats/${id}/case`, body),
  answerChat: (id: string, body: Record<string, unknown>) => post<ChatEnded>(`/api/chats/${id}/answer`, body),
  chatResidentCases: (id: string) => apiJson<EarlierCase[]>(`/api/chats/${id}/resident-cases`),
};
