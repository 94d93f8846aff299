import { conflictText, contactFolderOptions, contactSyncBadge, contactSyncView } from '../src/accounts/contact-sync-view';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const sync = (extra: Record<string, unknown> = {}) => ({ syncStatus: 'ACTIVE' as const, syncedAt: '2026-03-10T11:58:00.000Z', linkedCount: 12, createdCount: 3, pendingWrites: 0, lastErrorMessage: null, ...extra });

describe('contactSyncView', () => {
  it('counts linked and created people, edits on their way, and when it last synced', () => {
    expect(contactSyncView(sync(), NOW)).toEqual({ kind: 'SYNCED', text: 'Synced · 12 contacts linked to people (3 created) · last synced 2 minutes ago', reason: null });
    expect(contactSyncView(sync({ linkedCount: 1, createdCount: 0, pendingWrites: 2 }), NOW).text).toBe('Synced · 1 contact linked to people · 2 edits on the way to Outlook · last synced 2 minutes ago');
  });

  it('shows the first import as importing with its running count, later passes as synced, and failures with their reason', () => {
    expect(contactSyncView(sync({ syncStatus: 'ONGOING', syncedAt: null, linkedCount: 40 }), NOW)).toMatchObject({ kind: 'IMPORTING', text: 'Importing · 40 contacts linked to people (3 created) so far' });
    expect(contactSyncView(sync({ syncStatus: 'ONGOING' }), NOW).kind).toBe('SYNCED');
    expect(contactSyncView(sync({ syncStatus: 'NOT_SYNCED', syncedAt: null }), NOW).kind).toBe('QUEUED');
    const failed = contactSyncView(sync({ syncStatus: 'FAILED_INSUFFICIENT_PERMISSIONS', lastErrorMessage: 'FeatureNotGranted: the account has not granted Contacts.ReadWrite' }), NOW);
    expect(failed).toEqual({ kind: 'FAILED', text: 'Sync failed', reason: 'FeatureNotGranted: the account has not granted Contacts.ReadWrite' });
    expect(contactSyncBadge(failed)).toMatchObject({ kind: 'SYNC_FAILED', label: 'Sync failed', tone: 'red' });
  });
});

describe('conflictText', () => {
  it('names the field, the value kept and the side whose value was not', () => {
    expect(conflictText({ field: 'JOB_TITLE', keptSide: 'CRM', keptValue: '"Finance Director"', lostValue: '"CFO"' })).toBe(
      'Job title: kept “Finance Director” (CRM, the later edit); the Outlook value “CFO” was not kept',
    );
    expect(conflictText({ field: 'EMAILS', keptSide: 'OUTLOOK', keptValue: '["a@x.test","b@x.test"]', lostValue: '[]' })).toBe(
      'Emails: kept “a@x.test, b@x.test” (Outlook, the later edit); the CRM value “(empty)” was not kept',
    );
  });
});

describe('contactFolderOptions', () => {
  it('offers every folder first, then each folder under its parents', () => {
    const options = contactFolderOptions([
      { externalId: 'c', name: 'Contacts', parentExternalId: 'root' },
      { externalId: 'v', name: 'VIP', parentExternalId: 'k' },
      { externalId: 'k', name: 'Clients', parentExternalId: 'c' },
    ]);
    expect(options).toEqual([
      { value: '', label: 'All folders' },
      { value: 'c', label: 'Contacts' },
      { value: 'k', label: 'Contacts / Clients' },
      { value: 'v', label: 'Contacts / Clients / VIP' },
    ]);
  });
});
