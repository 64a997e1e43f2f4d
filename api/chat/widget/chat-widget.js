/* global document, location */
// The residents' chat widget: plain script, no framework, served by the API under its own CSP
// (same-origin script, no inline code). The chat survives dropped connections and page reloads:
// messages not yet acknowledged stay in an outbox and are resent with their client id, which the
// server stores once; the server replays everything after the last message number we saw.
'use strict';

(function () {
  const TEXTS = {
    pl: {
      title: 'Czat z Miejskim Centrum Kontaktu 19115',
      nameLabel: 'Imię (nieobowiązkowe)',
      emailLabel: 'E-mail (nieobowiązkowy)',
      emailHint:
        'Podaj, jeśli chcesz dostać odpowiedź e-mailem; konsultant zobaczy Twoje wcześniejsze zgłoszenia.',
      firstMessageLabel: 'W czym możemy pomóc?',
      start: 'Rozpocznij czat',
      available: 'Konsultanci są dostępni.',
      unavailable:
        'Teraz żaden konsultant nie jest dostępny. Możesz zostawić wiadomość — przyjmiemy ją jako zgłoszenie.',
      logLabel: 'Rozmowa',
      messageLabel: 'Twoja wiadomość',
      composeHint: 'Enter wysyła, Shift+Enter dodaje nowy wiersz.',
      send: 'Wyślij',
      endChat: 'Zakończ czat',
      leaveMessageOpen: 'Zostaw wiadomość',
      leaveMessageTitle: 'Zostaw wiadomość',
      leaveMessageIntro: 'Przyjmiemy treść rozmowy jako zgłoszenie i odpowiemy najszybciej, jak to możliwe.',
      leaveMessageLabel: 'Coś jeszcze? (nieobowiązkowe)',
      leaveMessageSend: 'Wyślij jako zgłoszenie',
      cancel: 'Anuluj',
      newChat: 'Nowy czat',
      waiting: 'Czekasz na konsultanta…',
      talkingTo: 'Rozmawiasz z: {name}',
      ended: 'Rozmowa zakończona.',
      reconnecting: 'Łączenie ponownie…',
      you: 'Ty',
      clerk: 'Konsultant',
      sending: 'wysyłanie…',
      caseCreated: 'Twoja sprawa ma numer {number}.',
      trackCase: 'Sprawdź status zgłoszenia {number}',
      messageLeft: 'Dziękujemy. Twoja wiadomość została przyjęta jako zgłoszenie {number}.',
      answered: 'Konsultant zamknął rozmowę jako wyjaśnioną. Dziękujemy!',
      abandoned: 'Rozmowa została zamknięta.',
      emptyMessage: 'Napisz wiadomość.',
      invalidEmail: 'Podaj poprawny adres e-mail albo zostaw to pole puste.',
      failed: 'Nie udało się. Spróbuj ponownie za chwilę.',
      gone: 'Ta rozmowa nie jest już dostępna. Rozpocznij nowy czat.',
      system: {
        CLERK_JOINED: '{author} dołącza do rozmowy.',
        CLERK_RELEASED: 'Konsultant odłożył rozmowę do kolejki. Zaraz odpowie ktoś inny.',
        RESIDENT_LEFT: 'Czat został zakończony.',
        CASE_CREATED: 'Konsultant przyjął Twoją sprawę jako zgłoszenie.',
        ANSWERED: 'Konsultant zamknął rozmowę jako wyjaśnioną.',
        MESSAGE_LEFT: 'Wiadomość przyjęta jako zgłoszenie.',
        ABANDONED: 'Rozmowa została zamknięta.',
      },
    },
    en: {
      title: 'Chat with the Warsaw 19115 Contact Center',
      nameLabel: 'Name (optional)',
      emailLabel: 'E-mail (optional)',
      emailHint: 'Give it if you want an answer by e-mail; the clerk will see your earlier cases.',
      firstMessageLabel: 'How can we help?',
      start: 'Start chat',
      available: 'Clerks are available.',
      unavailable: 'No clerk is available right now. You can leave a message and we will take it as a case.',
      logLabel: 'Conversation',
      messageLabel: 'Your message',
      composeHint: 'Enter sends, Shift+Enter adds a new line.',
      send: 'Send',
      endChat: 'End chat',
      leaveMessageOpen: 'Leave a message',
      leaveMessageTitle: 'Leave a message',
      leaveMessageIntro: 'We will take what you wrote in the chat as a case and answer as soon as we can.',
      leaveMessageLabel: 'Anything else? (optional)',
      leaveMessageSend: 'Send as a case',
      cancel: 'Cancel',
      newChat: 'New chat',
      waiting: 'Waiting for a clerk…',
      talkingTo: 'You are talking to: {name}',
      ended: 'The chat has ended.',
      reconnecting: 'Reconnecting…',
      you: 'You',
      clerk: 'Clerk',
      sending: 'sending…',
      caseCreated: 'Your case number is {number}.',
      trackCase: 'Check the status of case {number}',
      messageLeft: 'Thank you. Your message was taken as case {number}.',
      answered: 'The clerk closed the chat as answered. Thank you!',
      abandoned: 'The chat was closed.',
      emptyMessage: 'Write a message.',
      invalidEmail: 'Give a valid e-mail address or leave the field empty.',
      failed: 'That did not work. Try again in a moment.',
      gone: 'This chat is no longer available. Start a new chat.',
      system: {
        CLERK_JOINED: '{author} joined the chat.',
        CLERK_RELEASED: 'The clerk put the chat back in the queue. Someone else will answer shortly.',
        RESIDENT_LEFT: 'You left the chat.',
        CASE_CREATED: 'The clerk took your matter as a case.',
        ANSWERED: 'The clerk closed the chat as answered.',
        MESSAGE_LEFT: 'Message taken as a case.',
        ABANDONED: 'The chat was closed.',
      },
    },
  };

  const STORAGE_KEY = 'civicflow.chat';
  const MAX_BACKOFF_MS = 15000;
  const root = document.getElementById('chat');
  const lang = root.dataset.lang === 'en' ? 'en' : 'pl';
  const t = TEXTS[lang];
  const $ = (id) => document.getElementById(id);
  const format = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? '');
  const timeFormat = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'pl-PL', {
    hour: '2-digit',
    minute: '2-digit',
  });

  for (const element of document.querySelectorAll('[data-text]'))
    element.textContent = t[element.dataset.text];
  for (const element of document.querySelectorAll('[data-label]')) {
    element.setAttribute('aria-label', t[element.dataset.label]);
  }
  document.title = t.title;

  /** id, token, lastSeq, outbox: what must survive a reload of the page. */
  let chat = load();
  let socket = null;
  let attempt = 0;
  let reconnectTimer = null;
  let state = null;
  const shown = new Map();

  function load() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      return saved && saved.id && saved.token ? saved : null;
    } catch {
      return null;
    }
  }

  function save() {
    if (chat) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(chat));
    else sessionStorage.removeItem(STORAGE_KEY);
  }

  function newClientId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function setStatus(text) {
    $('chat-status').textContent = text;
  }

  function validEmail(value) {
    return value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw Object.assign(new Error(json.message || t.failed), { status: response.status });
    return json;
  }

  // ---- the start form ----

  async function showAvailability() {
    try {
      const response = await fetch('/api/v1/chat/availability');
      const body = await response.json();
      $('availability').textContent = body.clerksOnline ? t.available : t.unavailable;
    } catch {
      $('availability').textContent = '';
    }
  }

  $('start-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('start-name').value.trim();
    const email = $('start-email').value.trim();
    const message = $('start-message').value.trim();
    $('start-error').textContent = '';
    if (!validEmail(email)) {
      $('start-error').textContent = t.invalidEmail;
      return $('start-email').focus();
    }
    if (!message) {
      $('start-error').textContent = t.emptyMessage;
      return $('start-message').focus();
    }
    const button = event.submitter || $('start-form').querySelector('button');
    button.disabled = true;
    try {
      const started = await post('/api/v1/chat', {
        ...(name ? { name } : {}),
        ...(email ? { email } : {}),
        language: lang,
      });
      chat = { id: started.id, token: started.token, lastSeq: 0, email, outbox: [] };
      save();
      openConversation();
      queue(message);
      $('compose-text').focus();
    } catch (error) {
      $('start-error').textContent = error.message || t.failed;
    } finally {
      button.disabled = false;
    }
  });

  // ---- the conversation ----

  function openConversation() {
    $('start-form').hidden = true;
    $('conversation').hidden = false;
    $('leave-email').value = chat.email || '';
    connect();
  }

  function connect() {
    clearTimeout(reconnectTimer);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/api/v1/chat/${chat.id}/ws`);
    socket = ws;
    ws.addEventListener('open', () => {
      ws.send(JSON.stringify({ type: 'hello', token: chat.token, lastSeq: chat.lastSeq }));
    });
    ws.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      onFrame(frame);
    });
    ws.addEventListener('close', (event) => {
      if (socket !== ws) return;
      socket = null;
      if (event.code === 4401 || event.code === 4404 || event.code === 4400) return forget(t.gone);
      if (!chat || isOver()) return;
      setStatus(t.reconnecting);
      // Backoff with jitter, so a restarted server is not hit by every widget at the same instant.
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt += 1;
      reconnectTimer = setTimeout(connect, delay);
    });
  }

  function isOver() {
    return state && (state.status === 'CLOSED' || state.status === 'LEFT_MESSAGE');
  }

  function onFrame(frame) {
    if (frame.type === 'state') {
      attempt = 0;
      state = frame;
      renderState();
      flushOutbox();
    } else if (frame.type === 'availability') {
      $('availability').textContent = frame.clerksOnline ? t.available : t.unavailable;
      if (!frame.clerksOnline && state && state.status === 'WAITING')
        setStatus(`${t.waiting} ${t.unavailable}`);
    } else if (frame.type === 'message') {
      render(frame);
      if (frame.seq > chat.lastSeq) {
        chat.lastSeq = frame.seq;
        save();
      }
    } else if (frame.type === 'ack') {
      acknowledge(frame.clientId);
    } else if (frame.type === 'error') {
      $('compose-error').textContent = frame.message || t.failed;
      // Too many at once: the line stays in the outbox and goes again a little later.
      if (frame.code === 'RATE_LIMITED') setTimeout(flushOutbox, 10000);
      else if (frame.clientId) giveBack(frame.clientId);
    }
  }

  /** A line the server refused goes back into the input, so the resident can correct it. */
  function giveBack(clientId) {
    const entry = chat.outbox.find((item) => item.clientId === clientId);
    chat.outbox = chat.outbox.filter((item) => item.clientId !== clientId);
    save();
    const item = shown.get(`c:${clientId}`);
    if (item && item.classList.contains('chat__message--pending')) {
      item.remove();
      shown.delete(`c:${clientId}`);
    }
    if (entry && !$('compose-text').value) $('compose-text').value = entry.text;
  }

  function acknowledge(clientId) {
    const before = chat.outbox.length;
    chat.outbox = chat.outbox.filter((item) => item.clientId !== clientId);
    if (chat.outbox.length !== before) save();
    const pending = shown.get(`c:${clientId}`);
    if (pending) pending.classList.remove('chat__message--pending');
  }

  function renderState() {
    const over = isOver();
    // A resident who ended the chat still hears how it ends: the clerk may yet file a case.
    const left = over || chat.left;
    $('compose-form').hidden = left;
    $('leave-open').hidden = left || state.status !== 'WAITING';
    if (state.status === 'WAITING' && !left) setStatus(t.waiting);
    else if (state.status === 'ACTIVE' && !left) {
      setStatus(format(t.talkingTo, { name: state.clerkName || t.clerk }));
    } else setStatus(t.ended);
    if (!left) return;
    $('leave-form').hidden = true;
    $('ended').hidden = false;
    const endings = {
      CASE: state.case ? format(t.caseCreated, { number: state.case.number }) : t.ended,
      MESSAGE_LEFT: state.case ? format(t.messageLeft, { number: state.case.number }) : t.ended,
      ANSWERED: t.answered,
      ABANDONED: t.abandoned,
    };
    $('ended-text').textContent = endings[state.outcome] || t.ended;
    if (state.case) {
      $('ended-case').hidden = false;
      $('ended-case-link').href = state.case.tracking;
      $('ended-case-link').textContent = format(t.trackCase, { number: state.case.number });
    }
    chat.outbox = [];
    save();
  }

  /** One list item per message: a pending one is replaced by the stored one with the same client id. */
  function render(message) {
    if (shown.has(`s:${message.seq}`)) return;
    let item = message.clientId ? shown.get(`c:${message.clientId}`) : null;
    if (!item) {
      item = document.createElement('li');
      $('chat-log').appendChild(item);
    }
    item.className = `chat__message chat__message--${message.sender.toLowerCase()}`;
    item.replaceChildren();
    if (message.sender === 'SYSTEM') {
      item.textContent = format(t.system[message.text] || message.text, {
        author: message.author || t.clerk,
      });
    } else {
      const who = document.createElement('span');
      who.className = 'chat__author';
      who.textContent = message.sender === 'RESIDENT' ? t.you : message.author || t.clerk;
      const time = document.createElement('time');
      time.dateTime = message.createdAt;
      time.textContent = timeFormat.format(new Date(message.createdAt));
      const text = document.createElement('p');
      text.className = 'chat__text';
      text.textContent = message.text;
      item.append(who, ' ', time, text);
    }
    shown.set(`s:${message.seq}`, item);
    if (message.clientId) shown.set(`c:${message.clientId}`, item);
    item.scrollIntoView({ block: 'end' });
  }

  function renderPending(entry) {
    if (shown.has(`c:${entry.clientId}`)) return;
    const item = document.createElement('li');
    item.className = 'chat__message chat__message--resident chat__message--pending';
    const who = document.createElement('span');
    who.className = 'chat__author';
    who.textContent = `${t.you} (${t.sending})`;
    const text = document.createElement('p');
    text.className = 'chat__text';
    text.textContent = entry.text;
    item.append(who, text);
    $('chat-log').appendChild(item);
    shown.set(`c:${entry.clientId}`, item);
  }

  function queue(text) {
    const entry = { clientId: newClientId(), text };
    chat.outbox.push(entry);
    save();
    renderPending(entry);
    flushOutbox();
  }

  /** Sends whatever the server has not acknowledged; after a reconnect that may be a resend, stored once. */
  function flushOutbox() {
    if (!socket || socket.readyState !== WebSocket.OPEN || !state || isOver() || chat.left) return;
    for (const entry of chat.outbox) {
      renderPending(entry);
      socket.send(JSON.stringify({ type: 'message', clientId: entry.clientId, text: entry.text }));
    }
  }

  $('compose-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('compose-text').value.trim();
    $('compose-error').textContent = '';
    if (!text) {
      $('compose-error').textContent = t.emptyMessage;
      return;
    }
    $('compose-text').value = '';
    queue(text);
  });

  $('compose-text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('compose-form').requestSubmit();
    }
  });

  $('end-chat').addEventListener('click', () => {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify({ type: 'leave' }));
    chat.left = true;
    save();
    if (state) renderState();
    $('new-chat').focus();
  });

  // ---- leaving a message ----

  $('leave-open').addEventListener('click', () => {
    $('compose-form').hidden = true;
    $('leave-form').hidden = false;
    $('leave-email').focus();
  });

  $('leave-cancel').addEventListener('click', () => {
    $('leave-form').hidden = true;
    $('compose-form').hidden = false;
    $('compose-text').focus();
  });

  $('leave-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = $('leave-email').value.trim();
    const message = $('leave-text').value.trim();
    $('leave-error').textContent = '';
    if (!validEmail(email)) {
      $('leave-error').textContent = t.invalidEmail;
      return $('leave-email').focus();
    }
    const button = event.submitter || $('leave-form').querySelector('button');
    button.disabled = true;
    try {
      // Unacknowledged chat lines go with the message, each under its own clientId: the case must
      // hold everything the resident wrote, and a line the socket did deliver must not count twice.
      const unsent = chat.outbox.map((entry) => ({ clientId: entry.clientId, text: entry.text }));
      chat.leaveId = chat.leaveId || newClientId();
      save();
      const filed = await post(`/api/v1/chat/${chat.id}/leave-message`, {
        token: chat.token,
        ...(unsent.length > 0 ? { unsent } : {}),
        ...(message ? { message, clientId: chat.leaveId } : {}),
        ...(email ? { email } : {}),
      });
      // The socket says the same when it is connected; without it the resident still sees the number.
      state = {
        status: 'LEFT_MESSAGE',
        outcome: 'MESSAGE_LEFT',
        clerkName: null,
        case: { number: filed.number, tracking: filed.links.tracking },
      };
      renderState();
    } catch (error) {
      $('leave-error').textContent = error.message || t.failed;
    } finally {
      button.disabled = false;
    }
  });

  // ---- a new chat ----

  function forget(reason) {
    chat = null;
    state = null;
    save();
    if (socket) socket.close();
    socket = null;
    shown.clear();
    $('chat-log').replaceChildren();
    $('ended').hidden = true;
    $('ended-case').hidden = true;
    $('leave-form').hidden = true;
    $('compose-form').hidden = false;
    $('conversation').hidden = true;
    $('start-form').hidden = false;
    $('start-message').value = '';
    $('start-error').textContent = reason || '';
    setStatus('');
    void showAvailability();
  }

  $('new-chat').addEventListener('click', () => {
    forget('');
    $('start-message').focus();
  });

  void showAvailability();
  if (chat) {
    // After a reload the page is empty: replay the whole chat, then resend what was never acknowledged.
    chat.lastSeq = 0;
    chat.outbox = chat.outbox || [];
    openConversation();
  }
})();
