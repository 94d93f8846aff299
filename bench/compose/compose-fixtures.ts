// What the compose benchmark's processes share: the sizes of its phases, its targets and the shapes they exchange.

export const SENDER = 'megan.bowen@contoso.com';
export const RECIPIENTS = ['lee.gu@fabrikam.com', 'alex.wilber@contoso.com'];

/** Phase 1: sends timed from the send mutation to the message row in the CRM thread, one every SEND_EVERY_MS. */
export const LATENCY_SENDS = 200;
export const SEND_EVERY_MS = 150;
/** Phase 2: one attachment through an upload session, streamed from the bench to the host and on to Graph. */
export const UPLOAD_BYTES = 100 * 1024 * 1024;
/** Phase 3: sends under faults, with one worker killed when about half of them were requested. */
export const FAULT_SENDS = 200;
export const FAULT_RATE = 0.05;

export const TARGETS = { sendToThreadP99Ms: 1_000, uploadPeakRssGrowthMb: 64 };

export interface WebReady {
  workspaceId: string;
  databaseUrl: string;
  databaseName: string;
  queuePrefix: string;
  hostUrl: string;
  pid: number;
  connectedAccountId: string;
  messageChannelId: string;
  dataDir: string;
}

export { quantile, RpcClient, serveRpc } from '../push/push-fixtures.js';
