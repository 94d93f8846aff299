import DOMPurify from 'dompurify';
import { useMemo, useState } from 'react';

/**
 * The original Outlook quoted under a reply or forward, below the editor and read-only: it is sent once, after what
 * the member writes, and is never copied into the editor. Collapsed to a toggle like Outlook's "…" until opened.
 */
export function QuotedOriginal({ html }: { html: string }) {
  const [open, setOpen] = useState(false);
  const clean = useMemo(() => DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'iframe'], FORBID_ATTR: ['style'] }), [html]);
  return (
    <div className="m365-quoted-original" data-testid="compose-quoted-original">
      <button type="button" className="m365-link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide the original message' : 'Show the original message'}
      </button>
      {/* Sanitised twice: by the server before it left, and here before it reaches the page. */}
      {open && <div className="m365-quoted-original-body" dangerouslySetInnerHTML={{ __html: clean }} />}
    </div>
  );
}
