/** What a user can do with a connected Microsoft account, each unlocked by Graph scopes. */
export enum MicrosoftFeature {
  MAIL_IMPORT = 'MAIL_IMPORT',
  MAIL_SEND = 'MAIL_SEND',
  CALENDAR = 'CALENDAR',
  TEAMS_MEETINGS = 'TEAMS_MEETINGS',
  CONTACTS = 'CONTACTS',
  PEOPLE_SUGGESTIONS = 'PEOPLE_SUGGESTIONS',
  OUT_OF_OFFICE = 'OUT_OF_OFFICE',
  TODO = 'TODO',
  FILES = 'FILES',
  SHAREPOINT = 'SHAREPOINT',
}
