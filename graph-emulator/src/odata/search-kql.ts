import { odataErrors } from './odata-errors.js';

/** The message fields a KQL term can look in. */
export type SearchField = 'subject' | 'body' | 'from' | 'to' | 'cc' | 'bcc' | 'attachment';

/** One term of `$search`: words that must all appear (as substrings, case-insensitively) in one of `fields`. */
export interface SearchTerm {
  fields: SearchField[];
  text: string;
}

// Free text looks in subject, body and sender, as Outlook's does.
const FREE_TEXT: SearchField[] = ['subject', 'body', 'from'];
const PROPERTIES: Record<string, SearchField[]> = {
  subject: ['subject'], body: ['body'], from: ['from'], to: ['to'], cc: ['cc'], bcc: ['bcc'],
  recipients: ['to', 'cc', 'bcc'], participants: ['from', 'to', 'cc', 'bcc'],
  // The names of the files attached to the message.
  attachment: ['attachment'],
};
// Searchable message properties Microsoft documents that the emulator does not answer.
const NOT_ANSWERED = ['hasattachment', 'hasattachments', 'importance', 'kind', 'received', 'sent', 'size'];

/**
 * `$search` on messages, the documented KQL subset the emulator answers: free text and `property:value` terms
 * (implicitly and-ed, `AND` allowed), a value quoted or not. `OR`, `NOT` and the other properties are 501.
 */
export function parseSearch(raw: string): SearchTerm[] {
  let text = raw.trim();
  if (text.startsWith('"')) {
    if (text.length < 2 || !text.endsWith('"')) throw odataErrors.syntax('$search', raw);
    text = text.slice(1, -1);
  }
  const terms: SearchTerm[] = [];
  const pattern = /(?:([A-Za-z]+):)?(?:\\?"([^"\\]*)\\?"|'([^']*)'|(\S+))/g;
  for (const match of text.matchAll(pattern)) {
    const [, property, doubleQuoted, singleQuoted, bare] = match;
    const value = (doubleQuoted ?? singleQuoted ?? bare ?? '').trim();
    if (!property && (value === 'AND' || value === '&&')) continue;
    if (!property && ['OR', 'NOT', '||', '!'].includes(value)) throw odataErrors.notImplemented(`'${value}' in $search`);
    if (property) {
      const lower = property.toLowerCase();
      if (NOT_ANSWERED.includes(lower)) throw odataErrors.notImplemented(`the '${lower}' property in $search`);
      const fields = PROPERTIES[lower];
      if (!fields) throw odataErrors.notImplemented(`the '${property}' property in $search`);
      if (value) terms.push({ fields, text: value.toLowerCase() });
    } else if (value) {
      terms.push({ fields: FREE_TEXT, text: value.toLowerCase() });
    }
  }
  if (terms.length === 0) throw odataErrors.syntax('$search', raw);
  return terms;
}

export function matchesSearch(terms: SearchTerm[], read: (field: SearchField) => string): boolean {
  const cache = new Map<SearchField, string>();
  const field = (name: SearchField) => {
    let value = cache.get(name);
    if (value === undefined) cache.set(name, (value = read(name).toLowerCase()));
    return value;
  };
  return terms.every((term) => term.fields.some((name) => field(name).includes(term.text)));
}
