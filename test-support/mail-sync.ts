import type { DataSource } from 'typeorm';
import type { TestHost } from './test-host.js';
import { connectMicrosoftAccount } from './microsoft-connect.js';
import type { TestHttpClient } from './http-client.js';
import { eventually } from './push.js';

export interface ConnectedMailbox {
  workspaceId: string;
  connectedAccountId: string;
  messageChannelId: string;
}

/** Polls until the channel's first pass is over (ACTIVE or FAILED_*) or the time runs out. */
export async function waitForMailSync(dataSource: DataSource, messageChannelId: string, timeoutMs = 60_000): Promise<{ syncStatus: string; syncStage: string }> {
  let row: { syncStatus: string; syncStage: string } | undefined;
  await eventually(
    async () => {
      [row] = await dataSource.query(`SELECT "syncStatus", "syncStage" FROM "messageChannel" WHERE "id" = $1`, [messageChannelId]);
      return Boolean(row && (row.syncStatus === 'ACTIVE' || row.syncStatus.startsWith('FAILED')) && row.syncStage !== 'MESSAGE_LIST_FETCH_ONGOING');
    },
    timeoutMs,
    `mail sync of ${messageChannelId} finished`,
  );
  return row!;
}

/** Signs the member in, connects the Microsoft user, waits for the first import to finish. */
export async function connectMailbox(host: TestHost, client: TestHttpClient, member: string, microsoftUser: string): Promise<ConnectedMailbox> {
  const { workspaceId } = await client.signIn(member, 'demo-password');
  const callback = await connectMicrosoftAccount(client, host.emulator!.caCertPem, { account: microsoftUser });
  const connectedAccountId = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId');
  if (!connectedAccountId) throw new Error(`Connect failed: ${callback.headers.get('location')}`);
  const [channel] = await host.dataSource.query(`SELECT "id" FROM "messageChannel" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
  await waitForMailSync(host.dataSource, channel.id);
  return { workspaceId, connectedAccountId, messageChannelId: channel.id };
}
