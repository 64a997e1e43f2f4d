const en = {
  civicflow: {
    knowledgeArticles: {
      tabs: { general: 'General', pl: 'Polish', en: 'English' },
      slug_help:
        'The article’s address in the portal: /portal/help/<slug>. Lower-case letters, digits and hyphens.',
      keywords_help:
        'Other words residents use for the same thing, in either language (e.g. "meldunek" for registering a residence). Searched, not shown.',
      published_help: 'Only published articles are visible in the portal',
      body_help: 'Plain text. Separate paragraphs with a blank line.',
      open_in_portal: 'Open in the portal',
    },
    knowledgeCategories: {
      position_help: 'Categories are shown in ascending order',
    },
  },
  resources: {
    'knowledge-articles': {
      name: 'Knowledge-base article |||| Knowledge base',
      fields: {
        slug: 'Slug',
        categoryCode: 'Category',
        titlePl: 'Title (Polish)',
        titleEn: 'Title (English)',
        summaryPl: 'Summary (Polish)',
        summaryEn: 'Summary (English)',
        bodyPl: 'Text (Polish)',
        bodyEn: 'Text (English)',
        keywords: 'Keywords',
        published: 'Published',
        updatedAt: 'Changed',
        q: 'Search',
      },
    },
    'knowledge-categories': {
      name: 'Knowledge-base category |||| Knowledge-base categories',
      fields: {
        code: 'Code',
        namePl: 'Name (Polish)',
        nameEn: 'Name (English)',
        position: 'Position',
        articles: 'Articles',
        q: 'Search',
      },
    },
  },
};

const pl: typeof en = {
  civicflow: {
    knowledgeArticles: {
      tabs: { general: 'Ogólne', pl: 'Polski', en: 'Angielski' },
      slug_help: 'Adres artykułu w portalu: /portal/help/<slug>. Małe litery, cyfry i łączniki.',
      keywords_help:
        'Inne słowa, których mieszkańcy używają na to samo, w dowolnym języku (np. „meldunek” dla zameldowania). Przeszukiwane, niewyświetlane.',
      published_help: 'W portalu widać tylko opublikowane artykuły',
      body_help: 'Zwykły tekst. Akapity oddzielaj pustą linią.',
      open_in_portal: 'Otwórz w portalu',
    },
    knowledgeCategories: {
      position_help: 'Kategorie są wyświetlane rosnąco według pozycji',
    },
  },
  resources: {
    'knowledge-articles': {
      name: 'Artykuł bazy wiedzy |||| Baza wiedzy |||| Artykułów bazy wiedzy',
      fields: {
        slug: 'Adres (slug)',
        categoryCode: 'Kategoria',
        titlePl: 'Tytuł (polski)',
        titleEn: 'Tytuł (angielski)',
        summaryPl: 'Streszczenie (polski)',
        summaryEn: 'Streszczenie (angielski)',
        bodyPl: 'Treść (polski)',
        bodyEn: 'Treść (angielski)',
        keywords: 'Słowa kluczowe',
        published: 'Opublikowany',
        updatedAt: 'Zmieniono',
        q: 'Szukaj',
      },
    },
    'knowledge-categories': {
      name: 'Kategoria bazy wiedzy |||| Kategorie bazy wiedzy |||| Kategorii bazy wiedzy',
      fields: {
        code: 'Kod',
        namePl: 'Nazwa (polski)',
        nameEn: 'Nazwa (angielski)',
        position: 'Pozycja',
        articles: 'Artykuły',
        q: 'Szukaj',
      },
    },
  },
};

export const knowledgeArticlesMessages = { en, pl };
