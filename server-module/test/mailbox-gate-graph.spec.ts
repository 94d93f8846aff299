import { RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import { GraphClientFactory, MicrosoftHttpTransport, MicrosoftTokenService, type MailboxGate, type MailboxKey } from '@m365/server-module';
import { connectMailbox, startTestHost, testRedisUrl, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';
import { AccountGraphClient } from '../src/graph/account-graph-client.js';
import { runBatch } from '../src/graph/graph-batch.runner.js';
import { InProcessMailboxGate } from '../src/graph/mailbox-gate/in-process-mailbox.gate.js';
import { RedisMailboxGate } from '../src/graph/mailbox-gate/redis-mailbox.gate.js';

const USER = 'megan.bowen@contoso.com';
const INBOX = '/me/mailFolders/inbox';

/** Outlook's view of Megan's mailbox for the demo app: what its throttling counted. */
interface Counter {
  counted: number;
  throttled: number;
  peakInFlight: number;
  byStatus: Record<string, number>;
}

describe('Graph requests of several worker processes through one mailbox gate (emulator over HTTPS)', () => {
  let host: TestHost;
  let mailbox: ConnectedMailbox;
  let key: MailboxKey;
  let transport: MicrosoftHttpTransport;
  const gates: MailboxGate[] = [];

  const mail = () => host.emulator!.store.mail;
  const counter = (): Counter => mail().getRequestCounters().find((each) => each.mailbox === USER) as Counter;
  const token = () => host.app.get(MicrosoftTokenService).getAccessToken(mailbox.workspaceId, mailbox.connectedAccountId);
  /** One worker process's Graph client for Megan: its own factory, on the gate it is given. */
  const processClient = (gate: MailboxGate): Client => new GraphClientFactory(host.microsoft, transport, gate).create(token, key);
  const redisGate = () => {
    const gate = new RedisMailboxGate({ url: testRedisUrl(), keyPrefix: host.queuePrefix });
    gates.push(gate);
    return gate;
  };

  /** Each client reads the inbox 10 times and sends two $batch of 6, all at once; the answers, batch items flattened. */
  async function load(clients: Client[]): Promise<number[]> {
    const batch = (client: Client) =>
      client.api('/$batch').post({ requests: Array.from({ length: 6 }, (_, index) => ({ id: String(index), method: 'GET', url: INBOX })) });
    const answers = await Promise.all(clients.flatMap((client) => [...Array.from({ length: 10 }, () => client.api(INBOX).get()), batch(client), batch(client)]));
    return answers.flatMap((answer) => ('responses' in answer ? answer.responses.map((item: { status: number }) => item.status) : [answer.displayName === 'Inbox' ? 200 : 0]));
  }
  const EVERY_ANSWER_OK = Array.from({ length: 2 * (10 + 2 * 6) }, () => 200);

  beforeAll(async () => {
    host = await startTestHost();
    mailbox = await connectMailbox(host, host.client, USER, USER);
    key = { tenantId: mailbox.workspaceId, mailboxId: mailbox.connectedAccountId };
    transport = new MicrosoftHttpTransport(host.microsoft.extraCaPem);
  });

  beforeEach(() => {
    mail().updateSettings({ faults: { latencyMs: 40, failureRate: 0 } });
    mail().resetRequestCounters();
  });

  afterAll(async () => {
    await Promise.all(gates.map((gate) => gate.close()));
    await transport?.close();
    await host?.close();
  });

  it('without the gate, the same load trips Outlook\'s concurrency limit (what the gate is for)', async () => {
    const ungated = new GraphClientFactory(host.microsoft, transport, new InProcessMailboxGate()).create(token);
    const answers = await load([ungated, ungated]);
    expect(counter().throttled).toBeGreaterThan(0);
    expect(answers).toContain(429); // $batch items are never retried by the SDK
  });

  it('two processes on one Redis never have more than 4 requests in flight on the mailbox, so none is throttled', async () => {
    expect(await load([processClient(redisGate()), processClient(redisGate())])).toEqual(EVERY_ANSWER_OK);
    expect(counter()).toMatchObject({ throttled: 0, peakInFlight: 4 });
  });

  it('without Redis, the clients of one process share its in-process gate the same way', async () => {
    const gate = new InProcessMailboxGate();
    gates.push(gate);
    expect(await load([processClient(gate), processClient(gate)])).toEqual(EVERY_ANSWER_OK);
    expect(counter()).toMatchObject({ throttled: 0, peakInFlight: 4 });
  });

  it("a 429 one process receives pauses the mailbox for the other until its Retry-After has passed", async () => {
    const [first, second] = [redisGate(), redisGate()];
    mail().updateSettings({ faults: { failureRate: 1, statuses: [429], retryAfterSeconds: 1 } });
    const noRetry = processClient(first).api(INBOX).middlewareOptions([new RetryHandlerOptions(0, 0)]);
    await expect(noRetry.get()).rejects.toMatchObject({ statusCode: 429 });
    mail().updateSettings({ faults: { failureRate: 0 } });

    const pausedFor = await second.pausedFor(key);
    expect(pausedFor).toBeGreaterThan(0);
    const asked = Date.now();
    expect((await processClient(second).api(INBOX).get()).displayName).toBe('Inbox');
    expect(Date.now() - asked).toBeGreaterThanOrEqual(pausedFor - 50);
  });

  it('a throttled $batch item pauses the mailbox for every process too', async () => {
    const [first, second] = [redisGate(), redisGate()];
    const graph = new AccountGraphClient(new GraphClientFactory(host.microsoft, transport, first), host.app.get(MicrosoftTokenService), mailbox.workspaceId, mailbox.connectedAccountId);
    mail().updateSettings({ faults: { failureRate: 1, statuses: [429], retryAfterSeconds: 1 } });
    let pausedWhileWaiting = 0;
    const results = await runBatch(graph, [{ id: 'inbox', url: INBOX }], async () => {
      pausedWhileWaiting = await second.pausedFor(key);
      mail().updateSettings({ faults: { failureRate: 0 } });
    });
    expect(pausedWhileWaiting).toBeGreaterThan(0);
    expect(results.get('inbox')?.status).toBe(200);
  });
});
