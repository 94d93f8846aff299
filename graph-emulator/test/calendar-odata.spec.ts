import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarClient } from './support/calendar-client.js';
import { startTestEmulator } from './support/emulator-harness.js';
import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import { deltaRound, type Json, type MailClient } from './support/mail-client.js';

const WINDOW = 'startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-04-01T00:00:00Z';
const at = (day: string, hour: string) => ({ dateTime: `2026-${day}T${hour}:00:00`, timeZone: 'UTC' });
const q = (text: string) => encodeURIComponent(text);

describe('calendar: query options, permissions, $batch and persistence', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  let c: MailClient;
  beforeEach(async () => {
    c = await calendarClient(t);
    for (const [index, day] of ['03-02', '03-04', '03-06', '03-09', '03-11'].entries()) {
      await c.admin(`/mailboxes/${MEGAN}/events`, 'POST', {
        subject: `Meeting ${index + 1}`, start: at(day, '10'), end: at(day, '11'), showAs: index % 2 ? 'tentative' : 'busy', body: { contentType: 'text', content: `Notes ${index + 1}` },
      });
    }
  });

  it('answers calendarView through the OData engine: $select, $filter, $orderby, $top/$skip, maxpagesize, $count', async () => {
    const first = await c.graph(`/me/calendarView?${WINDOW}&$top=2&$select=subject,start&$count=true`);
    expect(first.status).toBe(200);
    expect(first.body['@odata.count']).toBe(5);
    expect(first.body.value).toEqual([
      expect.objectContaining({ subject: 'Meeting 1', start: { dateTime: '2026-03-02T10:00:00.0000000', timeZone: 'UTC' } }),
      expect.objectContaining({ subject: 'Meeting 2' }),
    ]);
    expect(first.body.value[0].end).toBeUndefined();
    expect(first.body['@odata.context']).toContain('calendarView(subject,start)');
    const next = await c.graph(first.body['@odata.nextLink']);
    expect(next.body.value.map((event: Json) => event.subject)).toEqual(['Meeting 3', 'Meeting 4']);
    const paged = await c.graph(`/me/calendarView?${WINDOW}`, { headers: { Prefer: 'odata.maxpagesize=3' } });
    expect(paged.body.value).toHaveLength(3);
    expect(paged.headers.get('preference-applied')).toBe('odata.maxpagesize=3');
    const filtered = await c.graph(`/me/calendarView?${WINDOW}&$filter=${q("showAs eq 'tentative' and start/dateTime ge '2026-03-05T00:00:00'")}&$orderby=${q('start/dateTime desc')}`);
    expect(filtered.body.value.map((event: Json) => event.subject)).toEqual(['Meeting 4']);
    const ordered = await c.graph(`/me/events?$orderby=${q('subject desc')}&$top=2`);
    expect(ordered.body.value.map((event: Json) => event.subject)).toEqual(['Meeting 5', 'Meeting 4']);
    expect((await c.graph(`/me/events/$count?$filter=${q("showAs eq 'busy'")}`)).body).toBe(3);
    expect((await c.graph(`/me/events?$filter=${q("contains(bodyPreview,'x')")}`)).status).toBe(501);
    expect((await c.graph('/me/events?$select=nope')).status).toBe(400);
  });

  it('leaves the body out for Calendars.ReadBasic', async () => {
    const basic = await calendarClient(t, MEGAN, 'https://graph.microsoft.com/User.Read https://graph.microsoft.com/Calendars.ReadBasic openid profile offline_access');
    const list = await basic.graph(`/me/calendarView?${WINDOW}&$top=1`);
    expect(list.status).toBe(200);
    expect(list.body.value[0].subject).toBe('Meeting 1');
    expect(list.body.value[0].body).toBeUndefined();
    expect(list.body.value[0].bodyPreview).toBeUndefined();
    // Without Prefer: outlook.body-content-type, bodies come as HTML (https://learn.microsoft.com/graph/api/user-list-events).
    expect((await c.graph(`/me/calendarView?${WINDOW}&$top=1`)).body.value[0].body).toEqual({ contentType: 'html', content: expect.stringContaining('<body>Notes 1</body>') });
  });

  it('answers inside $batch, counted as Outlook requests', async () => {
    const batch = await c.graph('/$batch', {
      method: 'POST',
      body: { requests: [
        { id: '1', method: 'GET', url: `/me/calendarView?${WINDOW}&$top=1` },
        { id: '2', method: 'GET', url: '/me/calendars' },
        { id: '3', method: 'POST', url: '/me/events', headers: { 'Content-Type': 'application/json' }, body: { subject: 'Batched', start: at('03-20', '10'), end: at('03-20', '11') } },
      ] },
    });
    expect(batch.status).toBe(200);
    const byId = Object.fromEntries(batch.body.responses.map((response: Json) => [response.id, response]));
    expect(byId['1'].status).toBe(200);
    expect(byId['2'].body.value[0].isDefaultCalendar).toBe(true);
    expect(byId['3']).toMatchObject({ status: 201, body: { subject: 'Batched' } });
  });

  it('keeps calendars, events and delta links across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'graph-emulator-calendar-'));
    try {
      const first = await startTestEmulator({ dataDir, persistState: true });
      const client = await calendarClient(first);
      const projects = (await client.admin(`/mailboxes/${MEGAN}/calendars`, 'POST', { name: 'Projects' })).body;
      const made = (await client.graph(`/me/calendars/${projects.id}/events`, { method: 'POST', body: { subject: 'Kept', start: at('03-03', '10'), end: at('03-03', '11') } })).body;
      const round = await deltaRound(client, `/me/calendars/${projects.id}/calendarView/delta?${WINDOW}`);
      expect(round.items.map((item) => item.id)).toEqual([made.id]);
      await first.close();
      const second = await startTestEmulator({ dataDir, persistState: true });
      try {
        expect(second.emulator.state?.kind).toBe('restored');
        const again = await calendarClient(second);
        expect((await again.graph(`/me/events/${made.id}`)).body).toMatchObject({ subject: 'Kept', changeKey: made.changeKey });
        expect((await again.graph(round.deltaLink.replace(first.emulator.graphBaseUrl, second.emulator.graphBaseUrl))).status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
