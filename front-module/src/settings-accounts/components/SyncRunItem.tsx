import type { SyncRunView } from '../../accounts/sync-run-view';

/** One entry of the sync log: what started it and how it ended, when and how long, what changed, and what to do if it failed. */
export function SyncRunItem({ view }: { view: SyncRunView }) {
  return (
    <li className={`m365-sync-run is-${view.tone}`} data-testid="sync-run" data-outcome={view.outcome}>
      <div className="m365-sync-run-line">
        <span className={`m365-push-dot m365-push-dot-${view.tone}`} aria-hidden="true" />
        <span className="m365-sync-run-title" data-testid="sync-run-title">
          {view.title}
        </span>
        <span className="m365-sync-run-outcome" data-testid="sync-run-outcome">
          {view.outcomeText}
        </span>
        <span className="m365-sync-run-when">
          {view.when} · {view.duration}
        </span>
      </div>
      <p className="m365-sync-run-changes" data-testid="sync-run-changes">
        {view.changes}
      </p>
      {view.restarted && <p className="m365-sync-run-note">{view.restarted}</p>}
      {view.problem && (
        <p className="m365-sync-run-problem" data-testid="sync-run-problem">
          {view.problem}
        </p>
      )}
      {view.action && (
        <p className="m365-sync-run-action" data-testid="sync-run-action">
          <strong>What to do:</strong> {view.action}
        </p>
      )}
    </li>
  );
}
