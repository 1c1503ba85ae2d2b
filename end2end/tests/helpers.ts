import { createHmac } from 'node:crypto';
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

/** What an authenticator app shows for a base32 secret now (RFC 6238: SHA-1, 30 s, 6 digits). */
export function totp(secretBase32: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secretBase32) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30)));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0xf;
  return ((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

/** A unified social credit code with a right GB 32100-2015 check character, new each run. */
export function uscc(): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const serial = String(Date.now() % 1e7).padStart(7, '0');
  const first17 = `91330106MA${serial}`;
  const sum = [...first17].reduce((acc, c, i) => acc + charset.indexOf(c) * weights[i], 0);
  return first17 + charset[(31 - (sum % 31)) % 31];
}

/**
 * Signs in one of the console operators test.sh enrolled with a known secret: `console`
 * or `deals` (one per spec file, so that two tests never spend the same code).
 */
export async function signInOperator(page: Page, testInfo: TestInfo, who = 'console') {
  await open(page, testInfo, '/login');
  await page.getByLabel('E-mail address').fill(`${who}-${testInfo.project.name}@e2e.shushang.test`);
  await page.getByLabel('Password').fill(process.env.E2E_OPERATOR_PASSWORD ?? '');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/login\/code$/);
  await page.getByLabel('Code from your app, or a recovery code').fill(totp(process.env.E2E_CONSOLE_TOTP ?? ''));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

