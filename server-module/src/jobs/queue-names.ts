/** Queue names, as Twenty names its own; each must also appear in plugin.manifest.json. */
export const MicrosoftQueue = {
  MESSAGING: 'messaging',
  CALENDAR: 'calendar',
  CRON: 'cron',
  WEBHOOK: 'webhook',
  CONTACTS: 'contacts',
} as const;
