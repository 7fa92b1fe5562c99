// The 支部委员会 page through the real window: the demo branch's 书记, 副书记 and 委员 with
// their 任职日期, and a 委员 added from a date; the change is logged under the 操作人.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { appOn, byTestId, clickOn, textsOf, TODAY, choose, openDemo } from './harness.mjs';

let app;
let browser;

before(async () => {
  app = await appOn('committee');
  browser = await app.open();
  await openDemo(browser);
});

after(async () => {
  await app?.stop();
});

test('the committee page lists the 书记, 副书记 and 委员 with their 任职日期', async () => {
  await clickOn(browser, 'nav-committee');
  await byTestId(browser, 'committee-page');
  await browser.waitUntil(async () => (await textsOf(browser, 'committee-seat-name')).length >= 3, {
    timeout: 10_000,
    timeoutMsg: 'the demo committee never showed',
  });
  const secretary = await byTestId(browser, 'committee-line-secretary');
  assert.equal((await secretary.$$('[data-testid="committee-seat"]')).length, 1, 'one 书记');
  for (const from of await textsOf(browser, 'committee-seat-from')) assert.match(from, /^\d{4}-\d{2}-\d{2}$/);
  await browser.saveScreenshot(join(app.dir, 'committee.png'));
});

test('a 委员 set from today joins the committee and the change log names the 操作人', async () => {
  const seated = await textsOf(browser, 'committee-seat-name');
  await clickOn(browser, 'committee-set-member');
  const names = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid^="committee-set-member-option-"]')].map((e) =>
      e.getAttribute('data-testid').slice('committee-set-member-option-'.length),
    ),
  );
  const newcomer = names.find((n) => !seated.includes(n));
  assert.ok(newcomer, `a 正式党员 outside the committee among ${names.join('、')}`);
  await clickOn(browser, `committee-set-member-option-${newcomer}`);
  await choose(browser, 'committee-set-role', 'committee-set-role-option-committee_member');
  await clickOn(browser, 'committee-set-save');
  await browser.waitUntil(async () => (await textsOf(browser, 'committee-seat-name')).includes(newcomer), {
    timeout: 10_000,
    timeoutMsg: `${newcomer} never joined the committee`,
  });
  const names2 = await textsOf(browser, 'committee-seat-name');
  const froms = await textsOf(browser, 'committee-seat-from');
  assert.equal(froms[names2.indexOf(newcomer)], TODAY);

  // The change log in the file names the 操作人 chosen for the window, not the program.
  const actor = execFileSync('sqlite3', [join(app.dir, 'zhibu.sqlite3'), 'SELECT actor FROM change_log ORDER BY seq DESC LIMIT 1'])
    .toString()
    .trim();
  assert.equal(actor, '组织委员');
});
