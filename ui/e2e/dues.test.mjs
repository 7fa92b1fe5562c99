// 党费 through the real window: the demo branch's 工作台 warns that 黄静 has not paid for five
// months; the alarm leads to the 党费 page, where making up June (补交) is recorded, and the
// alarm is gone from the 工作台.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { appOn, byTestId, clickOn, clickWhenFree, inputOf, textsOf, typeInto } from './harness.mjs';

let app;
let browser;

before(async () => {
  app = await appOn('dues');
  browser = await app.open();
  await clickOn(browser, 'use-demo', 20_000);
  await byTestId(browser, 'roster-table', 30_000);
});

after(async () => {
  await app?.stop();
});

/** The texts of the 工作台's alarms, once they have loaded. */
async function alarmTexts() {
  await clickOn(browser, 'nav-home');
  await byTestId(browser, 'home-alarms', 20_000);
  return textsOf(browser, 'alarm-text');
}

test('a payment recorded on the 党费 page clears the arrears alarm', async () => {
  const before = await alarmTexts();
  assert.ok(before.includes('黄静 已连续 5 个月未交纳党费，请及时提醒'), before.join(' | '));
  await browser.saveScreenshot(join(app.dir, 'alarms.png'));

  await clickOn(browser, 'alarm-go-dues_arrears');
  await byTestId(browser, 'dues-table', 20_000);
  const warning = await byTestId(browser, 'dues-arrears');
  assert.match(await warning.getText(), /黄静 已连续 5 个月未交纳党费/);

  // June, the oldest month behind: 补交 today, the amount offered is what June still lacks.
  const june = await browser.$("//tr[.//button[@data-testid='dues-member'][contains(., '黄静')]]//*[@data-testid='dues-month-6']");
  await june.waitForDisplayed({ timeout: 10_000 });
  assert.equal(await june.getText(), '未交');
  await clickWhenFree(june, 'June of 黄静');
  const dialog = await byTestId(browser, 'dues-pay-dialog');
  assert.match(await dialog.getText(), /黄静 2026-06/);
  const amount = await inputOf(browser, 'dues-pay-amount');
  assert.match(await amount.getValue(), /^\d+\.\d{2}$/);
  await clickOn(browser, 'dues-pay-save');
  await browser.waitUntil(async () => (await june.getText()) !== '未交', {
    timeout: 10_000,
    timeoutMsg: 'June was not shown as paid',
  });
  await browser.waitUntil(async () => !(await (await browser.$('[data-testid="dues-arrears"]')).isDisplayed().catch(() => false)), {
    timeout: 10_000,
    timeoutMsg: 'the 党费 page still warns of 黄静',
  });
  await browser.saveScreenshot(join(app.dir, 'dues.png'));

  const after = await alarmTexts();
  assert.ok(!after.some((t) => t.includes('黄静')), after.join(' | '));
});

test('a payment above the month’s dues is refused in Chinese and nothing is recorded', async () => {
  await clickOn(browser, 'nav-dues');
  const july = await browser.$("//tr[.//button[@data-testid='dues-member'][contains(., '黄静')]]//*[@data-testid='dues-month-7']");
  await july.waitForDisplayed({ timeout: 20_000 });
  const julyBefore = await july.getText();
  await clickWhenFree(july, 'July of 黄静');
  await byTestId(browser, 'dues-pay-dialog');
  const amount = await typeInto(browser, 'dues-pay-amount', '99999');
  await browser.waitUntil(async () => (await amount.getValue()) === '99999', {
    timeout: 5_000,
    timeoutMsg: 'the amount never reached the field',
  });
  await clickOn(browser, 'dues-pay-save');
  // While the field is emptied and typed into, the form's own rule may show 「请填写…」 for a
  // moment; what counts is the core's refusal once 保存 is pressed.
  const errorText = () =>
    browser.execute(() => [...document.querySelectorAll('[data-testid="dues-pay-dialog"] .el-form-item__error')].map((e) => e.textContent.trim()).join(' | '));
  await browser.waitUntil(async () => /超过该月应交党费/.test(await errorText()), {
    timeout: 10_000,
    timeoutMsg: 'no refusal naming the month’s dues',
  });
  assert.ok(await (await byTestId(browser, 'dues-pay-dialog')).isDisplayed(), 'the dialog stays open');

  // Closed without saving, July is as it was.
  await clickOn(browser, 'dues-pay-cancel');
  await (await byTestId(browser, 'dues-pay-dialog')).waitForDisplayed({ reverse: true, timeout: 10_000 });
  assert.equal(await july.getText(), julyBefore);
});
