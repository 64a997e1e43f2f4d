/**
 * The Content Security Policy source that lets the back office load map tiles from a Leaflet URL
 * template: "https://{s}.tile.example.org/{z}/{x}/{y}.png" gives "https://*.tile.example.org".
 * A placeholder elsewhere in the host cannot be expressed as a CSP host, so the scheme alone is
 * allowed then.
 */
export function tileImageSource(template: string): string {
  const match = /^(https?):\/\/([^/]+)\//.exec(template);
  if (!match) throw new Error(`Not a tile URL template: ${template}`);
  const [, scheme, host] = match;
  const wildcarded = host.replace(/^\{[a-z]+\}\./, '*.');
  return /[{}]/.test(wildcarded) ? `${scheme}:` : `${scheme}://${wildcarded}`;
}

/** OpenStreetMap's tiles must carry its attribution; other tile servers bring their own terms. */
export function tileAttribution(template: string): string | null {
  return /^https?:\/\/([^/]*\.)?openstreetmap\.[a-z]+\//.test(template)
    ? '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    : null;
}
