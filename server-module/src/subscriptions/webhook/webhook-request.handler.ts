import { Inject, Injectable } from '@nestjs/common';
import { NotificationIntakeService } from '../notification-intake.service.js';
import { LIFECYCLE_WEBHOOK_PATH, MESSAGING_WEBHOOK_PATH } from '../subscription.constants.js';
import { NotificationPayloadError, parseChangeNotifications, parseLifecycleNotifications } from '../notification-payload.parser.js';

/** Notification batches are small; anything larger is not from Graph. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
const MAX_VALIDATION_TOKEN_LENGTH = 4096;

export type WebhookRoute = 'messaging' | 'lifecycle';

export const WEBHOOK_PATHS: Record<WebhookRoute, string> = { messaging: MESSAGING_WEBHOOK_PATH, lifecycle: LIFECYCLE_WEBHOOK_PATH };

export interface WebhookRequest {
  validationToken: unknown;
  contentType: string | undefined;
  contentLength: number;
  /** The parsed JSON body; read only once the headers passed their checks. */
  body(): Promise<unknown>;
}

export interface WebhookAnswer {
  status: number;
  /** Sent as text/plain; none for 202. */
  text?: string;
}

/** What the body reader throws when the body is too large or not JSON: it becomes the answer. */
export class WebhookBodyError extends Error {
  constructor(readonly status: 400 | 413, message: string) {
    super(message);
  }
}

export const isJsonContentType = (contentType: string | undefined): boolean =>
  (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase() === 'application/json';

/**
 * Graph's change and lifecycle notifications, whatever HTTP stack carries them: the validation handshake is answered
 * with the decoded token and nothing else; otherwise the body is checked, recorded and answered 202 — the sync
 * itself runs in a job.
 */
@Injectable()
export class WebhookRequestHandler {
  constructor(@Inject(NotificationIntakeService) private readonly intake: NotificationIntakeService) {}

  async handle(route: WebhookRoute, request: WebhookRequest): Promise<WebhookAnswer> {
    const token = request.validationToken;
    if (token !== undefined) {
      // https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#notificationurl-validation
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_VALIDATION_TOKEN_LENGTH) return { status: 400, text: 'Invalid validationToken.' };
      return { status: 200, text: token };
    }
    if (request.contentLength > MAX_WEBHOOK_BODY_BYTES) return { status: 413, text: 'Notification body too large.' };
    if (!isJsonContentType(request.contentType)) return { status: 415, text: 'Notifications must be application/json.' };
    try {
      const body = await request.body();
      const outcome = route === 'messaging' ? await this.intake.acceptChanges(parseChangeNotifications(body)) : await this.intake.acceptLifecycle(parseLifecycleNotifications(body));
      return outcome === 'forged' ? { status: 403, text: 'clientState does not match the subscription.' } : { status: 202 };
    } catch (error) {
      if (error instanceof NotificationPayloadError) return { status: 400, text: error.message };
      if (error instanceof WebhookBodyError) return { status: error.status, text: error.message };
      throw error;
    }
  }
}
