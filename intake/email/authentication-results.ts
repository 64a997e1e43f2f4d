/**
 * The Authentication-Results header (RFC 8601): how the city's relay judged a message's sender.
 * Parsed here rather than with a library: the one maintained Node package that reads it
 * (mailauth) keeps its parser internal and needs a newer Node than civicflow supports.
 */

/** One method's verdict, e.g. `dkim=pass header.d=example.pl`. */
export interface AuthenticationResult {
  /** Lower-case, without a `/version`. */
  method: string;
  /** Lower-case: pass, fail, none, softfail, neutral, temperror, permerror, policy... */
  result: string;
  /** `ptype.property` (and `reason`) to value, keys lower-case. */
  properties: Record<string, string>;
}

export interface AuthenticationResultsHeader {
  /** Lower-case: who made the judgement; only a trusted one's judgement counts. */
  authservId: string;
  results: AuthenticationResult[];
}

type Token = { kind: 'word' | 'quoted'; text: string } | { kind: ';' | '=' };

/** Comments (nested, RFC 5322 CFWS) become spaces; quoted strings are kept whole. Null: unbalanced. */
function withoutComments(value: string): string | null {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += value.slice(i, i + 2);
      i++;
      continue;
    }
    if (depth > 0) {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      if (depth === 0) out += ' ';
      continue;
    }
    if (quoted) {
      out += c;
      if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '(') {
      depth = 1;
      continue;
    } else if (c === ')') return null;
    out += c;
  }
  return depth === 0 && !quoted ? out : null;
}

function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < value.length;) {
    const c = value[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === ';' || c === '=') {
      tokens.push({ kind: c });
      i++;
    } else if (c === '"') {
      let text = '';
      for (i++; i < value.length && value[i] !== '"'; i++) {
        if (value[i] === '\\') i++;
        text += value[i] ?? '';
      }
      i++;
      tokens.push({ kind: 'quoted', text });
    } else {
      const start = i;
      while (i < value.length && !/[\s;="]/.test(value[i])) i++;
      tokens.push({ kind: 'word', text: value.slice(start, i) });
    }
  }
  return tokens;
}

function splitAtSemicolons(tokens: Token[]): Token[][] {
  const parts: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === ';') parts.push([]);
    else parts[parts.length - 1].push(token);
  }
  return parts;
}

const textOf = (token: Token | undefined): string | null =>
  token && (token.kind === 'word' || token.kind === 'quoted') ? token.text : null;

/**
 * `method[/version] = result [reason=...] [ptype.property=value ...]`, or null when it is not one
 * (`none`, or something unreadable: a verdict that cannot be read is no verdict).
 */
function parseResinfo(tokens: Token[]): AuthenticationResult | null {
  const pairs: [string, string][] = [];
  let key: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === '=') {
      let value = textOf(tokens[i + 1]);
      if (key.length === 0 || value === null) return null;
      i++;
      // A quoted local part: `smtp.mailfrom="john doe"@example.pl`.
      const next = tokens[i + 1];
      if (tokens[i].kind === 'quoted' && next?.kind === 'word' && next.text.startsWith('@')) {
        value += next.text;
        i++;
      }
      // CFWS may stand around the dot of `ptype.property`: the key's words are joined.
      pairs.push([key.join('').toLowerCase(), value]);
      key = [];
    } else {
      const text = textOf(token);
      if (text === null) return null;
      key.push(text);
    }
  }
  if (key.length > 0 || pairs.length === 0) return null;
  const [[method, result], ...rest] = pairs;
  return {
    method: method.split('/')[0],
    result: result.toLowerCase(),
    properties: Object.fromEntries(rest),
  };
}

/** Reads one header value (unfolded, without the field name); null when it has no authserv-id. */
export function parseAuthenticationResults(value: string): AuthenticationResultsHeader | null {
  const clean = withoutComments(value);
  if (clean === null) return null;
  const [head, ...resinfos] = splitAtSemicolons(tokenize(clean));
  const authservId = textOf(head[0]);
  // authserv-id [version]: anything else before the first ";" is not this header's grammar.
  if (!authservId || head.length > 2 || (head[1] && !/^\d+$/.test(textOf(head[1]) ?? ''))) return null;
  return {
    authservId: authservId.toLowerCase(),
    results: resinfos.map(parseResinfo).filter((r): r is AuthenticationResult => r !== null),
  };
}

export interface SenderVerdict {
  authenticated: boolean;
  /** What the relay said, for the inbound mail's record and the log. */
  detail: string;
}

const domainOf = (value: string): string =>
  value
    .slice(value.lastIndexOf('@') + 1)
    .trim()
    .replace(/\.$/, '')
    .toLowerCase();

/**
 * DMARC's relaxed alignment (RFC 7489, 3.1) without a public-suffix list: the same domain, or one a
 * subdomain of the other. A parent that is a public suffix could only be claimed by its registry,
 * which signs no residents' mail.
 */
function aligned(domain: string, fromDomain: string): boolean {
  if (!domain) return false;
  return (
    domain === fromDomain ||
    domain.endsWith(`.${fromDomain}`) ||
    (domain.includes('.') && fromDomain.endsWith(`.${domain}`))
  );
}

/**
 * Whether the trusted relay vouches for the From address: its Authentication-Results say DMARC
 * passed for the From domain, or SPF and DKIM both passed for domains aligned with it. Only
 * headers bearing the trusted authserv-id count (others were added on the way, by anyone), and a
 * method it reports both as passed and as not passed for the domain does not count: a relay that
 * fails to strip a forged header of its own id still cannot be talked into a pass that way.
 */
export function senderAuthentication(
  headerValues: string[],
  fromAddress: string,
  trustedAuthservId: string | undefined,
): SenderVerdict {
  if (!trustedAuthservId) {
    return { authenticated: false, detail: 'no relay is trusted to authenticate senders' };
  }
  const trusted = trustedAuthservId.toLowerCase();
  const results = headerValues
    .map(parseAuthenticationResults)
    .filter((header) => header?.authservId === trusted)
    .flatMap((header) => header!.results);
  if (results.length === 0) {
    return { authenticated: false, detail: `no Authentication-Results from ${trusted}` };
  }
  const fromDomain = domainOf(fromAddress);
  const verdicts = (method: string, domainOfResult: (r: AuthenticationResult) => string | undefined) =>
    results
      .filter((r) => r.method === method)
      .filter((r) => {
        const domain = domainOfResult(r);
        return (
          domain !== undefined && (method === 'dmarc' ? domain === fromDomain : aligned(domain, fromDomain))
        );
      })
      .map((r) => r.result);
  const passed = (list: string[]) => list.length > 0 && list.every((result) => result === 'pass');

  const dmarc = verdicts(
    'dmarc',
    (r) => r.properties['header.from'] && domainOf(r.properties['header.from']),
  );
  if (passed(dmarc)) return { authenticated: true, detail: `dmarc=pass for ${fromDomain} (${trusted})` };
  const spf = verdicts(
    'spf',
    (r) => r.properties['smtp.mailfrom'] && domainOf(r.properties['smtp.mailfrom']),
  );
  // Several signatures may sign one message: one aligned pass is enough, a broken other one is not a veto.
  const dkim = verdicts(
    'dkim',
    (r) =>
      (r.properties['header.d'] && domainOf(r.properties['header.d'])) ||
      (r.properties['header.i'] && domainOf(r.properties['header.i'])),
  );
  if (passed(spf) && dkim.includes('pass')) {
    return { authenticated: true, detail: `spf=pass and dkim=pass for ${fromDomain} (${trusted})` };
  }
  const seen = (name: string, list: string[]) =>
    `${name}=${list.length ? [...new Set(list)].join('/') : 'none'}`;
  return {
    authenticated: false,
    detail: `${trusted} reports ${[seen('dmarc', dmarc), seen('spf', spf), seen('dkim', dkim)].join(', ')} for ${fromDomain}`,
  };
}
