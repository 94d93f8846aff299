import { useSeededMailbox } from './support/emulator-suite.js';
import type { Json } from './support/mail-client.js';

describe('message $search: nextLink paging by $skiptoken, up to 1000 results', () => {
  const { c } = useSeededMailbox({ messages: 1100, seed: 21, folders: 0, nestedFolders: 0 });

  const expectError = (answer: { status: number; body: Json }, status: number, code: string, message?: RegExp) => {
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    if (message) expect(answer.body.error.message).toMatch(message);
  };
  // Every seeded body signs off with "Best regards", so this search matches all 1100 messages.
  const SEARCH = '$search="body:regards"';

  it('pages a search through $skiptoken nextLinks, newest sent first, and stops at 1000 results', async () => {
    const first = await c.graph(`/me/messages?${SEARCH}&$select=sentDateTime&$top=400&$count=true`);
    expect(first.status).toBe(200);
    expect(first.body['@odata.count']).toBe(1000);
    const pages: Json[] = [first.body];
    while (pages[pages.length - 1]!['@odata.nextLink']) {
      const link = pages[pages.length - 1]!['@odata.nextLink'] as string;
      expect(link).toMatch(/[?&]\$skiptoken=[A-Za-z0-9_-]+/);
      expect(link).not.toMatch(/[?&]\$skip=/);
      expect(link).toContain('$search=');
      const next = await c.graph(link);
      expect(next.status).toBe(200);
      pages.push(next.body);
    }
    expect(pages.map((page) => page.value.length)).toEqual([400, 400, 200]);
    const items = pages.flatMap((page) => page.value as Json[]);
    expect(new Set(items.map((item) => item.id)).size).toBe(1000);
    const sent = items.map((item) => Date.parse(item.sentDateTime));
    expect(sent).toEqual([...sent].sort((a, b) => b - a));
    // The first 1000 by sent date are the ones kept.
    const everything = (await c.graph('/me/messages?$select=sentDateTime&$orderby=sentDateTime desc&$top=1000')).body.value as Json[];
    expect(new Set(items.map((item) => item.id))).toEqual(new Set(everything.map((item) => item.id)));
  });

  it('refuses a $skiptoken that is not one, continues another search, or comes with $skip', async () => {
    const first = await c.graph(`/me/messages?${SEARCH}&$top=5`);
    const token = new URL(first.body['@odata.nextLink'] as string).searchParams.get('$skiptoken')!;
    expectError(await c.graph(`/me/messages?${SEARCH}&$top=5&$skiptoken=nonsense`), 400, 'ErrorInvalidUrlQuery', /\$skiptoken/);
    expectError(await c.graph(`/me/messages?$search="body:best"&$top=5&$skiptoken=${token}`), 400, 'ErrorInvalidUrlQuery', /\$skiptoken/);
    expectError(await c.graph(`/me/messages?$top=5&$skiptoken=${token}`), 400, 'ErrorInvalidUrlQuery', /\$skiptoken/);
    expectError(await c.graph(`/me/messages?${SEARCH}&$top=5&$skip=5&$skiptoken=${token}`), 400, 'BadRequest', /'\$skip' is not supported with '\$skiptoken'/);
    expectError(await c.graph(`/me/mailFolders?$skiptoken=${token}`), 400, 'BadRequest', /'\$skiptoken' is not supported/);
    const second = await c.graph(`/me/messages?${SEARCH}&$top=5&$skiptoken=${token}`);
    expect(second.status).toBe(200);
    const firstIds = (first.body.value as Json[]).map((m) => m.id);
    expect((second.body.value as Json[]).some((m) => firstIds.includes(m.id))).toBe(false);
  });

  it('keeps $skip paging for lists without $search', async () => {
    const page = await c.graph('/me/mailFolders/inbox/messages?$top=3');
    expect(page.body['@odata.nextLink']).toMatch(/\$skip=3/);
    expect(page.body['@odata.nextLink']).not.toMatch(/skiptoken/);
  });
});
