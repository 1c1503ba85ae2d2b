import { createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { open } from './helpers';

/** What an authenticator app shows for a base32 secret now (RFC 6238: SHA-1, 30 s, 6 digits). */
function totp(secretBase32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secretBase32.replace(/=+$/, '')) {
    bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0xf;
  return ((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

test('an operator enrolls an authenticator, keeps the recovery codes and signs in with one', async ({ page }, testInfo) => {
  const email = `operator-${testInfo.project.name}@e2e.shushang.test`;
  const signIn = async () => {
    await open(page, testInfo, '/login');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(process.env.E2E_OPERATOR_PASSWORD ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/login\/code$/);
  };

  await signIn();
  await expect(page.getByRole('heading', { name: 'Set up your authenticator' })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel('Six-digit code from your app').fill(totp(secret, Date.now() - 10 * 60_000));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('This code is not right, or was used already.')).toBeVisible();

  await page.getByLabel('Six-digit code from your app').fill(totp(secret));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page).toHaveURL(/\/account\/recovery-codes$/);
  const codes = await page.getByTestId('recovery-codes').locator('code').allTextContents();
  expect(codes).toHaveLength(10);
  await page.getByRole('link', { name: 'I have kept them: go to my account' }).click();
  await expect(page.getByRole('heading', { name: 'Hello, E2E operator' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn();
  await expect(page.getByRole('heading', { name: 'Second step: your authenticator' })).toBeVisible();
  await page.getByLabel('Code from your app, or a recovery code').fill(codes[0]);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Hello, E2E operator' })).toBeVisible();
});
