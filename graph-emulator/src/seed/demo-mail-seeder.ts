import type { UserRecord } from '../store/emulator-records.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { SeedMailboxResult } from '../store/mail/mail-records.js';
import type { MailStore } from '../store/mail/mail-store.js';
import { DEMO_DIRECTORY } from './demo-directory.js';
import { DEMO_MAILBOX_PROFILES, type DemoMailboxProfile } from './demo-mail.js';
import { generateDemoMail } from './demo-mail-generator.js';

export interface DemoMailOptions {
  seed: number;
  /** Mail is dated within the year before this (ISO, epoch ms or a Date); default: now. */
  until?: string | number | Date;
}

export interface ResolvedDemoMailOptions {
  seed: number;
  until: number;
}

/** Checks the options and fixes `until`, so that every later (re)seed gives the same mail. */
export function resolveDemoMailOptions(options: DemoMailOptions, now = Date.now()): ResolvedDemoMailOptions {
  const { seed, until } = options ?? ({} as DemoMailOptions);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new TypeError('the demo mail seed must be an integer between 0 and 4294967295');
  const at = until === undefined ? now : until instanceof Date ? until.getTime() : typeof until === 'number' ? until : typeof until === 'string' ? Date.parse(until) : NaN;
  if (!Number.isFinite(at)) throw new TypeError('until must be an ISO date');
  return { seed, until: at };
}

/** The demo mailboxes' own profiles; anyone else gets a work mailbox filed under their first client. */
export function demoMailProfile(user: UserRecord): DemoMailboxProfile {
  const upn = user.userPrincipalName.toLowerCase();
  const known = DEMO_MAILBOX_PROFILES.find((profile) => profile.user === upn);
  if (known) return known;
  const domain = (user.mail ?? upn).split('@')[1];
  const client = DEMO_DIRECTORY.companies.find((company) => company.domain !== domain)!;
  return { user: upn, messages: 300, style: user.mail ? 'work' : 'personal', filedFolder: ['Clients', client.name], filedDomain: client.domain };
}

/** Replaces the user's mailbox with their demo mail. */
export function seedDemoMailbox(mail: MailStore, user: UserRecord, options: ResolvedDemoMailOptions): SeedMailboxResult {
  const owner = { name: user.displayName, address: user.mail ?? user.userPrincipalName };
  return mail.loadMailbox(user.id, generateDemoMail({ owner, profile: demoMailProfile(user), ...options }));
}

/** Fills every demo mailbox (Megan, Alex, Lee Gu, the personal account) that the tenant still has. */
export function seedDemoMail(store: EmulatorStore, options: ResolvedDemoMailOptions): SeedMailboxResult[] {
  return DEMO_MAILBOX_PROFILES.flatMap((profile) => {
    const user = store.findUser(profile.user);
    return user ? [seedDemoMailbox(store.mail, user, options)] : [];
  });
}
