/** Nest token of the process's MailboxGate (one per process: every Graph client shares it). */
export const MAILBOX_GATE = Symbol('MAILBOX_GATE');
