import type { Page } from 'playwright-core';
import { MailSyncService } from '@m365/server-module';
import type { TestHost } from '../../../test-support/index.js';
import { connectThroughConsent, messageChannelOf } from './support/connect-through-consent.js';
import { HostBrowser } from './support/host-browser.js';
import { screenshotTaker } from './support/screenshots.js';

/** The page's file classes, typed here (this package's TypeScript has no DOM library). */
interface BrowserFiles {
  DataTransfer: new () => { items: { add(file: unknown): void }; files: unknown };
  File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
  Event: new (type: string, init: { bubbles: boolean }) => unknown;
}

const BROWSER_TIMEOUT_MS = 180_000;
const MEGAN = 'megan.bowen@contoso.com';
const LEE = 'lee.gu@fabrikam.com';

/** Compose in a browser, against the emulator over HTTPS: from a person's record, and from a thread (reply, read/unread, Archive). */
describe('compose in a browser: a new email from a person, a reply from a thread, read/unread and Archive', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;
  let workspaceId: string;
  let messageChannelId: string;
  const screenshot = screenshotTaker('compose');
  const mail = () => host.emulator!.store.mail;
  const composer = () => page.getByTestId('composer');

  const syncNow = async () => {
    const sync = host.app.get(MailSyncService);
    for (let attempt = 0; attempt < 200; attempt += 1) {
      if ((await sync.syncChannel(workspaceId, messageChannelId)) !== 'busy') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('channel stayed busy');
  };

  beforeAll(async () => {
    ({ host, page } = await browser.open({
      prepare: (started) => {
        const first = started.emulator!.store.mail.deliverMessage(MEGAN, { from: LEE, to: [MEGAN], subject: 'Fabrikam renewal', body: 'Can we talk about the renewal?', isRead: false });
        started.emulator!.store.mail.deliverMessage(MEGAN, { from: LEE, to: [MEGAN], inReplyTo: first.id, body: 'Any news?', isRead: false });
      },
      signInAs: MEGAN,
    }));
    await page.getByTestId('nav-settings').click();
    await connectThroughConsent(page, host, MEGAN);
    ({ workspaceId, id: messageChannelId } = await messageChannelOf(host, MEGAN));
    await syncNow();
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => browser.close(), BROWSER_TIMEOUT_MS);

  const openLee = async () => {
    const [person] = await host.dataSource.query(`SELECT "id" FROM "person" WHERE lower("emailsPrimaryEmail") = $1`, [LEE]);
    await page.goto(`${host.publicUrl}/people/${person.id}`);
    await page.getByTestId('compose-email').waitFor();
  };

  it('composes from a person: their address as a chip, saved to Outlook drafts as you type, an attachment with progress, Ctrl+Enter sends', async () => {
    await openLee();
    await page.getByTestId('compose-email').click();
    await composer().waitFor();
    expect(await composer().getByTestId('recipient-chip').innerText()).toContain(LEE);
    // The recipient is chosen already: typing starts in the subject.
    expect(await page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe('Subject');
    await composer().getByLabel('Subject').fill('Renewal proposal');
    await composer().getByTestId('compose-body').click();
    await page.keyboard.type('Hello Lee, the proposal is attached.');
    await composer().getByTestId('compose-save-state').filter({ hasText: 'Saved to Outlook drafts' }).waitFor();
    expect(mail().listMessages(MEGAN, 'drafts').map((message) => message.subject)).toEqual(['Renewal proposal']);

    await composer().getByTestId('compose-file-input').setInputFiles({ name: 'proposal.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(4 * 1024 * 1024 + 17, 7) });
    await composer().getByTestId('compose-attachment').filter({ hasText: 'Attached' }).waitFor();
    await screenshot(page, 'composer-with-attachment');

    await composer().getByTestId('compose-body').click();
    await page.keyboard.press('Control+Enter');
    await composer().getByTestId('compose-status').filter({ hasText: 'Sent' }).waitFor();
    const sent = () => mail().listMessages(MEGAN, 'sentitems').filter((message) => message.subject === 'Renewal proposal');
    for (let attempt = 0; attempt < 50 && sent().length === 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent()).toHaveLength(1);
    expect(sent()[0]!.hasAttachments).toBe(true);
    const received = mail().listMessages(LEE, 'inbox').filter((message) => message.subject === 'Renewal proposal');
    expect(received).toHaveLength(1);
    await composer().waitFor({ state: 'detached' });
  });

  it('refuses a file over the message limit before uploading it, and Esc closes keeping the draft', async () => {
    await page.getByTestId('compose-email').click();
    await composer().waitFor();
    await composer().getByLabel('Subject').fill('Kept as a draft');
    // Made in the page: 36 MB through the DevTools protocol would take longer than the check it feeds.
    await composer().getByTestId('compose-file-input').evaluate((input) => {
      const dom = globalThis as unknown as BrowserFiles;
      const files = new dom.DataTransfer();
      files.items.add(new dom.File([new Uint8Array(36 * 1024 * 1024)], 'huge.zip', { type: 'application/zip' }));
      (input as unknown as { files: unknown }).files = files.files;
      input.dispatchEvent(new dom.Event('change', { bubbles: true }) as never);
    });
    await composer().getByTestId('compose-attachment').filter({ hasText: "over Outlook's 35 MB message limit" }).waitFor();

    await page.keyboard.press('Escape');
    await composer().waitFor({ state: 'detached' });
    const kept = () => mail().listMessages(MEGAN, 'drafts').filter((message) => message.subject === 'Kept as a draft');
    for (let attempt = 0; attempt < 50 && kept().length === 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(kept()).toHaveLength(1);
    expect(kept()[0]!.hasAttachments).toBe(false);
  });

  it('in the thread panel: marks the thread read and unread, replies, and archives', async () => {
    await openLee();
    await page.getByTestId('tab-emails').click();
    // What was sent from the person's record is in their Emails tab once, through the import of Sent Items.
    await page.getByTestId('thread-row').filter({ hasText: 'Renewal proposal' }).first().waitFor();
    expect(await page.getByTestId('thread-row').filter({ hasText: 'Renewal proposal' }).count()).toBe(1);
    await page.getByTestId('thread-row').filter({ hasText: 'Fabrikam renewal' }).first().click();
    const actions = page.getByTestId('microsoft-thread-actions');
    await actions.waitFor();
    const ids = mail().listMessages(MEGAN, 'inbox').filter((message) => message.subject.includes('Fabrikam renewal')).map((message) => message.immutableId);
    expect(ids).toHaveLength(2);

    await actions.getByTestId('thread-read-toggle').filter({ hasText: 'Mark read' }).click();
    await actions.getByTestId('thread-read-toggle').filter({ hasText: 'Mark unread' }).waitFor();
    expect(ids.map((id) => mail().getMessage(MEGAN, id)!.isRead)).toEqual([true, true]);
    await screenshot(page, 'thread-actions');

    await actions.getByRole('button', { name: 'Reply', exact: true }).click();
    await composer().waitFor();
    await composer().getByTestId('recipient-chip').filter({ hasText: LEE }).waitFor();
    // Outlook's quoted original is shown under the editor, not in it.
    const quoted = composer().getByTestId('compose-quoted-original');
    await quoted.getByRole('button', { name: 'Show the original message' }).click();
    // The reply answers the thread's newest message: Lee's first one or his follow-up (RE:), delivered in the same second.
    expect(await quoted.innerText()).toMatch(/Subject: (RE: )?Fabrikam renewal/);
    expect(await composer().getByTestId('compose-body').innerText()).not.toContain('Fabrikam renewal');
    await composer().getByTestId('compose-body').click();
    await page.keyboard.type('Thanks, talk tomorrow.');
    await page.keyboard.press('Control+Enter');
    await composer().getByTestId('compose-status').filter({ hasText: 'Sent' }).waitFor();
    const replies = () => mail().listMessages(LEE, 'inbox').filter((message) => /^RE: Fabrikam renewal/i.test(message.subject));
    for (let attempt = 0; attempt < 50 && replies().length === 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(replies()).toHaveLength(1);
    const replyHtml = replies()[0]!.body('html').content;
    // Outlook's quote block once, under what Megan wrote.
    expect(replyHtml.split('divRplyFwdMsg')).toHaveLength(2);
    expect(replyHtml.indexOf('Thanks, talk tomorrow.')).toBeLessThan(replyHtml.indexOf('divRplyFwdMsg'));
    await composer().waitFor({ state: 'detached' });

    await actions.getByTestId('thread-archive').click();
    const archive = mail().getFolder(MEGAN, 'archive')!;
    const archived = () => ids.every((id) => mail().getMessage(MEGAN, id)!.parentFolderId === archive.id);
    for (let attempt = 0; attempt < 100 && !archived(); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ids.map((id) => mail().getMessage(MEGAN, id)!.parentFolderId)).toEqual([archive.id, archive.id]);
    expect(browser.pageErrors).toEqual([]);
  });

  it('suggests people as you type in To (Outlook\'s People and CRM people) and a suggestion picked becomes a chip', async () => {
    await openLee();
    await page.getByTestId('compose-email').click();
    await composer().waitFor();
    await composer().getByLabel('To', { exact: true }).fill('alex');
    const suggestion = composer().getByTestId('recipient-suggestion').filter({ hasText: 'alex.wilber@contoso.com' });
    await suggestion.waitFor();
    expect(await suggestion.getAttribute('data-source')).toBe('MICROSOFT');
    await suggestion.getByRole('option').click();
    await composer().getByTestId('recipient-chip').filter({ hasText: 'alex.wilber@contoso.com' }).waitFor();
    expect(await composer().getByTestId('recipient-chip').count()).toBe(2);
    await screenshot(page, 'recipient-suggestions');
    await composer().getByRole('button', { name: 'Discard' }).click();
    await composer().waitFor({ state: 'detached' });
  });

  it("shows an out-of-office badge once the emulator turns on Lee Gu's automatic reply: on the record, in To and in the thread", async () => {
    const lee = host.emulator!.store.findUser(LEE)!;
    const end = new Date(Date.now() + 4 * 86400_000);
    host.emulator!.store.outbound.setAutomaticReplies(lee.id, {
      status: 'scheduled', externalAudience: 'all', externalReplyMessage: '<p>I am at the Fabrikam offsite.</p>',
      scheduledStartDateTime: new Date(Date.now() - 3600_000).toISOString(), scheduledEndDateTime: end.toISOString(),
    });
    // The pages above cached "not out of office" for minutes: let those tips expire now rather than wait.
    await host.dataSource.query(`UPDATE "microsoftMailTip" SET "expiresAt" = now() - interval '1 second'`);
    await openLee();
    const badge = page.getByTestId('record-page').getByTestId('out-of-office-badge').first();
    await badge.waitFor();
    expect(await badge.getAttribute('title')).toContain('I am at the Fabrikam offsite.');
    expect(await badge.getAttribute('title')).toMatch(/^Until /);

    await page.getByTestId('compose-email').click();
    await composer().waitFor();
    await composer().getByTestId('recipient-chip').filter({ hasText: LEE }).getByTestId('out-of-office-badge').waitFor();
    await screenshot(page, 'out-of-office-in-to');
    await page.keyboard.press('Escape');
    await composer().waitFor({ state: 'detached' });

    await page.getByTestId('tab-emails').click();
    await page.getByTestId('thread-row').filter({ hasText: 'Renewal proposal' }).first().click();
    await page.getByTestId('thread-out-of-office').getByTestId('out-of-office-badge').waitFor();
    expect(browser.pageErrors).toEqual([]);
  });
});
