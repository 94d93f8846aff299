// What both benches assume of the CRM and the mailboxes it imports.

/** The demo member signed in to the CRM, who connects the bench mailboxes. */
export const BENCH_MEMBER = 'megan.bowen@contoso.com';
export const BENCH_MEMBER_PASSWORD = 'demo-password';

/** Folders the plugin does not import, by display name and by well-known name (as the emulator's summaries name them). */
export const NOT_IMPORTED_FOLDERS = new Set([
  'Deleted Items', 'Junk Email', 'Drafts', 'Outbox', 'Conversation History',
  'deleteditems', 'junkemail', 'drafts', 'outbox', 'conversationhistory',
]);
