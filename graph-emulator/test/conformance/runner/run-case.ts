import type { ConformanceCase } from '../conformance-case.js';
import { checkAnswer, type Answer } from './check.js';
import { fill, FixtureSet, type FixtureEnvironment } from './fixtures.js';

/** The fixture holding the token each `auth` kind sends. */
const TOKEN_FIXTURES = { user: 'token', calendar: 'calendarToken', compose: 'composeToken', sharedCalendars: 'sharedCalendarsToken', scheduling: 'schedulingToken', contacts: 'contactsToken', tasks: 'tasksToken', files: 'filesToken', sites: 'sitesToken' } as const;

/**
 * Sends the case's request (placeholders filled) to the emulator over HTTPS and lists how the answer differs from the
 * documented one; `knownProblems` is the case's knownGap list with its placeholders filled too.
 */
export async function runCase(
  env: FixtureEnvironment,
  testCase: ConformanceCase,
): Promise<{ problems: string[]; knownProblems: string[] | undefined; answer: Answer }> {
  const fixtures = new FixtureSet(env);
  for (const name of testCase.needs ?? []) await fixtures.get(name);
  const request = await fill(testCase.request, fixtures);
  const expected = await fill(testCase.expect, fixtures);
  const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
  const headers: Record<string, string> = { ...request.headers };
  const auth = request.auth ?? (request.path.startsWith('/v1.0/') ? 'user' : 'none');
  if (auth !== 'none') headers.authorization = `Bearer ${await fixtures.get(TOKEN_FIXTURES[auth])}`;
  let body: string | URLSearchParams | undefined;
  if (request.form) {
    body = new URLSearchParams();
    for (const [name, value] of Object.entries(request.form)) for (const item of [value].flat()) body.append(name, item);
  } else if (request.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(request.body);
  }
  const response = await env.t.request(`${request.path}${query}`, { method: request.method, headers, ...(body !== undefined ? { body } : {}) });
  const answer: Answer = { status: response.status, headers: response.headers as unknown as Headers, text: await response.text() };
  const knownProblems = testCase.knownGap ? await fill(testCase.knownGap.problems, fixtures) : undefined;
  return { problems: checkAnswer(answer, expected), knownProblems, answer };
}
