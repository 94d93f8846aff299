// The Graph emulator in a process of its own for the compose benchmark (forked by compose-bench.ts): Microsoft's
// throttling and notification defaults, except the two sending limits named below; it answers the orchestrator's
// questions about Sent Items and switches the fault knobs.
import { startEmulatorChild } from '../shared/emulator-child.js';
import { endpointsOf } from '../shared/emulator-endpoints.js';
import { requireIpcChannel } from '../shared/ipc-channel.js';
import { SENDER, serveRpc } from './compose-fixtures.js';

requireIpcChannel('compose-emulator.ts', 'compose-bench.ts');
const emulator = await startEmulatorChild('m365-compose-bench-emulator-');
const { store } = emulator;
// Exchange's 30 messages a minute would queue most of 400 sends for minutes (compose-emulator.spec.ts proves the
// queueing); the bench measures the send path itself. The 100 MB attachment needs a tenant limit above it.
store.outbound.updateSettings({ messagesPerMinute: 100_000, maxMessageSizeBytes: 150 * 1024 * 1024 });

serveRpc({
  endpoints: () => endpointsOf(emulator),
  /** How many copies of each subject the sender's Sent Items hold, and how many drafts with it are left. */
  sentCounts: ({ subjects }: { subjects: string[] }) => {
    const wanted = new Set(subjects);
    const sent = new Map<string, number>();
    const drafts = new Map<string, number>();
    for (const message of store.mail.listMessages(SENDER, 'sentitems')) if (wanted.has(message.subject)) sent.set(message.subject, (sent.get(message.subject) ?? 0) + 1);
    for (const message of store.mail.listMessages(SENDER, 'drafts')) if (wanted.has(message.subject)) drafts.set(message.subject, (drafts.get(message.subject) ?? 0) + 1);
    return { sent: Object.fromEntries(sent), drafts: Object.fromEntries(drafts) };
  },
  /** The Sent Items copy of each subject: its ids and when the emulator made it (ms since the epoch). */
  sentCopies: ({ subjects }: { subjects: string[] }) => {
    const wanted = new Set(subjects);
    const copies: Record<string, { ids: string[]; createdMs: number }> = {};
    for (const message of store.mail.listMessages(SENDER, 'sentitems')) {
      if (wanted.has(message.subject) && !copies[message.subject]) copies[message.subject] = { ids: [message.id, message.immutableId], createdMs: message.createdDateTime };
    }
    return copies;
  },
  faults: (faults: Record<string, unknown>) => store.mail.updateSettings({ faults }).faults,
  counters: () => store.outlookLimits.getRequestCounters(),
});
process.send!({ event: 'ready' });
