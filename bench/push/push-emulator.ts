// The Graph emulator in a process of its own for the push benchmark (forked by push-bench.ts): it creates the bench
// mailboxes, delivers the planned messages at their times (reporting each `acceptedAt` to the orchestrator), sends
// Graph's change notifications to the CRM host, and answers the orchestrator's questions about its state.
import { DEMO_DIRECTORY } from '@m365/graph-emulator';
import { startEmulatorChild } from '../shared/emulator-child.js';
import { endpointsOf } from '../shared/emulator-endpoints.js';
import { NOT_IMPORTED_FOLDERS } from '../shared/crm-mailboxes.js';
import { requireIpcChannel } from '../shared/ipc-channel.js';
import { serveRpc, type DeliveredEvent, type PlannedDelivery, type SubscriptionView } from './push-fixtures.js';

requireIpcChannel('push-emulator.ts', 'push-bench.ts');
// Microsoft's defaults throughout: throttling at 10,000 requests / 10 min and 4 concurrent per app and mailbox;
// notifications batched per URL within a tick, 3 s answer timeout, retries.
const emulator = await startEmulatorChild('m365-push-bench-emulator-');
const { store } = emulator;

const userIdOf = (upn: string): string => {
  const user = store.findUser(upn);
  if (!user) throw new Error(`no user ${upn}`);
  return user.id;
};

/** Delivers `plan` (sorted by `atMs`) at its times on one timer chain; resolves when the last one is delivered. */
function deliver(plan: PlannedDelivery[]): Promise<{ delivered: number; lateP99Ms: number }> {
  const ordered = [...plan].sort((a, b) => a.atMs - b.atMs);
  const lateness: number[] = [];
  const started = performance.now();
  let next = 0;
  return new Promise((resolve, reject) => {
    const step = () => {
      try {
        const elapsed = performance.now() - started;
        while (next < ordered.length && ordered[next]!.atMs <= elapsed) {
          const planned = ordered[next++]!;
          const delivered = store.mail.deliverMessage(planned.user, {
            from: planned.from,
            to: [planned.user],
            subject: planned.subject,
            body: `<p>${planned.subject}</p>`,
            internetMessageId: planned.internetMessageId,
          });
          lateness.push(performance.now() - started - planned.atMs);
          const event: DeliveredEvent = {
            event: 'delivered',
            n: planned.n,
            user: planned.user,
            id: delivered.id,
            internetMessageId: delivered.message.internetMessageId as string,
            acceptedAt: Date.parse(delivered.acceptedAt),
          };
          process.send!(event);
        }
        if (next >= ordered.length) {
          lateness.sort((a, b) => a - b);
          resolve({ delivered: ordered.length, lateP99Ms: Math.round(lateness[Math.floor(lateness.length * 0.99)] ?? 0) });
          return;
        }
        setTimeout(step, Math.max(0, ordered[next]!.atMs - (performance.now() - started)));
      } catch (error) {
        reject(error);
      }
    };
    step();
  });
}

serveRpc({
  /** 100 users in Contoso, each mailbox seeded with a few messages in Inbox, Sent Items, Archive and one custom folder. */
  setup: ({ users, seeded }: { users: string[]; seeded: number }) => {
    const correspondents = DEMO_DIRECTORY.people.map((person) => person.email);
    let folders = 0;
    users.forEach((upn, index) => {
      if (!store.findUser(upn)) store.addUser({ userPrincipalName: upn, displayName: `Push Bench ${index}` });
      const result = store.mail.seedMailbox({ user: upn, messages: seeded, folders: 1, nestedFolders: 0, seed: 7_000 + index, correspondents, spanDays: 30 });
      folders = result.folders.filter((folder) => !NOT_IMPORTED_FOLDERS.has(folder.displayName) && !NOT_IMPORTED_FOLDERS.has(folder.wellKnownName ?? '')).length;
    });
    /** The folders a quick pass walks (one delta request each when nothing pages). */
    return { users: users.length, foldersPerMailbox: folders };
  },

  deliver: ({ plan }: { plan: PlannedDelivery[] }) => deliver(plan),

  subscriptions: (): SubscriptionView[] =>
    store.subscriptions.list().map((record) => ({
      id: record.id,
      userId: record.userId,
      userPrincipalName: store.findUser(record.userId)?.userPrincipalName ?? record.userId,
      clientState: record.clientState,
      tenantId: record.tenantId,
      notificationUrl: record.notificationUrl,
      expirationDateTime: record.expirationDateTime,
    })),

  /** The delivery log's totals, what is still queued or in flight, and the slowest deliveries' answer times. */
  deliveries: () => {
    const attempts = store.subscriptions.listAttempts({ limit: 10_000 });
    return {
      totals: store.subscriptions.getTotals(),
      pending: emulator.notifications.pendingCount(),
      failedAttempts: attempts.filter((attempt) => attempt.outcome !== 'delivered').length,
    };
  },

  resetDeliveries: () => store.subscriptions.resetDeliveryLog(),

  /** Graph requests counted per mailbox for the demo app (what the limits count), with 429s. */
  requests: () => {
    let counted = 0;
    let throttled = 0;
    for (const counter of store.mail.getRequestCounters()) {
      if (counter.appId.toLowerCase() !== emulator.demoApp.clientId.toLowerCase()) continue;
      counted += counter.counted;
      throttled += counter.throttled;
    }
    return { counted, throttled };
  },

  /** Internet message ids of each mailbox's importable messages (every folder the plugin imports). */
  mailboxIds: ({ users }: { users: string[] }) =>
    Object.fromEntries(
      users.map((upn) => [
        upn,
        store.mail
          .listMessageSummaries(userIdOf(upn), { top: 10_000_000 })
          .filter((message) => !NOT_IMPORTED_FOLDERS.has(message.folder))
          .map((message) => message.internetMessageId),
      ]),
    ),
});

process.send!({ event: 'ready', info: endpointsOf(emulator) });
