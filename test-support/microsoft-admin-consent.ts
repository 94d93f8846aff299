import { Agent, fetch } from 'undici';

const attribute = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];
const decode = (value: string) => value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/**
 * Walks the emulator's admin consent page as an administrator (or not) would: opens the adminconsent URL, picks the
 * account, presses Accept or Cancel. Returns where Microsoft sends the browser next (the app's redirect URI).
 */
export async function passAdminConsent(adminConsentUrl: string, caCertPem: string, choice: { account: string; action?: 'accept' | 'cancel' }): Promise<string> {
  const dispatcher = new Agent({ connect: { ca: caCertPem } });
  try {
    const page = await fetch(adminConsentUrl, { dispatcher, redirect: 'manual' });
    const html = await page.text();
    if (page.status !== 200) throw new Error(`Admin consent page answered ${page.status}: ${html.slice(0, 300)}`);
    const form = /<form[^>]*id="admin-consent-form"[^>]*>/.exec(html)?.[0];
    if (!form) throw new Error(`No admin consent form on the page:\n${html.slice(0, 500)}`);
    const request = /<input type="hidden" name="request" value="([^"]*)"/.exec(html)?.[1];
    const body = new URLSearchParams({ request: decode(request ?? ''), account: choice.account, action: choice.action ?? 'accept' });
    const submitted = await fetch(new URL(decode(attribute(form, 'action') ?? ''), adminConsentUrl), { dispatcher, method: 'POST', body, redirect: 'manual' });
    const location = submitted.headers.get('location');
    if (submitted.status !== 302 || !location) throw new Error(`Admin consent answered ${submitted.status}: ${await submitted.text()}`);
    return location;
  } finally {
    await dispatcher.close();
  }
}
