import DOMPurify from 'dompurify';
import type { OutOfOfficeNotice } from '../compose.types';

/** The automatic reply as plain text for a tooltip: Outlook holds it as HTML, which is never rendered here. */
export function automaticReplyText(html: string): string {
  const fragment = DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true });
  return (fragment.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const dateOf = (iso: string) => new Date(iso).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export function outOfOfficeSummary(notice: OutOfOfficeNotice): string {
  const until = notice.endsAt ? `Until ${dateOf(notice.endsAt)}. ` : '';
  return `${until}${automaticReplyText(notice.message)}`;
}

/** "Out of office", with the automatic reply's text and end date on hover (and for screen readers). */
export function OutOfOfficeBadge({ notice, compact }: { notice: OutOfOfficeNotice; compact?: boolean }) {
  const summary = outOfOfficeSummary(notice);
  return (
    <span className="m365-badge m365-badge-orange m365-ooo-badge" title={summary} aria-label={`Out of office: ${summary}`} data-testid="out-of-office-badge" data-address={notice.address}>
      {compact ? 'OOO' : 'Out of office'}
    </span>
  );
}
