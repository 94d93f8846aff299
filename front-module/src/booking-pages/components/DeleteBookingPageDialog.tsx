import { useEffect, useRef } from 'react';
import { useRecoilState, useRecoilValue } from 'recoil';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { bookingPagesState, bookingPageToDeleteState } from '../../state/booking-pages.state';
import { useDeleteBookingPage } from '../hooks/useDeleteBookingPage';

/** Keeps Tab and Shift+Tab among the dialog's enabled buttons. */
function trapFocus(event: KeyboardEvent, dialog: HTMLElement | null) {
  const buttons = [...(dialog?.querySelectorAll<HTMLElement>('button:not(:disabled)') ?? [])];
  if (buttons.length === 0) return;
  const at = buttons.indexOf(document.activeElement as HTMLElement);
  const next = event.shiftKey ? (at <= 0 ? buttons.length - 1 : at - 1) : at === buttons.length - 1 ? 0 : at + 1;
  event.preventDefault();
  buttons[next]!.focus();
}

/** "Delete this booking page?": the link stops working; meetings already booked stay in Outlook. */
export function DeleteBookingPageDialog({ host }: { host: FrontHost }) {
  const [pageId, setPageId] = useRecoilState(bookingPageToDeleteState);
  const page = useRecoilValue(bookingPagesState)?.find((each) => each.id === pageId);
  const { remove, deleting, error } = useDeleteBookingPage(host);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const close = () => setPageId(null);

  const open = Boolean(page);
  useEffect(() => {
    if (!open) return undefined;
    // The keyboard goes back where it was (the Delete button) when the dialog closes.
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setPageId(null);
      if (event.key === 'Tab') trapFocus(event, dialogRef.current);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (before?.isConnected) before.focus();
    };
  }, [open, setPageId]);

  if (!page) return null;
  return (
    <div className="m365-dialog-backdrop" onClick={close}>
      <div
        ref={dialogRef}
        className="m365-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="m365-delete-booking-title"
        aria-describedby="m365-delete-booking-text"
        data-testid="delete-booking-page-dialog"
        onClick={(event) => event.stopPropagation()}
      >
        <h3 id="m365-delete-booking-title">Delete “{page.title}”?</h3>
        <p id="m365-delete-booking-text">
          {page.publicUrl} stops working at once and nobody can book it any more. Meetings already booked stay in your Outlook calendar.
        </p>
        {error && <p className="m365-error-text">Could not delete: {error}</p>}
        <div className="m365-dialog-actions">
          <button ref={cancelRef} type="button" className="m365-button m365-button-secondary" onClick={close} disabled={deleting}>
            Cancel
          </button>
          <button type="button" className="m365-button m365-button-danger" onClick={() => void remove(page.id)} disabled={deleting} data-testid="confirm-delete-booking-page">
            {deleting ? 'Deleting…' : 'Delete page'}
          </button>
        </div>
      </div>
    </div>
  );
}
