import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@m365/dev-host';

/** Signs in through the shell's login page, as a person would, and waits for the People list. */
export async function signInThroughLoginPage(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/people`);
  await page.getByTestId('login-form').waitFor();
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('people-list').waitFor();
}
