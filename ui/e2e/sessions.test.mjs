// 三会一课 through the real window: the demo year shows met, open and missed periods on the
// 工作台; logging this month's 支委会 with its attendance turns its cell met.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { appOn, byTestId, clickOn, inputOf, textsOf, typeInto, typeDate, choose, openDemo } from './harness.mjs';

const NOVEMBER_COMMITTEE = 'cell-committee_meeting-2026-11';

let app;
let browser;

before(async () => {
  app = await appOn('sessions');
  browser = await app.open();
  await openDemo(browser, 'nav-home', 'year-grid');
});

after(async () => {
  await app?.stop();
});

async function statusOf(testId) {
  return (await byTestId(browser, testId)).getAttribute('data-status');
}

async function statusesInGrid() {
  const cells = await browser.$$('[data-testid="year-grid"] [data-status]');
  const seen = new Set();
  for (const cell of cells) seen.add(await cell.getAttribute('data-status'));
  return seen;
}

test('the demo year shows met, open and missed periods and what is due soon', async () => {
  const seen = await statusesInGrid();
  for (const status of ['met', 'open', 'missed']) assert.ok(seen.has(status), `the grid shows a ${status} period`);
  // April's 支委会 was not held in the demo year; this month's is still open.
  assert.equal(await statusOf('cell-committee_meeting-2026-04'), 'missed');
  assert.equal(await statusOf(NOVEMBER_COMMITTEE), 'open');
  const due = (await textsOf(browser, 'due-item')).join('\n');
  assert.match(due, /支委会/, 'this month’s 支委会 is listed as due soon');
  await browser.saveScreenshot(join(app.dir, 'workbench.png'));
});

test('a cell opens the sessions behind it', async () => {
  await clickOn(browser, 'cell-committee_meeting-2026-10');
  await byTestId(browser, 'session-ids-alert');
  const kinds = await textsOf(browser, 'session-row-kind');
  assert.deepEqual(kinds, ['支委会']);
  assert.match((await textsOf(browser, 'session-row-date')).join(), /^2026-10-08/);
});

test('a missed cell opens the form for its kind and period', async () => {
  await clickOn(browser, 'nav-home');
  await clickOn(browser, 'cell-committee_meeting-2026-04');
  const dialog = await byTestId(browser, 'session-dialog');
  await dialog.waitForDisplayed({ timeout: 10_000 });
  const date = await inputOf(browser, 'session-date');
  await browser.waitUntil(async () => (await date.getValue()) === '2026-04-30', {
    timeout: 10_000,
    timeoutMsg: 'the form did not start on the missed month’s last day',
  });
  assert.match((await textsOf(browser, 'session-kind')).join(), /支委会/);
  await clickOn(browser, 'session-cancel');
  await dialog.waitForDisplayed({ reverse: true, timeout: 10_000 });
});

test('logging this month’s 支委会 with attendance turns its cell met', async () => {
  await clickOn(browser, 'nav-sessions');
  await clickOn(browser, 'session-new');
  await byTestId(browser, 'session-dialog');
  await choose(browser, 'session-kind', 'session-kind-option-committee_meeting');
  await typeDate(browser, 'session-date', '2026-11-20');
  await typeInto(browser, 'session-place', '中心三楼会议室');

  // Everyone on the committee is present by default; one member asks for leave.
  const headcount = await byTestId(browser, 'session-headcount');
  await browser.waitUntil(async () => /应到/.test(await headcount.getText()), {
    timeout: 10_000,
    timeoutMsg: 'the form never showed who should attend',
  });
  const rows = await browser.$$('[data-testid^="attendance-row-"]');
  assert.ok(rows.length >= 3, `the committee has at least three members, saw ${rows.length}`);
  const lastId = (await rows[rows.length - 1].getAttribute('data-testid')).replace('attendance-row-', '');
  await clickOn(browser, `attendance-${lastId}-leave`);
  await typeInto(browser, `attendance-reason-${lastId}`, '外出培训');
  const quorum = await byTestId(browser, 'session-quorum');
  await browser.waitUntil(async () => (await quorum.getAttribute('class')).includes('is-met'), {
    timeout: 10_000,
    timeoutMsg: 'the quorum line never showed the meeting as valid',
  });

  await clickOn(browser, 'session-save');
  await (await browser.$('[data-testid="session-dialog"]')).waitForDisplayed({ reverse: true, timeout: 10_000 });

  await clickOn(browser, 'nav-home');
  await browser.waitUntil(async () => (await statusOf(NOVEMBER_COMMITTEE)) === 'met', {
    timeout: 10_000,
    timeoutMsg: 'the November 支委会 cell never turned met',
  });
});
