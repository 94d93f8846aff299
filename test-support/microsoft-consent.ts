import { Agent, fetch } from 'undici';

export interface ConsentChoice {
  /** UPN of the account to pick on the emulator's account picker. */
  account: string;
  /** Scopes to untick (optional ones only; required ones cannot be unticked). */
  untick?: string[];
  action?: 'accept' | 'cancel';
}

export interface ConsentPage {
  html: string;
  action: string;
  hidden: Record<string, string>;
  accounts: string[];
  scopes: Array<{ value: string; checked: boolean; disabled: boolean }>;
}

const attribute = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];
const decode = (value: string) => value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** Reads the emulator's consent form the way a browser would see it. */
export function parseConsentPage(html: string, pageUrl: string): ConsentPage {
  const form = /<form[^>]*id="consent-form"[^>]*>/.exec(html)?.[0];
  if (!form) throw new Error(`No consent form on the page:\n${html.slice(0, 500)}`);
  const inputs = html.match(/<input[^>]*>/g) ?? [];
  const hidden: Record<string, string> = {};
  const accounts: string[] = [];
  const scopes: ConsentPage['scopes'] = [];
  for (const input of inputs) {
    const type = attribute(input, 'type');
    const name = attribute(input, 'name');
    const value = decode(attribute(input, 'value') ?? '');
    if (type === 'hidden' && name) hidden[name] = value;
    if (type === 'radio' && name === 'account') accounts.push(value);
    if (type === 'checkbox' && name === 'scope') scopes.push({ value, checked: /\schecked/.test(input), disabled: /\sdisabled/.test(input) });
  }
  return { html, action: new URL(decode(attribute(form, 'action') ?? pageUrl), pageUrl).toString(), hidden, accounts, scopes };
}

/**
 * Walks the emulator's consent step as a person would: opens the authorize URL, picks an account, unticks
 * scopes, presses Accept or Cancel. Returns where Microsoft sends the browser next (the app's redirect URI).
 */
export async function passConsent(authorizeUrl: string, caCertPem: string, choice: ConsentChoice): Promise<string> {
  const dispatcher = new Agent({ connect: { ca: caCertPem } });
  try {
    const pageResponse = await fetch(authorizeUrl, { dispatcher, redirect: 'manual' });
    if (pageResponse.status !== 200) throw new Error(`Authorize page answered ${pageResponse.status}: ${await pageResponse.text()}`);
    const page = parseConsentPage(await pageResponse.text(), authorizeUrl);
    if (!page.accounts.includes(choice.account)) throw new Error(`${choice.account} is not offered; the page offers ${page.accounts.join(', ')}`);
    const form = new URLSearchParams(page.hidden);
    form.set('account', choice.account);
    for (const scope of page.scopes) {
      if (scope.disabled) continue;
      if (scope.checked && !(choice.untick ?? []).includes(scope.value)) form.append('scope', scope.value);
    }
    form.set('action', choice.action ?? 'accept');
    const submitted = await fetch(page.action, { dispatcher, method: 'POST', body: form, redirect: 'manual' });
    const location = submitted.headers.get('location');
    if (submitted.status !== 302 || !location) throw new Error(`Consent answered ${submitted.status}: ${await submitted.text()}`);
    return location;
  } finally {
    await dispatcher.close();
  }
}
