import { decodeEntities, guessLanguage, htmlToText, trimQuotedReply } from '../../../intake/email/mail-text';

describe('htmlToText', () => {
  it('keeps the text a reader sees and none of the markup', () => {
    const html =
      '<html><head><title>Zgłoszenie</title><style>p { color: red }</style></head>' +
      '<body><p>Dzień dobry,</p><p>na ulicy <b>Puławskiej</b> 12 jest <a href="https://x.test">dziura</a>.</p></body></html>';
    expect(htmlToText(html)).toBe('Dzień dobry,\nna ulicy Puławskiej 12 jest dziura.');
  });

  it('drops scripts, styles and comments with their content', () => {
    const html =
      '<p>Przed</p><script>alert("x<b>y</b>")</script><!-- <p>komentarz</p> -->' +
      '<style>.a{}</style><noscript>bez skryptów</noscript><p>Po</p>';
    const text = htmlToText(html);
    expect(text).toBe('Przed\nPo');
    expect(text).not.toMatch(/alert|komentarz|bez skryptów|[<>]/);
  });

  it('drops a script that is never closed and everything after it', () => {
    expect(htmlToText('<p>Treść</p><script>fetch("https://evil.test")')).toBe('Treść');
  });

  it('leaves no tag even from broken or attribute-laden markup', () => {
    const text = htmlToText(
      '<div onclick="x()" title=\'a > b\'>Lampa <img src=x onerror=alert(1)> nie świeci</div><p',
    );
    expect(text).toBe('Lampa nie świeci');
  });

  it('turns line breaks, list items and table cells into readable text', () => {
    const html =
      'Linia 1<br>Linia 2<ul><li>pierwszy</li><li>drugi</li></ul><table><tr><td>a</td><td>b</td></tr></table>';
    expect(htmlToText(html)).toBe('Linia 1\nLinia 2\n- pierwszy\n- drugi\na b');
  });

  it('marks quoted parts with "> " so the reply trimmer can drop them', () => {
    const html =
      '<p>Nadal nie naprawione.</p><blockquote><p>Sprawa nr 000123/26 została załatwiona.</p></blockquote>';
    expect(htmlToText(html)).toBe('Nadal nie naprawione.\n> Sprawa nr 000123/26 została załatwiona.');
  });

  it('decodes entities, Polish letters included, and keeps an escaped < as text', () => {
    expect(htmlToText('<p>Z&oacute;&lstrok;ta &amp; zielona &lt;b&gt; &#261;&#x119; &nbsp;x</p>')).toBe(
      'Zółta & zielona <b> ąę x',
    );
  });

  it('keeps headings as written and drops link targets and images', () => {
    expect(
      htmlToText(
        '<h2>Zgłoszenie</h2><p>Zdjęcie: <img src="cid:1" alt="zdjęcie"> <a href="https://x.test">tutaj</a></p>',
      ),
    ).toBe('Zgłoszenie\nZdjęcie: tutaj');
  });

  it('reads the text before hostile nesting, fast and without overflowing the stack', () => {
    const started = performance.now();
    const text = htmlToText(`<p>Lampa nie świeci.</p>${'<b>'.repeat(200_000)}x`);
    expect(text.startsWith('Lampa nie świeci.')).toBe(true);
    // Unbounded, htmlparser2 takes over 10 s here and html-to-text throws a RangeError.
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('never turns an invalid numeric entity into a control character', () => {
    expect(decodeEntities('a&#0;b&#xD800;c&#1114112;d')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(decodeEntities('&unknown; &amp')).toBe('&unknown; &amp');
  });
});

describe('trimQuotedReply', () => {
  it('cuts a Gmail-style quote in English and in Polish', () => {
    expect(
      trimQuotedReply('Still broken.\n\nOn Mon, 3 Dec 2026 at 10:00, Kontakt <k@x.pl> wrote:\n> Resolved.'),
    ).toBe('Still broken.');
    expect(
      trimQuotedReply(
        'Nadal nie działa.\n\nW dniu 3.12.2026 o 10:00 Kontakt 19115 <k@x.pl> pisze:\n> Załatwione.',
      ),
    ).toBe('Nadal nie działa.');
  });

  it('cuts a quote header wrapped over two lines', () => {
    expect(
      trimQuotedReply(
        'Dziękuję.\n\nOn Mon, 3 Dec 2026 at 10:00, Kontakt 19115 <kontakt@um.warszawa.pl>\nwrote:\n> x',
      ),
    ).toBe('Dziękuję.');
  });

  it("cuts Outlook's From/Sent block and the Original Message marker", () => {
    const outlook =
      'Proszę o pilną interwencję.\n\nOd: Kontakt 19115 <k@x.pl>\nWysłano: poniedziałek, 3 grudnia 2026 10:00\nDo: Jan <j@x.pl>\nTemat: [#000123/26] Sprawa';
    expect(trimQuotedReply(outlook)).toBe('Proszę o pilną interwencję.');
    expect(trimQuotedReply('Tak.\n-----Original Message-----\nFrom: a')).toBe('Tak.');
  });

  it('cuts the signature and phone footers, keeps a line merely starting with "From:"', () => {
    expect(
      trimQuotedReply('Zdjęcie w załączniku.\n\nWysłane z iPhone’a\n-- \nJan Kowalski\ntel. 600 000 000'),
    ).toBe('Zdjęcie w załączniku.');
    expect(trimQuotedReply('From: my window I see the broken lamp.')).toBe(
      'From: my window I see the broken lamp.',
    );
  });

  it('drops interleaved quoted lines', () => {
    expect(trimQuotedReply('> Czy lampa świeci?\nNie.\n> Od kiedy?\nOd tygodnia.')).toBe(
      'Nie.\nOd tygodnia.',
    );
  });

  it.each([
    [
      'the Polish "Wiadomość oryginalna" marker',
      'Nadal czekam.\n\n-----Wiadomość oryginalna-----\nOd: Kontakt 19115 <k@x.pl>\nWysłano: 3 grudnia 2026\nTemat: Sprawa',
      'Nadal czekam.',
    ],
    [
      "Outlook's English From/Sent block",
      'Please hurry.\n\nFrom: Kontakt 19115 <k@x.pl>\nSent: Monday, 3 December 2026 10:00\nTo: Jan <j@x.pl>\nSubject: [#000123/26] Case',
      'Please hurry.',
    ],
    [
      "Outlook's block in bold (HTML mail turned into text)",
      'Dziękuję.\n\n*From:* Kontakt 19115 <k@x.pl>\n*Sent:* Monday, 3 December 2026 10:00\n*To:* Jan <j@x.pl>\n*Subject:* Case',
      'Dziękuję.',
    ],
    [
      '"Dnia … napisał(a):"',
      'Lampa dalej nie świeci.\n\nDnia 3 grudnia 2026 10:00 Kontakt 19115 <k@x.pl> napisał(a):\n> Naprawiono.',
      'Lampa dalej nie świeci.',
    ],
    [
      'a "W dniu … napisał(a):" header wrapped over two lines',
      'Nic się nie zmieniło.\n\nW dniu pon., 3 gru 2026 o 10:00 Kontakt 19115 <kontakt@um.warszawa.pl>\nnapisał(a):\n> x',
      'Nic się nie zmieniło.',
    ],
    ['a Polish Android footer', 'Zdjęcie wysyłam.\n\nWysłane z mojego urządzenia Galaxy', 'Zdjęcie wysyłam.'],
    [
      'a Polish Outlook app footer',
      'OK, dziękuję.\n\nPobierz aplikację Outlook dla systemu iOS',
      'OK, dziękuję.',
    ],
  ])('cuts %s', (_, text, expected) => {
    expect(trimQuotedReply(text)).toBe(expected);
  });

  it.each([
    'Lista:\n-dziura przy Puławskiej\n-lampa przy Grójeckiej',
    'On Monday the lamp went out again.\nPlease fix it.',
    'Dzień dobry,\nod: 10 grudnia nie działa.\nDo: kiedy?',
    'W dniu wczorajszym lampa zgasła.\nProszę o naprawę.',
    'Dnia 5 grudnia zgłaszałem, nikt nie pisze: zgłaszam ponownie.\nLampa przy Freta 5.',
  ])('keeps a text that only looks like a quote or signature: %j', (text) => {
    expect(trimQuotedReply(text)).toBe(text);
  });

  it('reads hostile text in bounded time', () => {
    const started = performance.now();
    // Unbounded, the parser's backtracking takes minutes on this.
    expect(trimQuotedReply(`Tak.\n${'From: a <'.repeat(25_000)}`).startsWith('Tak.')).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('keeps the whole text when the resident wrote only below the quote', () => {
    const text = '> Sprawa załatwiona.\n> Pozdrawiamy';
    expect(trimQuotedReply(text)).toBe(text);
  });
});

describe('guessLanguage', () => {
  it('says English for plainly English text', () => {
    expect(
      guessLanguage('Hello, there is a broken street lamp near my house. Could you please fix it? Thank you'),
    ).toBe('en');
  });

  it('says Polish for Polish text, with or without diacritics', () => {
    expect(guessLanguage('Dzień dobry, na ulicy jest dziura w jezdni.')).toBe('pl');
    expect(
      guessLanguage('Dzien dobry, prosze o naprawe lampy przy ul. Grojeckiej, nie swieci od tygodnia'),
    ).toBe('pl');
  });

  it('defaults to Polish when in doubt', () => {
    expect(guessLanguage('')).toBe('pl');
    expect(guessLanguage('Lampa OK?')).toBe('pl');
    expect(guessLanguage('The lampa na ulicy nie świeci')).toBe('pl');
  });
});
