/**
 * The XML form of GeoReport v2 documents. The spec's XML is a plain mapping of its JSON: an
 * object's keys become child elements, a list becomes repeated elements named after their
 * container (`services` > `service`), a null becomes an empty element.
 */
export type XmlValue =
  string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

/** The element name of one item of each list the GeoReport v2 documents contain. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Characters XML 1.0 cannot carry at all, even escaped (most C0 controls, lone surrogates, U+FFFE/F).
 * Residents' text can contain them; dropping them keeps the document well-formed.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXmlText(text: string): string {
  return (
    text
      .replace(NOT_XML_CHAR, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // An XML parser turns a raw CR (and CR LF) into LF: as a character reference it survives, so a
      // description reads the same in the XML answer as in the JSON one.
      .replace(/\r/g, '&#13;')
  );
}

function element(name: string, value: XmlValue): string {
  // Names come from our own documents, never from input; a bad one is a programming error.
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const itemName = ITEM_NAMES[name];
    if (!itemName) throw new Error(`no item element name for the list ${name}`);
    if (value.length === 0) return `<${name}/>`;
    return `<${name}>${value.map((item) => element(itemName, item)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value).map(([key, child]) => element(key, child));
    return children.length ? `<${name}>${children.join('')}</${name}>` : `<${name}/>`;
  }
  return `<${name}>${escapeXmlText(String(value))}</${name}>`;
}

/** A whole document with its declaration, `root` being the top element. */
export function toXmlDocument(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value)}\n`;
}
