import { useCallback, useEffect, useRef, useState } from 'react';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import {
  CREATE_DRAFT_MUTATION,
  CREATE_RESPONSE_DRAFT_MUTATION,
  DISCARD_DRAFT_MUTATION,
  OUTGOING_MESSAGE_QUERY,
  SEND_DRAFT_MUTATION,
  UPDATE_DRAFT_MUTATION,
} from '../compose.documents';
import type { ComposeStart, OutgoingMessage, Recipient } from '../compose.types';
import { AUTOSAVE_DELAY_MS } from '../compose-limits';

export interface DraftFields {
  subject: string;
  bodyHtml: string;
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
}

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

const POLL_MS = 1000;
const toInput = (fields: DraftFields) => ({
  subject: fields.subject,
  bodyHtml: fields.bodyHtml,
  to: fields.to.map(({ address, name }) => ({ address, name: name ?? null })),
  cc: fields.cc.map(({ address, name }) => ({ address, name: name ?? null })),
  bcc: fields.bcc.map(({ address, name }) => ({ address, name: name ?? null })),
});

/**
 * The composer's draft: made in Outlook on the first change (or at once for a reply, whose recipients Outlook picks),
 * saved again a moment after each change ("Saved to Outlook drafts"), sent through the server's send job and
 * followed until it is sent, queued or failed.
 */
export function useDraft(host: FrontHost, start: ComposeStart) {
  const [draft, setDraft] = useState<OutgoingMessage | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<DraftFields | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<OutgoingMessage | null> | null>(null);
  const draftRef = useRef<OutgoingMessage | null>(null);
  draftRef.current = draft;

  const accept = useCallback((message: OutgoingMessage) => {
    setDraft(message);
    draftRef.current = message;
    setSaveState(message.savedToOutlook ? 'saved' : 'error');
    setError(message.status === 'CONFLICT' || message.errorMessage ? message.errorMessage : null);
    return message;
  }, []);

  const run = useCallback(
    async (fields: DraftFields | null, overwrite = false): Promise<OutgoingMessage | null> => {
      setSaveState('saving');
      try {
        const current = draftRef.current;
        if (!current) {
          if (start.kind === 'NEW') {
            const data = await host.graphql<{ createMicrosoftDraft: OutgoingMessage }>(CREATE_DRAFT_MUTATION, { connectedAccountId: start.connectedAccountId, input: toInput(fields ?? { subject: '', bodyHtml: '', to: start.to, cc: [], bcc: [] }) });
            return accept(data.createMicrosoftDraft);
          }
          const data = await host.graphql<{ createMicrosoftResponseDraft: OutgoingMessage }>(CREATE_RESPONSE_DRAFT_MUTATION, { messageId: start.messageId, kind: start.kind, input: fields ? toInput(fields) : null });
          return accept(data.createMicrosoftResponseDraft);
        }
        if (!fields) return current;
        const data = await host.graphql<{ updateMicrosoftDraft: OutgoingMessage }>(UPDATE_DRAFT_MUTATION, { id: current.id, input: toInput(fields), overwrite });
        return accept(data.updateMicrosoftDraft);
      } catch (failure) {
        setSaveState('error');
        setError((failure as Error).message);
        return null;
      }
    },
    [accept, host, start],
  );

  /** Saves what is pending now (before send, before closing). */
  const flush = useCallback(async (): Promise<OutgoingMessage | null> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (saving.current) await saving.current;
    const fields = pending.current;
    pending.current = null;
    if (!fields && draftRef.current) return draftRef.current;
    saving.current = run(fields);
    try {
      return await saving.current;
    } finally {
      saving.current = null;
    }
  }, [run]);

  const change = useCallback(
    (fields: DraftFields) => {
      pending.current = fields;
      setSaveState('idle');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  const keepMine = useCallback(
    async (fields: DraftFields) => {
      pending.current = null;
      await run(fields, true);
    },
    [run],
  );

  const send = useCallback(async () => {
    const saved = await flush();
    if (!saved) return;
    try {
      const data = await host.graphql<{ sendMicrosoftDraft: OutgoingMessage }>(SEND_DRAFT_MUTATION, { id: saved.id });
      accept(data.sendMicrosoftDraft);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, [accept, flush, host]);

  const discard = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    pending.current = null;
    const current = draftRef.current;
    if (!current) return;
    const data = await host.graphql<{ discardMicrosoftDraft: OutgoingMessage }>(DISCARD_DRAFT_MUTATION, { id: current.id });
    accept(data.discardMicrosoftDraft);
  }, [accept, host]);

  const refresh = useCallback(async () => {
    const current = draftRef.current;
    if (!current) return;
    const data = await host.graphql<{ microsoftOutgoingMessage: OutgoingMessage }>(OUTGOING_MESSAGE_QUERY, { id: current.id });
    accept(data.microsoftOutgoingMessage);
  }, [accept, host]);

  // A reply or forward is Outlook's own draft from the start: it brings the recipients Outlook chose.
  useEffect(() => {
    if (start.kind !== 'NEW' && !draftRef.current) void flush();
  }, [flush, start.kind]);

  // While a send is under way (or queued), follow it until it is sent or failed.
  const status = draft?.status;
  useEffect(() => {
    if (status !== 'SENDING' && status !== 'QUEUED') return;
    const poll = setInterval(() => void refresh().catch(() => undefined), POLL_MS);
    return () => clearInterval(poll);
  }, [refresh, status]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  return { draft, saveState, error, change, flush, send, discard, keepMine, refresh };
}
