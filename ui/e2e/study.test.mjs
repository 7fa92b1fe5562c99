// 学时 through the real window: the demo year's progress table; a member's drawer where the
// secretary sets a PIN and enters hours; 我的学时, where a wrong PIN is refused and the right
// one shows that member's own statement and nobody else's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { appOn, byTestId, clickOn, inputOf, openWith, textsOf, typeInto, choose, openDemo } from './harness.mjs';

const MEMBER = '徐婷';
const PIN = '246810';
/** Demo members who must never appear in 徐婷's statement. */
const OTHERS = ['周建华', '吴刚', '杨丽'];

let app;
let browser;
/** 徐婷's hours after the entry, as the drawer showed them. */
let hoursAfter = null;
let uncountedAfter = null;

before(async () => {
  app = await appOn('study');
  browser = await app.open();
  await openDemo(browser, 'nav-study', 'study-table');
});

after(async () => {
  await app?.stop();
});

/** The names in the 学时 table as shown. */
async function tableNames() {
  return textsOf(browser, 'study-row-name');
}

/** The number a test id shows ("34.5" → 34.5). */
async function numberOf(testId) {
  const text = await (await byTestId(browser, testId)).getText();
  const match = /-?\d+(\.\d+)?/.exec(text);
  assert.ok(match, `${testId} shows a number, saw “${text}”`);
  return Number(match[0]);
}

async function waitGone(testId) {
  await (await browser.$(`[data-testid="${testId}"]`)).waitForDisplayed({ reverse: true, timeout: 10_000 });
}

test('the 学时 page lists every member with hours, target and pace', async () => {
  await browser.waitUntil(async () => (await tableNames()).length >= 20, {
    timeout: 15_000,
    timeoutMsg: 'the table never listed the demo branch’s members',
  });
  const names = await tableNames();
  for (const name of [MEMBER, ...OTHERS]) assert.ok(names.includes(name), `${name} is in the table`);
  const paces = (await textsOf(browser, 'study-row-pace')).join('\n');
  assert.match(paces, /达标|进度正常|落后/, 'each row says where the member stands');
  assert.match(await (await byTestId(browser, 'study-rate')).getText(), /\d+%/);
  assert.match(await (await byTestId(browser, 'study-targets')).getText(), /党员 32 学时/);
  // The picture for the README: wait for the welcome toast to fade.
  await browser.waitUntil(async () => (await browser.$$('.el-message')).length === 0, { timeout: 10_000 }).catch(() => {});
  await browser.saveScreenshot(join(app.dir, 'study.png'));
});

// 学习强国 is recorded and shown beside the target, not counted toward it (the default rules).
async function uncounted(id) {
  const el = await browser.$(`[data-testid="${id}"]`);
  if (!(await el.isExisting())) return 0;
  const m = /另有 ([\d.]+) 学时/.exec(await el.getText());
  return m ? Number(m[1]) : 0;
}

test('in the member’s drawer the secretary sets a PIN and enters 2 学时 of 学习强国, shown beside the target', async () => {
  const rows = await browser.$$('[data-testid="study-row-name"]');
  let row = null;
  for (const el of rows) if ((await el.getText()) === MEMBER) row = el;
  assert.ok(row, `${MEMBER} has a row`);
  await row.click();
  await byTestId(browser, 'study-member');
  const name = await byTestId(browser, 'ledger-name');
  await browser.waitUntil(async () => (await name.getText()) === MEMBER, { timeout: 10_000 });
  const before = await numberOf('ledger-hours');
  const uncountedBefore = await uncounted('ledger-uncounted');

  await openWith(browser, 'ledger-pin', 'pin-dialog');
  await typeInto(browser, 'pin-input', PIN);
  await typeInto(browser, 'pin-again', PIN);
  await clickOn(browser, 'pin-save');
  await waitGone('pin-dialog');
  const pinState = await byTestId(browser, 'ledger-pin-state');
  await browser.waitUntil(async () => (await pinState.getText()) === '已设置个人密码', {
    timeout: 10_000,
    timeoutMsg: 'the drawer never showed the PIN as set',
  });

  await openWith(browser, 'ledger-add', 'entry-dialog');
  await typeInto(browser, 'entry-hours', '2');
  await browser.keys('Tab');
  await choose(browser, 'entry-category', 'entry-category-option-xuexi_qiangguo');
  await typeInto(browser, 'entry-note', '学习强国专题学习');
  await clickOn(browser, 'entry-save');
  await waitGone('entry-dialog');

  await browser.waitUntil(async () => (await uncounted('ledger-uncounted')) === uncountedBefore + 2, {
    timeout: 10_000,
    timeoutMsg: `the hours not counted never went from ${uncountedBefore} to ${uncountedBefore + 2}`,
  });
  assert.equal(await numberOf('ledger-hours'), before, '学习强国 does not count toward the target');
  assert.ok((await textsOf(browser, 'ledger-row-category')).includes('学习强国'), 'the ledger lists the 学习强国 entry');
  assert.ok(await (await browser.$('[data-testid="ledger-row-not-counted"]')).isExisting(), 'the entry is marked 不计入');
  await browser.saveScreenshot(join(app.dir, 'study-member.png'));
  hoursAfter = before;
  uncountedAfter = uncountedBefore + 2;
});

test('我的学时 refuses a wrong PIN and shows only the member’s own statement', async () => {
  await browser.keys('Escape');
  await waitGone('study-member');
  await clickOn(browser, 'study-my-hours');
  await byTestId(browser, 'my-hours-form');
  // Outside the secretary's area: no side menu.
  assert.equal(await (await browser.$('[data-testid="nav-study"]')).isExisting(), false);

  await typeInto(browser, 'my-hours-name', MEMBER);
  await typeInto(browser, 'my-hours-secret', '135790');
  await clickOn(browser, 'my-hours-open');
  const error = await byTestId(browser, 'my-hours-error');
  assert.match(await error.getText(), /姓名或个人密码不正确/);
  assert.equal(await (await browser.$('[data-testid="my-hours-statement"]')).isExisting(), false);

  await typeInto(browser, 'my-hours-secret', PIN);
  await clickOn(browser, 'my-hours-open');
  await byTestId(browser, 'my-hours-statement');
  assert.equal(await (await byTestId(browser, 'my-hours-member')).getText(), MEMBER);
  assert.equal(await numberOf('my-hours-hours'), hoursAfter, 'the statement shows the same hours as the secretary’s drawer');
  assert.equal(await uncounted('my-hours-uncounted'), uncountedAfter, 'and the same hours not counted');
  const page = await (await byTestId(browser, 'my-hours-page')).getText();
  assert.match(page, /学习强国/);
  for (const other of OTHERS) assert.ok(!page.includes(other), `the statement does not show ${other}`);
  await browser.saveScreenshot(join(app.dir, 'my-hours.png'));

  await clickOn(browser, 'my-hours-exit');
  await byTestId(browser, 'my-hours-form');
  assert.equal(await (await browser.$('[data-testid="my-hours-statement"]')).isExisting(), false);
  assert.equal(await (await inputOf(browser, 'my-hours-name')).getValue(), '', 'the name typed is forgotten');

  await clickOn(browser, 'my-hours-back');
  await byTestId(browser, 'study-table');
});
