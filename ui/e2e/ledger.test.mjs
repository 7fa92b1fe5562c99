// The 台账 through the real window: from 导出年度台账 on the 工作台, the workbook saved where she
// chooses (the save dialog answered by its test seam) with 「打开所在文件夹」, and the year's seven
// sections on numbered A4 pages, masked unless asked for in full; the 学时单 saved the same way
// from the 学时 page.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { appOn, byTestId, clickOn, openWith, textsOf, openDemo } from './harness.mjs';

const BRANCH = '永川区行政服务中心党支部';

let app;
let browser;
let saves;

before(async () => {
  // The save dialog cannot be driven; its seam answers with <saves>/<the proposed name>.
  saves = join(process.env.ZHIBU_E2E_DIR, 'ledger-saves');
  mkdirSync(saves, { recursive: true });
  app = await appOn('ledger', { env: { ZHIBU_TEST_SAVE_DIR: saves } });
  browser = await app.open();
  await openDemo(browser);
});

after(async () => {
  await app?.stop();
});

test('打印预览 shows the seven sections of the year on numbered pages', async () => {
  await clickOn(browser, 'nav-home');
  await openWith(browser, 'ledger-open', 'ledger-dialog');
  await clickOn(browser, 'ledger-print-open');
  await byTestId(browser, 'ledger-print', 15_000);
  await browser.waitUntil(async () => (await textsOf(browser, 'ledger-section-title')).length === 7, {
    timeout: 20_000,
    timeoutMsg: 'the seven sections never showed',
  });
  assert.deepEqual(await textsOf(browser, 'ledger-section-title'), [
    `${BRANCH} 2026年 党员花名册`,
    `${BRANCH} 2026年 “三会一课”记录`,
    `${BRANCH} 2026年 主题党日记录`,
    `${BRANCH} 2026年 活动记录`,
    `${BRANCH} 2026年 党员学时登记`,
    `${BRANCH} 2026年 党费收缴情况公布`,
    `${BRANCH} 2026年度“四强”党支部自评报告`,
  ]);
  // The demo year runs over more than one page a section somewhere; every page is numbered
  // out of the same total.
  const numbers = await textsOf(browser, 'ledger-page-number');
  assert.ok(numbers.length > 7, `more pages than sections, saw ${numbers.length}`);
  numbers.forEach((n, i) => assert.equal(n, `第 ${i + 1} 页，共 ${numbers.length} 页`));
  // Cut where the rows really end: no page's body runs past its foot.
  const overflowing = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="ledger-page"] .ledger-page__body')]
      .map((body, i) => (body.scrollHeight > body.clientHeight + 1 ? i + 1 : 0))
      .filter(Boolean),
  );
  assert.deepEqual(overflowing, [], 'pages whose rows run past the foot');
  const firstPage = await (await browser.$('[data-testid="ledger-page"]')).getText();
  assert.match(firstPage, new RegExp(`${BRANCH} 2026年度台账 · 花名册`));
  assert.match(firstPage, /\*{18}/, '身份证号 masked');
  assert.doesNotMatch(firstPage, /\d{6}\*{8}|\*{8}\d{3}[\dX]/, 'no digit of a 身份证号 is shown');
  await browser.saveScreenshot(join(app.dir, 'ledger-print.png'));

  await clickOn(browser, 'ledger-print-back');
  await byTestId(browser, 'ledger-open');
});

test('导出 saves the workbook under the proposed name where she chose, then offers 打开所在文件夹', async () => {
  await clickOn(browser, 'nav-home');
  await openWith(browser, 'ledger-open', 'ledger-dialog');
  await clickOn(browser, 'ledger-export');
  const path = await byTestId(browser, 'saved-file-path', 20_000);
  const file = join(saves, `${BRANCH}2026年台账.xlsx`);
  assert.equal(await path.getText(), file);
  assert.ok(existsSync(file), `${file} was written`);
  assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'an .xlsx (zip) workbook');
  const reveal = await byTestId(browser, 'saved-file-reveal');
  assert.equal(await reveal.getText(), '打开所在文件夹');
  await browser.saveScreenshot(join(app.dir, 'ledger-saved.png'));
});

/** Closes every saved-file notice through the page (a resting pointer keeps one open). */
async function closeSavedNotices() {
  await browser.execute(() => {
    for (const b of document.querySelectorAll('.saved-file-notice .el-notification__closeBtn')) b.click();
  });
  await browser.waitUntil(async () => !(await (await browser.$('[data-testid="saved-file"]')).isDisplayed().catch(() => false)), {
    timeout: 15_000,
    timeoutMsg: 'the saved-file notice stayed',
  });
}

test('导出学时单 on the 学时 page saves <branch>-<year>年学时单.xlsx, then offers 打开所在文件夹', async () => {
  await closeSavedNotices();
  await clickOn(browser, 'nav-study');
  await byTestId(browser, 'study-table', 20_000);
  await clickOn(browser, 'study-export');
  const path = await byTestId(browser, 'saved-file-path', 20_000);
  const file = join(saves, `${BRANCH}-2026年学时单.xlsx`);
  assert.equal(await path.getText(), file);
  assert.ok(existsSync(file), `${file} was written`);
  assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'an .xlsx (zip) workbook');
  assert.equal(await (await byTestId(browser, 'saved-file-reveal')).getText(), '打开所在文件夹');
  await closeSavedNotices();
});
