import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { linkInMailTo } from './mail';
import { open, register, uniqueEmail } from './helpers';

const DEMO_PASSWORD = 'shushang-demo-2026';

async function signIn(page: Page, testInfo: TestInfo, email: string, password: string) {
  await open(page, testInfo, '/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/** The public address of one of the demo merchant's listings that has a price. */
async function pricedListingOfDemoMerchant(merchant: Page, testInfo: TestInfo): Promise<string> {
  await open(merchant, testInfo, '/merchant');
  await merchant.getByRole('link', { name: 'See the public profile' }).click();
  const hrefs = await merchant.locator('a[href^="/catalog/"]').evaluateAll((links) =>
    [...new Set(links.map((a) => a.getAttribute('href') ?? ''))]);
  for (const href of hrefs) {
    await open(merchant, testInfo, href);
    if (await merchant.getByTestId('order-panel').count()) return href;
  }
  throw new Error('the demo merchant has no priced listing');
}

test('a buyer orders in Chinese; the merchant accepts and delivers; changes, completion and a review follow', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const javaScriptEnabled = testInfo.project.name === 'hydrated';
  const baseURL = testInfo.project.use.baseURL ?? 'http://127.0.0.1:3100';

  const merchantContext = await browser.newContext({ javaScriptEnabled });
  const merchant = await merchantContext.newPage();
  await signIn(merchant, testInfo, 'merchant@demo.shushang.test', DEMO_PASSWORD);
  const listing = await pricedListingOfDemoMerchant(merchant, testInfo);

  const buyerContext = await browser.newContext({ javaScriptEnabled });
  const buyer = await buyerContext.newPage();
  const email = uniqueEmail(testInfo);
  await register(buyer, testInfo, email, 'Lin Cai');
  await buyer.goto(await linkInMailTo(email, '/verify-email'));
  await buyerContext.addCookies([{ name: 'lang', value: 'zh', url: baseURL }]);

  // A refused quantity comes back with its message and what was typed.
  await open(buyer, testInfo, listing);
  await buyer.getByLabel(/^数量/).fill('0');
  await buyer.getByRole('button', { name: '立即下单' }).click();
  await expect(buyer.getByText('请输入 1 到 100000 之间的整数。')).toBeVisible();
  await expect(buyer.getByLabel(/^数量/)).toHaveValue('0');
  await buyer.getByLabel(/^数量/).fill('2');
  await buyer.getByRole('button', { name: '立即下单' }).click();
  await expect(buyer).toHaveURL(/\/orders\/\d+$/);
  const orderPath = new URL(buyer.url()).pathname;
  await expect(buyer.getByTestId('order-status')).toHaveText('已下单');

  // The merchant accepts and delivers.
  await open(merchant, testInfo, orderPath);
  await merchant.getByRole('button', { name: 'Accept the order' }).click();
  await expect(merchant.getByTestId('order-status')).toHaveText('Accepted');
  const firstNote = `Labels v1 for ${testInfo.project.name}`;
  await merchant.getByRole('button', { name: 'Deliver' }).click();
  await expect(merchant.getByText('This field is required.')).toBeVisible();
  await merchant.getByLabel('Delivery note (what you deliver and how to use it)').fill(firstNote);
  await merchant.getByRole('button', { name: 'Deliver' }).click();
  await expect(merchant.getByTestId('order-status')).toHaveText('Delivered');

  // The buyer is told, asks for changes; the merchant delivers again.
  await open(buyer, testInfo, orderPath);
  await expect(buyer.getByTestId('unread')).toHaveText('2');
  await expect(buyer.getByTestId('deliveries')).toContainText(firstNote);
  await buyer.getByLabel('需要修改的内容').fill('请补充 2025 年的图片');
  await buyer.getByRole('button', { name: '要求修改' }).click();
  await expect(buyer.getByTestId('order-status')).toHaveText('已接单');

  await open(merchant, testInfo, orderPath);
  await expect(merchant.getByTestId('timeline')).toContainText('请补充 2025 年的图片');
  await merchant.getByLabel('Delivery note (what you deliver and how to use it)').fill('Labels v2 with 2025');
  await merchant.getByRole('button', { name: 'Deliver' }).click();
  await expect(merchant.getByTestId('deliveries')).toContainText('Labels v2 with 2025');

  // The buyer completes and reviews; the notifications clear once read.
  await open(buyer, testInfo, orderPath);
  await buyer.getByRole('button', { name: '确认收货并完成' }).click();
  await expect(buyer.getByTestId('order-status')).toHaveText('已完成');
  await buyer.getByLabel('评分').selectOption('4');
  await buyer.getByLabel('评价内容').fill('交付认真，响应及时。');
  await buyer.getByRole('button', { name: '发布评价' }).click();
  await expect(buyer.getByTestId('review')).toContainText('交付认真，响应及时。');
  await open(buyer, testInfo, '/account/notifications');
  await expect(buyer.getByTestId('notifications')).toContainText('已交付');
  await open(buyer, testInfo, '/account/orders');
  await expect(buyer.getByTestId('unread')).toHaveCount(0);
  await expect(buyer.getByTestId('orders')).toContainText('已完成');

  await merchantContext.close();
  await buyerContext.close();
});
