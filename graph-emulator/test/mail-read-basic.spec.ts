import { decodeJwtPayload } from './support/emulator-harness.js';
import { useSeededMailbox } from './support/emulator-suite.js';
import { deltaRound, mailClient, type Json, type MailClient } from './support/mail-client.js';
import { tokenWithScopes } from './support/scoped-token.js';

const WITHHELD = ['body', 'bodyPreview', 'uniqueBody'];

describe('Mail.ReadBasic: messages without body, preview, unique body, attachments or extensions, and no search', () => {
  const { t, c } = useSeededMailbox({ messages: 12, seed: 8 });
  let basic: MailClient;
  beforeEach(async () => {
    basic = mailClient(t, await tokenWithScopes(t, ['User.Read', 'Mail.ReadBasic']));
  });

  const withheldIn = (message: Json) => WITHHELD.filter((name) => name in message);

  it('is a scope the consent page offers and the token carries', () => {
    expect(String(decodeJwtPayload(basic.token).scp).split(' ')).toEqual(expect.arrayContaining(['User.Read', 'Mail.ReadBasic']));
  });

  it('lists and gets messages with every other property, leaving the withheld ones out even when selected', async () => {
    const full = await c.graph('/me/messages?$top=5');
    const list = await basic.graph('/me/messages?$top=5');
    expect(list.status).toBe(200);
    expect(list.body.value).toHaveLength(5);
    for (const [index, message] of (list.body.value as Json[]).entries()) {
      expect(withheldIn(message)).toEqual([]);
      const { body: _b, bodyPreview: _p, ...rest } = full.body.value[index] as Json;
      expect(message).toEqual(rest);
    }
    const selected = await basic.graph('/me/messages?$top=2&$select=subject,body,bodyPreview,uniqueBody');
    expect(selected.status).toBe(200);
    for (const message of selected.body.value as Json[]) expect(Object.keys(message).sort()).toEqual(['@odata.etag', 'id', 'subject']);

    const id = list.body.value[0].id as string;
    const one = await basic.graph(`/me/messages/${id}?$select=subject,uniqueBody,body`);
    expect(one.status).toBe(200);
    expect(one.body.subject).toBe(list.body.value[0].subject);
    expect(withheldIn(one.body)).toEqual([]);
    // Mail.Read reads them.
    const reader = mailClient(t, await tokenWithScopes(t, ['User.Read', 'Mail.Read']));
    expect(withheldIn((await reader.graph(`/me/messages/${id}?$select=subject,uniqueBody,body,bodyPreview`)).body)).toEqual(WITHHELD);
  });

  it('walks delta without the withheld properties', async () => {
    const { items } = await deltaRound(basic, '/me/mailFolders/inbox/messages/delta');
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(withheldIn(item)).toEqual([]);
    const selected = await deltaRound(basic, '/me/mailFolders/inbox/messages/delta?$select=subject,body');
    for (const item of selected.items) expect(withheldIn(item)).toEqual([]);
  });

  it('reads mail folders in full', async () => {
    const folders = await basic.graph('/me/mailFolders');
    expect(folders.status).toBe(200);
    expect(folders.body.value).toEqual((await c.graph('/me/mailFolders')).body.value);
    expect((await basic.graph('/me/mailFolders/inbox')).status).toBe(200);
    expect((await basic.graph('/me/mailFolders/inbox/childFolders')).status).toBe(200);
  });

  it('answers 403 ErrorAccessDenied for $search, attachments, extensions, extended properties and the MIME content', async () => {
    const id = (await basic.graph('/me/messages?$top=1&$select=subject')).body.value[0].id as string;
    const denied = [
      '/me/messages?$search="hello"',
      '/me/mailFolders/inbox/messages/$count?$search="hello"',
      '/me/messages?$expand=attachments',
      `/me/messages/${id}?$expand=extensions`,
      `/me/messages/${id}?$expand=singleValueExtendedProperties($filter=id eq 'x')`,
      `/me/messages/${id}/attachments`,
      `/me/messages/${id}/$value`,
    ];
    for (const path of denied) {
      const answer = await basic.graph(path);
      expect({ path, status: answer.status, code: answer.body.error?.code }).toEqual({ path, status: 403, code: 'ErrorAccessDenied' });
    }
    // What the emulator lacks stays 501 for a token that may read it.
    expect((await c.graph(`/me/messages/${id}/attachments`)).status).toBe(501);
  });
});
