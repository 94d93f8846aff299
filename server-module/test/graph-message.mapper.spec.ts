import { toImportedMessage } from '../src/mail/graph-message.mapper.js';
import { contactCandidates } from '../src/host-adapters/twenty/contact-auto-creation.policy.js';
import { MessageChannelContactAutoCreationPolicy } from '@m365/shared-types';

const base = {
  id: 'AAMk1',
  conversationId: 'conv-1',
  internetMessageId: '<1@contoso.com>',
  subject: 'Renewal',
  body: { contentType: 'text', content: ' Hello Lee ' },
  receivedDateTime: '2026-11-20T10:00:00Z',
  toRecipients: [{ emailAddress: { name: 'Lee Gu', address: 'Lee.Gu@Fabrikam.com' } }],
  ccRecipients: [{ emailAddress: { address: 'newsletter@fabrikam.com' } }, { emailAddress: { address: 'jane@gmail.com' } }],
};

describe('toImportedMessage', () => {
  const own = new Set(['megan.bowen@contoso.com', 'megan@contoso.com']);

  it('marks mail from the mailbox or an alias as outgoing, and lower-cases handles', () => {
    const message = toImportedMessage({ ...base, from: { emailAddress: { name: 'Megan', address: 'Megan@Contoso.com' } } }, own);
    expect(message.direction).toBe('OUTGOING');
    expect(message.participants.map((p) => `${p.role}:${p.handle}`)).toEqual(['from:megan@contoso.com', 'to:lee.gu@fabrikam.com', 'cc:newsletter@fabrikam.com', 'cc:jane@gmail.com']);
    expect(message).toMatchObject({ externalId: 'AAMk1', threadExternalId: 'conv-1', headerMessageId: '<1@contoso.com>', text: 'Hello Lee' });
  });

  it('marks other senders incoming and strips html bodies to text', () => {
    const message = toImportedMessage({ ...base, from: { emailAddress: { address: 'lee.gu@fabrikam.com' } }, body: { contentType: 'html', content: '<p>Hi&nbsp;<b>there</b></p><style>p{}</style>' } }, own);
    expect(message.direction).toBe('INCOMING');
    expect(message.text).toBe('Hi there');
  });
});

describe('contactCandidates', () => {
  const outgoing = toImportedMessage({ ...base, from: { emailAddress: { address: 'megan.bowen@contoso.com' } } }, new Set(['megan.bowen@contoso.com']));
  const incoming = toImportedMessage({ ...base, from: { emailAddress: { address: 'ada@northwindtraders.com' } } }, new Set(['megan.bowen@contoso.com']));
  const settings = {
    isContactAutoCreationEnabled: true,
    contactAutoCreationPolicy: MessageChannelContactAutoCreationPolicy.SENT,
    excludeNonProfessionalEmails: true,
    excludeGroupEmails: true,
    ownHandles: new Set(['megan.bowen@contoso.com']),
  };

  it('SENT: only people the owner wrote to, without group or free-mail addresses', () => {
    expect([...contactCandidates([outgoing, incoming], settings).keys()]).toEqual(['lee.gu@fabrikam.com']);
  });

  it('SENT_AND_RECEIVED: senders too; exclusions can be switched off', () => {
    const all = contactCandidates([outgoing, incoming], { ...settings, contactAutoCreationPolicy: MessageChannelContactAutoCreationPolicy.SENT_AND_RECEIVED, excludeGroupEmails: false, excludeNonProfessionalEmails: false });
    expect([...all.keys()].sort()).toEqual(['ada@northwindtraders.com', 'jane@gmail.com', 'lee.gu@fabrikam.com', 'newsletter@fabrikam.com']);
  });

  it('NONE or disabled: nobody', () => {
    expect(contactCandidates([outgoing], { ...settings, contactAutoCreationPolicy: MessageChannelContactAutoCreationPolicy.NONE }).size).toBe(0);
    expect(contactCandidates([outgoing], { ...settings, isContactAutoCreationEnabled: false }).size).toBe(0);
  });
});
