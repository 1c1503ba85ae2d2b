import { expect, type Page, type TestInfo } from '@playwright/test';

export const PASSWORD = 'correct horse battery staple';

/** An address no other test (or earlier run) has used. */
export function uniqueEmail(testInfo: TestInfo): string {
  const nonce = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return `e2e-${testInfo.project.name}-${nonce}@example.com`;
}

export const hydrated = (testInfo: TestInfo) => testInfo.project.name === 'hydrated';

/**
 * Waits until the wasm bundle has taken over the page. The app marks <body> once
 * hydrated; a broken bundle renders fine on the server and never gets here.
 */
export async function waitForHydration(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}

/** Opens a page and, in the hydrated project, waits for the app to take over. */
export async function open(page: Page, testInfo: TestInfo, path: string) {
  await page.goto(path);
  if (hydrated(testInfo)) await waitForHydration(page);
}

export async function register(page: Page, testInfo: TestInfo, email: string, name: string) {
  await open(page, testInfo, '/register');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
}
