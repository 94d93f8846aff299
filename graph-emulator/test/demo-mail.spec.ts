import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEMO_DIRECTORY,
  DEMO_MAILBOX_PROFILES,
  DEMO_NEWSLETTER,
  DEMO_USERS,
  InMemoryEmulatorStore,
  generateDemoMail,
  resolveDemoMailOptions,
  seedDemoMail,
  type EmulatorStore,
  type MailboxContent,
} from '../src/index.js';
import { startTestEmulator } from './support/emulator-harness.js';
import { accessToken, mailClient } from './support/mail-client.js';

const UNTIL = '2026-11-30T12:00:00.000Z';
const DAY = 86_400_000;
const MEGAN = DEMO_USERS[0]!;
const WORK = DEMO_MAILBOX_PROFILES.filter((profile) => profile.style === 'work');
const KNOWN = new Set(DEMO_DIRECTORY.people.flatMap((person) => [person.email, ...person.additionalEmails]));

function contentOf(upn: string, seed = 1): MailboxContent {
  const user = DEMO_USERS.find((candidate) => candidate.userPrincipalName === upn)!;
  const profile = DEMO_MAILBOX_PROFILES.find((candidate) => candidate.user === upn)!;
  return generateDemoMail({ owner: { name: user.displayName, address: user.mail ?? user.userPrincipalName }, profile, seed, until: Date.parse(UNTIL) });
}

/** Every folder (depth first, with its path) and every message of every demo mailbox, as the store answers them. */
function snapshot(store: EmulatorStore) {
  return DEMO_USERS.map((user) => {
    const walk = (parent: string | null, path: string[]): Array<{ path: string[]; folder: unknown }> =>
      store.mail.listFolders(user.id, parent).flatMap((folder) => [{ path: [...path, folder.displayName], folder }, ...walk(folder.id, [...path, folder.displayName])]);
    const summaries = store.mail.listMessageSummaries(user.id, { top: 100_000 });
    const messages = summaries.map((summary) => {
      const view = store.mail.getMessage(user.id, summary.id)!;
      return { summary, to: view.toRecipients, cc: view.ccRecipients, body: view.body('text').content, hasAttachments: view.hasAttachments, headers: view.internetMessageHeaders() };
    });
    return { user: user.userPrincipalName, folders: walk(null, []), messages };
  });
}

const seededStore = (seed: number) => new InMemoryEmulatorStore({}, {}, (store) => void seedDemoMail(store, resolveDemoMailOptions({ seed, until: UNTIL })));

describe('demo mail', () => {
  describe('is deterministic', () => {
    it('gives the same mailboxes, ids included, for the same seed and date, and other mail for another seed', () => {
      const first = snapshot(seededStore(7));
      expect(first.every((mailbox) => mailbox.messages.length > 100)).toBe(true);
      expect(snapshot(seededStore(7))).toEqual(first);
      const other = snapshot(seededStore(8));
      expect(other.map((mailbox) => mailbox.folders.map((folder) => folder.path))).toEqual(first.map((mailbox) => mailbox.folders.map((folder) => folder.path)));
      for (const [index, mailbox] of other.entries()) {
        expect(mailbox.messages.map((message) => message.summary.subject)).not.toEqual(first[index]!.messages.map((message) => message.summary.subject));
      }
      expect(contentOf(MEGAN.userPrincipalName, 3)).toEqual(contentOf(MEGAN.userPrincipalName, 3));
    });

    it('gives each mailbox its own mail from one seed', () => {
      const [megan, alex] = [contentOf('megan.bowen@contoso.com'), contentOf('alex.wilber@contoso.com')];
      expect(megan.messages.map((message) => message.subject)).not.toEqual(alex.messages.map((message) => message.subject));
    });

    it('refuses a seed that is not an unsigned 32-bit integer and a date that is not one', () => {
      expect(() => resolveDemoMailOptions({ seed: 1.5 })).toThrow(/seed must be an integer/);
      expect(() => resolveDemoMailOptions({ seed: -1 })).toThrow(/seed must be an integer/);
      expect(() => resolveDemoMailOptions({ seed: 1, until: 'yesterday' })).toThrow(/until must be an ISO date/);
      expect(resolveDemoMailOptions({ seed: 1 }, 1234)).toEqual({ seed: 1, until: 1234 });
    });
  });

  describe.each(WORK)('keeps its promises for $user', (profile) => {
    const content = contentOf(profile.user);
    const { messages } = content;
    const owner = profile.user;
    const newsletter = messages.filter((message) => message.from.address === DEMO_NEWSLETTER.address);
    const threads = new Map<number, typeof messages>();
    for (const message of messages) threads.set(message.thread, [...(threads.get(message.thread) ?? []), message]);
    const conversations = [...threads.values()].filter((thread) => thread[0]!.from.address !== DEMO_NEWSLETTER.address);

    it('has a few hundred messages spread over the year before the reference date, oldest first', () => {
      expect(messages.length).toBeGreaterThanOrEqual(200);
      expect(messages.length).toBeLessThanOrEqual(400);
      const times = messages.map((message) => Date.parse(message.receivedDateTime));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse(UNTIL) - 365 * DAY);
      expect(Math.max(...times)).toBeLessThan(Date.parse(UNTIL));
      expect(new Set(messages.map((message) => message.receivedDateTime.slice(0, 7))).size).toBeGreaterThanOrEqual(12);
    });

    it('threads of 2 to 8 messages, each reply an RE: to an earlier message of its thread', () => {
      expect(conversations.length).toBeGreaterThan(40);
      expect(conversations.every((thread) => thread.length >= 2 && thread.length <= 8)).toBe(true);
      expect(new Set(conversations.map((thread) => thread.length)).size).toBeGreaterThanOrEqual(5);
      for (const thread of conversations) {
        const [first, ...replies] = thread;
        expect(first!.inReplyTo).toBeNull();
        for (const reply of replies) {
          expect(reply.subject).toBe(`RE: ${first!.subject}`);
          expect(messages[reply.inReplyTo!]!.thread).toBe(reply.thread);
        }
      }
      expect(new Set(messages.map((message) => message.internetMessageId)).size).toBe(messages.length);
    });

    it("is mail with the CRM's people: every other sender and recipient is in the demo directory, but a few new people and one newsletter", () => {
      const addresses = new Set(messages.flatMap((message) => [message.from, ...message.to, ...message.cc].map((address) => address.address)));
      addresses.delete(owner);
      const unknown = [...addresses].filter((address) => !KNOWN.has(address));
      expect([...addresses].filter((address) => KNOWN.has(address)).length).toBeGreaterThan(20);
      expect(unknown).toContain(DEMO_NEWSLETTER.address);
      expect(unknown.length).toBeGreaterThanOrEqual(3);
      expect(unknown.length).toBeLessThanOrEqual(8);
      // The owner wrote to each new person: the default contact policy (people you sent mail to) creates them.
      for (const stranger of unknown.filter((address) => address !== DEMO_NEWSLETTER.address)) {
        expect(messages.some((message) => message.from.address === owner && message.to.some((to) => to.address === stranger))).toBe(true);
      }
      expect(newsletter.length).toBeGreaterThanOrEqual(40);
      expect(newsletter.every((message) => message.folder.join('/') === 'inbox' && message.inReplyTo === null)).toBe(true);
    });

    it('files sent mail from the owner in Sent Items and the client company\'s mail in Inbox → Clients → its folder', () => {
      const sent = messages.filter((message) => message.folder[0] === 'sentitems');
      expect(sent.length).toBeGreaterThan(50);
      expect(sent.every((message) => message.from.address === owner && message.to.length > 0 && message.isRead)).toBe(true);
      expect(messages.filter((message) => message.folder[0] !== 'sentitems').every((message) => message.from.address !== owner)).toBe(true);
      const filedPath = ['inbox', ...profile.filedFolder];
      expect(content.folders).toContainEqual(filedPath);
      const filed = messages.filter((message) => message.folder.join('/') === filedPath.join('/'));
      expect(filed.length).toBeGreaterThanOrEqual(10);
      expect(filed.every((message) => message.from.address.endsWith(`@${profile.filedDomain}`))).toBe(true);
    });

    it('leaves some mail unread, mostly recent, and lists attachments on some', () => {
      const unread = messages.filter((message) => !message.isRead);
      expect(unread.length).toBeGreaterThanOrEqual(messages.length * 0.05);
      expect(unread.length).toBeLessThanOrEqual(messages.length * 0.3);
      const withFiles = messages.filter((message) => message.hasAttachments);
      expect(withFiles.length).toBeGreaterThanOrEqual(10);
      expect(withFiles.every((message) => /\nAttached: \S+\.(xlsx|docx|pdf|pptx|zip)\n/.test(message.body))).toBe(true);
      expect(messages.every((message) => message.body.length > 20 && message.body.length < 800)).toBe(true);
    });
  });

  it('gives the personal account its own mail with friends at their private addresses', () => {
    const { messages } = contentOf('demo.user@outlook.com');
    expect(messages.length).toBeGreaterThanOrEqual(100);
    const privateAddresses = new Set(DEMO_DIRECTORY.people.flatMap((person) => person.additionalEmails.filter((email) => !email.endsWith(`@${person.companyDomain}`))));
    expect(new Set(messages.map((message) => message.from.address).filter((address) => privateAddresses.has(address))).size).toBeGreaterThanOrEqual(2);
    expect(messages.some((message) => message.folder.join('/') === 'inbox/Receipts/Fourth Coffee')).toBe(true);
    expect(messages.some((message) => message.folder[0] === 'sentitems' && message.from.address === 'demo.user@outlook.com')).toBe(true);
  });

  describe('in a running emulator', () => {
    it('starts with empty mailboxes unless asked for demo mail', async () => {
      const t = await startTestEmulator();
      try {
        expect(t.emulator.demoMail).toBeUndefined();
        expect(t.emulator.store.mail.listMessageSummaries(MEGAN.id)).toEqual([]);
      } finally {
        await t.close();
      }
    });

    it('serves the demo mail through Graph: the nested client folder, threads with In-Reply-To, and a reset gives it back', async () => {
      const t = await startTestEmulator({ demoMail: { seed: 1, until: UNTIL } });
      try {
        expect(t.emulator.demoMail).toMatchObject({ seed: 1, until: UNTIL });
        expect(t.emulator.demoMail!.mailboxes.map((mailbox) => [mailbox.user, mailbox.messages])).toEqual(
          DEMO_MAILBOX_PROFILES.map((profile) => [profile.user, contentOf(profile.user).messages.length]),
        );
        const client = mailClient(t, await accessToken(t));
        const clients = (await client.graph(`/me/mailFolders/inbox/childFolders`)).body.value as Array<{ id: string; displayName: string; childFolderCount: number }>;
        expect(clients).toEqual([expect.objectContaining({ displayName: 'Clients', childFolderCount: 1 })]);
        const [fabrikam] = (await client.graph(`/me/mailFolders/${clients[0]!.id}/childFolders`)).body.value as Array<{ id: string; displayName: string; totalItemCount: number }>;
        const expected = contentOf(MEGAN.userPrincipalName).messages;
        expect(fabrikam).toMatchObject({ displayName: 'Fabrikam', totalItemCount: expected.filter((message) => message.folder.join('/') === 'inbox/Clients/Fabrikam').length });

        const page = await client.graph(`/me/mailFolders/${fabrikam!.id}/messages?$top=1&$select=subject,from,hasAttachments,internetMessageId,internetMessageHeaders,conversationId`);
        const newest = page.body.value[0];
        const planned = expected.filter((message) => message.folder.join('/') === 'inbox/Clients/Fabrikam').at(-1)!;
        expect(newest).toMatchObject({ subject: planned.subject, from: { emailAddress: planned.from }, hasAttachments: planned.hasAttachments, internetMessageId: planned.internetMessageId });
        if (planned.inReplyTo !== null) {
          const inReplyTo = newest.internetMessageHeaders.find((header: { name: string }) => header.name === 'In-Reply-To');
          expect(inReplyTo.value).toBe(expected[planned.inReplyTo]!.internetMessageId);
        }
        const sent = (await client.graph(`/me/mailFolders/sentitems/messages?$top=5&$select=from`)).body.value as Array<{ from: { emailAddress: { address: string } } }>;
        expect(sent.length).toBe(5);
        expect(sent.every((message) => message.from.emailAddress.address === MEGAN.mail)).toBe(true);

        const before = snapshot(t.emulator.store);
        const added = t.emulator.store.mail.deliverMessage(MEGAN.id, { from: 'lee.gu@fabrikam.com', subject: 'After the seed' });
        expect(t.emulator.store.mail.getMessage(MEGAN.id, added.id)).toBeDefined();
        expect((await t.request('/_admin/reset', { method: 'POST' })).status).toBe(204);
        expect(snapshot(t.emulator.store)).toEqual(before);
      } finally {
        await t.close();
      }
    });

    it('keeps the mailboxes an earlier run saved instead of seeding them again', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'graph-emulator-demo-'));
      try {
        const first = await startTestEmulator({ dataDir, persistState: true, demoMail: { seed: 1, until: UNTIL } });
        expect(first.emulator.state).toEqual({ kind: 'absent' });
        expect(first.emulator.demoMail?.mailboxes.length).toBe(4);
        const kept = first.emulator.store.mail.deliverMessage(MEGAN.id, { from: 'lee.gu@fabrikam.com', subject: 'Kept across the restart' });
        const count = first.emulator.store.mail.listMessageSummaries(MEGAN.id, { top: 100_000 }).length;
        await first.close();

        const second = await startTestEmulator({ dataDir, persistState: true, demoMail: { seed: 2, until: '2027-01-01T00:00:00Z' } });
        try {
          expect(second.emulator.state?.kind).toBe('restored');
          expect(second.emulator.demoMail).toBeUndefined();
          const summaries = second.emulator.store.mail.listMessageSummaries(MEGAN.id, { top: 100_000 });
          expect(summaries.length).toBe(count);
          expect(summaries[0]).toMatchObject({ id: kept.id, subject: 'Kept across the restart' });
        } finally {
          await second.close();
        }
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });

    it('(re)seeds one mailbox with demo mail through the admin API, and says what is wrong with a bad request', async () => {
      const t = await startTestEmulator();
      try {
        const post = (body: unknown) => t.request(`/_admin/mailboxes/${MEGAN.userPrincipalName}/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        const answer = await post({ kind: 'demo', seed: 5, until: UNTIL });
        expect(answer.status).toBe(201);
        const planned = contentOf(MEGAN.userPrincipalName, 5).messages;
        expect(await answer.json()).toMatchObject({ user: MEGAN.userPrincipalName, messages: planned.length });
        const listed = t.emulator.store.mail.listMessageSummaries(MEGAN.id, { top: 100_000 }).reverse();
        expect(listed.map((summary) => [summary.subject, summary.receivedDateTime, summary.internetMessageId])).toEqual(
          planned.map((message) => [message.subject, message.receivedDateTime, message.internetMessageId]),
        );
        expect(t.emulator.store.mail.listMessageSummaries(DEMO_USERS[1]!.id)).toEqual([]);

        const badKind = await post({ kind: 'lorem' });
        expect(badKind.status).toBe(400);
        expect(await badKind.json()).toEqual({ error: 'kind must be "synthetic" (the default) or "demo"' });
        expect((await post({ kind: 'demo', seed: 'x' })).status).toBe(400);
        expect((await post({ kind: 'demo', until: 'soon' })).status).toBe(400);
        expect((await t.request('/_admin/mailboxes/nobody@contoso.com/seed', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":"demo"}' })).status).toBe(404);
      } finally {
        await t.close();
      }
    });
  });
});
