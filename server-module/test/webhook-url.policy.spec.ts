import { HTTPS_WEBHOOK_REQUIRED, realTimeUnavailableReason, type MicrosoftPluginConfig } from '@m365/server-module';

const config = (overrides: Partial<MicrosoftPluginConfig>) => ({ publicUrl: 'http://localhost:3000', ...overrides }) as MicrosoftPluginConfig;

describe('realTimeUnavailableReason: Graph posts notifications to https only', () => {
  it('an http origin without the allowance cannot have push', () => {
    expect(realTimeUnavailableReason(config({}))).toBe(HTTPS_WEBHOOK_REQUIRED);
    expect(realTimeUnavailableReason(config({ publicUrl: 'https://crm.example.com', webhookBaseUrl: 'http://crm.example.com' }))).toBe(HTTPS_WEBHOOK_REQUIRED);
  });

  it('an https webhook origin can, even behind an http public URL', () => {
    expect(realTimeUnavailableReason(config({ publicUrl: 'https://crm.example.com' }))).toBeNull();
    expect(realTimeUnavailableReason(config({ webhookBaseUrl: 'https://hooks.example.com' }))).toBeNull();
  });

  it('a host that runs a Graph accepting http says so with allowInsecureWebhookUrl', () => {
    expect(realTimeUnavailableReason(config({ allowInsecureWebhookUrl: true }))).toBeNull();
  });
});
