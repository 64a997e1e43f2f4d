const en = {
  title: 'Ask a question',
  search: {
    heading: 'How can we help?',
    intro:
      'Answers about City Hall services in Warsaw: documents, transport, waste, greenery, building, family and contacting the city.',
    label: 'Search the answers',
    hint: 'For example: registering a residence, ID card, bulky waste',
    button: 'Search',
    pageTitle: 'Help and questions',
  },
  categories: {
    heading: 'Categories',
    all: 'All categories',
    count: '{count} articles',
  },
  results: {
    heading: 'Answers',
    searching: 'Searching…',
    found: 'Found {count} answers for “{q}”.',
    foundOne: 'Found 1 answer for “{q}”.',
    none: 'No answers found for “{q}”.',
    inCategory: '{count} answers in the category {category}.',
    noneHint: 'Try fewer or other words, such as “ID card”, or ask us the question: we will answer it.',
  },
  notFound: {
    heading: 'Didn’t find the answer?',
    text: 'Write your question to the City Contact Center. We will reply by e-mail, and you can follow it on the portal.',
    link: 'Ask us',
  },
  article: {
    back: 'All answers',
    breadcrumb: 'You are here',
    updated: 'Updated {date}',
    missing: 'There is no such answer. It may have been moved or withdrawn.',
    stillQuestions: 'Still have a question?',
    stillText: 'If this article did not answer your question, write to us.',
  },
  ask: {
    heading: 'Ask a question',
    intro:
      'Write what you want to know about the city’s services. The question is passed to the City Contact Center as a case, and you get its number.',
    searchFirst: 'Maybe the answer is already in the knowledge base:',
    searchFirstLink: 'search the answers',
    question: 'Your question',
    questionHint: 'Describe the matter as precisely as you can, up to 4000 characters.',
    questionRequired: 'Write your question (at least 3 characters).',
    questionTooLong: 'The question can have at most 4000 characters.',
    email: 'E-mail for the answer',
    emailHint:
      'We send the answer and the case number here. Without it, follow the case with the number shown after sending.',
    emailInvalid: 'Enter a valid e-mail address, such as jan@example.com, or leave the field empty.',
    name: 'Name',
    nameHint: 'How we should address you in the answer.',
    submit: 'Send the question',
    sending: 'Sending…',
    privacy: 'Do not include data you do not want to share (PESEL, ID card numbers).',
    sent: 'Your question has been sent',
    caseNumber: 'Case number',
    keep: 'Keep the number: with it and the link below you can follow the answer.',
    emailNote: 'A confirmation with the link is on its way to {email}.',
    follow: 'Follow your question',
    another: 'Ask another question',
  },
};

const pl: typeof en = {
  title: 'Zadaj pytanie',
  search: {
    heading: 'W czym możemy pomóc?',
    intro:
      'Odpowiedzi o sprawach urzędowych w Warszawie: dokumenty, transport, odpady, zieleń, budownictwo, rodzina i kontakt z miastem.',
    label: 'Szukaj odpowiedzi',
    hint: 'Na przykład: zameldowanie, dowód osobisty, odbiór gabarytów',
    button: 'Szukaj',
    pageTitle: 'Pomoc i pytania',
  },
  categories: {
    heading: 'Kategorie',
    all: 'Wszystkie kategorie',
    count: 'artykuły: {count}',
  },
  results: {
    heading: 'Odpowiedzi',
    searching: 'Szukamy…',
    found: 'Znaleziono odpowiedzi dla „{q}”: {count}.',
    foundOne: 'Znaleziono 1 odpowiedź dla „{q}”.',
    none: 'Nie znaleziono odpowiedzi dla „{q}”.',
    inCategory: 'Odpowiedzi w kategorii {category}: {count}.',
    noneHint:
      'Spróbuj mniej lub innych słów, np. „dowód osobisty”, albo zadaj nam pytanie – odpowiemy na nie.',
  },
  notFound: {
    heading: 'Nie znalazłeś odpowiedzi?',
    text: 'Napisz pytanie do Miejskiego Centrum Kontaktu. Odpowiemy e-mailem, a sprawę możesz śledzić w portalu.',
    link: 'Zapytaj nas',
  },
  article: {
    back: 'Wszystkie odpowiedzi',
    breadcrumb: 'Jesteś tutaj',
    updated: 'Aktualizacja: {date}',
    missing: 'Nie ma takiej odpowiedzi. Mogła zostać przeniesiona lub wycofana.',
    stillQuestions: 'Masz jeszcze pytanie?',
    stillText: 'Jeśli ten artykuł nie odpowiedział na Twoje pytanie, napisz do nas.',
  },
  ask: {
    heading: 'Zadaj pytanie',
    intro:
      'Napisz, czego chcesz się dowiedzieć o sprawach miejskich. Pytanie trafi do Miejskiego Centrum Kontaktu jako zgłoszenie, a Ty otrzymasz jego numer.',
    searchFirst: 'Może odpowiedź jest już w bazie wiedzy:',
    searchFirstLink: 'przeszukaj odpowiedzi',
    question: 'Twoje pytanie',
    questionHint: 'Opisz sprawę możliwie dokładnie, do 4000 znaków.',
    questionRequired: 'Wpisz pytanie (co najmniej 3 znaki).',
    questionTooLong: 'Pytanie może mieć najwyżej 4000 znaków.',
    email: 'E-mail do odpowiedzi',
    emailHint:
      'Wyślemy tu odpowiedź i numer zgłoszenia. Bez adresu sprawę śledzisz po numerze pokazanym po wysłaniu.',
    emailInvalid: 'Wpisz poprawny adres e-mail, np. jan@example.com, albo zostaw pole puste.',
    name: 'Imię i nazwisko',
    nameHint: 'Jak mamy się do Ciebie zwracać w odpowiedzi.',
    submit: 'Wyślij pytanie',
    sending: 'Wysyłanie…',
    privacy: 'Nie podawaj danych, których nie chcesz udostępniać (PESEL, numer dowodu).',
    sent: 'Twoje pytanie zostało wysłane',
    caseNumber: 'Numer zgłoszenia',
    keep: 'Zachowaj numer: dzięki niemu i poniższemu linkowi sprawdzisz odpowiedź.',
    emailNote: 'Potwierdzenie z linkiem wyślemy na adres {email}.',
    follow: 'Śledź swoje pytanie',
    another: 'Zadaj kolejne pytanie',
  },
};

export const knowledgeMessages = { en, pl };
