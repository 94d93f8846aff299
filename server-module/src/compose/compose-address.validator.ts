import { singleLine } from '../common/control-characters.util.js';
import { ComposeErrorCode, ComposeException } from './compose.exception.js';
import { MAX_RECIPIENTS } from './compose.constants.js';

export interface ComposeRecipient {
  address: string;
  name?: string | null;
}

// A practical subset of RFC 5322 addr-spec as Outlook accepts it: dot-atom local part and a dotted domain.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

export function isValidAddress(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at < 1 || at === address.length - 1) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && !/^\d+$/.test(labels[labels.length - 1]!);
}

/** Trims, validates (naming the first bad address) and deduplicates one recipient field. */
export function normalizeRecipients(field: string, recipients: ComposeRecipient[] | null | undefined): ComposeRecipient[] {
  const seen = new Set<string>();
  const result: ComposeRecipient[] = [];
  for (const recipient of recipients ?? []) {
    const address = (recipient.address ?? '').trim();
    if (!isValidAddress(address)) {
      throw new ComposeException(ComposeErrorCode.INVALID_ADDRESS, `"${address || '(empty)'}" in ${field} is not a valid email address.`);
    }
    const key = address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const name = recipient.name ? singleLine(recipient.name).trim().slice(0, 256) : undefined;
    result.push(name ? { address, name } : { address });
  }
  return result;
}

export function assertRecipientCount(...fields: ComposeRecipient[][]): void {
  const total = fields.reduce((sum, field) => sum + field.length, 0);
  if (total > MAX_RECIPIENTS) throw new ComposeException(ComposeErrorCode.INVALID_INPUT, `A message can have at most ${MAX_RECIPIENTS} recipients (this one has ${total}).`);
}
