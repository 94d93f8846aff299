import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  type Middleware,
  RedirectHandler,
  RedirectHandlerOptions,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { MicrosoftHttpTransport } from '../http/microsoft-http-transport.js';
import { UndiciFetchHandler } from './undici-fetch.handler.js';
import { MailboxGateHandler, MailboxRequestGate } from './mailbox-request-gate.js';
import { BearerTokenHandler } from './bearer-token.handler.js';

export type AccessTokenSource = () => Promise<string>;

/** Graph SDK clients pointed at the configured Graph (Microsoft's or the emulator), authenticated per account. */
@Injectable()
export class GraphClientFactory {
  private readonly baseUrl: string;
  private readonly version: string;
  private readonly host: string;
  readonly gate = new MailboxRequestGate();

  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) config: MicrosoftPluginConfig,
    @Inject(MicrosoftHttpTransport) private readonly transport: MicrosoftHttpTransport,
  ) {
    const url = new URL(config.graphBaseUrl);
    this.version = url.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0';
    this.baseUrl = url.origin;
    this.host = url.hostname;
  }

  /** `mailboxKey` (the connected account) caps requests in flight to that mailbox at Outlook's limit. */
  create(accessToken: AccessTokenSource, mailboxKey?: string): Client {
    const chain: Middleware[] = [
      new RetryHandler(new RetryHandlerOptions()),
      new RedirectHandler(new RedirectHandlerOptions()),
      new TelemetryHandler(),
      ...(mailboxKey ? [new MailboxGateHandler(this.gate.for(mailboxKey))] : []),
      new BearerTokenHandler(accessToken, this.host),
    ];
    const last = new UndiciFetchHandler(this.transport);
    chain.forEach((handler, index) => handler.setNext!(chain[index + 1] ?? last));
    return Client.initWithMiddleware({
      middleware: chain[0],
      baseUrl: this.baseUrl,
      defaultVersion: this.version,
      // Graph's own hosts and these (hostnames, no port) get the SDK's telemetry headers; BearerTokenHandler checks the host itself.
      customHosts: new Set([this.host]),
    });
  }
}
