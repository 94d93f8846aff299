/**
 * The contacts conflict rule, per field: when the CRM and Outlook both changed the same field since they last
 * agreed, the later change wins — the CRM edit's time against the contact's lastModifiedDateTime; a tie goes to the
 * CRM. The losing value is written to the conflict log (Settings → Accounts shows it), so no edit is lost silently.
 * Fields only one side changed are never in conflict: each goes to the other side.
 */
export function conflictWinner(crmEditedAt: Date, outlookModifiedAt: Date): 'CRM' | 'OUTLOOK' {
  return outlookModifiedAt.getTime() > crmEditedAt.getTime() ? 'OUTLOOK' : 'CRM';
}
