import { useState } from 'react';
import type { RecordSlotProps } from '../../plugin-front/plugin-front.types';
import { PERSON_EMAIL_QUERY } from '../compose.documents';
import type { Recipient } from '../compose.types';
import { useComposeCapabilities } from '../hooks/useComposeCapabilities';
import { ComposerDialog } from './ComposerDialog';

interface PersonEmail {
  person: { name: { firstName: string; lastName: string }; emails: { primaryEmail: string | null } } | null;
}

/** "Compose email" on a person or company: from the member's Microsoft account, to the person's address. */
export function ComposeEmailAction({ host, objectName, recordId }: RecordSlotProps) {
  const capabilities = useComposeCapabilities(host);
  const [to, setTo] = useState<Recipient[] | null>(null);
  const account = capabilities?.find((capability) => capability.canSend) ?? capabilities?.[0];
  if (!account) return null;

  const open = async () => {
    if (objectName !== 'person') return setTo([]);
    const data = await host.graphql<PersonEmail>(PERSON_EMAIL_QUERY, { id: recordId }).catch(() => ({ person: null }));
    const address = data.person?.emails.primaryEmail;
    const name = data.person ? `${data.person.name.firstName} ${data.person.name.lastName}`.trim() : '';
    setTo(address ? [{ address, name: name || null }] : []);
  };

  return (
    <>
      <button
        type="button"
        className="m365-button m365-button-secondary"
        disabled={!account.canSend}
        title={account.canSend ? `From ${account.handle}` : account.sendUnavailableReason ?? undefined}
        onClick={() => void open()}
        data-testid="compose-email"
      >
        Compose email
      </button>
      {!account.canSend && <span className="m365-muted">{account.sendUnavailableReason}</span>}
      {to && <ComposerDialog host={host} title="New email" start={{ kind: 'NEW', connectedAccountId: account.connectedAccountId, to }} onClose={() => setTo(null)} />}
    </>
  );
}
