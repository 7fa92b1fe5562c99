// The roster import through the real window: a .csv written here is chosen in 导入花名册,
// its columns recognised, previewed as two new members, imported, and both are on the roster.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { appOn, byTestId, clickOn, openWith, textsOf, typeInto, openDemo } from './harness.mjs';

let app;
let browser;
/** The file the open dialog answers with (its test seam). */
let file;

before(async () => {
  const files = join(process.env.ZHIBU_E2E_DIR, 'import-files');
  mkdirSync(files, { recursive: true });
  file = join(files, '新调入党员.csv');
  app = await appOn('import', { env: { ZHIBU_TEST_OPEN_FILE: file } });
  browser = await app.open();
  await openDemo(browser);
});

after(async () => {
  await app?.stop();
});

/** A 身份证号 with its GB 11643 check character, for someone born on `birth` (YYYYMMDD). */
function idNumber(area, birth, seq, male) {
  const first17 = `${area}${birth}${String(seq).padStart(2, '0')}${male ? 1 : 2}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const NEW_MEMBERS = ['钱晓燕', '孙立新'];

async function rosterNames() {
  await byTestId(browser, 'roster-table');
  return textsOf(browser, 'member-name');
}

test('a roster .csv is previewed, imported, and its members are on the roster', async () => {
  writeFileSync(
    file,
    '姓名,性别,出生日期,身份证号,人员类别,入党日期,转正日期,所在党小组,联系电话\n' +
      `钱晓燕,女,1991-02-14,${idNumber('500118', '19910214', 77, false)},正式党员,2015-06-30,2016-06-30,第一党小组（综合窗口）,13800005555\n` +
      `孙立新,男,1996-09-03,${idNumber('500118', '19960903', 78, true)},预备党员,2026-03-01,,第二党小组（审批服务）,13800006666\n`,
  );

  await clickOn(browser, 'nav-members');
  await browser.waitUntil(async () => (await rosterNames()).length > 0, { timeout: 10_000, timeoutMsg: 'the roster never loaded' });
  for (const name of NEW_MEMBERS) assert.ok(!(await rosterNames()).includes(name), `${name} is not on the roster yet`);

  await openWith(browser, 'import-members', 'roster-import-dialog');
  // 选择文件 opens the native open dialog, answered by its test seam with the file above.
  await clickOn(browser, 'import-choose');

  const fileName = await byTestId(browser, 'import-file-name', 15_000);
  assert.match(await fileName.getText(), /新调入党员\.csv/);
  await byTestId(browser, 'import-mapping');
  await clickOn(browser, 'import-preview');
  const fresh = await byTestId(browser, 'import-count-new', 15_000);
  await browser.waitUntil(async () => (await fresh.getText()) === '新增 2 人', {
    timeout: 15_000,
    timeoutMsg: 'the preview never counted two new members',
  });
  assert.match(await (await byTestId(browser, 'import-count-invalid')).getText(), /0/);
  assert.deepEqual(await textsOf(browser, 'import-row-outcome'), ['新增', '新增']);

  await clickOn(browser, 'import-commit');
  const result = await byTestId(browser, 'import-result', 15_000);
  assert.match(await result.getText(), /2/);
  await browser.keys('Escape');
  await (await browser.$('[data-testid="roster-import-dialog"]')).waitForDisplayed({ reverse: true, timeout: 10_000 });

  for (const name of NEW_MEMBERS) {
    await typeInto(browser, 'roster-search', name);
    await browser.waitUntil(
      async () => {
        const names = await rosterNames();
        return names.length === 1 && names[0] === name;
      },
      { timeout: 10_000, timeoutMsg: `${name} never showed on the roster` },
    );
  }
});
