import { absent, all, each, eq, like, optional, some } from './conformance-case.js';
import { checkAnswer, checkShape } from './runner/check.js';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('the conformance checker', () => {
  it('names each missing property and each wrong JSON type by its path', () => {
    const shape = { id: 'string', count: 'integer', flag: { status: 'string' }, mail: 'string|null' };
    expect(checkShape({ id: 1, count: 1.5, flag: {}, mail: null }, shape, 'body')).toEqual([
      'body.id: integer, documented string',
      'body.count: number, documented integer',
      'body.flag.status: missing (documented string)',
    ]);
    expect(checkShape({ id: 'a', count: 2, flag: { status: 'x' }, mail: 'm', extra: true }, shape, 'body')).toEqual([]);
  });

  it('checks every item of each(), one of some(), exact values, patterns and optional properties', () => {
    expect(checkShape({ value: [] }, { value: each({ id: 'string' }) }, 'body')).toEqual(['body.value: empty, the case needs at least one item to check']);
    expect(checkShape({ value: [{ id: 'a' }, { id: 2 }, { id: 3 }] }, { value: each({ id: 'string' }) }, 'body')).toEqual(['body.value[].id: integer, documented string']);
    expect(checkShape({ r: [{ s: 200 }, { s: 424 }] }, { r: some({ s: eq(424) }) }, 'b')).toEqual([]);
    expect(checkShape({ r: [{ s: 200 }] }, { r: some({ s: eq(424) }) }, 'b')).toHaveLength(1);
    expect(checkShape({ t: 'Basic' }, { t: eq('Bearer') }, 'b')).toEqual(['b.t: "Basic", documented "Bearer"']);
    expect(checkShape({ d: '2026-01-01' }, { d: like(/T/) }, 'b')).toEqual(['b.d: "2026-01-01" does not match /T/']);
    expect(checkShape({ r: [{ s: 200 }] }, { r: all(each({ s: 'integer' }), some({ s: eq(424) })) }, 'b')).toHaveLength(1);
    expect(checkShape({}, { x: optional('string') }, 'b')).toEqual([]);
    expect(checkShape({ x: 'a' }, { x: absent(), y: absent() }, 'b')).toEqual(['b.x: "a", documented absent']);
    expect(checkShape({ x: 1 }, { x: optional('string') }, 'b')).toEqual(['b.x: integer, documented string']);
  });

  it('reports a different status alone, then headers, redirects and text bodies', () => {
    expect(checkAnswer(answer(400, { error: 'x' }), { status: 200, body: { id: 'string' } })).toEqual(['status 400, documented 200']);
    expect(
      checkAnswer(answer(200, '12', { 'content-type': 'application/json', 'odata-version': '4.0' }), {
        status: 200,
        headers: { 'content-type': /^text\/plain/, 'odata-version': '4.0', location: null },
        text: /^\d+$/,
      }),
    ).toEqual(['header content-type: "application/json", documented /^text\\/plain/']);
    expect(
      checkAnswer(answer(302, '', { location: 'https://app.example/cb?code=abc&state=1' }), {
        status: 302,
        redirect: { to: 'https://app.example/cb', query: { code: 'string', state: eq('2') } },
      }),
    ).toEqual(['redirect.state: "1", documented "2"']);
  });
});
