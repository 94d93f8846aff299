import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { formatSize } from '../compose-limits';
import type { ComposeStart, Recipient } from '../compose.types';
import { useAttachmentUploads } from '../hooks/useAttachmentUploads';
import { useOutOfOffice } from '../hooks/useOutOfOffice';
import { QuotedOriginal } from './QuotedOriginal';
import { useDraft, type DraftFields } from '../hooks/useDraft';
import { RecipientField } from './RecipientField';
import { RichTextEditor } from './RichTextEditor';
import { InsertTeamsMeetingButton } from '../../scheduling/components/InsertTeamsMeetingButton';

interface ComposerDialogProps {
  host: FrontHost;
  start: ComposeStart;
  title: string;
  initialSubject?: string;
  onClose(): void;
}

const TITLES: Record<ComposeStart['kind'], string> = { NEW: 'New email', REPLY: 'Reply', REPLY_ALL: 'Reply all', FORWARD: 'Forward' };
const timeOf = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * The composer: To / Cc / Bcc chips, subject, rich text, attachments; saved to Outlook drafts as you type,
 * Ctrl/Cmd+Enter sends, Esc closes and keeps the draft.
 */
export function ComposerDialog({ host, start, title, initialSubject, onClose }: ComposerDialogProps) {
  const [fields, setFields] = useState<DraftFields>({ subject: initialSubject ?? '', bodyHtml: '', to: start.kind === 'NEW' ? start.to : [], cc: [], bcc: [] });
  const [showCopies, setShowCopies] = useState(false);
  // Where typing starts: an empty To for a new mail or a forward; the subject of a new mail to someone already chosen.
  const [{ focusTo, focusSubject }] = useState(() => {
    const open = start.kind === 'NEW' || start.kind === 'FORWARD';
    const chosen = start.kind === 'NEW' && start.to.length > 0;
    return { focusTo: open && !chosen, focusSubject: chosen };
  });
  const { draft, saveState, error, change, flush, send, discard, keepMine, refresh } = useDraft(host, start);
  const fileInput = useRef<HTMLInputElement>(null);
  const seeded = useRef(false);

  // A reply or forward draft comes back with Outlook's recipients and subject: take them once, before any edit.
  useEffect(() => {
    if (!draft || seeded.current) return;
    seeded.current = true;
    if (start.kind !== 'NEW') setFields((current) => ({ ...current, subject: current.subject || draft.subject, to: current.to.length ? current.to : draft.toRecipients, cc: current.cc.length ? current.cc : draft.ccRecipients }));
  }, [draft, start.kind]);

  const update = (patch: Partial<DraftFields>) => {
    const next = { ...fields, ...patch };
    setFields(next);
    change(next);
  };
  const ensureDraftId = useCallback(async () => (await flush())?.id ?? null, [flush]);
  const onUploaded = useCallback(() => void refresh().catch(() => undefined), [refresh]);
  const uploads = useAttachmentUploads(ensureDraftId, onUploaded);

  const accountId = draft?.connectedAccountId ?? (start.kind === 'NEW' ? start.connectedAccountId : null);
  const outOfOffice = useOutOfOffice(host, [...fields.to, ...fields.cc, ...fields.bcc].map((recipient) => recipient.address), accountId);
  const status = draft?.status ?? 'DRAFT';
  const locked = status === 'SENDING' || status === 'QUEUED' || status === 'SENT' || status === 'DISCARDED';
  const recipientCount = fields.to.length + fields.cc.length + fields.bcc.length;
  const canSend = !locked && recipientCount > 0 && !uploads.uploading && status !== 'CONFLICT';
  const attachedBytes = (draft?.attachments ?? []).reduce((sum, attachment) => sum + attachment.size, 0) + uploads.items.filter((item) => item.state === 'uploading').reduce((sum, item) => sum + item.size, 0);

  const close = async () => {
    if (!locked) await flush();
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      event.stopPropagation();
      if (canSend) void send();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      void close();
    }
  };

  useEffect(() => {
    if (status === 'SENT') {
      const timer = setTimeout(onClose, 1500);
      return () => clearTimeout(timer);
    }
  }, [onClose, status]);

  return (
    <div className="m365-composer-backdrop">
      <div className="m365-composer" role="dialog" aria-modal="true" aria-label={title || TITLES[start.kind]} data-testid="composer" onKeyDown={onKeyDown}>
        <header className="m365-composer-header">
          <h2>{title || TITLES[start.kind]}</h2>
          <span className="m365-composer-save" data-testid="compose-save-state" aria-live="polite">
            {saveState === 'saving' ? 'Saving…' : saveState === 'saved' && draft?.savedToOutlook ? 'Saved to Outlook drafts' : saveState === 'error' ? 'Not saved' : ''}
          </span>
          <button type="button" className="m365-icon-button" aria-label="Close (the draft is kept)" onClick={() => void close()}>
            ×
          </button>
        </header>
        <div className="m365-composer-body">
          <RecipientField host={host} label="To" recipients={fields.to} onChange={(to: Recipient[]) => update({ to })} connectedAccountId={accountId} outOfOffice={outOfOffice} autoFocus={focusTo} />
          {showCopies ? (
            <>
              <RecipientField host={host} label="Cc" recipients={fields.cc} onChange={(cc) => update({ cc })} connectedAccountId={accountId} outOfOffice={outOfOffice} />
              <RecipientField host={host} label="Bcc" recipients={fields.bcc} onChange={(bcc) => update({ bcc })} connectedAccountId={accountId} outOfOffice={outOfOffice} />
            </>
          ) : (
            <button type="button" className="m365-link-button m365-copies-toggle" onClick={() => setShowCopies(true)}>
              Cc / Bcc
            </button>
          )}
          <input className="m365-subject" aria-label="Subject" autoFocus={focusSubject} placeholder="Subject" value={fields.subject} onChange={(event) => update({ subject: event.target.value })} />
          <RichTextEditor
            initialHtml=""
            onChange={(bodyHtml) => update({ bodyHtml })}
            placeholder="Message"
            toolbarExtras={(insertHtml) => <InsertTeamsMeetingButton host={host} connectedAccountId={accountId} insertHtml={insertHtml} />}
          />
          {draft?.quotedBodyHtml && <QuotedOriginal html={draft.quotedBodyHtml} />}
          {(uploads.items.length > 0 || (draft?.attachments.length ?? 0) > 0) && (
            <ul className="m365-attachments" aria-label="Attachments">
              {uploads.items.map((item) => (
                <li key={item.key} className={`m365-attachment is-${item.state}`} data-testid="compose-attachment">
                  <span className="m365-attachment-name">{item.name}</span>
                  <span className="m365-muted">{formatSize(item.size)}</span>
                  {item.state === 'uploading' && <progress max={1} value={item.progress} aria-label={`Uploading ${item.name}`} />}
                  {item.state === 'done' && <span className="m365-muted">Attached</span>}
                  {item.error && <span className="m365-form-error">{item.error}</span>}
                  {item.state !== 'uploading' && !locked && (
                    <button type="button" className="m365-link-button" onClick={() => void uploads.remove(item.key, draft?.id ?? null)}>
                      Remove
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {status === 'CONFLICT' && (
            <div className="m365-banner m365-banner-warning" role="alert">
              {error}
              <button type="button" className="m365-button m365-button-secondary m365-button-small" onClick={() => void keepMine(fields)}>
                Keep my version
              </button>
            </div>
          )}
          {status !== 'CONFLICT' && error && <p className="m365-form-error" role="alert">{error}</p>}
        </div>
        <footer className="m365-composer-footer">
          <button type="button" className="m365-button m365-button-primary" disabled={!canSend} onClick={() => void send()} title="Send (Ctrl/Cmd+Enter)" data-testid="compose-send">
            {status === 'SENDING' ? 'Sending…' : 'Send'}
          </button>
          <input ref={fileInput} type="file" multiple hidden onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            void uploads.add(files, attachedBytes);
          }} data-testid="compose-file-input" />
          <button type="button" className="m365-button m365-button-secondary" disabled={locked} onClick={() => fileInput.current?.click()}>
            Attach
          </button>
          <span className="m365-composer-status" data-testid="compose-status" aria-live="polite">
            {status === 'QUEUED' && draft?.queuedUntil ? `Queued by Outlook's sending limit: goes at ${timeOf(draft.queuedUntil)}` : null}
            {status === 'SENT' ? 'Sent' : null}
            {status === 'FAILED' ? `Not sent: ${draft?.errorMessage ?? 'Outlook refused it.'}` : null}
            {status === 'DISCARDED' ? 'Draft discarded' : null}
          </span>
          {!locked && draft && (
            <button type="button" className="m365-button m365-button-danger-ghost" onClick={() => void discard().then(onClose)}>
              Discard
            </button>
          )}
        </footer>
      </div>
    </div>
  );
}
