import { pick, prng } from '../mail/prng.js';
import type { EmailAddress, MailboxContent, MailboxContentMessage } from '../store/mail/mail-records.js';
import { DEMO_DIRECTORY, type DemoDirectory, type DemoPerson } from './demo-directory.js';
import {
  CLIENT_TOPICS,
  DEMO_NEWSLETTER,
  DEMO_STRANGERS,
  GENERIC_LINES,
  INTERNAL_TOPICS,
  INTRODUCTION_TOPIC,
  PERSONAL_TOPICS,
  SIGN_OFFS,
  WEEKDAYS,
  type DemoMailboxProfile,
  type DemoMailTopic,
} from './demo-mail.js';

export interface DemoMailInput {
  /** The mailbox owner as their mail shows them. */
  owner: EmailAddress;
  profile: DemoMailboxProfile;
  seed: number;
  /** Epoch ms: every message is dated within the year before it. */
  until: number;
  directory?: DemoDirectory;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;
const THREAD_LENGTHS = [2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8];
const NEWSLETTER_WEEKS = 52;

interface Correspondent {
  address: EmailAddress;
  firstName: string;
  /** Name, job title and company, for the first message someone writes in a thread. */
  signature: string;
  company: string | null;
  domain: string;
}

interface Draft extends Omit<MailboxContentMessage, 'inReplyTo' | 'receivedDateTime'> {
  at: number;
  parent: Draft | null;
}

const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** FNV-1a: mixes the seed with the owner's address, so each mailbox of one seed differs. */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function correspondentOf(person: DemoPerson, companies: Map<string, string>, email = person.email): Correspondent {
  const name = `${person.firstName} ${person.lastName}`;
  const company = companies.get(person.companyDomain) ?? null;
  return {
    address: { name, address: email },
    firstName: person.firstName,
    signature: `${name}\n${person.jobTitle}${company ? `, ${company}` : ''}`,
    company,
    domain: domainOf(email),
  };
}

/** Deterministic mail for one mailbox: the same input gives the same content, message for message. */
export function generateDemoMail(input: DemoMailInput): MailboxContent {
  const directory = input.directory ?? DEMO_DIRECTORY;
  const { profile, until } = input;
  const random = prng(hash(input.owner.address.toLowerCase(), input.seed));
  const companies = new Map(directory.companies.map((company) => [company.domain, company.name]));
  const ownAddress = input.owner.address.toLowerCase();
  const ownDomain = domainOf(ownAddress);
  const isOwner = (person: DemoPerson) => [person.email, ...person.additionalEmails].some((email) => email.toLowerCase() === ownAddress);
  const ownerPerson = directory.people.find(isOwner);
  const us: Correspondent = ownerPerson
    ? { ...correspondentOf(ownerPerson, companies), address: input.owner }
    : { address: input.owner, firstName: input.owner.name.split(' ')[0]!, signature: input.owner.name, company: null, domain: ownDomain };
  const others = directory.people.filter((person) => !isOwner(person));

  const work = profile.style === 'work';
  const colleagues = work ? others.filter((person) => person.companyDomain === ownDomain).map((person) => correspondentOf(person, companies)) : [];
  // Clients by company; the company whose mail is filed gets more of it.
  const byCompany = new Map<string, Correspondent[]>();
  for (const person of others) {
    if (person.companyDomain === ownDomain) continue;
    const list = byCompany.get(person.companyDomain) ?? [];
    list.push(correspondentOf(person, companies));
    byCompany.set(person.companyDomain, list);
  }
  // Private addresses the CRM also knows these people by: a personal account's correspondents.
  const friends = others
    .flatMap((person) => person.additionalEmails.filter((email) => domainOf(email) !== person.companyDomain).map((email) => correspondentOf(person, companies, email)));
  const companyDraw = [...byCompany.keys()].flatMap((domain) => (domain === profile.filedDomain ? [domain, domain, domain, domain] : [domain]));

  const drafts: Draft[] = [];
  let threads = 0;
  const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

  const addThread = (topic: DemoMailTopic, them: Correspondent[], cc: Correspondent[], theyStart: boolean, length: number): void => {
    const no = threads++;
    const times: number[] = [];
    let at = until - YEAR + Math.floor(random() * (YEAR - DAY));
    for (let i = 0; i < length; i += 1) {
      times.push(at);
      at += 15 * MINUTE + Math.floor(random() * (random() < 0.6 ? 6 * HOUR : 3 * DAY));
    }
    const overshoot = times[times.length - 1]! - (until - 10 * MINUTE);
    const dates = times.map((time) => Math.floor((overshoot > 0 ? time - overshoot : time) / 1000) * 1000);
    const quarter = String(Math.floor(new Date(dates[0]!).getUTCMonth() / 3) + 1);
    const values = {
      company: them[0]!.company ?? us.company ?? 'us',
      ours: us.company ?? us.address.name,
      number: String(1000 + Math.floor(random() * 9000)),
      quarter,
      weekday: pick(random, WEEKDAYS),
    };
    const file = topic.file ? fill(topic.file, values).replace(/\s+/g, '_') : undefined;
    const subject = fill(topic.subject, values);
    const filed = them[0]!.domain === profile.filedDomain;
    const archived = !filed && random() < 0.4;
    const everyone = [us, ...them, ...cc];
    const written = new Set<Correspondent>();
    let parent: Draft | null = null;
    for (let i = 0; i < length; i += 1) {
      const ours = (i % 2 === 0) !== theyStart;
      const sender = ours ? us : them.length > 1 && i > 1 && random() < 0.3 ? them[1]! : them[0]!;
      const to = sender === us ? them[0]! : us;
      const line = i === 0 ? pick(random, topic.opening) : i === length - 1 ? topic.replies[topic.replies.length - 1]! : pick(random, [...topic.replies.slice(0, -1), ...GENERIC_LINES]);
      const extra = i > 0 && random() < 0.35 ? ` ${pick(random, GENERIC_LINES)}` : '';
      const signature = written.has(sender) ? sender.firstName : sender.signature;
      written.add(sender);
      const attached = i === 0 && file !== undefined;
      const body = [
        `Hi ${to.firstName},`,
        fill(line, { ...values, first: to.firstName }) + extra,
        ...(attached ? [`Attached: ${file}`] : []),
        `${pick(random, SIGN_OFFS)},\n${signature}`,
      ].join('\n\n');
      const date = dates[i]!;
      const folder = ours ? ['sentitems'] : filed ? ['inbox', ...profile.filedFolder] : archived && date < until - 120 * DAY ? ['archive'] : ['inbox'];
      const draft: Draft = {
        folder,
        thread: no,
        parent,
        subject: i === 0 ? subject : `RE: ${subject}`,
        body,
        from: sender.address,
        to: [to.address],
        cc: everyone.filter((person) => person !== sender && person !== to).map((person) => person.address),
        at: date,
        isRead: ours || random() < (date > until - 14 * DAY ? 0.35 : 0.95),
        hasAttachments: attached,
        // A short text stands in for the document: the name and type are the real file's, the bytes are not.
        ...(attached ? { attachments: [{ name: file, text: `${file}\r\n${subject}\r\nFrom ${sender.address.name}, ${new Date(date).toUTCString()}.\r\n` }] } : {}),
        importance: random() < 0.04 ? 'high' : 'normal',
        internetMessageId: `<${Math.floor(random() * 0xffffffff).toString(16).toUpperCase().padStart(8, '0')}${no.toString(16).toUpperCase().padStart(4, '0')}${i}@${sender.domain}>`,
      };
      drafts.push(draft);
      parent = draft;
    }
  };

  const strangers = DEMO_STRANGERS.slice(0, work ? DEMO_STRANGERS.length : 2).map((stranger): Correspondent => ({
    address: { name: `${stranger.firstName} ${stranger.lastName}`, address: stranger.email },
    firstName: stranger.firstName,
    signature: `${stranger.firstName} ${stranger.lastName}\n${stranger.company}`,
    company: stranger.company,
    domain: domainOf(stranger.email),
  }));
  // Someone new writes first and the owner answers: what the default contact policy (people you wrote to) picks up.
  for (const stranger of strangers) addThread(INTRODUCTION_TOPIC, [stranger], [], true, 2 + Math.floor(random() * 3));

  const target = profile.messages - NEWSLETTER_WEEKS;
  while (drafts.length < target) {
    const length = pick(random, THREAD_LENGTHS);
    const theyStart = random() < 0.5;
    if (!work) {
      const topic = pick(random, PERSONAL_TOPICS);
      const vendor = topic.with ? byCompany.get(topic.with) : undefined;
      const them = [pick(random, vendor ?? friends)];
      const cc = !vendor && random() < 0.25 ? [pick(random, friends.filter((friend) => friend !== them[0]))] : [];
      addThread(topic, them, cc, vendor !== undefined || theyStart, length);
      continue;
    }
    if (colleagues.length > 0 && random() < 0.15) {
      addThread(pick(random, INTERNAL_TOPICS), [pick(random, colleagues)], [], theyStart, length);
      continue;
    }
    const people = byCompany.get(pick(random, companyDraw))!;
    const main = pick(random, people);
    const second = people.length > 1 && random() < 0.3 ? people.find((person) => person !== main) : undefined;
    const colleague = colleagues.length > 0 && random() < 0.2 ? [pick(random, colleagues)] : [];
    addThread(pick(random, CLIENT_TOPICS), second ? [main, second] : [main], colleague, theyStart, length);
  }

  for (let week = 0; week < NEWSLETTER_WEEKS; week += 1) {
    const at = until - (week * 7 + 1) * DAY - Math.floor(random() * 12 * HOUR);
    const values = { number: String(3 + Math.floor(random() * 8)), quarter: String(4 + Math.floor(random() * 6)) };
    drafts.push({
      folder: ['inbox'],
      thread: threads++,
      parent: null,
      subject: fill(pick(random, DEMO_NEWSLETTER.subjects), values),
      body: [`${DEMO_NEWSLETTER.name}, week ${NEWSLETTER_WEEKS - week}`, ...DEMO_NEWSLETTER.lines].join('\n\n'),
      from: { name: DEMO_NEWSLETTER.name, address: DEMO_NEWSLETTER.address },
      to: [input.owner],
      cc: [],
      at: Math.floor(at / 1000) * 1000,
      isRead: random() < 0.3,
      hasAttachments: false,
      importance: 'normal',
      internetMessageId: `<newsletter.${Math.floor(random() * 0xffffffff).toString(16)}.${week}@${domainOf(DEMO_NEWSLETTER.address)}>`,
    });
  }

  const ordered = drafts
    .map((draft, order) => ({ draft, order }))
    .sort((a, b) => a.draft.at - b.draft.at || a.order - b.order)
    .map(({ draft }) => draft);
  const index = new Map(ordered.map((draft, at) => [draft, at]));
  return {
    folders: [['inbox', ...profile.filedFolder]],
    messages: ordered.map(({ at, parent, ...message }) => ({
      ...message,
      inReplyTo: parent ? index.get(parent)! : null,
      receivedDateTime: new Date(at).toISOString(),
    })),
  };
}
