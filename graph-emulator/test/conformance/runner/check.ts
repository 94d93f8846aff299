import type { CaseExpectation, Expectation, JsonType, Shape } from '../conformance-case.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function typeMatches(value: unknown, types: string): boolean {
  const actual = jsonType(value);
  return types.split('|').some((type) => type === actual || (type === 'number' && actual === 'integer'));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What differs between `value` and the expectation, one line per difference, each naming its path. */
export function checkValue(value: unknown, expectation: Expectation, path: string): string[] {
  if (typeof expectation === 'string') {
    if (value === undefined) return [`${path}: missing (documented ${expectation})`];
    return typeMatches(value, expectation) ? [] : [`${path}: ${jsonType(value)}, documented ${expectation}`];
  }
  if ('$absent' in expectation) return value === undefined ? [] : [`${path}: ${JSON.stringify(value)}, documented absent`];
  if ('$optional' in expectation) return value === undefined ? [] : checkValue(value, expectation.$optional as Expectation, path);
  if (value === undefined) return [`${path}: missing`];
  if ('$eq' in expectation) {
    return JSON.stringify(value) === JSON.stringify(expectation.$eq) ? [] : [`${path}: ${JSON.stringify(value)}, documented ${JSON.stringify(expectation.$eq)}`];
  }
  if ('$like' in expectation) {
    const pattern = expectation.$like as RegExp;
    return typeof value === 'string' && pattern.test(value) ? [] : [`${path}: ${JSON.stringify(value)} does not match ${pattern}`];
  }
  if ('$each' in expectation) {
    if (!Array.isArray(value)) return [`${path}: ${jsonType(value)}, documented a non-empty array`];
    if (value.length === 0) return [`${path}: empty, the case needs at least one item to check`];
    // One line per distinct problem, not per item.
    return [...new Set(value.flatMap((item) => checkValue(item, expectation.$each as Expectation, `${path}[]`)))];
  }
  if ('$all' in expectation) return (expectation.$all as Expectation[]).flatMap((item) => checkValue(value, item, path));
  if ('$some' in expectation) {
    if (!Array.isArray(value)) return [`${path}: ${jsonType(value)}, documented an array`];
    const item = expectation.$some as Expectation;
    return value.some((entry) => checkValue(entry, item, path).length === 0) ? [] : [`${path}: no item matches ${JSON.stringify(item)}`];
  }
  return checkShape(value, expectation as Shape, path);
}

export function checkShape(value: unknown, shape: Shape, path: string): string[] {
  if (!isObject(value)) return [`${path}: ${jsonType(value)}, documented an object`];
  return Object.entries(shape).flatMap(([name, expectation]) => checkValue(value[name], expectation, `${path}.${name}`));
}

function checkHeaders(headers: Headers, expected: Record<string, string | RegExp | null>): string[] {
  return Object.entries(expected).flatMap(([name, want]) => {
    const actual = headers.get(name);
    if (want === null) return actual === null ? [] : [`header ${name}: ${JSON.stringify(actual)}, documented absent`];
    if (actual === null) return [`header ${name}: missing`];
    const ok = typeof want === 'string' ? actual === want : want.test(actual);
    return ok ? [] : [`header ${name}: ${JSON.stringify(actual)}, documented ${typeof want === 'string' ? JSON.stringify(want) : want}`];
  });
}

function checkRedirect(headers: Headers, redirect: NonNullable<CaseExpectation['redirect']>): string[] {
  const location = headers.get('location');
  if (!location) return ['header location: missing'];
  const [target] = location.split('?');
  const problems = target === redirect.to ? [] : [`redirect: to ${target}, documented ${redirect.to}`];
  const query = Object.fromEntries(new URL(location).searchParams);
  return [...problems, ...checkShape(query, redirect.query, 'redirect')];
}

/**
 * Every difference between the answer and the documented one. A status that differs is the only problem reported:
 * the body of another status says nothing about the documented one.
 */
export function checkAnswer(answer: Answer, expected: CaseExpectation): string[] {
  if (answer.status !== expected.status) return [`status ${answer.status}, documented ${expected.status}`];
  const problems = checkHeaders(answer.headers, expected.headers ?? {});
  if (expected.redirect) problems.push(...checkRedirect(answer.headers, expected.redirect));
  if (expected.text && !expected.text.test(answer.text)) problems.push(`body: ${JSON.stringify(answer.text.slice(0, 80))} does not match ${expected.text}`);
  if (expected.body) {
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      return [...problems, `body: not JSON (${JSON.stringify(answer.text.slice(0, 80))})`];
    }
    problems.push(...checkShape(json, expected.body, 'body'));
  }
  return problems;
}
