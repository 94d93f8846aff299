import { useEffect, useState } from 'react';

/** Copies `url` to the clipboard; says so for two seconds, or says why it could not. */
export function CopyLinkButton({ url, testId }: { url: string; testId: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="m365-button m365-button-secondary m365-button-small" onClick={() => void copy()} aria-label={`Copy link ${url}`} data-testid={testId}>
        {state === 'copied' ? 'Copied' : 'Copy link'}
      </button>
      <span role="status" className="m365-visually-hidden">
        {state === 'copied' ? 'Link copied' : state === 'failed' ? 'Could not copy: select the link and copy it' : ''}
      </span>
      {state === 'failed' && <span className="m365-form-error">Could not copy: select the link and copy it</span>}
    </>
  );
}
