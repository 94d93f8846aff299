import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AccountGraphClient } from '../graph/account-graph-client.js';
import { GraphClientFactory } from '../graph/graph-client.factory.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';

export interface ConfirmationMail {
  kind: 'confirmed' | 'moved' | 'cancelled';
  to: { name: string; email: string };
  title: string;
  start: Date;
  end: Date;
  guestTimeZone: string;
  joinUrl: string | null;
  location: string | null;
  cancelUrl: string | null;
  rescheduleUrl: string | null;
  ics: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** "Monday 1 March 2027, 10:00–10:30 (Europe/Paris)": the guest's own zone, as they chose it on the page. */
export function guestWhen(start: Date, end: Date, zone: string): string {
  const from = DateTime.fromJSDate(start, { zone }).setLocale('en-GB');
  const to = DateTime.fromJSDate(end, { zone }).setLocale('en-GB');
  return `${from.toFormat('cccc d LLLL yyyy, HH:mm')}–${to.toFormat('HH:mm')} (${zone})`;
}

/**
 * The guest's confirmation, sent from the member's own mailbox (POST /me/sendMail, user-sendmail.md), with the
 * invitation as a `text/calendar` file attachment: small enough to go inline (under 3 MB), so no draft is needed.
 */
@Injectable()
export class BookingConfirmationMailer {
  constructor(
    @Inject(GraphClientFactory) private readonly graphFactory: GraphClientFactory,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
  ) {}

  async send(workspaceId: string, connectedAccountId: string, mail: ConfirmationMail): Promise<void> {
    const when = guestWhen(mail.start, mail.end, mail.guestTimeZone);
    const heading = mail.kind === 'cancelled' ? 'Cancelled' : mail.kind === 'moved' ? 'Moved' : 'Confirmed';
    const lines = [
      `<p>${heading}: <strong>${escapeHtml(mail.title)}</strong></p>`,
      `<p>${escapeHtml(when)}</p>`,
      ...(mail.kind !== 'cancelled' && mail.joinUrl ? [`<p>Join the Teams meeting: <a href="${escapeHtml(mail.joinUrl)}">${escapeHtml(mail.joinUrl)}</a></p>`] : []),
      ...(mail.kind !== 'cancelled' && mail.location ? [`<p>Where: ${escapeHtml(mail.location)}</p>`] : []),
      ...(mail.rescheduleUrl ? [`<p><a href="${escapeHtml(mail.rescheduleUrl)}">Pick another time</a></p>`] : []),
      ...(mail.cancelUrl ? [`<p><a href="${escapeHtml(mail.cancelUrl)}">Cancel this meeting</a></p>`] : []),
    ];
    const graph = new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, connectedAccountId);
    await graph.request((client) =>
      client.api('/me/sendMail').post({
        message: {
          subject: `${heading}: ${mail.title.replace(/[\r\n]+/g, ' ')} — ${when}`,
          body: { contentType: 'HTML', content: lines.join('\n') },
          toRecipients: [{ emailAddress: { name: mail.to.name, address: mail.to.email } }],
          attachments: [
            {
              '@odata.type': '#microsoft.graph.fileAttachment',
              name: mail.kind === 'cancelled' ? 'cancel.ics' : 'invite.ics',
              contentType: `text/calendar; method=${mail.kind === 'cancelled' ? 'CANCEL' : 'REQUEST'}; charset=utf-8`,
              contentBytes: Buffer.from(mail.ics, 'utf8').toString('base64'),
            },
          ],
        },
        saveToSentItems: true,
      }),
    );
  }
}
