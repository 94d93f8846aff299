// The CRM host of a bench child: the dev host pointed at the emulator process, and mailboxes connected to it through
// the real OAuth consent walk.
import { createDevHost, type DevHost, type DevHostOptions } from '@m365/dev-host';
import { connectMicrosoftAccount, type TestHttpClient } from '../../test-support/index.js';
import type { EmulatorEndpoints } from './emulator-endpoints.js';

/** A dev host on its own free port, without an emulator of its own, logging warnings and errors. */
export function startBenchDevHost(emulator: EmulatorEndpoints, options: Omit<DevHostOptions, 'port'>): Promise<DevHost> {
  return createDevHost({
    port: 0,
    startEmulator: false,
    logger: ['error', 'warn'],
    // Configured the way a deployment points the plugin at Microsoft (dev-host/src/config/microsoft-config.ts).
    env: {
      MICROSOFT_AUTHORITY: `${emulator.baseUrl}/common`,
      MICROSOFT_CLIENT_ID: emulator.demoApp.clientId,
      MICROSOFT_CLIENT_SECRET: emulator.demoApp.clientSecret,
      MICROSOFT_GRAPH_BASE_URL: emulator.graphBaseUrl,
      MICROSOFT_CA_FILE: emulator.caCertPath,
      MICROSOFT_KNOWN_AUTHORITIES: emulator.authorityHost,
    },
    ...options,
    // The emulator child accepts http webhooks to loopback; Microsoft would not (the plugin's https rule).
    microsoft: { allowInsecureWebhookUrl: true, ...options.microsoft },
  });
}

export interface ConnectedMailbox {
  connectedAccountId: string;
  messageChannelId: string;
}

/** Walks Microsoft's consent as `upn` with a signed-in `client`; the mailbox's connected account and message channel. */
export async function connectBenchMailbox(client: TestHttpClient, host: DevHost, emulator: EmulatorEndpoints, upn: string): Promise<ConnectedMailbox> {
  const callback = await connectMicrosoftAccount(client, emulator.caCertPem, { account: upn });
  const connectedAccountId = new URL(callback.headers.get('location')!, host.url).searchParams.get('connectedAccountId');
  if (!connectedAccountId) throw new Error(`Connecting ${upn} failed: ${callback.headers.get('location')}`);
  const [channel] = await host.dataSource.query(`SELECT "id" FROM "messageChannel" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
  if (!channel) throw new Error(`no message channel for ${upn}`);
  return { connectedAccountId, messageChannelId: channel.id };
}
