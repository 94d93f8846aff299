import { DEMO_USERS } from '../../../src/index.js';
import { openConsentPage, redeemCode, signIn } from '../../support/auth-flow.js';
import { DEMO_REDIRECT_URI, parseForm, pkcePair, submittedScopes, type TestEmulator } from '../../support/emulator-harness.js';
import { CALENDAR_SCOPE } from '../../support/calendar-client.js';
import { MEGAN } from '../../support/emulator-suite.js';
import type { Json } from '../../support/mail-client.js';
import type { WebhookReceiver } from '../../support/webhook-receiver.js';

export interface FixtureEnvironment {
  t: TestEmulator;
  receiver: WebhookReceiver;
}

/** What one case has prepared so far: each fixture is made once, on first use, from the emulator's state. */
export class FixtureSet {
  private readonly made = new Map<string, Promise<unknown>>();

  constructor(readonly env: FixtureEnvironment) {}

  get<T = string>(name: string): Promise<T> {
    const provider = FIXTURES[name];
    if (!provider) throw new Error(`unknown placeholder {${name}}: add it to FIXTURES in runner/fixtures.ts`);
    if (!this.made.has(name)) this.made.set(name, provider(this));
    return this.made.get(name) as Promise<T>;
  }

  async admin(path: string, method = 'GET', body?: unknown): Promise<Json> {
    const response = await this.env.t.request(`/_admin${path}`, {
      method,
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`admin ${method} ${path} answered ${response.status}: ${text}`);
    return text ? (JSON.parse(text) as Json) : {};
  }

  /** A Graph request with Megan's token (or the fixture `token` names); `pathOrUrl` under /v1.0 or a link Graph gave. */
  async graph(pathOrUrl: string, token = 'token'): Promise<Json> {
    const url = pathOrUrl.startsWith('https://') ? pathOrUrl : `${this.env.t.emulator.graphBaseUrl}${pathOrUrl}`;
    const response = await this.env.t.request(url, { headers: { authorization: `Bearer ${await this.get(token)}` } });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`GET ${pathOrUrl} answered ${response.status}: ${text}`);
    return JSON.parse(text) as Json;
  }
}

type Provider = (fixtures: FixtureSet) => Promise<unknown>;

const megan = DEMO_USERS.find((user) => user.userPrincipalName === MEGAN)!;
/** A time n hours ahead, to the second (Graph gives an expiration back with the precision it was sent). */
const hours = (n: number) => new Date(Date.now() + n * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Megan signed in through the authorization-code flow (the consent page's default scopes, Mail.ReadWrite among them). */
const tokens: Provider = async (f) => {
  const { status, body } = await redeemCode(f.env.t, await signIn(f.env.t, { account: MEGAN }));
  if (status !== 200) throw new Error(`token endpoint answered ${status}: ${JSON.stringify(body)}`);
  return body;
};

/** Megan's mailbox: synthetic mail in nested folders, and three messages delivered to the Inbox. */
const mailbox: Provider = async (f) => {
  await f.admin(`/mailboxes/${MEGAN}/seed`, 'POST', { messages: 20, seed: 3, until: '2025-06-01T00:00:00Z', spanDays: 30 });
  const delivered: Json[] = [];
  for (const subject of ['Quarterly numbers', 'Lunch on Friday?', 'Contract draft']) {
    delivered.push(await f.admin(`/mailboxes/${MEGAN}/messages`, 'POST', { from: 'lee.gu@fabrikam.com', subject }));
  }
  const { folders } = await f.admin(`/mailboxes/${MEGAN}`);
  return { folders: folders as Json[], delivered };
};

/** The Inbox's delta round walked to its end: the deltaLink's path and query (its origin dropped). */
const deltaRound: Provider = async (f) => {
  let page = await f.graph(`/me/mailFolders/${await f.get('inboxId')}/messages/delta`);
  while (page['@odata.nextLink']) page = await f.graph(page['@odata.nextLink']);
  const link = new URL(page['@odata.deltaLink']);
  return `${link.pathname}${link.search}`;
};

/** A message in Megan's Inbox with one small text file attached, and that file's attachment id. */
const withAttachment: Provider = async (f) => {
  const message = await f.admin(`/mailboxes/${MEGAN}/messages`, 'POST', {
    from: 'lee.gu@fabrikam.com',
    subject: 'Signed contract',
    attachments: [{ name: 'contract.txt', contentType: 'text/plain', text: 'Signed by both parties.' }],
  });
  const list = await f.graph(`/me/messages/${message.id}/attachments`);
  return { message, attachmentId: (list.value as Json[])[0]!.id as string };
};

/** The calendar cases' window: March 2026 (UTC). */
export const CALENDAR_WINDOW = { startDateTime: '2026-03-01T00:00:00Z', endDateTime: '2026-04-01T00:00:00Z' };
const ALEX = 'alex.wilber@contoso.com';

/** Megan's calendar: a single meeting with Lee Gu, a weekly series of four Mondays, and a second calendar. */
const calendar: Provider = async (f) => {
  const single = await f.admin(`/mailboxes/${MEGAN}/events`, 'POST', {
    subject: 'Contract review',
    body: { contentType: 'html', content: 'Bring the signed draft.' },
    start: { dateTime: '2026-03-04T15:00:00', timeZone: 'UTC' },
    end: { dateTime: '2026-03-04T16:00:00', timeZone: 'UTC' },
    location: { displayName: 'Room 12' },
    attendees: [{ type: 'required', emailAddress: { name: 'Lee Gu', address: 'lee.gu@fabrikam.com' } }],
  });
  const series = await f.admin(`/mailboxes/${MEGAN}/events`, 'POST', {
    subject: 'Pipeline stand-up',
    start: { dateTime: '2026-03-02T09:00:00', timeZone: 'Pacific Standard Time' },
    end: { dateTime: '2026-03-02T09:30:00', timeZone: 'Pacific Standard Time' },
    recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2026-03-02', numberOfOccurrences: 4 } },
  });
  const second = await f.admin(`/mailboxes/${MEGAN}/calendars`, 'POST', { name: 'Customer visits', color: 'lightGreen' });
  return { single, series, second };
};

/** A meeting Alex organizes with Megan invited: Megan's copy, which she may accept, tentatively accept or decline. */
const invitation: Provider = async (f) => {
  await f.admin(`/mailboxes/${ALEX}/events`, 'POST', {
    subject: 'Renewal kickoff',
    start: { dateTime: '2026-03-05T17:00:00', timeZone: 'UTC' },
    end: { dateTime: '2026-03-05T17:30:00', timeZone: 'UTC' },
    attendees: [{ type: 'required', emailAddress: { name: 'Megan Bowen', address: MEGAN } }],
  });
  const { value } = await f.graph('/me/events', 'calendarToken');
  const copy = (value as Json[]).find((event) => event.subject === 'Renewal kickoff');
  if (!copy) throw new Error(`Megan has no copy of Alex's meeting: ${JSON.stringify(value)}`);
  return copy.id;
};

/** Megan's access token for a sign-in that asked for these Graph scopes (and User.Read). */
const scopedToken = async (f: FixtureSet, scopes: string[]): Promise<unknown> => {
  const scope = `${['User.Read', ...scopes].map((name) => `https://graph.microsoft.com/${name}`).join(' ')} openid profile offline_access`;
  const { status, body } = await redeemCode(f.env.t, await signIn(f.env.t, { account: MEGAN, scope }), { scope });
  if (status !== 200) throw new Error(`token endpoint answered ${status}: ${JSON.stringify(body)}`);
  return body.access_token;
};

/** Megan's contacts: two in the default folder, a child folder "Customers" under it with one more. */
const contactBook: Provider = async (f) => {
  const { folders } = await f.admin(`/mailboxes/${MEGAN}/contact-folders`);
  const folderId = (folders as Json[]).find((folder) => folder.isDefault)!.id as string;
  const first = await f.admin(`/mailboxes/${MEGAN}/contacts`, 'POST', {
    givenName: 'Pavel', surname: 'Bansky', emailAddresses: [{ address: 'pavelb@fabrikam.onmicrosoft.com', name: 'Pavel Bansky' }], businessPhones: ['+1 732 555 0102'],
  });
  await f.admin(`/mailboxes/${MEGAN}/contacts`, 'POST', { givenName: 'Lee', surname: 'Gu', companyName: 'Fabrikam', emailAddresses: [{ address: 'lee.gu@fabrikam.com', name: 'Lee Gu' }] });
  const child = await f.admin(`/mailboxes/${MEGAN}/contact-folders`, 'POST', { displayName: 'Customers', parentFolderId: folderId });
  await f.admin(`/mailboxes/${MEGAN}/contacts`, 'POST', { folderId: child.id, givenName: 'Nina', surname: 'Petrova' });
  return { folderId, childId: child.id as string, contactId: first.id as string };
};
/** Megan's To Do: in "Tasks", a task with a linked resource and a plain one; a list "Travel items" of her own. */
const todoBook: Provider = async (f) => {
  const { lists } = await f.admin(`/mailboxes/${MEGAN}/todo/lists`);
  const defaultListId = (lists as Json[]).find((list) => list.wellknownListName === 'defaultList')!.id as string;
  const task = await f.admin(`/mailboxes/${MEGAN}/todo/lists/default/tasks`, 'POST', {
    title: 'Linked entity new task 1', categories: ['Important', 'Urgent'],
    linkedResources: [{ applicationName: 'Partner App Name', displayName: 'Partner App Name', externalId: 'teset1243434' }],
  });
  await f.admin(`/mailboxes/${MEGAN}/todo/lists/default/tasks`, 'POST', { title: 'A plain task', dueDateTime: { dateTime: '2026-03-10T00:00:00', timeZone: 'UTC' } });
  const list = await f.admin(`/mailboxes/${MEGAN}/todo/lists`, 'POST', { displayName: 'Travel items' });
  return { defaultListId, listId: list.id as string, taskId: task.id as string, linkedResourceId: (task.linkedResources as Json[])[0]!.id as string };
};
const todo = (f: FixtureSet) => f.get<{ defaultListId: string; listId: string; taskId: string; linkedResourceId: string }>('(todo)');
/** Megan's OneDrive: a folder "Proposals" holding "Quote.txt", and "notes.txt" at the root (through the admin API). */
const oneDrive: Provider = async (f) => {
  const folder = await f.admin(`/mailboxes/${MEGAN}/drive/items`, 'POST', { path: '/Proposals', folder: true });
  const file = await f.admin(`/mailboxes/${MEGAN}/drive/items`, 'POST', { path: '/Proposals/Quote.txt', text: 'Fabrikam renewal quote' });
  await f.admin(`/mailboxes/${MEGAN}/drive/items`, 'POST', { path: '/notes.txt', text: 'Call Fabrikam about the renewal' });
  return { driveId: file.driveId as string, folderId: folder.id as string, fileId: file.id as string };
};
const files = (f: FixtureSet) => f.get<{ driveId: string; folderId: string; fileId: string }>('(files)');

/** Contoso's "Marketing" site with a file in its default library, and tenant-wide consent to Sites.Read.All. */
const site: Provider = async (f) => {
  const made = await f.admin('/tenants/contoso.com/sites', 'POST', { name: 'Marketing', displayName: 'Marketing', description: 'Campaigns and brand assets' });
  const libraryId = (made.driveIds as string[])[0]!;
  await f.admin(`/drives/${encodeURIComponent(libraryId)}/items`, 'POST', { path: '/Brand/Logo guidelines.pdf', text: 'logo rules', by: MEGAN });
  await f.admin('/consents', 'POST', { tenant: 'contoso.com', clientId: f.env.t.emulator.demoApp.clientId, scopes: ['Sites.Read.All'] });
  return { siteId: made.id as string, libraryId };
};

/** An upload session for a new file "upload.bin" at the root, and its upload URL's path and query. */
const uploadSession: Provider = async (f) => {
  const response = await f.env.t.request(`${f.env.t.emulator.graphBaseUrl}/me/drive/root:/upload.bin:/createUploadSession`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await f.get('filesToken')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ item: { '@microsoft.graph.conflictBehavior': 'rename' } }),
  });
  const body = (await response.json()) as Json;
  if (response.status !== 200) throw new Error(`createUploadSession answered ${response.status}: ${JSON.stringify(body)}`);
  const url = new URL(body.uploadUrl as string);
  return `${url.pathname}${url.search}`;
};

const contacts = (f: FixtureSet) => f.get<{ folderId: string; childId: string; contactId: string }>('(contacts)');
const seeded = (f: FixtureSet) => f.get<{ single: Json; series: Json; second: Json }>('(calendar)');
const session = (f: FixtureSet) => f.get<Json>('(tokens)');
const attached = (f: FixtureSet) => f.get<{ message: Json; attachmentId: string }>('(withAttachment)');
const mail = (f: FixtureSet) => f.get<{ folders: Json[]; delivered: Json[] }>('(mailbox)');

/** Every placeholder a case may name, and how the runner makes it. Names in parentheses are internal. */
export const FIXTURES: Record<string, Provider> = {
  '(tokens)': tokens,
  '(mailbox)': mailbox,
  '(withAttachment)': withAttachment,
  '(signIn)': (f) => signIn(f.env.t, { account: MEGAN }),
  '(consentPage)': (f) => openConsentPage(f.env.t, { codeChallenge: pkcePair().challenge }),
  token: async (f) => (await session(f)).access_token,
  /** Megan's access token for a sign-in that also asked for the email scope. */
  emailToken: async (f) => {
    const scope = 'https://graph.microsoft.com/User.Read openid profile email offline_access';
    const { body } = await redeemCode(f.env.t, await signIn(f.env.t, { account: MEGAN, scope }), { scope });
    return body.access_token;
  },
  /** Megan's access token for a sign-in that also asked for Calendars.ReadWrite (`auth: 'calendar'`). */
  calendarToken: async (f) => {
    const { status, body } = await redeemCode(f.env.t, await signIn(f.env.t, { account: MEGAN, scope: CALENDAR_SCOPE }), { scope: CALENDAR_SCOPE });
    if (status !== 200) throw new Error(`token endpoint answered ${status}: ${JSON.stringify(body)}`);
    return body.access_token;
  },
  /** Megan's access token for a sign-in that also asked for sending mail, people and mailbox settings (`auth: 'compose'`). */
  composeToken: (f) => scopedToken(f, ['Mail.ReadWrite', 'Mail.Send', 'People.Read', 'MailboxSettings.Read']),
  /** Megan's access token for a sign-in that also asked for other people's calendars (`auth: 'sharedCalendars'`). */
  sharedCalendarsToken: (f) => scopedToken(f, ['Calendars.ReadWrite', 'Calendars.Read.Shared']),
  /** Megan's access token for scheduling: free/busy, mailbox settings and Teams meetings (`auth: 'scheduling'`). */
  schedulingToken: (f) => scopedToken(f, ['Calendars.ReadWrite', 'MailboxSettings.ReadWrite', 'OnlineMeetings.ReadWrite']),
  /** A standalone Teams meeting Megan created (POST /me/onlineMeetings). */
  '(onlineMeeting)': async (f) => {
    const response = await f.env.t.request(`${f.env.t.emulator.graphBaseUrl}/me/onlineMeetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await f.get('schedulingToken')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Quarterly review', startDateTime: '2026-03-12T16:00:00Z', endDateTime: '2026-03-12T17:00:00Z' }),
    });
    const body = (await response.json()) as Json;
    if (response.status !== 201) throw new Error(`creating the online meeting answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  },
  onlineMeetingId: async (f) => (await f.get<Json>('(onlineMeeting)')).id,
  joinWebUrl: async (f) => (await f.get<Json>('(onlineMeeting)')).joinWebUrl,
  /** A draft Megan wrote over Graph: a subject, a body and one recipient. */
  draftId: async (f) => {
    const response = await f.env.t.request(`${f.env.t.emulator.graphBaseUrl}/me/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await f.get('composeToken')}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: 'Renewal terms',
        body: { contentType: 'Text', content: 'The terms we spoke of.' },
        toRecipients: [{ emailAddress: { address: 'lee.gu@fabrikam.com' } }],
      }),
    });
    const body = (await response.json()) as Json;
    if (response.status !== 201) throw new Error(`creating the draft answered ${response.status}: ${JSON.stringify(body)}`);
    return body.id;
  },
  refreshToken: async (f) => (await session(f)).refresh_token,
  code: async (f) => (await f.get<{ code: string }>('(signIn)')).code,
  codeVerifier: async (f) => (await f.get<{ verifier: string }>('(signIn)')).verifier,
  codeChallenge: async () => pkcePair().challenge,
  consentRequest: async (f) => (await f.get<{ request: string }>('(consentPage)')).request,
  consentScopes: async (f) => submittedScopes(await f.get('(consentPage)')),
  adminConsentRequest: async (f) => {
    const params = new URLSearchParams({
      client_id: f.env.t.emulator.demoApp.clientId,
      scope: 'https://graph.microsoft.com/.default',
      redirect_uri: DEMO_REDIRECT_URI,
      state: '12345',
    });
    const response = await f.env.t.request(`/common/v2.0/adminconsent?${params}`);
    return parseForm(await response.text(), 'admin-consent-form').request;
  },
  clientId: async (f) => f.env.t.emulator.demoApp.clientId,
  clientSecret: async (f) => f.env.t.emulator.demoApp.clientSecret,
  redirectUri: async () => DEMO_REDIRECT_URI,
  tenantId: async () => megan.tenantId,
  userId: async () => megan.id,
  /** The emulator's Graph root (`https://host:port/v1.0`), as its links and context URLs start. */
  graphBaseUrl: async (f) => f.env.t.emulator.graphBaseUrl,
  inboxId: async (f) => (await mail(f)).folders.find((folder) => folder.wellKnownName === 'inbox')!.id,
  parentFolderId: async (f) => (await mail(f)).folders.find((folder) => folder.childFolderCount > 0)!.id,
  messageId: async (f) => (await mail(f)).delivered[0]!.id,
  attachmentMessageId: async (f) => (await attached(f)).message.id,
  attachmentId: async (f) => (await attached(f)).attachmentId,
  /** The next delta round of the Inbox after one of its messages was deleted. */
  removedDeltaPath: async (f) => {
    const path = await deltaRound(f);
    await f.admin(`/mailboxes/${MEGAN}/messages/${await f.get('messageId')}?permanent=true`, 'DELETE');
    return path;
  },
  /** A deltaLink whose sync state the mailbox no longer has (the admin API's invalidation). */
  staleDeltaPath: async (f) => {
    const path = await deltaRound(f);
    await f.admin('/delta/invalidate', 'POST', { user: MEGAN });
    return path;
  },
  /** The app's request budget for Megan's mailbox used up: one request per window, spent. */
  rateLimitReached: async (f) => {
    await f.admin('/mail-settings', 'PUT', { throttling: { enabled: true, requestsPerWindow: 1, windowSeconds: 600 } });
    await f.graph('/me/mailFolders');
    return 'yes';
  },
  '(calendar)': calendar,
  calendarStart: async () => CALENDAR_WINDOW.startDateTime,
  calendarEnd: async () => CALENDAR_WINDOW.endDateTime,
  eventId: async (f) => (await seeded(f)).single.id,
  seriesMasterId: async (f) => (await seeded(f)).series.id,
  /** The series' first occurrence (a Monday in the window). */
  occurrenceId: async (f) => {
    const query = new URLSearchParams(CALENDAR_WINDOW);
    const { value } = await f.graph(`/me/events/${await f.get('seriesMasterId')}/instances?${query}`, 'calendarToken');
    return (value as Json[])[0]!.id;
  },
  secondCalendarId: async (f) => (await seeded(f)).second.id,
  defaultCalendarId: async (f) => (await f.graph('/me/calendar', 'calendarToken')).id,
  /** The default calendar's calendarView delta round over the window walked to its end: the deltaLink's path and query. */
  calendarDeltaPath: async (f) => {
    await seeded(f);
    let page = await f.graph(`/me/calendarView/delta?${new URLSearchParams(CALENDAR_WINDOW)}`, 'calendarToken');
    while (page['@odata.nextLink']) page = await f.graph(page['@odata.nextLink'], 'calendarToken');
    const link = new URL(page['@odata.deltaLink']);
    return `${link.pathname}${link.search}`;
  },
  /** The same round's deltaLink after the single meeting was deleted in Outlook. */
  removedCalendarDeltaPath: async (f) => {
    const path = await f.get('calendarDeltaPath');
    await f.admin(`/mailboxes/${MEGAN}/events/${await f.get('eventId')}`, 'DELETE');
    return path;
  },
  invitationId: invitation,
  /** Megan's access token for a sign-in that asked for Contacts.ReadWrite (`auth: 'contacts'`). */
  contactsToken: (f) => scopedToken(f, ['Contacts.ReadWrite']),
  '(contacts)': contactBook,
  /** Megan's access token for a sign-in that asked for Tasks.ReadWrite (`auth: 'tasks'`). */
  tasksToken: (f) => scopedToken(f, ['Tasks.ReadWrite']),
  '(todo)': todoBook,
  /** Megan's access token for a sign-in that asked for Files.ReadWrite (`auth: 'files'`). */
  filesToken: (f) => scopedToken(f, ['Files.ReadWrite']),
  /** Files.ReadWrite and Sites.Read.All, after the tenant-wide consent the site fixture gives (`auth: 'sites'`). */
  sitesToken: async (f) => {
    await f.get('(site)');
    return scopedToken(f, ['Files.ReadWrite', 'Sites.Read.All']);
  },
  '(files)': oneDrive,
  '(site)': site,
  driveId: async (f) => (await files(f)).driveId,
  driveFolderId: async (f) => (await files(f)).folderId,
  driveFileId: async (f) => (await files(f)).fileId,
  siteId: async (f) => (await f.get<{ siteId: string }>('(site)')).siteId,
  libraryId: async (f) => (await f.get<{ libraryId: string }>('(site)')).libraryId,
  uploadPath: uploadSession,
  /** A download address of Quote.txt, as GET …/content's 302 gives it (path and query). */
  downloadPath: async (f) => {
    const response = await f.env.t.request(`${f.env.t.emulator.graphBaseUrl}/me/drive/items/${await f.get('driveFileId')}/content`, {
      headers: { authorization: `Bearer ${await f.get('filesToken')}` },
    });
    const location = response.headers.get('location');
    if (response.status !== 302 || !location) throw new Error(`GET …/content answered ${response.status}`);
    return new URL(location).pathname;
  },
  /** A view link of Quote.txt (its path). */
  sharingLinkPath: async (f) => {
    const response = await f.env.t.request(`${f.env.t.emulator.graphBaseUrl}/me/drive/items/${await f.get('driveFileId')}/createLink`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await f.get('filesToken')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'view', scope: 'organization' }),
    });
    const body = (await response.json()) as Json;
    return new URL(body.link.webUrl as string).pathname;
  },
  defaultListId: async (f) => (await todo(f)).defaultListId,
  todoListId: async (f) => (await todo(f)).listId,
  todoTaskId: async (f) => (await todo(f)).taskId,
  linkedResourceId: async (f) => (await todo(f)).linkedResourceId,
  /** The default list's tasks delta round walked to its end: the deltaLink's path and query. */
  taskDeltaPath: async (f) => {
    let page = await f.graph(`/me/todo/lists/${await f.get('defaultListId')}/tasks/delta`, 'tasksToken');
    while (page['@odata.nextLink']) page = await f.graph(page['@odata.nextLink'], 'tasksToken');
    const link = new URL(page['@odata.deltaLink']);
    return `${link.pathname}${link.search}`;
  },
  /** The same round's deltaLink after the linked task was deleted in To Do. */
  removedTaskDeltaPath: async (f) => {
    const path = await f.get('taskDeltaPath');
    await f.admin(`/mailboxes/${MEGAN}/todo/tasks/${await f.get('todoTaskId')}`, 'DELETE');
    return path;
  },
  contactFolderId: async (f) => (await contacts(f)).folderId,
  contactChildFolderId: async (f) => (await contacts(f)).childId,
  contactId: async (f) => (await contacts(f)).contactId,
  /** The default contact folder's delta round walked to its end: the deltaLink's path and query. */
  contactDeltaPath: async (f) => {
    const folderId = await f.get('contactFolderId');
    let page = await f.graph(`/me/contactFolders/${folderId}/contacts/delta`, 'contactsToken');
    while (page['@odata.nextLink']) page = await f.graph(page['@odata.nextLink'], 'contactsToken');
    const link = new URL(page['@odata.deltaLink']);
    return `${link.pathname}${link.search}`;
  },
  /** The same round's deltaLink after the first contact was deleted in Outlook. */
  removedContactDeltaPath: async (f) => {
    const path = await f.get('contactDeltaPath');
    await f.admin(`/mailboxes/${MEGAN}/contacts/${await f.get('contactId')}`, 'DELETE');
    return path;
  },
  notificationUrl: async (f) => `${f.env.receiver.baseUrl}/notifications`,
  expiration: async () => hours(2),
  laterExpiration: async () => hours(3),
  subscriptionId: async (f) => {
    const response = await f.env.t.request(`${f.env.t.emulator.graphBaseUrl}/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await f.get('token')}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        changeType: 'created',
        notificationUrl: await f.get('notificationUrl'),
        resource: "me/mailFolders('Inbox')/messages",
        expirationDateTime: await f.get('expiration'),
        clientState: 'secretClientValue',
      }),
    });
    const body = (await response.json()) as Json;
    if (response.status !== 201) throw new Error(`creating the subscription answered ${response.status}: ${JSON.stringify(body)}`);
    return body.id;
  },
};

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** The value with every `{placeholder}` filled; a string that is exactly one placeholder becomes the fixture itself. */
export async function fill<T>(value: T, fixtures: FixtureSet): Promise<T> {
  if (typeof value === 'string') {
    const whole = /^\{([A-Za-z]+)\}$/.exec(value);
    if (whole) return (await fixtures.get(whole[1]!)) as T;
    let result = value as string;
    for (const [, name] of value.matchAll(PLACEHOLDER)) result = result.replace(`{${name}}`, String(await fixtures.get(name!)));
    return result as T;
  }
  if (Array.isArray(value)) return (await Promise.all(value.map((item) => fill(item, fixtures)))) as T;
  if (typeof value === 'object' && value !== null && !(value instanceof RegExp)) {
    const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await fill(item, fixtures)] as const));
    return Object.fromEntries(entries) as T;
  }
  return value;
}

/** The same with stand-ins (`x-name`), for matching a case's path against the routes without an emulator. */
export function fillWithStandIns(text: string): string {
  return text.replace(PLACEHOLDER, (_all, name: string) => `x-${name}`);
}
