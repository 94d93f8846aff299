/** The Emails tab's own refresh while it is visible: new mail (pushed to the CRM within a second) shows up within ~5 s. */
export const EMAILS_REFRESH_MS = 5_000;
