import { Inject, Injectable } from '@nestjs/common';
import { ConfidentialClientApplication, LogLevel, type ICachePlugin } from '@azure/msal-node';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { MicrosoftHttpTransport } from '../http/microsoft-http-transport.js';

/** Builds MSAL confidential clients; one per operation, each with the token cache of one account. */
@Injectable()
export class MsalClientFactory {
  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(MicrosoftHttpTransport) private readonly transport: MicrosoftHttpTransport,
  ) {}

  create(cachePlugin?: ICachePlugin): ConfidentialClientApplication {
    const auth = {
      clientId: this.config.clientId,
      clientSecret: this.config.clientSecret,
      authority: this.config.authority,
      ...(this.config.knownAuthorities.length > 0 ? { knownAuthorities: this.config.knownAuthorities } : {}),
    };
    return new ConfidentialClientApplication({
      auth,
      ...(cachePlugin ? { cache: { cachePlugin } } : {}),
      system: {
        networkClient: this.transport.msalNetworkModule(),
        loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
      },
    });
  }

  get redirectUri(): string {
    return new URL('/auth/microsoft-apis/get-access-token', this.config.publicUrl).toString();
  }
}
