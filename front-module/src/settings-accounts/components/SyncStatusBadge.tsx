import type { AccountStatus } from '../../accounts/account-sync-status';

export function SyncStatusBadge({ status, testId }: { status: AccountStatus; testId?: string }) {
  return (
    <span className={`m365-badge m365-badge-${status.tone}`} data-testid={testId} data-status={status.kind} title={status.detail ?? undefined}>
      {status.kind === 'IMPORTING' && <span className="m365-spinner" aria-hidden="true" />}
      {status.label}
    </span>
  );
}
