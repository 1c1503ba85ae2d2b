import { expect, test } from '@playwright/test';
import { confirmEmail } from './mail';
import { open, register, signInOperator, uniqueEmail, uscc, waitForHydration } from './helpers';

test('a new user applies in Chinese, the operator approves as growing and later suspends the merchant', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const javaScriptEnabled = testInfo.project.name === 'hydrated';
  const applicantContext = await browser.newContext({ javaScriptEnabled });
  const applicant = await applicantContext.newPage();
  const email = uniqueEmail(testInfo);
  await register(applicant, testInfo, email, 'Zhou Min');
  await confirmEmail(applicant, email);
  await applicantContext.addCookies([{ name: 'lang', value: 'zh', url: testInfo.project.use.baseURL ?? 'http://127.0.0.1:3100' }]);

  const nonce = Date.now().toString(36);
  const company = `宁波智标数据 ${testInfo.project.name} ${nonce}`;
  const english = `Ningbo Smart Label ${testInfo.project.name} ${nonce}`;
  await open(applicant, testInfo, '/apply');
  await applicant.getByLabel('统一社会信用代码').fill('91330106MA0000000X');
  await applicant.getByLabel('中文名称').fill(company);
  await applicant.getByLabel('英文名称').fill(english);
  await applicant.getByLabel('法定名称（以登记为准）').fill(`${company}有限公司`);
  await applicant.getByLabel('数据技术').check();
  await applicant.getByLabel('数据安全').check();
  await applicant.getByLabel('所在地区').selectOption('ningbo');
  await applicant.getByLabel('网站').fill('javascript:alert(1)');
  await applicant.getByRole('button', { name: '提交申请' }).click();
  // Two refusals, each next to its field; everything typed is still there.
  await expect(applicant.getByText('校验位不正确', { exact: false })).toBeVisible();
  await expect(applicant.getByText('请输入以 http:// 或 https:// 开头的网址')).toBeVisible();
  await expect(applicant.getByLabel('中文名称')).toHaveValue(company);
  await expect(applicant.getByLabel('数据安全')).toBeChecked();
  await applicant.getByLabel('统一社会信用代码').fill(uscc());
  await applicant.getByLabel('网站').fill('https://smartlabel.example.cn');
  await applicant.getByRole('button', { name: '提交申请' }).click();
  await expect(applicant.getByTestId('application-sent')).toBeVisible();
  await expect(applicant.getByTestId('application-status')).toContainText('待审核');

  const operatorContext = await browser.newContext({ javaScriptEnabled });
  const operator = await operatorContext.newPage();
  await signInOperator(operator, testInfo);
  await open(operator, testInfo, '/admin/applications');
  const card = operator.getByTestId('application').filter({ hasText: company });
  await card.getByLabel('Tier').selectOption('growing');
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(operator.getByTestId('decided')).toBeVisible();

  await open(applicant, testInfo, '/account/notifications');
  await expect(applicant.getByTestId('notifications')).toContainText(`你为 ${company} 提交的申请已通过，梯队为成长型企业`);
  await open(applicant, testInfo, '/merchant');
  await expect(applicant.getByRole('heading', { name: company })).toBeVisible();

  // The new merchant writes a dataset listing from a CSV sample, in Chinese.
  const title = `冷轧钢卷缺陷 ${nonce}`;
  await open(applicant, testInfo, '/merchant/listings/new');
  await applicant.getByLabel('中文标题').fill(title);
  await applicant.getByLabel('英文标题').fill(`Cold-rolled coil defects ${nonce}`);
  await applicant.getByLabel('服务领域').selectOption('data-technology');
  await applicant.getByLabel('文件下载').check();
  await applicant.getByLabel('价格（元）').fill('12.345');
  await applicant.getByLabel('数据模态').selectOption('image');
  await applicant.getByLabel('样例数据（粘贴 CSV）').fill('image_id,defect,severity\nC1,scratch,2\nC2,dent\n');
  await applicant.getByRole('button', { name: '保存', exact: true }).click();
  await expect(applicant.getByText('请输入以元为单位、最多两位小数的价格')).toBeVisible();
  await expect(applicant.getByText('第 3 行的单元格数量与表头不同。')).toBeVisible();
  await expect(applicant.getByLabel('中文标题')).toHaveValue(title);
  await applicant.getByLabel('价格（元）').fill('12800');
  // The corrected sample comes as a file this time; it takes the place of the pasted one.
  await applicant.getByLabel('样例数据（粘贴 CSV）').fill('');
  await applicant.getByLabel('或选择 CSV 文件').setInputFiles({
    name: 'coils.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('\ufeffimage_id,defect,severity\nC1,scratch,2\nC2,dent,1\n'),
  });
  await applicant.getByRole('button', { name: '保存', exact: true }).click();
  await expect(applicant.getByTestId('saved')).toBeVisible();
  await expect(applicant.getByTestId('sample')).toContainText('scratch');
  await expect(applicant.getByLabel('第 3 列：名称', { exact: true })).toHaveValue('severity');
  await expect(applicant.getByLabel('第 3 列：类型', { exact: true })).toHaveValue('integer');
  await applicant.getByLabel('第 2 列：说明', { exact: true }).fill('缺陷类别');
  await applicant.getByRole('button', { name: '保存', exact: true }).click();
  await expect(applicant.getByLabel('第 2 列：说明', { exact: true })).toHaveValue('缺陷类别');
  // A live form opens the saved page itself after its post: wait for it before moving on.
  await expect(applicant.locator('form[aria-busy]')).toHaveCount(0);
  await applicant.getByRole('button', { name: '上架' }).click();
  await expect(applicant.getByTestId('listing-status')).toHaveText('已上架');
  const search = `/catalog?q=${encodeURIComponent("冷轧钢卷")}`;
  // Search follows a change within a second (each server's index catches up on its own).
  await expect(async () => {
    await open(applicant, testInfo, search);
    await expect(applicant.getByRole('link', { name: title })).toBeVisible({ timeout: 250 });
  }).toPass({ timeout: 5000 });

  await open(operator, testInfo, `/admin/merchants?q=${encodeURIComponent(english)}`);
  await operator.getByRole('link', { name: english }).click();
  await expect(operator.getByTestId('merchant-tier')).toHaveText('Growing enterprise');
  const moderated = operator.getByTestId('moderated-listing').filter({ hasText: `Cold-rolled coil defects ${nonce}` });
  await moderated.getByLabel('Reason').fill('样例含未脱敏字段');
  await moderated.getByRole('button', { name: 'Suspend listing' }).click();
  await expect(operator.getByTestId('done')).toBeVisible();
  await expect(async () => {
    await open(applicant, testInfo, search);
    await expect(applicant.getByRole('link', { name: title })).toHaveCount(0, { timeout: 250 });
  }).toPass({ timeout: 5000 });
  await open(applicant, testInfo, '/merchant/listings');
  await expect(applicant.getByTestId('own-listings')).toContainText('样例含未脱敏字段');

  if (javaScriptEnabled) {
    // A full page load would wipe this marker; a refusal shown in place keeps it.
    await waitForHydration(operator);
    await operator.evaluate(() => { (window as unknown as { marker: string }).marker = 'still here'; });
  }
  await operator.getByRole('button', { name: 'Suspend merchant' }).click();
  // The reason is required: refused, nothing changed.
  await expect(operator.getByText('Please correct the marked fields.')).toBeVisible();
  await expect(operator.getByText('This field is required.')).toBeVisible();
  await expect(operator.getByTestId('merchant-status')).toContainText('Approved');
  const suspendForm = operator.locator('form').filter({ has: operator.getByRole('button', { name: 'Suspend merchant' }) });
  if (javaScriptEnabled) {
    // The message above the forms came with the refused form, and the next post is live too.
    expect(await operator.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('still here');
    await expect(suspendForm.getByLabel('Reason')).toBeFocused();
  }
  await suspendForm.getByLabel('Reason').fill('资质证书已过期');
  await suspendForm.getByRole('button', { name: 'Suspend merchant' }).click();
  await expect(operator.getByTestId('merchant-status')).toContainText('Suspended');

  await open(applicant, testInfo, '/merchant');
  await expect(applicant.getByTestId('merchant-suspended')).toContainText('资质证书已过期');
  await applicantContext.close();
  await operatorContext.close();
});
