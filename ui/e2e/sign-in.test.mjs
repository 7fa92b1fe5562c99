// The 签到表 of a planned session through the real window: next month's 支委会 lists the
// branch committee, each to sign, with the day asked for.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { appOn, byTestId, choose, clickOn, openWith, textsOf, typeDate, openDemo } from './harness.mjs';

/** The demo branch's committee: 书记, 副书记, 组织, 宣传 and 纪检委员. */
const COMMITTEE = ['周建华', '李晓红', '王志强', '陈敏', '刘洋'];

let app;
let browser;

before(async () => {
  app = await appOn('sign-in');
  browser = await app.open();
  await openDemo(browser);
});

after(async () => {
  await app?.stop();
});

test('the 签到表 of a planned 支委会 lists the committee to sign', async () => {
  await clickOn(browser, 'nav-sessions');
  await byTestId(browser, 'session-table');
  await openWith(browser, 'sign-in-open', 'sign-in-dialog');
  await choose(browser, 'sign-in-kind', 'sign-in-kind-option-committee_meeting');
  await typeDate(browser, 'sign-in-date', '2026-12-03');

  const sheet = await byTestId(browser, 'sign-in-sheet', 15_000);
  await browser.waitUntil(async () => (await sheet.getText()).includes('2026-12-03'), {
    timeout: 15_000,
    timeoutMsg: 'the sheet never showed the day asked for',
  });
  await browser.waitUntil(async () => (await textsOf(browser, 'sign-in-row')).length === COMMITTEE.length, {
    timeout: 10_000,
    timeoutMsg: 'the sheet never listed the committee',
  });
  const rows = await textsOf(browser, 'sign-in-row');
  for (const name of COMMITTEE) {
    assert.equal(rows.filter((r) => r.includes(name)).length, 1, `${name} is listed once in ${rows.join(' / ')}`);
  }
  assert.match(await (await byTestId(browser, 'sign-in-title')).getText(), /永川区行政服务中心党支部.*签到表/);
  assert.match(await (await byTestId(browser, 'sign-in-expected')).getText(), /5/);
  assert.ok(await (await byTestId(browser, 'sign-in-print')).isEnabled());
  await browser.saveScreenshot(join(app.dir, 'sign-in.png'));
});
