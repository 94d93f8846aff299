import type { FrontHost, RecordObjectName } from '../plugin-front/plugin-front.types';
import type { Recipient } from '../compose/compose.types';
import { RECORD_PEOPLE_QUERY } from './scheduling.documents';

interface PersonRow {
  name: { firstName: string; lastName: string };
  emails: { primaryEmail: string | null };
}

const toRecipient = (person: PersonRow): Recipient[] => {
  const name = `${person.name.firstName} ${person.name.lastName}`.trim();
  return person.emails.primaryEmail ? [{ address: person.emails.primaryEmail, name: name || null }] : [];
};

/** The record's people with an address (the person, or the company's people), and a title for the meeting. */
export async function loadRecordAttendees(host: FrontHost, objectName: RecordObjectName, recordId: string): Promise<{ attendees: Recipient[]; subject: string }> {
  if (objectName === 'person') {
    const data = await host.graphql<{ person: PersonRow | null }>(RECORD_PEOPLE_QUERY.person, { id: recordId }).catch(() => ({ person: null }));
    const attendees = data.person ? toRecipient(data.person) : [];
    return { attendees, subject: attendees[0]?.name ? `Meeting with ${attendees[0].name}` : 'Meeting' };
  }
  const data = await host.graphql<{ company: { name: string; people: PersonRow[] } | null }>(RECORD_PEOPLE_QUERY.company, { id: recordId }).catch(() => ({ company: null }));
  return { attendees: (data.company?.people ?? []).flatMap(toRecipient), subject: data.company ? `Meeting with ${data.company.name}` : 'Meeting' };
}
