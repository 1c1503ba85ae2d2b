import { expect, test } from '@playwright/test';
import { hydrated, open, waitForHydration } from './helpers';

// These run against the demo market that scripts/test.sh seeds into the e2e database.

test('from the home page: pick a tier, open a merchant, open a listing', async ({ page }, testInfo) => {
  await open(page, testInfo, '/');
  await expect(page.getByRole('heading', { name: 'The formation at a glance' })).toBeVisible();
  const leading = page.locator('.stat').filter({ hasText: 'Leading enterprise' });
  await expect(leading.locator('.stat__number')).toHaveText('20');
  await leading.getByRole('link').click();

  await expect(page).toHaveURL(/\/merchants\?tier=leading$/);
  await expect(page.getByLabel('Tier')).toHaveValue('leading');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Merchants' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Home' })).not.toHaveAttribute('aria-current', 'page');
  const cards = page.locator('.merchant-card');
  await expect(cards).toHaveCount(20);
  await expect(cards.first().getByText('Leading enterprise')).toBeVisible();
  await cards.first().getByRole('heading').getByRole('link').click();

  await expect(page).toHaveURL(/\/merchants\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Listings' })).toBeVisible();
  await expect(page.getByText(/since \d{4}-\d{2}-\d{2}/)).toBeVisible();
  const firstListing = page.locator('.listing-card').first().getByRole('heading').getByRole('link');
  const title = (await firstListing.textContent())?.trim() ?? '';
  await firstListing.click();

  await expect(page).toHaveURL(/\/catalog\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('heading', { name: 'Trust and compliance' })).toBeVisible();
  await expect(page.locator('.price--large')).toHaveText(/¥|Price on request/);
});

test('a page every visitor shares comes from the page cache and hydrates under its script hashes', async ({ page }, testInfo) => {
  test.skip(!hydrated(testInfo), 'hydration needs JavaScript');
  const problems: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));
  // The first visit renders and keeps the page, the second (within the cache's second) is
  // the kept one; both are the kept form, without a nonce.
  for (const visit of [1, 2]) {
    const response = await page.goto('/catalog?q=annotation');
    const policy = (await response?.headerValue('content-security-policy')) ?? '';
    expect(policy, `visit ${visit}`).toMatch(/script-src 'self' 'sha256-[^']+'/);
    expect(policy, `visit ${visit}`).not.toContain("'nonce-");
    await waitForHydration(page);
  }
  await expect(page.locator('script[nonce]')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('search in Chinese from the home page', async ({ page }, testInfo) => {
  await open(page, testInfo, '/');
  await page.getByLabel('Search datasets, data products and services').fill('标注');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/catalog\?q=/);
  await expect(page.locator('.results__count')).toContainText('results for “标注”');
  const titles = page.locator('.listing-card h3');
  await expect(titles.first()).toBeVisible();
  // Title matches rank first: the top result has the word in its title (in either language).
  const card = page.locator('.listing-card').first();
  await expect(card).toContainText(/标注|annotation/i);
});

test('search in English and narrow by field and delivery mode', async ({ page }, testInfo) => {
  await open(page, testInfo, '/catalog?q=annotation');
  await expect(page.locator('.results__count')).toContainText('results for “annotation”');
  await expect(page.locator('.listing-card').first()).toContainText(/annotation/i);

  await page.locator('.facet').filter({ hasText: 'Service field' }).getByRole('link').first().click();
  await expect(page).toHaveURL(/field=/);
  const delivery = page.locator('.facet').filter({ hasText: 'Delivery' }).getByRole('link').first();
  const expected = Number(await delivery.locator('.facet__count').textContent());
  await delivery.click();
  await expect(page).toHaveURL(/delivery=/);
  await expect(page.locator('.results__count')).toContainText(`${expected} results`);
  await expect(page.locator('.facet--active')).toHaveCount(2);
});

test('the catalog in Chinese', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: testInfo.project.name === 'hydrated' });
  const page = await context.newPage();
  await open(page, testInfo, '/catalog?q=%E6%95%B0%E6%8D%AE%E5%AE%89%E5%85%A8');
  await expect(page.getByRole('heading', { level: 1, name: '产品目录' })).toBeVisible();
  await expect(page.locator('.results__count')).toContainText('“数据安全”共');
  // What matched is marked in the results.
  await expect(page.locator('.listing-card mark').first()).toHaveText(/数据|安全/);
  await context.close();
});

test('an unknown listing or merchant shows the 404 page', async ({ page }) => {
  for (const path of ['/catalog/no-such-listing', '/merchants/no-such-merchant']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  }
});

test('an unknown filter value is ignored with a message, not an error', async ({ page }, testInfo) => {
  await open(page, testInfo, '/catalog?kind=spaceship');
  await expect(page.getByRole('status')).toContainText('Ignored an unknown value for “kind”: spaceship');
  await expect(page.locator('.listing-card').first()).toBeVisible();
});
