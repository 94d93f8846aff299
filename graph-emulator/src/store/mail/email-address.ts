import { DEMO_DIRECTORY } from '../../seed/demo-directory.js';
import type { EmailAddress } from './mail-records.js';
import { lower } from './mailbox-model.js';

function titleCase(localPart: string): string {
  return localPart
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(' ');
}

const DIRECTORY_NAMES = new Map(
  DEMO_DIRECTORY.people.flatMap((p) => [p.email, ...p.additionalEmails].map((email) => [lower(email), `${p.firstName} ${p.lastName}`] as const)),
);

/** `"Name <a@b>"`, `"a@b"` or `{name?, address}`; a missing name comes from the demo directory or the local part. */
export function emailAddress(value: string | EmailAddress): EmailAddress {
  if (typeof value !== 'string') {
    if (!value || typeof value.address !== 'string' || !value.address.includes('@')) throw new TypeError('an email address needs an address like name@domain');
    return { name: value.name ?? DIRECTORY_NAMES.get(lower(value.address)) ?? titleCase(value.address.split('@')[0]!), address: value.address };
  }
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(value);
  const address = (match ? match[2]! : value).trim();
  if (!address.includes('@')) throw new TypeError(`not an email address: ${value}`);
  return { name: match?.[1] || DIRECTORY_NAMES.get(lower(address)) || titleCase(address.split('@')[0]!), address };
}
