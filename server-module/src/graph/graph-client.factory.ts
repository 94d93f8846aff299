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
import { MailboxGateHandler } from './mailbox-gate/mailbox-gate.handler.js';
import type { MailboxGate, MailboxKey } from './mailbox-gate/mailbox-gate.js';
import { MAILBOX_GATE } from './mailbox-gate/mailbox-gate.token.js';
import { BearerTokenHandler } from './bearer-token.handler.js';

export type AccessTokenSource = () => Promise<string>;

/** Graph SDK clients pointed at the configured Graph (Microsoft's or the emulator), authenticated per account. */
@Injectable()
export class GraphClientFactory {
  private readonly baseUrl: string;
  private readonly version: string;
  private readonly host: string;

  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) config: MicrosoftPluginConfig,
    @Inject(MicrosoftHttpTransport) private readonly transport: MicrosoftHttpTransport,
    @Inject(MAILBOX_GATE) readonly gate: MailboxGate,
  ) {
    const url = new URL(config.graphBaseUrl);
    this.version = url.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0';
    this.baseUrl = url.origin;
    this.host = url.hostname;
  }

  /** With a `mailbox`, every request (each retry too) passes that mailbox's gate. */
  create(accessToken: AccessTokenSource, mailbox?: MailboxKey): Client {
    const chain: Middleware[] = [
      new RetryHandler(new RetryHandlerOptions()),
      new RedirectHandler(new RedirectHandlerOptions()),
      new TelemetryHandler(),
      ...(mailbox ? [new MailboxGateHandler(this.gate, mailbox)] : []),
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
