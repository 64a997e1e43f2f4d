import { HttpError } from 'react-admin';
import { session } from '../session';

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

/** What the clerks' socket sends; see api/back-office/chats/chats.routes.ts. */
export type ClerkFrame =
  | { type: 'ready'; user: { username: string; displayName: string } }
  | { type: 'queue'; chats: Chat[] }
  | { type: 'chat'; chat: Chat }
  | ({ type: 'message'; chatId: string } & ChatMessage)
  | { type: 'ack'; chatId: string; clientId: string; seq: number }
  | { type: 'error'; code: string; message: string; chatId?: string; clientId?: string }
  | { type: 'pong' };

async function chatApi<T>(url: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${session.token() ?? ''}`);
  if (init.body) headers.set('Content-Type', 'application/json');
  const response = await fetch(url, { ...init, headers });
  const json = (await response.json().catch(() => ({}))) as { message?: string };
  // HttpError carries the body, so forms can put the server's field messages next to the inputs.
  if (!response.ok) throw new HttpError(json.message ?? response.statusText, response.status, json);
  return json as T;
}

const post = <T>(url: string, body: object = {}) =>
  chatApi<T>(url, { method: 'POST', body: JSON.stringify(body) });

/**
 * An id per reply, so a retry after a lost answer stores the reply once. crypto.randomUUID needs
 * a secure context, which an intranet back office over plain HTTP is not; getRandomValues works.
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const fetchChat = (id: string) => chatApi<Chat & { messages: ChatMessage[] }>(`/api/chats/${id}`);
export const takeChat = (id: string) => post<Chat>(`/api/chats/${id}/take`);
export const releaseChat = (id: string) => post<Chat>(`/api/chats/${id}/release`);
export const abandonChat = (id: string) => post<Chat>(`/api/chats/${id}/abandon`);
export const replyInChat = (id: string, text: string, clientId: string) =>
  post<{ seq: number }>(`/api/chats/${id}/messages`, { text, clientId });
export const chatToCase = (id: string, body: Record<string, unknown>) =>
  post<{ chat: Chat; case: { id: string; number: string } }>(`/api/chats/${id}/case`, body);
export const answerChat = (id: string, body: Record<string, unknown>) =>
  post<{ chat: Chat; case: { id: string; number: string } }>(`/api/chats/${id}/answer`, body);
export const residentCases = (id: string) => chatApi<EarlierCase[]>(`/api/chats/${id}/resident-cases`);
