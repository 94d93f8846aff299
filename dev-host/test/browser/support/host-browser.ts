import type { Page } from 'playwright-core';
import type { DevHostOptions } from '@m365/dev-host';
import { startTestHost, type TestHost } from '../../../../test-support/index.js';
import { ensureFrontBuilt } from './ensure-front-built.js';
import { launchChromium, type LaunchedChromium } from './launch-chromium.js';
import { signInThroughLoginPage } from './sign-in.js';

export interface HostBrowserOptions {
  host?: Partial<DevHostOptions>;
  /** Runs once the host is up, before the browser starts (seeding the emulator, say). */
  prepare?: (host: TestHost) => void | Promise<void>;
  /** Signs this member in through the login page. */
  signInAs?: string;
}

/**
 * A test host with the built front, and a stock Chromium (no certificate flag) on its first page: 20 s default timeout,
 * every uncaught page error kept in `pageErrors`.
 */
export class HostBrowser {
  readonly pageErrors: string[] = [];
  private host?: TestHost;
  private chromium?: LaunchedChromium;

  async open(options: HostBrowserOptions = {}): Promise<{ host: TestHost; page: Page }> {
    ensureFrontBuilt();
    const host = (this.host = await startTestHost(options.host));
    await options.prepare?.(host);
    this.chromium = await launchChromium();
    const page = this.chromium.context.pages()[0] ?? (await this.chromium.context.newPage());
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
    if (options.signInAs) await signInThroughLoginPage(page, host.publicUrl, options.signInAs);
    return { host, page };
  }

  async close(): Promise<void> {
    await this.chromium?.close();
    await this.host?.close();
  }
}
