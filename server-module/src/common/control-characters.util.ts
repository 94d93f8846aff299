// C0 controls and DEL. PostgreSQL refuses NUL in text and jsonb; the others have no place in a subject or a name,
// and a CR/LF there is how header injection starts.
const CONTROLS = /[\u0000-\u001f\u007f]+/g;

/** One line of text a person typed: every control character (line breaks too) becomes one space. */
export function singleLine(text: string): string {
  return text.replace(CONTROLS, ' ');
}

/** Text that may span lines (HTML): only NUL, which no database column can hold, goes. */
export function withoutNul(text: string): string {
  return text.replace(/\u0000/g, '');
}
