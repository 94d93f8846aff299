import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NotificationIntakeService } from './notification-intake.service.js';
import { NotificationPayloadError, parseChangeNotifications, parseLifecycleNotifications } from './notification-payload.parser.js';

// Notification batches are small; anything larger is not from Graph.
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_VALIDATION_TOKEN_LENGTH = 4096;

/**
 * Graph's change and lifecycle notifications. Answers the validation handshake with the decoded token and nothing
 * else; otherwise checks, records and answers 202 in milliseconds — the sync itself runs in a job.
 */
@Controller('webhooks/microsoft')
export class MicrosoftWebhookController {
  constructor(@Inject(NotificationIntakeService) private readonly intake: NotificationIntakeService) {}

  @Post('messaging')
  async messaging(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.handle(request, response, async (body) => this.intake.acceptChanges(parseChangeNotifications(body)));
  }

  @Post('lifecycle')
  async lifecycle(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.handle(request, response, async (body) => this.intake.acceptLifecycle(parseLifecycleNotifications(body)));
  }

  private async handle(request: Request, response: Response, accept: (body: unknown) => Promise<'accepted' | 'forged'>): Promise<void> {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    const token = request.query.validationToken;
    if (token !== undefined) {
      // https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#notificationurl-validation
      if (typeof token !== 'string' || token.length > MAX_VALIDATION_TOKEN_LENGTH) {
        response.status(400).type('text/plain').send('Invalid validationToken.');
        return;
      }
      response.status(200).type('text/plain').send(token);
      return;
    }
    if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      response.status(413).type('text/plain').send('Notification body too large.');
      return;
    }
    if (!request.is('application/json')) {
      response.status(415).type('text/plain').send('Notifications must be application/json.');
      return;
    }
    try {
      const outcome = await accept(request.body);
      if (outcome === 'forged') response.status(403).type('text/plain').send('clientState does not match the subscription.');
      else response.status(202).end();
    } catch (error) {
      if (!(error instanceof NotificationPayloadError)) throw error;
      response.status(400).type('text/plain').send(error.message);
    }
  }
}
