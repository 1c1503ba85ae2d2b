import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { confirmEmail } from './mail';
import { open, register, signInOperator, uniqueEmail, uscc } from './helpers';

const DEMO_PASSWORD = 'shushang-demo-2026';

async function signIn(page: Page, testInfo: TestInfo, email: string, password: string) {
  await open(page, testInfo, '/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/** The public address of one of the demo merchant's listings that has a price: one a
 * visitor is asked to sign in to order (its own members are offered its editor instead). */
async function pricedListingOfDemoMerchant(browser: Browser, merchant: Page, testInfo: TestInfo): Promise<string> {
  await open(merchant, testInfo, '/merchant');
  await merchant.getByRole('link', { name: 'See the public profile' }).click();
  const hrefs = await merchant.locator('a[href^="/catalog/"]').evaluateAll((links) =>
    [...new Set(links.map((a) => a.getAttribute('href') ?? ''))]);
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  try {
    for (const href of hrefs) {
      await open(visitor, testInfo, href);
      if (await visitor.getByRole('link', { name: 'Sign in to order' }).count()) return href;
    }
  } finally {
    await visitorContext.close();
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
  const listing = await pricedListingOfDemoMerchant(browser, merchant, testInfo);

  const buyerContext = await browser.newContext({ javaScriptEnabled });
  const buyer = await buyerContext.newPage();
  const email = uniqueEmail(testInfo);
  await register(buyer, testInfo, email, 'Lin Cai');
  await confirmEmail(buyer, email);
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
  await merchant.getByLabel('Files (optional)').setInputFiles({
    name: '标注结果 v1.csv', mimeType: 'text/csv', buffer: Buffer.from('image_id,label\nC1,nodule\n'),
  });
  await merchant.getByRole('button', { name: 'Deliver' }).click();
  await expect(merchant.getByTestId('order-status')).toHaveText('Delivered');
  await expect(merchant.getByTestId('deliveries')).toContainText('标注结果 v1.csv');

  // The buyer is told, asks for changes; the merchant delivers again.
  await open(buyer, testInfo, orderPath);
  await expect(buyer.getByTestId('unread')).toHaveText('2');
  await expect(buyer.getByTestId('deliveries')).toContainText(firstNote);
  const [download] = await Promise.all([
    buyer.waitForEvent('download'),
    buyer.getByRole('link', { name: '标注结果 v1.csv' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('标注结果 v1.csv');
  const saved = await download.path();
  expect(readFileSync(saved, 'utf8')).toBe('image_id,label\nC1,nodule\n');
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

/** A fresh, verified buyer in a context of its own. */
async function newBuyer(browser: Browser, testInfo: TestInfo, name: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: testInfo.project.name === 'hydrated' });
  const page = await context.newPage();
  const email = uniqueEmail(testInfo);
  await register(page, testInfo, email, name);
  await confirmEmail(page, email);
  return page;
}

function inDays(days: number): string {
  const date = new Date(Date.now() + 8 * 3600_000 + days * 86400_000);
  return date.toISOString().slice(0, 10);
}

/** Fills a quote form and sends it. */
async function quote(page: Page, price: string, days: string) {
  await page.getByLabel('Price per unit (yuan)').fill(price);
  await page.getByLabel('Quantity', { exact: true }).fill('2');
  await page.getByLabel('Delivery time (days)').fill(days);
  await page.getByLabel('Terms').fill('One revision included.');
  await page.getByRole('button', { name: 'Send the quote' }).click();
}

test('a buyer asks about a listing, the merchant answers with a quote, the buyer accepts it into an order', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const merchantContext = await browser.newContext({ javaScriptEnabled: testInfo.project.name === 'hydrated' });
  const merchant = await merchantContext.newPage();
  await signIn(merchant, testInfo, 'merchant@demo.shushang.test', DEMO_PASSWORD);
  const listing = await pricedListingOfDemoMerchant(browser, merchant, testInfo);
  const buyer = await newBuyer(browser, testInfo, 'Ada Ask');
  const subject = `Custom cut ${testInfo.project.name} ${Date.now().toString(36)}`;

  await open(buyer, testInfo, listing);
  await buyer.getByRole('link', { name: 'Send an inquiry' }).click();
  await buyer.getByLabel('Subject').fill(subject);
  await buyer.getByRole('button', { name: 'Send the inquiry' }).click();
  await expect(buyer.getByText('This field is required.')).toBeVisible();
  await expect(buyer.getByLabel('Subject')).toHaveValue(subject);
  await buyer.getByLabel('Your message').fill('Could you deliver only the 2025 part?');
  await buyer.getByRole('button', { name: 'Send the inquiry' }).click();
  await expect(buyer).toHaveURL(/\/inquiries\/\d+$/);
  const path = new URL(buyer.url()).pathname;

  await open(merchant, testInfo, '/merchant/inquiries');
  await merchant.getByRole('link', { name: subject }).click();
  await merchant.getByLabel('Your reply').fill('Yes: here is our offer.');
  await merchant.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(merchant.getByTestId('thread')).toContainText('Yes: here is our offer.');
  await quote(merchant, '1280', '7');
  await expect(merchant.getByTestId('quotes')).toContainText('¥2,560.00');

  await open(buyer, testInfo, path);
  await expect(buyer.getByTestId('inquiry-status')).toHaveText('Answered');
  await buyer.getByRole('button', { name: 'Accept and order' }).click();
  await expect(buyer).toHaveURL(/\/orders\/\d+$/);
  await expect(buyer.getByTestId('order-total')).toHaveText('¥2,560.00');
  await merchantContext.close();
  await buyer.context().close();
});

test('a requirement gets two quotes; the buyer compares and awards one, the other merchant is told', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const javaScriptEnabled = testInfo.project.name === 'hydrated';
  const buyer = await newBuyer(browser, testInfo, 'Rui Req');
  const title = `Label 5,000 drone photos ${testInfo.project.name} ${Date.now().toString(36)}`;
  await open(buyer, testInfo, '/requirements/new');
  await buyer.getByLabel('What you need').fill(title);
  await buyer.getByLabel('Details (scope, data, quality, delivery)').fill('Bounding boxes for power lines.');
  await buyer.getByLabel('Service field').selectOption('data-technology');
  await buyer.getByLabel('Energy').check();
  await buyer.getByLabel('Budget from (yuan, optional)').fill('50000');
  await buyer.getByLabel('Budget up to (yuan, optional)').fill('20000');
  await buyer.getByLabel('Quotes until').fill(inDays(10));
  await buyer.getByRole('button', { name: 'Post the requirement' }).click();
  await expect(buyer.getByText('The upper end of the budget must not be below its lower end.')).toBeVisible();
  await expect(buyer.getByLabel('What you need')).toHaveValue(title);
  await buyer.getByLabel('Budget up to (yuan, optional)').fill('80000');
  await buyer.getByRole('button', { name: 'Post the requirement' }).click();
  await expect(buyer).toHaveURL(/\/requirements\/\d+$/);
  const path = new URL(buyer.url()).pathname;

  // The demo merchant quotes.
  const demoContext = await browser.newContext({ javaScriptEnabled });
  const demo = await demoContext.newPage();
  await signIn(demo, testInfo, 'merchant@demo.shushang.test', DEMO_PASSWORD);
  await open(demo, testInfo, '/requirements');
  await demo.getByRole('link', { name: title }).click();
  await quote(demo, '30000', '20');
  await expect(demo.getByTestId('quotes')).toContainText('¥60,000.00');

  // A second merchant of the field: a new applicant the operator approves.
  const rival = await newBuyer(browser, testInfo, 'Wu Rival');
  const company = `Rival Vision ${testInfo.project.name} ${Date.now().toString(36)}`;
  await open(rival, testInfo, '/apply');
  await rival.getByLabel('Unified social credit code').fill(uscc());
  await rival.getByLabel('Name in Chinese').fill(`${company} 中文`);
  await rival.getByLabel('Name in English').fill(company);
  await rival.getByLabel('Legal name (as registered)').fill(`${company} Co., Ltd.`);
  await rival.getByLabel('Data technology').check();
  await rival.getByLabel('Region').selectOption('hangzhou');
  await rival.getByRole('button', { name: 'Send application' }).click();
  await expect(rival.getByTestId('application-sent')).toBeVisible();
  const operatorContext = await browser.newContext({ javaScriptEnabled });
  const operator = await operatorContext.newPage();
  await signInOperator(operator, testInfo, 'deals');
  await open(operator, testInfo, '/admin/applications');
  await operator.getByTestId('application').filter({ hasText: company }).getByRole('button', { name: 'Approve' }).click();
  await expect(operator.getByTestId('decided')).toBeVisible();
  await open(rival, testInfo, path);
  await quote(rival, '28000', '15');
  await expect(rival.getByTestId('quotes')).toContainText('¥56,000.00');
  await expect(rival.getByTestId('quotes')).not.toContainText('¥60,000.00');

  // The buyer compares both and awards the demo merchant.
  await open(buyer, testInfo, path);
  const quotes = buyer.getByTestId('quotes');
  await expect(quotes).toContainText('¥60,000.00');
  await expect(quotes).toContainText('¥56,000.00');
  await quotes.locator('tr', { hasText: '¥60,000.00' }).getByRole('button', { name: 'Award' }).click();
  await expect(buyer).toHaveURL(/\/orders\/\d+$/);
  await expect(buyer.getByTestId('order-total')).toHaveText('¥60,000.00');
  await open(buyer, testInfo, path);
  await expect(buyer.getByTestId('requirement-status')).toHaveText('Awarded');

  await open(rival, testInfo, '/account/notifications');
  await expect(rival.getByTestId('notifications')).toContainText(`Your quote on the requirement “${title}” was not selected.`);
  await demoContext.close();
  await operatorContext.close();
  await buyer.context().close();
  await rival.context().close();
});
