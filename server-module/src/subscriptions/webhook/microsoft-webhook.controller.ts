import { Controller, Inject, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LIFECYCLE_WEBHOOK_PATH, MESSAGING_WEBHOOK_PATH } from '../subscription.constants.js';
import { WebhookRequestHandler, type WebhookAnswer, type WebhookRoute } from './webhook-request.handler.js';
import { PluginSecurityHeadersInterceptor } from '../../http/plugin-security-headers.js';

/**
 * The webhook endpoints inside the host's Nest pipeline (its body parser has read the JSON). A host that mounts
 * WebhookFastPath in front of its framework answers the same paths there, with the same handler, for less CPU.
 */
@Controller()
@UseInterceptors(PluginSecurityHeadersInterceptor)
export class MicrosoftWebhookController {
  constructor(@Inject(WebhookRequestHandler) private readonly handler: WebhookRequestHandler) {}

  @Post(MESSAGING_WEBHOOK_PATH)
  async messaging(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.answer('messaging', request, response);
  }

  @Post(LIFECYCLE_WEBHOOK_PATH)
  async lifecycle(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.answer('lifecycle', request, response);
  }

  private async answer(route: WebhookRoute, request: Request, response: Response): Promise<void> {
    const answer: WebhookAnswer = await this.handler.handle(route, {
      validationToken: request.query.validationToken,
      contentType: request.headers['content-type'],
      contentLength: Number(request.headers['content-length'] ?? 0),
      body: async () => request.body,
    });
    if (answer.text === undefined) response.status(answer.status).end();
    else response.status(answer.status).type('text/plain').send(answer.text);
  }
}
