/**
 * Logs are read by operators and shipped to log stores with their own access and retention, so a
 * log line must not hand out what opens a resident's case or booking (the `?token=` of tracking,
 * booking and chat links, an API key, a password in a connection URL) nor name residents by their
 * e-mail address. Applied to each whole line, it also covers error messages and stacks that quote
 * a URL, whoever logged them.
 */

// A query parameter whose name says it carries a credential: token, api_key, access_token, secret...
const CREDENTIAL_PARAMETER = /([?&;][\w.-]*?(?:token|key|secret|password|signature)[\w.-]*=)[^&#\s"'\\<>]*/gi;
// scheme://user:password@host
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#\s"'@]+:)[^@/?#\s"']+@/gi;
// Addresses as written and as a query string encodes them (%40).
const EMAIL_ADDRESS =
  /([A-Za-z0-9._+-])[A-Za-z0-9._%+-]*(@|%40)([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;

export const REDACTED = '[redacted]';

export function redactLogLine(line: string): string {
  return line
    .replace(CREDENTIAL_PARAMETER, `$1${REDACTED}`)
    .replace(URL_PASSWORD, `$1${REDACTED}@`)
    .replace(
      EMAIL_ADDRESS,
      (_match, first: string, at: string, domain: string) => `${first}***${at}${domain}`,
    );
}
