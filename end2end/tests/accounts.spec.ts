import { expect, test } from '@playwright/test';
import { PASSWORD, hydrated, open, register, uniqueEmail, waitForHydration } from './helpers';

test('register, sign out, sign in and see your name', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await register(page, testInfo, email, 'Chen Jing');
  await expect(page.getByRole('heading', { name: 'Hello, Chen Jing' })).toBeVisible();
  await expect(page.getByTestId('account-name')).toHaveText('Chen Jing');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();

  await open(page, testInfo, '/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('account-name')).toHaveText('Chen Jing');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Chen Jing' })).toBeVisible();
});

test('a bad e-mail gets its message and nothing typed is lost', async ({ page }, testInfo) => {
  await open(page, testInfo, '/register');
  await page.getByLabel('E-mail address').fill('chen.jing-at-example.com');
  await page.getByLabel('Your name').fill('Chen Jing');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();

  const email = page.getByLabel('E-mail address');
  await expect(page.getByText('Enter an e-mail address like name@example.com.')).toBeVisible();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveValue('chen.jing-at-example.com');
  await expect(page.getByLabel('Your name')).toHaveValue('Chen Jing');
  await expect(page).toHaveURL(/\/register/);
});

test('a wrong password is refused without saying whether the account exists', async ({ page }, testInfo) => {
  await open(page, testInfo, '/login');
  await page.getByLabel('E-mail address').fill(uniqueEmail(testInfo));
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The e-mail address or password is not right.');
});

test('switch to Chinese and see the page in Chinese, remembered across pages', async ({ page }, testInfo) => {
  await open(page, testInfo, '/login');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '登录', level: 1 })).toBeVisible();
  await expect(page.getByLabel('电子邮箱')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');

  await open(page, testInfo, '/register');
  await expect(page.getByRole('heading', { name: '创建账户' })).toBeVisible();
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
});

test('Chinese error messages for a Chinese browser', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: hydrated(testInfo) });
  const page = await context.newPage();
  await open(page, testInfo, '/register');
  await page.getByLabel('电子邮箱').fill('坏地址');
  await page.getByRole('button', { name: '创建账户' }).click();
  await expect(page.getByText('请输入有效的电子邮箱，例如 name@example.com。')).toBeVisible();
  await context.close();
});

test('an unknown page is a real 404', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('the page hydrates: forms submit without a page load and nothing logs an error', async ({ page }, testInfo) => {
  test.skip(!hydrated(testInfo), 'hydration needs JavaScript');
  const problems: string[] = [];
  // Chromium logs every 4xx fetch as a console error; a form island asks for pages, which
  // come back 200 (or a redirect), so that line is tolerated but not expected. Anything
  // else is a problem.
  page.on('console', (message) => {
    const expected = /Failed to load resource: the server responded with a status of 4\d\d/;
    if (message.type() === 'error' && !expected.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto('/login');
  await waitForHydration(page);
  // A full page load would wipe this marker; a hydrated form keeps it.
  await page.evaluate(() => { (window as unknown as { marker: string }).marker = 'still here'; });
  let loads = 0;
  page.on('load', () => { loads += 1; });

  await page.getByLabel('E-mail address').fill(uniqueEmail(testInfo));
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The e-mail address or password is not right.');

  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('still here');
  expect(loads).toBe(0);
  expect(page.url()).not.toContain('__err');

  // The registration island shows a field's refusal next to that field, in place.
  await page.goto('/register');
  await waitForHydration(page);
  await page.evaluate(() => { (window as unknown as { marker: string }).marker = 'register'; });
  loads = 0;
  await page.getByLabel('E-mail address').fill('not-an-address');
  await page.getByLabel('Your name').fill('Chen Jing');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  const email = page.getByLabel('E-mail address');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-email-error')).toHaveText('Enter an e-mail address like name@example.com.');
  await expect(page.getByLabel('Your name')).toHaveValue('Chen Jing');
  // The password, which the server never echoes, is kept by the browser; the refused
  // field has the focus.
  await expect(page.getByLabel('Password')).toHaveValue(PASSWORD);
  await expect(email).toBeFocused();
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('register');
  expect(loads).toBe(0);

  // Accepted, the form leads on to the next page as a plain post would.
  await email.fill(uniqueEmail(testInfo));
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  expect(problems).toEqual([]);
});
