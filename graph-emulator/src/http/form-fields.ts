/** Reads fields from a parsed query string or urlencoded body, where repeated keys become arrays. */
type Fields = Record<string, unknown> | undefined;

export function field(source: Fields, name: string): string | undefined {
  const value = source?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

export function fieldList(source: Fields, name: string): string[] {
  const value = source?.[name];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((item): item is string => typeof item === 'string' && item !== '');
}
