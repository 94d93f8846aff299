import type { Page } from 'playwright-core';
import { startTestHost, type TestHost } from '../../../test-support/index.js';
import { MessagingFixtures } from '../fixtures/messaging-fixtures.js';
import { demoWorkspace } from '../fixtures/workspace-fixtures.js';
import { ensureFrontBuilt } from './support/ensure-front-built.js';
import { launchChromium, type LaunchedChromium } from './support/launch-chromium.js';
import { screenshotTaker } from './support/screenshots.js';
import { signInThroughLoginPage } from './support/sign-in.js';

const BROWSER_TIMEOUT_MS = 180_000;

// This test compiles without the DOM lib; the callback runs in the page, where this exists.
type PageWindow = { getComputedStyle(element: unknown): { textDecorationLine: string } };

/** Alex's synced mail and calendar, seen by Megan on a person's record: Twenty's visibility rules, the thread panel, the month grouping. */
describe('a record page with synced emails and events, in a browser', () => {
  let host: TestHost;
  let chromium: LaunchedChromium;
  let page: Page;
  let personId: string;
  const screenshot = screenshotTaker('record-timeline');

  beforeAll(async () => {
    ensureFrontBuilt();
    host = await startTestHost();
    const demo = await demoWorkspace(host.dataSource);
    const [person, colleague] = await host.dataSource.query(
      `SELECT "id", "emailsPrimaryEmail" AS "email" FROM "person" WHERE "workspaceId" = $1 AND "companyId" IS NOT NULL ORDER BY "emailsPrimaryEmail" LIMIT 2`,
      [demo.workspaceId],
    );
    personId = person.id;
    const fixtures = new MessagingFixtures(host.dataSource, demo.workspaceId);
    const account = await fixtures.connectedAccount(demo.alexId, 'alex.wilber@contoso.com');
    const alex = { handle: 'alex.wilber@contoso.com', workspaceMemberId: demo.alexId };
    const them = { handle: person.email, personId: person.id };
    await fixtures.thread(await fixtures.messageChannel(account, 'SHARE_EVERYTHING'), [
      { subject: 'Kick-off', text: 'Shall we meet on Monday?', receivedAt: '2026-01-01T09:00:00Z', participants: [{ role: 'from', ...them }, { role: 'to', ...alex }] },
      { subject: 'RE: Kick-off', text: 'Monday works, 10am.', receivedAt: '2026-01-02T09:00:00Z', participants: [{ role: 'from', ...alex }, { role: 'to', ...them }] },
      { subject: 'RE: Kick-off', text: 'Adding my colleague.', receivedAt: '2026-01-03T09:00:00Z', participants: [{ role: 'from', handle: colleague.email, personId: colleague.id }, { role: 'cc', ...them }] },
    ]);
    await fixtures.thread(await fixtures.messageChannel(account, 'SUBJECT'), [
      { subject: 'Pricing', text: 'Confidential pricing', receivedAt: '2026-01-05T09:00:00Z', participants: [{ role: 'from', ...them }, { role: 'to', ...alex }] },
    ]);
    await fixtures.thread(await fixtures.messageChannel(account, 'METADATA'), [
      { subject: 'Private', text: 'Private body', receivedAt: '2026-01-04T09:00:00Z', participants: [{ role: 'from', ...alex }, { role: 'to', ...them }] },
    ]);
    const calendar = await fixtures.calendarChannel(account, 'SHARE_EVERYTHING');
    await fixtures.calendarEvent(
      calendar,
      { title: 'Demo call', startsAt: '2026-02-03T10:00:00Z', endsAt: '2026-02-03T11:00:00Z', location: 'Room 1', conferenceUrl: 'https://teams.example/join' },
      [{ handle: alex.handle, isOrganizer: true, responseStatus: 'ACCEPTED' }, { handle: person.email, personId: person.id, responseStatus: 'TENTATIVE' }],
    );
    const cancelled = await fixtures.calendarEvent(calendar, { title: 'Follow-up', startsAt: '2026-02-10T15:00:00Z', endsAt: '2026-02-10T15:30:00Z' }, [
      { handle: person.email, personId: person.id, responseStatus: 'DECLINED' },
    ]);
    await host.dataSource.query(`UPDATE "calendarEvent" SET "isCanceled" = true WHERE "id" = $1`, [cancelled]);
    const offsite = await fixtures.calendarEvent(calendar, { title: 'Offsite', startsAt: '2026-03-02T00:00:00Z', endsAt: '2026-03-03T00:00:00Z' }, [
      { handle: person.email, personId: person.id, responseStatus: 'ACCEPTED' },
    ]);
    await host.dataSource.query(`UPDATE "calendarEvent" SET "isFullDay" = true WHERE "id" = $1`, [offsite]);

    chromium = await launchChromium();
    page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    page.setDefaultTimeout(20_000);
    await signInThroughLoginPage(page, host.publicUrl, 'megan.bowen@contoso.com');
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await chromium?.close();
    await host?.close();
  }, BROWSER_TIMEOUT_MS);

  it('shows thread rows by visibility and opens only the shared one in the side panel', async () => {
    await page.goto(`${host.publicUrl}/people/${personId}`);
    await page.getByTestId('tab-emails').click();
    const rows = page.getByTestId('thread-row');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-visibility')))).toEqual(['SUBJECT', 'METADATA', 'SHARE_EVERYTHING']);

    const [subjectOnly, metadata, shared] = [rows.nth(0), rows.nth(1), rows.nth(2)];
    expect(await subjectOnly.innerText()).toContain('Pricing');
    expect(await subjectOnly.innerText()).not.toContain('Confidential');
    expect(await metadata.innerText()).not.toContain('Private');
    expect(await metadata.innerText()).toContain('Subject hidden');
    expect(await shared.innerText()).toContain('Kick-off');
    expect(await shared.innerText()).toContain('Adding my colleague.');
    await screenshot(page, 'emails');

    await metadata.click();
    expect(await page.getByTestId('thread-panel').count()).toBe(0);
    await shared.click();
    await page.getByTestId('thread-panel').waitFor();
    await page.getByTestId('thread-message').nth(2).waitFor();
    expect(await page.getByTestId('thread-message').count()).toBe(3);
    await screenshot(page, 'thread-panel');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('thread-panel').count()).toBe(0);
  }, BROWSER_TIMEOUT_MS);

  it('groups events by month and day, striking through the cancelled one', async () => {
    await page.getByTestId('tab-calendar').click();
    await page.getByTestId('calendar-event').first().waitFor();
    expect(await page.getByTestId('calendar-month').count()).toBe(2);
    const cancelled = page.locator('[data-testid="calendar-event"][data-canceled="true"]');
    expect(await cancelled.innerText()).toContain('Follow-up');
    const decoration = await cancelled.locator('.calendar-event-title').evaluate((element) => (globalThis as unknown as PageWindow).getComputedStyle(element).textDecorationLine);
    expect(decoration).toBe('line-through');
    const calendarText = await page.getByTestId('calendar-tab').innerText();
    expect(calendarText).toContain('All day');
    expect(calendarText).toContain('Join');
    expect(calendarText).toContain('Maybe');
    await screenshot(page, 'calendar');

    await page.getByTestId('tab-timeline').click();
    await page.getByTestId('timeline').waitFor();
    await screenshot(page, 'timeline');
  }, BROWSER_TIMEOUT_MS);
});
