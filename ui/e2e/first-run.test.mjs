// The first run through the real window: the choice between the demo branch and one's own,
// a new branch refused without a name, created with one and greeted by the 入门指南; 设置 →
// 关于 with the version, licence and data file; and the choice made again from 设置 (重新开始),
// the old data backed up first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { appOn, byTestId, clickOn, typeInto } from './harness.mjs';

let app;
let browser;

before(async () => {
  app = await appOn('first-run');
  browser = await app.open();
});

after(async () => {
  await app?.stop();
});

test('the first start asks: the demo branch or one’s own; a nameless branch is refused', async () => {
  await byTestId(browser, 'use-demo', 20_000);
  const create = await byTestId(browser, 'create-branch');
  await browser.saveScreenshot(join(app.dir, 'first-run.png'));
  await create.click();
  // The name's field says what is wrong, in Chinese.
  const error = await browser.$(
    "//label[contains(., '支部名称')]/ancestor::div[contains(@class, 'el-form-item')][1]//div[contains(@class, 'el-form-item__error')]",
  );
  await error.waitForDisplayed({ timeout: 10_000 });
  assert.equal(await error.getText(), '不能为空');
  // Still the first-run page: nothing was created.
  assert.ok(await (await byTestId(browser, 'use-demo')).isDisplayed());
});

test('a new branch opens the 入门指南 with its first steps still to do and the 组长 waiting', async () => {
  await typeInto(browser, 'branch-name-input', '城东社区第一党支部');
  await typeInto(browser, 'branch-superior_org', '城东街道党工委');
  await clickOn(browser, 'create-branch');
  await byTestId(browser, 'guide', 20_000);
  assert.equal(await (await byTestId(browser, 'guide-status-groups')).getText(), '待完成');
  assert.equal(await (await byTestId(browser, 'guide-status-members')).getText(), '待完成');
  // The 组长 waits for members instead of asking for one now.
  assert.equal(await (await byTestId(browser, 'guide-status-leaders')).getText(), '待添加党员后设置');
  const name = await byTestId(browser, 'branch-name');
  assert.match(await name.getText(), /城东社区第一党支部/);
  await browser.saveScreenshot(join(app.dir, 'guide.png'));
});

test('设置 → 关于 shows the version, the licence and the data file', async () => {
  await clickOn(browser, 'nav-settings');
  const about = await byTestId(browser, 'about-panel', 20_000);
  await about.scrollIntoView();
  assert.match(await (await byTestId(browser, 'about-version')).getText(), /程序版本 0\.\d+\.\d+/);
  assert.equal(await (await byTestId(browser, 'about-license')).getText(), 'MIT 开源许可');
  assert.equal(await (await byTestId(browser, 'about-db-path')).getText(), join(app.dir, 'zhibu.sqlite3'));
  await browser.saveScreenshot(join(app.dir, 'about.png'));
});

test('重新开始 backs the branch up and asks the first-run question again', async () => {
  await clickOn(browser, 'start-over');
  const confirm = await browser.$('.el-message-box__btns .el-button--primary');
  await confirm.waitForClickable({ timeout: 10_000 });
  await confirm.click();
  // The window starts afresh on the emptied database: the first-run page again.
  await byTestId(browser, 'use-demo', 30_000);
  await clickOn(browser, 'use-demo', 20_000);
  const name = await byTestId(browser, 'branch-name', 30_000);
  await browser.waitUntil(async () => (await name.getText()).includes('永川区行政服务中心党支部'), { timeout: 20_000 });
  // The branch made first is among the backups, to be restored from 设置.
  await clickOn(browser, 'nav-settings');
  const backups = await byTestId(browser, 'backup-table', 20_000);
  await browser.waitUntil(async () => (await backups.getText()).includes('重新开始前备份'), {
    timeout: 10_000,
    timeoutMsg: 'the backup taken before starting over is not listed',
  });
});
