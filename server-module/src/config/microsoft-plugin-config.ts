/** Everything the plugin needs to reach Microsoft and protect what it stores. */
export interface MicrosoftPluginConfig {
  clientId: string;
  clientSecret: string;
  /** e.g. `https://login.microsoftonline.com/common`; must be https (MSAL refuses anything else). */
  authority: string;
  /** Hosts MSAL may trust without instance discovery; empty for Microsoft's own cloud. */
  knownAuthorities: string[];
  /** e.g. `https://graph.microsoft.com/v1.0`. */
  graphBaseUrl: string;
  /** An extra certificate authority (PEM) to trust for the authority and Graph, besides the system's. */
  extraCaPem?: string;
  /** The host's public origin; the OAuth redirect and webhook URLs are built from it. */
  publicUrl: string;
  /** Where the browser lands after connecting (the host's front). */
  frontUrl: string;
  /** AES-256-GCM keys by id; `activeKeyId` encrypts, all of them decrypt. */
  encryptionKeys: { activeKeyId: string; keys: Map<string, Buffer> };
  /** Signs OAuth state and transient tokens. */
  signingSecret: Buffer;
  /** Origin Graph posts change notifications to; `publicUrl` when unset (Microsoft requires https). */
  webhookBaseUrl?: string;
  /**
   * Subscribe even when the webhook origin is plain http. Only for a Graph that accepts it (the emulator, with its
   * loopback-http setting on): Microsoft Graph refuses any notification URL that is not https, so by default the
   * plugin does not ask, and accounts stay on the 5-minute sync with the reason shown in Settings → Accounts.
   */
  allowInsecureWebhookUrl?: boolean;
  /** Messages per delta page (`Prefer: odata.maxpagesize`); 100 when unset. */
  mailPageSize?: number;
  /**
   * The Redis the host's worker processes share (the job system's). With it, Outlook's per-mailbox limits hold
   * across all those processes; without it, within each process. `keyPrefix` (default `m365`) keeps deployments
   * sharing one Redis apart.
   */
  redis?: { url: string; keyPrefix?: string };
  /** Calendar events imported around today: `pastDays` back and `futureDays` ahead; 365 and 730 when unset. */
  calendarWindow?: { pastDays: number; futureDays: number };
  /** Events per calendarView delta page (`Prefer: odata.maxpagesize`); 200 when unset. */
  calendarPageSize?: number;
  /** The tenant's message size limit for compose (attachments together); Exchange Online's 35 MB when unset. */
  maxMessageSizeBytes?: number;
  /**
   * Disconnect's retries when Graph is unreachable for a subscription delete: up to `attempts` runs (8 when unset),
   * waiting `baseDelayMs` (2 s) doubled each time up to `maxDelayMs` (5 minutes). A subscription still not deleted
   * after the last is left to expire at Microsoft (at most 3 days for mail and events) and recorded as such.
   */
  disconnectRetry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
}
