import { useState, type KeyboardEvent } from 'react';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { isPlausibleAddress, parseRecipients } from '../compose-limits';
import type { OutOfOfficeNotice, Recipient } from '../compose.types';
import { useRecipientSuggestions } from '../hooks/useRecipientSuggestions';
import { OutOfOfficeBadge } from './OutOfOfficeBadge';

interface RecipientFieldProps {
  host: FrontHost;
  label: 'To' | 'Cc' | 'Bcc' | 'Attendees';
  recipients: Recipient[];
  onChange(recipients: Recipient[]): void;
  autoFocus?: boolean;
  /** The account the message goes from: its People list ranks the suggestions. */
  connectedAccountId?: string | null;
  /** Automatic replies on, by lower-cased address: a badge on the chip. */
  outOfOffice?: Map<string, OutOfOfficeNotice>;
}

/** One address line as chips: typed, pasted ("Name <address>", several at once) or picked from the suggestions. */
export function RecipientField({ host, label, recipients, onChange, autoFocus, connectedAccountId, outOfOffice }: RecipientFieldProps) {
  const [text, setText] = useState('');
  const answer = useRecipientSuggestions(host, text, connectedAccountId);
  const suggestions = answer.suggestions.filter((suggestion) => !recipients.some((recipient) => recipient.address.toLowerCase() === suggestion.address.toLowerCase()));

  const addText = (value: string) => {
    const parsed = parseRecipients(value);
    if (parsed.length === 0) return;
    const known = new Set(recipients.map((recipient) => recipient.address.toLowerCase()));
    onChange([...recipients, ...parsed.filter((recipient) => !known.has(recipient.address.toLowerCase()) && known.add(recipient.address.toLowerCase()))]);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.key === 'Enter' && !(event.metaKey || event.ctrlKey)) || event.key === ',' || event.key === ';' || event.key === 'Tab') {
      if (text.trim()) {
        event.preventDefault();
        addText(text);
      }
    } else if (event.key === 'Backspace' && text === '' && recipients.length > 0) {
      onChange(recipients.slice(0, -1));
    }
  };

  return (
    <div className="m365-recipient-field">
      <span className="m365-recipient-label">{label}</span>
      <div className="m365-chips" data-testid={`compose-${label.toLowerCase()}`}>
        {recipients.map((recipient) => {
          const valid = isPlausibleAddress(recipient.address);
          return (
            <span key={recipient.address} className={`m365-chip${valid ? '' : ' is-invalid'}`} title={valid ? recipient.address : `${recipient.address} is not a valid email address`} data-testid="recipient-chip">
              {recipient.name ? `${recipient.name} ` : ''}
              <span className="m365-chip-address">{recipient.name ? `<${recipient.address}>` : recipient.address}</span>
              {outOfOffice?.get(recipient.address.toLowerCase()) && <OutOfOfficeBadge notice={outOfOffice.get(recipient.address.toLowerCase())!} compact />}
              <button type="button" className="m365-chip-remove" aria-label={`Remove ${recipient.address}`} onClick={() => onChange(recipients.filter((candidate) => candidate !== recipient))}>
                ×
              </button>
            </span>
          );
        })}
        <input
          className="m365-chip-input"
          aria-label={label}
          value={text}
          autoFocus={autoFocus}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => text.trim() && addText(text)}
          onPaste={(event) => {
            const pasted = event.clipboardData.getData('text');
            if (/[,;\n]/.test(pasted)) {
              event.preventDefault();
              addText(pasted);
            }
          }}
        />
      </div>
      {suggestions.length > 0 && (
        <ul className="m365-suggestions" role="listbox" aria-label={`${label} suggestions`}>
          {suggestions.map((suggestion) => (
            <li key={suggestion.address} data-testid="recipient-suggestion" data-source={suggestion.source}>
              <button
                type="button"
                role="option"
                aria-selected={false}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => {
                  onChange([...recipients, { address: suggestion.address, name: suggestion.name ?? null }]);
                  setText('');
                }}
              >
                <strong>{suggestion.name ?? suggestion.address}</strong> <span className="m365-muted">{suggestion.address}</span>
                {suggestion.personId && <span className="m365-suggestion-tag">CRM</span>}
              </button>
            </li>
          ))}
          {answer.crmOnlyReason && <li className="m365-suggestions-note m365-muted">{answer.crmOnlyReason}</li>}
        </ul>
      )}
    </div>
  );
}
