import { connectMailbox, startTestHost, type Json, type TestHost, type TestHttpClient } from '../../test-support/index.js';
import { INTROSPECTION_QUERY, isRequired, selectionFor, typeLiteral, unwrap, type IntrospectedSchema, type SchemaField, type TypeRef } from './support/graphql-schema-probe.js';

const MEGAN = 'megan.bowen@contoso.com';
const LEE = 'lee.gu@fabrikam.com';
const HOST_FIELDS = new Set(['signIn', 'signOut', 'createCalendarEvent', 'updateCalendarEvent', 'deleteCalendarEvent']);

/** What an attacker types into a text field. */
const PAYLOADS: Record<string, string> = {
  oversized: 'A'.repeat(200_000),
  script: '<script>alert(document.cookie)</script><img src=x onerror=alert(1)>',
  headerInjection: 'Hello\r\nBcc: attacker@evil.example\r\nX-Injected: 1',
  pathTraversal: '../../../../etc/passwd',
  unicode: '\u202Egnp.exe \u200B\u0000 👩‍👩‍👧 Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  sql: `'); DROP TABLE "message"; --`,
};

/**
 * Inputs: every plugin query and mutation that takes text (found by introspection) is given each payload in each of
 * its text arguments and input fields, as the account's owner (so the payload reaches the code, not the ownership
 * check). None answers an internal error; nothing is stored with script in it; no recipient holds a line break.
 */
describe('Security — inputs: oversized, unicode, HTML/script, header injection and path traversal in every text input', () => {
  let host: TestHost;
  let megan: TestHttpClient;
  let schema: IntrospectedSchema;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    host = await startTestHost();
    host.emulator!.store.mail.deliverMessage(MEGAN, { from: LEE, to: [MEGAN], subject: 'Budget', body: 'Numbers.' });
    megan = host.newClient();
    const mailbox = await connectMailbox(host, megan, MEGAN, MEGAN);
    const [message] = await host.dataSource.query(`SELECT "id", "messageThreadId" FROM "message" WHERE "subject" = 'Budget'`);
    const draft = await megan.graphql(`mutation ($a: ID!) { createMicrosoftDraft(connectedAccountId: $a, input: { subject: "Fuzz target", to: [{ address: "${LEE}" }] }) { id } }`, { a: mailbox.connectedAccountId });
    Object.assign(ids, {
      connectedAccountId: mailbox.connectedAccountId,
      messageChannelId: mailbox.messageChannelId,
      messageThreadId: message.messageThreadId,
      messageId: message.id,
      id: draft.data.createMicrosoftDraft.id,
      personId: (await host.dataSource.query(`SELECT "id" FROM "person" WHERE lower("emailsPrimaryEmail") = $1`, [LEE]))[0].id,
    });
    schema = (await megan.graphql(INTROSPECTION_QUERY)).data.__schema;
  });

  afterAll(async () => {
    await host?.close();
  });

  const textPaths = (type: TypeRef, depth = 0): string[][] => {
    const named = unwrap(type);
    if (named.name === 'String') return [[]];
    if (named.kind !== 'INPUT_OBJECT' || depth > 2) return [];
    const input = schema.types.find((candidate) => candidate.name === named.name)!;
    return input.inputFields!.flatMap((field) => textPaths(field.type, depth + 1).map((path) => [field.name, ...path]));
  };
  const baseValue = (name: string, type: TypeRef): unknown => {
    const named = unwrap(type);
    let value: unknown;
    if (named.name === 'ID') value = ids[name] ?? ids.id;
    else if (named.kind === 'ENUM') value = schema.types.find((candidate) => candidate.name === named.name)!.enumValues![0]!.name;
    else if (named.kind === 'INPUT_OBJECT') {
      const input = schema.types.find((candidate) => candidate.name === named.name)!;
      value = Object.fromEntries(input.inputFields!.filter((field) => isRequired(field.type) || unwrap(field.type).name === 'String' || unwrap(field.type).kind === 'INPUT_OBJECT').map((field) => [field.name, baseValue(field.name, field.type)]));
    } else if (named.name === 'Boolean') value = true;
    else if (named.name === 'Int') value = 5;
    else value = name === 'address' || name === 'addresses' ? LEE : 'probe';
    return named.list ? [value] : value;
  };
  const withPayload = (value: unknown, path: string[], payload: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => withPayload(item, path, payload));
    if (path.length === 0) return payload;
    const [head, ...rest] = path;
    return { ...(value as object), [head!]: withPayload((value as Record<string, unknown>)[head!], rest, payload) };
  };

  it('no payload in any text input gives an internal error, or is stored with its script', async () => {
    const failures: string[] = [];
    let probes = 0;
    for (const [operation, typeName] of [['query', schema.queryType.name], ['mutation', schema.mutationType!.name]] as const) {
      const fields = schema.types.find((type) => type.name === typeName)!.fields!.filter((field: SchemaField) => field.name.toLowerCase().includes('microsoft') && !HOST_FIELDS.has(field.name));
      for (const field of fields) {
        const args = field.args.filter((arg) => isRequired(arg.type) || textPaths(arg.type).length > 0);
        for (const arg of args) {
          for (const path of textPaths(arg.type)) {
            for (const [payloadName, payload] of Object.entries(PAYLOADS)) {
              const variables = Object.fromEntries(args.map((each) => [each.name, baseValue(each.name, each.type)]));
              variables[arg.name] = withPayload(variables[arg.name], path, payload);
              const named = unwrap(field.type);
              const text = `${operation} (${args.map((each) => `$${each.name}: ${typeLiteral(each.type)}`).join(', ')}) { ${field.name}(${args.map((each) => `${each.name}: $${each.name}`).join(', ')}) ${named.kind === 'OBJECT' ? selectionFor(schema, named.name, 2) : ''} }`;
              const answer = await megan.graphql<Json>(text, variables);
              probes += 1;
              const internal = (answer.errors ?? []).filter((error: { extensions?: { code?: string } }) => error.extensions?.code === 'INTERNAL_SERVER_ERROR');
              if (internal.length) failures.push(`${field.name}(${[arg.name, ...path].join('.')}) with ${payloadName}: ${internal[0].message}`);
            }
          }
        }
      }
    }
    expect(probes).toBeGreaterThan(20);
    expect(failures).toEqual([]);
    const stored: Array<{ id: string; subject: string; bodyHtml: string; toRecipients: unknown; ccRecipients: unknown; bccRecipients: unknown }> = await host.dataSource.query(`SELECT * FROM "microsoftOutgoingMessage"`);
    expect(stored.length).toBeGreaterThan(1);
    for (const row of stored) {
      expect([row.id, /[\r\n]/.test(row.subject)]).toEqual([row.id, false]);
      expect([row.id, /<script|onerror=/i.test(JSON.stringify(row.bodyHtml ?? ''))]).toEqual([row.id, false]);
      expect([row.id, /[\r\n]/.test(JSON.stringify([row.toRecipients, row.ccRecipients, row.bccRecipients]).replace(/\\[rn]/g, '\n'))]).toEqual([row.id, false]);
    }
    // Every payload into every text argument of the schema, one request each: it grows with each new field.
  }, 300_000);

  it('a value of the wrong type is refused by the schema, not by a crash', async () => {
    const answer = await megan.request('POST', '/graphql', { body: { query: `mutation { disconnectMicrosoftAccount(connectedAccountId: { nested: true }) }` } });
    expect(answer.status).toBe(400);
    expect(answer.text).not.toMatch(/INTERNAL_SERVER_ERROR/);
    expect((await host.dataSource.query(`SELECT count(*)::int AS n FROM "connectedAccount"`))[0].n).toBe(1);
  });
});
