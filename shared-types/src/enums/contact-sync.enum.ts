/** Which Outlook contacts that match no CRM person become new people. */
export enum ContactCreationPolicy {
  CREATE_ALL = 'CREATE_ALL',
  CREATE_WITH_EMAIL = 'CREATE_WITH_EMAIL',
  NEVER_CREATE = 'NEVER_CREATE',
}

/** The fields Outlook contacts and CRM people both have, each synced on its own. */
export enum ContactSharedField {
  FIRST_NAME = 'firstName',
  LAST_NAME = 'lastName',
  EMAILS = 'emails',
  PHONES = 'phones',
  JOB_TITLE = 'jobTitle',
  COMPANY_NAME = 'companyName',
}
