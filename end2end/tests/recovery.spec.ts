import { expect, test } from '@playwright/test';
import { PASSWORD, open, register, uniqueEmail } from './helpers';
import { linkInMailTo } from './mail';

test('verify the e-mail address from the written message', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await register(page, testInfo, email, 'Zhao Min');
  await expect(page.getByText('Not verified yet')).toBeVisible();

  await open(page, testInfo, await linkInMailTo(email, '/verify-email'));
  // The link's page spends nothing (mail scanners open links): the button confirms.
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page.getByTestId('verified')).toHaveText('Thank you: your e-mail address is verified.');
  await page.getByRole('link', { name: 'Go to your account' }).click();
  await expect(page.getByText('Verified', { exact: true })).toBeVisible();
  await expect(page.getByTestId('verify-note')).toHaveCount(0);
});

test('reset a forgotten password with the mailed link', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await register(page, testInfo, email, 'Sun Li');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await open(page, testInfo, '/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByTestId('reset-sent')).toBeVisible();

  await open(page, testInfo, await linkInMailTo(email, '/reset-password'));
  await page.getByLabel('New password').fill('short');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();

  const newPassword = 'violet river timetable';
  await page.getByLabel('New password').fill(newPassword);
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page).toHaveURL(/\/account\?changed=password$/);
  await expect(page.getByText('Your password was changed.')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await open(page, testInfo, '/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('The e-mail address or password is not right.')).toBeVisible();
  await page.getByLabel('Password').fill(newPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
});
