import { prng, pick } from './prng.js';

/** Seeded, lazily generated mail content: subjects at seed time, bodies only when read. */

const TOPICS = [
  'Q3 pricing', 'Renewal', 'Onboarding', 'Quarterly review', 'Contract draft', 'Invoice 4471', 'Roadmap', 'Workshop',
  'Partnership', 'Budget 2025', 'Security questionnaire', 'Product demo', 'Shipping delay', 'Kick-off', 'Pilot results',
  'Support escalation', 'Trade show', 'Purchase order', 'Hiring plan', 'Board deck', 'Integration', 'Pricing tiers',
  'Data migration', 'Launch plan', 'Service review', 'Customer visit', 'Training session', 'Feedback', 'Forecast',
];
const SUFFIXES = [
  'proposal', 'next steps', 'follow-up', 'questions', 'update', 'agenda', 'notes', 'options', 'timeline', 'sign-off',
  'for review', 'call on Thursday', 'details', 'summary', 'draft v2',
];
const SENTENCES = [
  'Thanks for the quick turnaround on this.',
  'Could you take a look before our call?',
  'I have attached the latest numbers for your review.',
  'Let me know if the proposed timeline works for your team.',
  'We are aligned on the scope; the open point is the budget.',
  'Happy to set up a short meeting next week to go through it.',
  'The team reviewed the draft and had a few comments.',
  'Please find the summary of our discussion below.',
  'We would like to move forward with the second option.',
  'I will circle back once legal has signed off.',
  'Can we push the deadline by a few days?',
  'Great meeting you at the event last week.',
  'Following up on my previous message about the renewal.',
  'The shipment left the warehouse this morning.',
  'I have looped in a colleague who owns this topic.',
];

export function seededSubject(random: () => number): string {
  return `${pick(random, TOPICS)} ${pick(random, SUFFIXES)}`;
}

export function seededBodyText(seed: number, key: number, greeting: string, signature: string): string {
  const random = prng((seed * 2654435761) ^ (key * 40503) ^ 0x5bd1e995);
  const paragraphs: string[] = [`Hi ${greeting},`];
  const count = 1 + Math.floor(random() * 3);
  for (let p = 0; p < count; p += 1) {
    const sentences = 2 + Math.floor(random() * 3);
    paragraphs.push(Array.from({ length: sentences }, () => pick(random, SENTENCES)).join(' '));
  }
  paragraphs.push(`Best regards,\n${signature}`);
  return paragraphs.join('\n\n');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function textToHtml(text: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/[&<>"]/g, (c) => ENTITIES[c]!).replace(/\n/g, '<br>')}</p>`)
    .join('\r\n');
  return `<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>\r\n<div>${paragraphs}</div>\r\n</body></html>`;
}

export function htmlToText(html: string): string {
  return html
    .replace(/<head[\s\S]*?<\/head>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function preview(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}
