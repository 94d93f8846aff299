import { randomUUID } from 'node:crypto';
import { connectMicrosoftAccount, eventually, passConsent, startTestHost, waitForMailSync, type TestHost, type TestHttpClient, type TestResponse } from '../../test-support/index.js';
import type { OAuthPurpose } from '../../server-module/src/auth/oauth-state.service.js';
import { ContactsSyncJobs } from '../../server-module/src/contacts/contacts-sync.jobs.js';
import { MailSyncJobs } from '../../server-module/src/mail/mail-sync.job.js';
import { CalendarSyncJobs } from '../../server-module/src/calendar/calendar-sync.job.js';
import { TodoSyncJobs } from '../../server-module/src/todo/todo-sync.jobs.js';
import { LIFECYCLE_WEBHOOK_PATH, MESSAGING_WEBHOOK_PATH } from '../../server-module/src/subscriptions/subscription.constants.js';
import { NO_WORK, WorkWatch, type WorkSeen } from './support/work-watch.js';

const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';
const NONCE_COOKIE = 'm365_oauth_nonce';
const SESSION_COOKIE = 'devHostSession';
const CALLBACK = '/auth/microsoft-apis/get-access-token';

/**
 * Every webhook the plugin exposes, one row each: the subscription kind it serves and what Graph's notification for
 * it names. Every kind shares the messaging path; To Do's subscription watches one list's tasks (made once a task is synced).
 */
const WEBHOOKS = [
  { name: 'mail', kind: 'mail', path: MESSAGING_WEBHOOK_PATH, odataType: '#Microsoft.Graph.Message', collection: 'Messages' },
  { name: 'calendar', kind: 'calendar', path: MESSAGING_WEBHOOK_PATH, odataType: '#Microsoft.Graph.Event', collection: 'Events' },
  { name: 'contacts', kind: 'contacts', path: MESSAGING_WEBHOOK_PATH, odataType: '#Microsoft.Graph.Contact', collection: 'Contacts' },
  { name: 'To Do', kind: 'todo', path: MESSAGING_WEBHOOK_PATH, odataType: '#Microsoft.Graph.todoTask', collection: 'todo/lists/{list}/tasks' },
] as const;
type Webhook = (typeof WEBHOOKS)[number];

interface Subscription {
  graphSubscriptionId: string;
  channelId: string;
  clientState: string;
  tenantId: string;
  userId: string;
}

/**
 * OAuth and webhooks: a callback whose state was tampered with, replayed, let expire, or minted for another member
 * (on connect, "Enable" and admin consent) and a code redeemed with the wrong PKCE verifier connect nothing; forged,
 * replayed and malformed notifications on every webhook and lifecycle endpoint, and bad validation handshakes, queue
 * no job, make no Graph call and change no row — each answered with its status.
 */
describe('Security — OAuth state, PKCE and webhook notifications: nothing untrusted triggers work', () => {
  let host: TestHost;
  let megan: TestHttpClient;
  let alex: TestHttpClient;
  let watch: WorkWatch;
  let meganAccountId: string;
  const subscriptions = new Map<string, Subscription>();
  /** The synced task's list, at Microsoft: To Do notifications name it in their resource. */
  let todoListExternalId: string;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => host.newClient().request('POST', path, { body, headers });
  const cookieOf = (client: TestHttpClient, name: string) => `${name}=${client.cookie(name)}`;

  beforeAll(async () => {
    host = await startTestHost();
    // The tests decide when anything syncs: periodic passes would make Graph calls the watch would blame on an attack.
    host.app.get(MailSyncJobs).enqueueDueChannels = async () => 0;
    host.app.get(CalendarSyncJobs).enqueueDueChannels = async () => 0;
    host.app.get(ContactsSyncJobs).enqueueAll = async () => 0;
    host.app.get(TodoSyncJobs).enqueueAll = async () => 0;
    megan = host.newClient();
    await megan.signIn(MEGAN, 'demo-password');
    // Teams meetings declined, so "Enable" has a feature to ask for.
    const callback = await connectMicrosoftAccount(megan, host.emulator!.caCertPem, { account: MEGAN, untick: ['OnlineMeetings.ReadWrite'] });
    meganAccountId = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')!;
    const [channel] = await host.dataSource.query(`SELECT "id" FROM "messageChannel" WHERE "connectedAccountId" = $1`, [meganAccountId]);
    await waitForMailSync(host.dataSource, channel.id);
    // To Do subscribes per list, and only to a list holding a synced task: one is synced so its list has a subscription.
    const task = await megan.graphql<{ createTask: { id: string } }>(`mutation { createTask(input: { title: "Watched by To Do push" }) { id } }`);
    const synced = await megan.graphql(`mutation ($t: ID!, $a: ID!) { syncMicrosoftTodoTask(taskId: $t, connectedAccountId: $a) { todoTaskId } }`, { t: task.data!.createTask.id, a: meganAccountId });
    expect(synced.errors).toBeUndefined();
    await eventually(async () => (await host.dataSource.query(`SELECT 1 FROM "microsoftSubscription" WHERE "connectedAccountId" = $1 AND "status" = 'ACTIVE'`, [meganAccountId])).length === WEBHOOKS.length, 60_000, 'every push subscription');
    const rows: Array<{ kind: string; graphSubscriptionId: string; channelId: string }> = await host.dataSource.query(`SELECT "kind", "graphSubscriptionId", "channelId" FROM "microsoftSubscription" WHERE "connectedAccountId" = $1`, [meganAccountId]);
    for (const row of rows) {
      const atMicrosoft = host.emulator!.store.subscriptions.list().find((subscription) => subscription.id === row.graphSubscriptionId)!;
      subscriptions.set(row.kind, { graphSubscriptionId: row.graphSubscriptionId, channelId: row.channelId, clientState: atMicrosoft.clientState!, tenantId: atMicrosoft.tenantId, userId: atMicrosoft.userId });
    }
    [{ externalId: todoListExternalId }] = await host.dataSource.query(`SELECT "externalId" FROM "microsoftTodoList" WHERE "id" = $1`, [subscriptions.get('todo')!.channelId]);
    alex = host.newClient();
    await alex.signIn(ALEX, 'demo-password');
    watch = new WorkWatch(host, MEGAN, () => [meganAccountId, ...[...subscriptions.values()].flatMap((subscription) => [subscription.graphSubscriptionId, subscription.channelId])]);
    await watch.settle(90_000);
  }, 180_000);

  afterAll(async () => {
    await host?.close();
  });

  describe('webhooks', () => {
    const subscriptionOf = (webhook: Webhook) => subscriptions.get(webhook.kind)!;
    const change = (webhook: Webhook, overrides: Record<string, unknown> = {}) => {
      const subscription = subscriptionOf(webhook);
      const itemId = `AAMk${randomUUID().replace(/-/g, '')}`;
      const resource = `Users/${subscription.userId}/${webhook.collection.replace('{list}', todoListExternalId)}/${itemId}`;
      return {
        value: [{
          subscriptionId: subscription.graphSubscriptionId,
          subscriptionExpirationDateTime: new Date(Date.now() + 86_400_000).toISOString(),
          changeType: 'updated',
          resource,
          resourceData: { '@odata.type': webhook.odataType, '@odata.id': resource, '@odata.etag': `W/"${randomUUID()}"`, id: itemId },
          clientState: subscription.clientState,
          tenantId: subscription.tenantId,
          ...overrides,
        }],
      };
    };
    const lifecycle = (webhook: Webhook, overrides: Record<string, unknown> = {}) => {
      const subscription = subscriptionOf(webhook);
      return {
        value: [{
          subscriptionId: subscription.graphSubscriptionId,
          subscriptionExpirationDateTime: new Date(Date.now() + 86_400_000 + Math.floor(Math.random() * 1000) * 1000).toISOString(),
          lifecycleEvent: 'missed',
          clientState: subscription.clientState,
          tenantId: subscription.tenantId,
          ...overrides,
        }],
      };
    };

    /** What an attacker sends, and the status each must get. Built per webhook row, for change and lifecycle bodies alike. */
    // Every row has its four cells: Jest takes a test function with more parameters than cells as one awaiting done().
    type Forgery = [string, number, () => unknown, Record<string, string>];
    const forgeries = (build: (overrides?: Record<string, unknown>) => unknown): Forgery[] => ([
      ['a wrong clientState', 403, () => build({ clientState: 'x'.repeat(40) })],
      ['no clientState', 403, () => build({ clientState: undefined })],
      ['the clientState of another of our subscriptions', 403, () => build({ clientState: 'another-subscriptions-state' })],
      ['an unknown subscription id', 202, () => build({ subscriptionId: randomUUID() })],
      ['a wrong tenant', 403, () => build({ tenantId: randomUUID() })],
      ['a body that is not JSON', 400, () => '{"value": ['],
      ['no value array', 400, () => ({ hello: 'world' })],
      ['an empty value array', 400, () => ({ value: [] })],
      ['a subscription id that is not a string', 400, () => build({ subscriptionId: { $ne: null } })],
      ['a clientState over 128 characters', 400, () => build({ clientState: 'y'.repeat(129) })],
      ['a tenant id that is not a string', 400, () => build({ tenantId: ['t'] })],
      ['a form body', 415, () => 'value=1', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['a body over 1 MB', 413, () => build({ padding: 'z'.repeat(1_100_000) })],
    ] as Array<[string, number, () => unknown, Record<string, string>?]>).map(([label, status, body, headers]) => [label, status, body, headers ?? {}]);

    /**
     * Sends every forgery of a table inside one watch window (a window costs the debouncer's widest wait and two
     * database snapshots), and keeps each one's status for its own test.
     */
    const sendAll = (path: string, table: Forgery[], webhook: Webhook) => {
      const statuses = new Map<string, number>();
      const outcome = { seen: null as WorkSeen | null };
      beforeAll(async () => {
        outcome.seen = await watch.during(async () => {
          for (const [label, , body, headers] of table) {
            statuses.set(label, (await post(path, resolveOtherState(body(), webhook), { 'content-type': 'application/json', ...headers })).status);
          }
        });
      });
      return { statuses, outcome };
    };

    describe.each(WEBHOOKS)('the $name change webhook', (webhook) => {
      const table = forgeries((overrides) => change(webhook, overrides));
      const sent = sendAll(webhook.path, table, webhook);
      it.each(table)('refuses %s: status %d', (label, status) => {
        expect(sent.statuses.get(label)).toBe(status);
      });
      it('none of those refusals queued a job, called Graph, issued a token or changed a row', () => {
        expect(sent.outcome.seen).toEqual(NO_WORK);
      });

      it('takes a genuine notification once (a push pass is asked for); the same one replayed does no work', async () => {
        const genuine = change(webhook);
        const jobsFrom = watch.jobCount;
        const first = await post(webhook.path, genuine);
        expect(first.status).toBe(202);
        await eventually(() => watch.jobsSince(jobsFrom).some((line) => line.includes(subscriptionOf(webhook).channelId)), 5_000, 'the push pass asked for');
        await watch.settle();
        let replay!: TestResponse;
        const seen = await watch.during(async () => {
          replay = await post(webhook.path, genuine);
        });
        expect(replay.status).toBe(202);
        expect(seen).toEqual(NO_WORK);
      });
    });

    describe.each(WEBHOOKS)('the lifecycle endpoint for $name', (webhook) => {
      const table: Forgery[] = [...forgeries((overrides) => lifecycle(webhook, overrides)), ['an unknown lifecycle event', 400, () => lifecycle(webhook, { lifecycleEvent: 'subscriptionStolen' }), {}]];
      const sent = sendAll(LIFECYCLE_WEBHOOK_PATH, table, webhook);
      it.each(table)('refuses %s: status %d', (label, status) => {
        expect(sent.statuses.get(label)).toBe(status);
      });
      it('none of those refusals queued a job, called Graph, issued a token or changed a row', () => {
        expect(sent.outcome.seen).toEqual(NO_WORK);
      });

      it('takes a genuine lifecycle notification once (its job is queued); the same one replayed does no work', async () => {
        const genuine = lifecycle(webhook);
        const jobsFrom = watch.jobCount;
        expect((await post(LIFECYCLE_WEBHOOK_PATH, genuine)).status).toBe(202);
        expect(watch.jobsSince(jobsFrom).some((line) => line.includes(subscriptionOf(webhook).graphSubscriptionId))).toBe(true);
        await watch.settle();
        let replay!: TestResponse;
        const seen = await watch.during(async () => {
          replay = await post(LIFECYCLE_WEBHOOK_PATH, genuine);
        });
        expect(replay.status).toBe(202);
        expect(seen).toEqual(NO_WORK);
      });
    });

    /** "the clientState of another of our subscriptions": swapped in here, once the rows are known. */
    function resolveOtherState(payload: unknown, webhook: Webhook): unknown {
      const item = (payload as { value?: Array<Record<string, unknown>> })?.value?.[0];
      if (item?.clientState !== 'another-subscriptions-state') return payload;
      const other = WEBHOOKS.find((candidate) => candidate.kind !== webhook.kind)!;
      return { value: [{ ...item, clientState: subscriptionOf(other).clientState }] };
    }

    describe.each([['messaging', MESSAGING_WEBHOOK_PATH], ['lifecycle', LIFECYCLE_WEBHOOK_PATH]])('the %s validation handshake', (_name, path) => {
      it.each([
        ['two validation tokens', 400, '?validationToken=a&validationToken=b'],
        ['a validation token over 4 KB', 400, `?validationToken=${'v'.repeat(5000)}`],
        ['an empty validation token', 400, '?validationToken='],
      ])('refuses %s with %d and does no work', async (_label, status, query) => {
        let response!: TestResponse;
        const seen = await watch.during(async () => {
          response = await post(`${path}${query}`, '', { 'content-type': 'text/plain' });
        });
        expect(response.status).toBe(status);
        expect(seen).toEqual(NO_WORK);
      });

      it('echoes a token holding markup only as plain text that cannot be sniffed, and ignores a notification sent with it', async () => {
        const token = '<script>alert(document.domain)</script>';
        let response!: TestResponse;
        const seen = await watch.during(async () => {
          response = await post(`${path}?validationToken=${encodeURIComponent(token)}`, path === LIFECYCLE_WEBHOOK_PATH ? lifecycle(WEBHOOKS[0]) : change(WEBHOOKS[0]));
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.text).toBe(token);
        expect(seen).toEqual(NO_WORK);
      });
    });
  });

  describe('OAuth state and PKCE', () => {
    interface Minted {
      state: string;
      nonce: string;
      /** Where Microsoft would send the browser back, for the code-flow purposes. */
      authorizeUrl: string | null;
    }
    const startPath = async (client: TestHttpClient, extra: Record<string, string> = {}) => {
      const link = await client.graphql<{ createMicrosoftConnectLink: { url: string } }>(`mutation { createMicrosoftConnectLink { url } }`);
      const url = new URL(link.data!.createMicrosoftConnectLink.url);
      for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
      return `${url.pathname}${url.search}`;
    };
    /** Each flow that hands Microsoft a state: how a state is minted for Megan in her browser. */
    const FLOWS: Array<{ name: string; purpose: OAuthPurpose; mint: () => Promise<Minted> }> = [
      {
        name: 'connect',
        purpose: 'connect',
        mint: async () => {
          const start = await megan.get(await startPath(megan));
          const authorizeUrl = start.headers.get('location')!;
          return { state: new URL(authorizeUrl).searchParams.get('state')!, nonce: megan.cookie(NONCE_COOKIE)!, authorizeUrl };
        },
      },
      {
        name: 'incremental consent ("Enable")',
        purpose: 'enable-feature',
        mint: async () => {
          const start = await megan.get(await startPath(megan, { feature: 'TEAMS_MEETINGS', connectedAccountId: meganAccountId }));
          expect(start.status).toBe(302);
          const authorizeUrl = start.headers.get('location')!;
          return { state: new URL(authorizeUrl).searchParams.get('state')!, nonce: megan.cookie(NONCE_COOKIE)!, authorizeUrl };
        },
      },
      {
        // "Authorize SharePoint for the org": Microsoft's admin consent answers on the same callback, without a code.
        name: 'admin consent',
        purpose: 'admin-consent',
        mint: async () => {
          const start = await megan.get(`/auth/microsoft-apis/admin-consent?connectedAccountId=${meganAccountId}`);
          expect(start.status).toBe(302);
          const consentUrl = start.headers.get('location')!;
          return { state: new URL(consentUrl).searchParams.get('state')!, nonce: megan.cookie(NONCE_COOKIE)!, authorizeUrl: null };
        },
      },
    ];

    /** Megan's browser: her session and the nonce cookie of the flow she started. */
    const inMegansBrowser = (minted: Minted) => `${cookieOf(megan, SESSION_COOKIE)}; ${NONCE_COOKIE}=${minted.nonce}`;
    const callback = (query: Record<string, string>, cookie: string) => host.newClient().get(`${CALLBACK}?${new URLSearchParams(query)}`, { cookie });
    /** The callback, watched: a refused state connects nothing, redeems no code, queues nothing. */
    const refused = async (query: Record<string, string>, cookie: string, message: RegExp) => {
      let response!: TestResponse;
      const seen = await watch.during(async () => {
        response = await callback(query, cookie);
      });
      expect({ status: response.status, text: response.text }).toEqual({ status: 400, text: expect.stringMatching(message) });
      // The state row itself is burned by a refusal that got as far as reading it; nothing else moves.
      expect({ ...seen, changedTables: seen.changedTables.filter((table) => table !== 'public.microsoftOAuthState') }).toEqual(NO_WORK);
    };

    describe.each(FLOWS)('$name', (flow) => {
      it('a tampered state (payload changed, signature kept) is refused as forged', async () => {
        const minted = await flow.mint();
        const [payload, signature] = minted.state.split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
        const tampered = Buffer.from(JSON.stringify({ ...claims, p: 'connect', a: randomUUID(), f: 'CALENDAR' })).toString('base64url');
        await refused({ code: 'any-code', state: `${tampered}.${signature}` }, inMegansBrowser(minted), /signature/);
        await refused({ code: 'any-code', state: `${payload}.${signature!.slice(0, -2)}AA` }, inMegansBrowser(minted), /signature/);
        await refused({ code: 'any-code', state: `${payload}.${signature}.extra` }, inMegansBrowser(minted), /not one this server issued/);
      });

      it('a replayed state is refused, even with the browser nonce', async () => {
        const minted = await flow.mint();
        // First use (a code Microsoft never issued: the state is spent whatever the exchange gives).
        const first = await callback({ code: 'first-use', state: minted.state }, inMegansBrowser(minted));
        expect(first.status).toBe(302);
        await refused({ code: 'first-use', state: minted.state }, inMegansBrowser(minted), /already used/);
      });

      it('an expired state is refused', async () => {
        const minted = await flow.mint();
        const nonce = JSON.parse(Buffer.from(minted.state.split('.')[0]!, 'base64url').toString('utf8')).n;
        await host.dataSource.query(`UPDATE "microsoftOAuthState" SET "expiresAt" = now() - interval '1 second' WHERE "nonce" = $1`, [nonce]);
        await refused({ code: 'any-code', state: minted.state }, inMegansBrowser(minted), /expired/);
      });

      it("a state minted for Megan is refused in Alex's browser session, with or without her nonce cookie", async () => {
        const minted = await flow.mint();
        await refused({ code: 'any-code', state: minted.state }, cookieOf(alex, SESSION_COOKIE), /another browser/);
        const second = await flow.mint();
        // A shared computer: Megan's flow left its nonce cookie, then Alex signed in.
        await refused({ code: 'any-code', state: second.state }, `${cookieOf(alex, SESSION_COOKIE)}; ${NONCE_COOKIE}=${second.nonce}`, /another CRM member/);
      });
    });

    it('an admin-consent state is never taken as a connect by the code callback: a code beside it is not redeemed', async () => {
      const minted = await FLOWS[2]!.mint();
      let response!: TestResponse;
      const seen = await watch.during(async () => {
        response = await callback({ code: 'any-code', state: minted.state }, inMegansBrowser(minted));
      });
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get('location')!).searchParams.get('microsoftError')).toBe('consent_failed');
      expect({ ...seen, changedTables: seen.changedTables.filter((table) => table !== 'public.microsoftOAuthState') }).toEqual(NO_WORK);
    });

    it.each(FLOWS.filter((flow) => flow.purpose !== 'admin-consent'))('$name: a code redeemed with the wrong PKCE verifier connects nothing', async (flow) => {
      // Two flows in one browser: Microsoft's code is bound to the first's challenge, the callback carries the second's state.
      const first = await flow.mint();
      const second = await flow.mint();
      const back = new URL(await passConsent(first.authorizeUrl!, host.emulator!.caCertPem, { account: MEGAN }));
      const code = back.searchParams.get('code')!;
      const scopesBefore = (await host.dataSource.query(`SELECT "scopes" FROM "connectedAccount" WHERE "id" = $1`, [meganAccountId]))[0].scopes;
      let response!: TestResponse;
      const seen = await watch.during(async () => {
        response = await callback({ code, state: second.state }, inMegansBrowser(second));
      });
      expect(response.status).toBe(302);
      const landing = new URL(response.headers.get('location')!).searchParams;
      expect({ error: landing.get('microsoftError'), pkce: /code_verifier|pkce/i.test(landing.get('microsoftErrorMessage') ?? '') }).toEqual({ error: 'token_exchange_failed', pkce: true });
      expect(seen.tokensIssued).toBe(0);
      expect(seen.jobs).toEqual([]);
      expect(seen.changedTables.filter((table) => table !== 'public.microsoftOAuthState')).toEqual([]);
      expect((await host.dataSource.query(`SELECT "scopes" FROM "connectedAccount" WHERE "id" = $1`, [meganAccountId]))[0].scopes).toEqual(scopesBefore);
      expect((await host.dataSource.query(`SELECT count(*)::int AS n FROM "connectedAccount"`))[0].n).toBe(1);
    });
  });
});
