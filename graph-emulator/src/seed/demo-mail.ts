/**
 * The tables the demo mail is made from: what each demo mailbox looks like, the topics people write about, a few
 * correspondents the CRM does not know yet and one newsletter. Templates name their blanks in braces: {first} (the
 * reader's first name), {company} (the correspondent's company), {ours} (the mailbox owner's company), {number},
 * {quarter}, {weekday}, {file} (the topic's attachment).
 */

export interface DemoMailboxProfile {
  /** UPN of the mailbox owner. */
  user: string;
  /** About how many messages the mailbox gets (newsletters included). */
  messages: number;
  style: 'work' | 'personal';
  /** Folders under Inbox where mail with `filedDomain` is kept, outermost first. */
  filedFolder: readonly string[];
  filedDomain: string;
}

export const DEMO_MAILBOX_PROFILES: readonly DemoMailboxProfile[] = [
  { user: 'megan.bowen@contoso.com', messages: 320, style: 'work', filedFolder: ['Clients', 'Fabrikam'], filedDomain: 'fabrikam.com' },
  { user: 'alex.wilber@contoso.com', messages: 260, style: 'work', filedFolder: ['Clients', 'Northwind Traders'], filedDomain: 'northwindtraders.com' },
  { user: 'lee.gu@fabrikam.com', messages: 280, style: 'work', filedFolder: ['Clients', 'Contoso'], filedDomain: 'contoso.com' },
  { user: 'demo.user@outlook.com', messages: 150, style: 'personal', filedFolder: ['Receipts', 'Fourth Coffee'], filedDomain: 'fourthcoffee.com' },
];

export interface DemoMailTopic {
  subject: string;
  /** What the first message says (one is picked). */
  opening: readonly string[];
  /** What answers in the thread say, besides the generic lines. */
  replies: readonly string[];
  /** A file the first message comes with. */
  file?: string;
  /** The company (domain) a personal account gets this mail from; friends write the rest. */
  with?: string;
}

/** Mail with customers, partners and suppliers. */
export const CLIENT_TOPICS: readonly DemoMailTopic[] = [
  {
    subject: 'Q{quarter} pricing proposal',
    opening: ['As promised, here is our pricing proposal for Q{quarter}; the volume discount is on the second tab.', 'Please find our Q{quarter} proposal attached. The numbers assume the same seat count as last year.'],
    replies: ['The volume discount looks fair. Could you split the support line out?', 'Finance signed off on the proposal, pending the payment terms.', 'Can we get the same price if we commit for two years?'],
    file: 'Pricing_Q{quarter}.xlsx',
  },
  {
    subject: 'Renewal of the {company} agreement',
    opening: ['Our agreement with {company} comes up for renewal next month. Shall we find time to go through the options?', 'The {company} subscription renews on the first of next month; I would like to confirm the seat count before then.'],
    replies: ['We would like to renew, with ten more seats.', 'Legal is reviewing the new terms and should be done by {weekday}.', 'Renewal confirmed on our side. Thanks for the flexibility.'],
  },
  {
    subject: 'Onboarding plan for {company}',
    opening: ['Here is the onboarding plan we discussed: three sessions over two weeks, starting {weekday}.', 'I have put together a draft onboarding plan for the {company} team. Let me know who should attend.'],
    replies: ['The first session works for us. I will send the list of attendees.', 'Could we move the second session to the afternoon?', 'The team enjoyed the first session; the hands-on part was especially useful.'],
    file: 'Onboarding_Plan.docx',
  },
  {
    subject: 'Quarterly business review',
    opening: ['Time for our quarterly business review. Does {weekday} at 10:00 work for you?', 'I would like to schedule our quarterly review; I will bring the usage report and the roadmap.'],
    replies: ['{weekday} works. I will book a room.', 'Could you add the support ticket trends to the agenda?', 'Thanks for a productive review. The minutes are below.'],
  },
  {
    subject: 'Contract draft for review',
    opening: ['Attached is the contract draft. The main changes are in sections 4 and 7.', 'Our legal team prepared the draft contract; please review the liability clause in particular.'],
    replies: ['Our counsel has a few comments on section 7; I will send them by {weekday}.', 'We accept the changes to section 4.', 'The signed copy is on its way.'],
    file: 'Contract_{company}_v2.docx',
  },
  {
    subject: 'Invoice {number}',
    opening: ['Please find invoice {number} attached, due in 30 days.', 'Invoice {number} for last month is attached. Let me know if the PO number needs changing.'],
    replies: ['The invoice has been approved for payment.', 'Could you reissue it with our new billing address?', 'Payment went out today.'],
    file: 'Invoice_{number}.pdf',
  },
  {
    subject: 'Product roadmap session',
    opening: ['We would love to walk your team through the roadmap for the next two quarters.', 'Would you be open to a roadmap session? Several of the items came from your feedback.'],
    replies: ['Very interested, especially in the reporting features.', 'Could you share the slides afterwards?', 'Great session. The team has a few follow-up questions.'],
  },
  {
    subject: 'Security questionnaire',
    opening: ['Our security team needs the attached questionnaire completed before we can go ahead.', 'As part of vendor review we ask every supplier to fill in the attached security questionnaire.'],
    replies: ['We have completed most of it; the data residency answers follow tomorrow.', 'Our SOC 2 report is available under NDA if that helps.', 'Thanks, the security team has no further questions.'],
    file: 'Security_Questionnaire.xlsx',
  },
  {
    subject: 'Follow-up from the demo',
    opening: ['Thanks for joining the demo on {weekday}. As promised, a summary of what we showed and the next steps.', 'Great to see so many of the {company} team at the demo. Here are the answers to the open questions.'],
    replies: ['The team liked the dashboards. Can we get a trial environment?', 'One more question about single sign-on: is it included?', 'We are ready to start the pilot.'],
  },
  {
    subject: 'Shipping delay on order {number}',
    opening: ['Order {number} is delayed by about a week because of a customs hold. Apologies for the inconvenience.', 'I wanted to let you know early that order {number} will ship a few days late.'],
    replies: ['Thanks for the heads-up. Can part of the order ship now?', 'A week is fine, as long as it arrives before the end of the month.', 'The shipment arrived this morning, all in good order.'],
  },
  {
    subject: 'Pilot results',
    opening: ['The pilot wrapped up last week. The results are attached: adoption was above our target.', 'Attached are the pilot results. Response times improved by a third.'],
    replies: ['Impressive numbers. I will share them with our leadership.', 'Could we extend the pilot to the Atlanta office?', 'Based on these results we would like to move to a full rollout.'],
    file: 'Pilot_Results.pptx',
  },
  {
    subject: 'Support escalation: ticket {number}',
    opening: ['Ticket {number} has been open for a week and is blocking our month-end close. Can you help?', 'I am escalating ticket {number}: the sync errors are back since the last update.'],
    replies: ['I have looped in our support lead; you will hear from us today.', 'A fix is being tested and should be live by {weekday}.', 'Confirmed fixed on our side. Thanks for the quick turnaround.'],
  },
  {
    subject: 'Purchase order {number}',
    opening: ['Our purchase order {number} is attached. Please confirm the delivery date.', 'Here is PO {number} for the additional licences we discussed.'],
    replies: ['PO received, thank you. Delivery is planned for {weekday}.', 'Could you add the cost centre to the PO?', 'All set, the licences are active.'],
    file: 'PO_{number}.pdf',
  },
  {
    subject: 'Workshop agenda',
    opening: ['Ahead of next week\'s workshop, here is the draft agenda. Anything you would like to add?', 'I have drafted the agenda for our joint workshop; the afternoon is kept open for your use cases.'],
    replies: ['Looks good. Could we add thirty minutes on reporting?', 'We will be six people from our side.', 'Thanks for hosting, a very productive day.'],
  },
  {
    subject: 'Data migration timeline',
    opening: ['Here is the proposed timeline for the data migration; the cut-over would be on a {weekday} evening.', 'We need to agree on the migration window. Our preference is the first weekend of next month.'],
    replies: ['The timeline works, but we need a rollback plan.', 'IT asked for a dry run first.', 'The migration finished overnight without issues.'],
  },
  {
    subject: 'Trade show next month',
    opening: ['Will the {company} team be at the trade show next month? We would love to meet at our booth.', 'We have a few passes for the trade show. Would you like two?'],
    replies: ['Yes, three of us will be there on the first day.', 'Thanks, two passes would be great.', 'Good to catch up at the booth. Let us continue the conversation.'],
  },
];

/** Mail between colleagues of the same company. */
export const INTERNAL_TOPICS: readonly DemoMailTopic[] = [
  {
    subject: 'Campaign budget for Q{quarter}',
    opening: ['Here is my proposal for the Q{quarter} campaign budget. The biggest line is paid search.', 'Before the planning meeting, can you review the Q{quarter} budget split?'],
    replies: ['Looks reasonable. I would move some of the events budget to content.', 'Approved, go ahead.', 'Can we keep a reserve for the product launch?'],
    file: 'Campaign_Budget_Q{quarter}.xlsx',
  },
  {
    subject: 'Team offsite',
    opening: ['I am planning the team offsite. Which of these dates works for you?', 'Quick poll for the offsite: city or countryside?'],
    replies: ['The second date works best for me.', 'Countryside, please!', 'Booked. Details to follow.'],
  },
  {
    subject: 'Customer case study',
    opening: ['{company} agreed to a case study. Can you draft the interview questions?', 'We have a great story with {company}; I would like to turn it into a case study.'],
    replies: ['Draft questions below. Let me know what to add.', 'I can interview them on {weekday}.', 'The case study is live on the website.'],
  },
  {
    subject: 'Launch plan review',
    opening: ['Please review the launch plan before {weekday}; the press release is the part I am least sure about.', 'The launch plan is ready for review. The timeline is tight but doable.'],
    replies: ['Comments added to the plan.', 'I think we need one more week for the press release.', 'Great work everyone, the launch went smoothly.'],
    file: 'Launch_Plan.pptx',
  },
];

/** Mail of a personal account. */
export const PERSONAL_TOPICS: readonly DemoMailTopic[] = [
  {
    subject: 'Dinner on Saturday?',
    opening: ['Are you free for dinner on Saturday? There is a new place near the harbour.', 'We are having a few friends over on Saturday. Would you like to join?'],
    replies: ['Count me in! What time?', 'Saturday works. Shall I bring dessert?', 'Thanks for a lovely evening.'],
  },
  {
    subject: 'Photos from the trip',
    opening: ['Here are the photos from our trip. The sunset ones came out best.', 'Finally sorted the trip photos; a few favourites are attached.'],
    replies: ['These are wonderful, thank you for sending them!', 'Can you send the one from the boat in full size?', 'Already planning the next one.'],
    file: 'Trip_Photos.zip',
  },
  {
    subject: 'Your order {number}',
    opening: ['Thank you for your order {number}. It will be ready for pickup on {weekday}.', 'Your order {number} has shipped and should arrive in two days.'],
    replies: ['Could I change the pickup to the afternoon?', 'Received, thank you!', 'Is the seasonal blend back in stock?'],
    file: 'Receipt_{number}.pdf',
    with: 'fourthcoffee.com',
  },
  {
    subject: 'Book club next month',
    opening: ['Next month we are reading the novel Olivia suggested. Same place, first {weekday} of the month?', 'Book club is on! Any suggestions for the next read?'],
    replies: ['Sounds good, I have already started it.', 'I might be a few minutes late.', 'Great discussion last night.'],
  },
  {
    subject: 'Statement for your account',
    opening: ['Your monthly statement is ready. Let me know if you would like to review your savings plan.', 'As discussed, the new savings plan starts on the first of the month; the details are attached.'],
    replies: ['Thanks, could we meet on {weekday} to go through it?', 'That all looks correct.', 'Please go ahead with the change.'],
    file: 'Statement_{number}.pdf',
    with: 'woodgrovebank.com',
  },
];

/** Lines that fit any answer in a thread. */
export const GENERIC_LINES: readonly string[] = [
  'Thanks for the quick reply.',
  'Let me know if you need anything else from my side.',
  'Happy to jump on a call if that is easier.',
  'I will check with the team and come back to you.',
  'Sounds good to me.',
  'Apologies for the slow answer, it has been a busy week.',
  'Adding a colleague who can help with this.',
  'Does that work for you?',
];

export const SIGN_OFFS: readonly string[] = ['Best regards', 'Thanks', 'Kind regards', 'Cheers', 'Best'];

export const WEEKDAYS: readonly string[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** People who are not in the demo directory, so the CRM does not know them until mail creates them. */
export interface DemoStranger {
  firstName: string;
  lastName: string;
  email: string;
  company: string;
}

export const DEMO_STRANGERS: readonly DemoStranger[] = [
  { firstName: 'Rachel', lastName: 'Adams', email: 'rachel.adams@relecloud.com', company: 'Relecloud' },
  { firstName: 'Marco', lastName: 'Bianchi', email: 'marco.bianchi@alpineskihouse.com', company: 'Alpine Ski House' },
  { firstName: 'Priya', lastName: 'Nair', email: 'priya.nair@treyresearch.net', company: 'Trey Research' },
  { firstName: 'Tom', lastName: 'Becker', email: 'tom.becker@cohowinery.com', company: 'Coho Winery' },
  { firstName: 'Sam', lastName: 'Taylor', email: 'sam.taylor@northwindtraders.com', company: 'Northwind Traders' },
];

/** What a first message from someone new says. */
export const INTRODUCTION_TOPIC: DemoMailTopic = {
  subject: 'Introduction: {company} and {ours}',
  opening: ['A mutual contact suggested I reach out. At {company} we are looking for a partner for our next project, and your work stood out.', 'I lead partnerships at {company}. Would you be open to a short call to explore working together?'],
  replies: ['Thanks for reaching out. I would be happy to talk; how about {weekday}?', 'Great to hear from you. Could you share a bit more about the project?', 'Looking forward to it. I will send an invite.'],
};

/** One list sender, weekly, mostly left unread: what a blocklist is for. */
export const DEMO_NEWSLETTER = {
  name: 'Adatum Insights',
  address: 'no-reply@news.adatum.com',
  subjects: [
    'This week: {number} ideas for your next campaign',
    'Webinar invitation: the future of B2B sales',
    'Your weekly digest: {number} articles picked for you',
    'Last chance: early-bird tickets for Adatum Summit',
    'New report: customer loyalty in {quarter} charts',
  ],
  lines: [
    'You are receiving this email because you subscribed to Adatum Insights.',
    'Read online | Manage your preferences | Unsubscribe',
  ],
} as const;
