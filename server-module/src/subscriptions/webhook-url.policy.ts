import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';

export const HTTPS_WEBHOOK_REQUIRED = 'Real-time needs a public https URL (MICROSOFT_WEBHOOK_BASE_URL)';

/** The origin Graph posts change notifications to. */
export function webhookBaseUrl(config: MicrosoftPluginConfig): string {
  return config.webhookBaseUrl ?? config.publicUrl;
}

/**
 * Why this configuration cannot have real-time push, or null when it can. Graph refuses a notification URL that is
 * not https (400 InvalidRequest "NotificationUrl scheme='http' is not supported."), so asking would only fail; only
 * a host that points the plugin at a Graph accepting http (the emulator) sets `allowInsecureWebhookUrl`.
 */
export function realTimeUnavailableReason(config: MicrosoftPluginConfig): string | null {
  if (config.allowInsecureWebhookUrl) return null;
  return new URL(webhookBaseUrl(config)).protocol === 'https:' ? null : HTTPS_WEBHOOK_REQUIRED;
}
