// 四强 through the real window: the demo year's dashboard; confirming 打造支部党建品牌 with a
// note and a volunteer activity as evidence turns it 已达标 and raises 作用发挥强 and the overall.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { appOn, byTestId, clickOn, inputOf, textsOf, typeInto, openDemo } from './harness.mjs';

const ITEM = 'branch_brand';
const NOTE = '“阳光政务”党建品牌在中心党员大会上发布，志愿服务队以品牌名义开展上门帮办';

let app;
let browser;
/** The scores before the confirmation, as the page showed them. */
let before_ = null;

before(async () => {
  app = await appOn('strengths');
  browser = await app.open();
  await openDemo(browser, 'nav-strengths', 'strengths-overall');
});

after(async () => {
  await app?.stop();
});

/** The percentage a test id shows ("50%" → 50). */
async function percentOf(testId) {
  const text = await (await byTestId(browser, testId)).getText();
  const match = /(\d+)%/.exec(text);
  assert.ok(match, `${testId} shows a percentage, saw “${text}”`);
  return Number(match[1]);
}

async function statusOf(itemId) {
  return (await byTestId(browser, `item-status-${itemId}`)).getText();
}

async function waitGone(testId) {
  await (await browser.$(`[data-testid="${testId}"]`)).waitForDisplayed({ reverse: true, timeout: 10_000 });
}

test('the demo year shows the four scores, what is missing and the checklist', async () => {
  before_ = { impact: await percentOf('strength-score-impact'), overall: await percentOf('strengths-overall') };
  for (const key of ['political', 'leadership', 'membership', 'impact']) await byTestId(browser, `strength-card-${key}`);
  await byTestId(browser, 'strengths-radar');
  await byTestId(browser, 'strengths-trend');
  // The demo confirmed the work plan and the duty list; the brand is left for the secretary.
  assert.equal(await statusOf('work_plan'), '已达标');
  assert.equal(await statusOf('duty_list'), '已达标');
  assert.equal(await statusOf(ITEM), '待确认');
  assert.match(await (await byTestId(browser, 'item-evidence-work_plan')).getText(), /支委会/);
  await byTestId(browser, `missing-item-${ITEM}`);
  assert.ok(before_.impact < 100, `作用发挥强 is not full yet, saw ${before_.impact}%`);
});

test('confirming 打造支部党建品牌 with a note and an activity raises 作用发挥强 and the overall', async () => {
  await clickOn(browser, `item-attest-${ITEM}`);
  const dialog = await byTestId(browser, 'attest-dialog');
  assert.match(await dialog.getText(), /打造支部党建品牌/);
  // The secretary confirms by default.
  const by = await inputOf(browser, 'attest-by');
  await browser.waitUntil(async () => (await by.getValue()) !== '', { timeout: 10_000, timeoutMsg: 'the secretary was never filled in' });

  await clickOn(browser, 'attest-activities');
  let option = null;
  await browser.waitUntil(
    async () => {
      for (const el of await browser.$$('[data-testid^="attest-activity-option-"]')) {
        if ((await el.isDisplayed()) && (await el.getText()).includes('志愿服务')) {
          option = el;
          return true;
        }
      }
      return false;
    },
    { timeout: 10_000, timeoutMsg: 'no volunteer activity was offered as evidence' },
  );
  const label = await option.getText();
  await option.click();
  // A click on the dialog's title closes the picker's list, which may open over the note.
  await (await dialog.$('.el-dialog__title')).click();
  await typeInto(browser, 'attest-note', NOTE);
  await clickOn(browser, 'attest-save');
  await waitGone('attest-dialog');

  await browser.waitUntil(async () => (await statusOf(ITEM)) === '已达标', {
    timeout: 10_000,
    timeoutMsg: 'the item never turned 已达标',
  });
  const evidence = await (await byTestId(browser, `item-evidence-${ITEM}`)).getText();
  assert.ok(evidence.includes(NOTE), 'the note is shown with the item');
  assert.ok(evidence.includes(label), `the linked activity “${label}” is shown with the item`);
  const impact = await percentOf('strength-score-impact');
  const overall = await percentOf('strengths-overall');
  assert.ok(impact > before_.impact, `作用发挥强 rose from ${before_.impact}% (now ${impact}%)`);
  assert.ok(overall > before_.overall, `the overall rose from ${before_.overall}% (now ${overall}%)`);
  const missing = await textsOf(browser, `missing-item-${ITEM}`);
  assert.deepEqual(missing, [], 'the item left the list of what is missing');

  // The picture for the README: the dashboard from the top, once the toasts have faded.
  await browser.execute(() => document.querySelector('.shell__main')?.scrollTo(0, 0));
  await browser.waitUntil(async () => (await browser.$$('.el-message')).length === 0, { timeout: 10_000 }).catch(() => {});
  await browser.saveScreenshot(join(app.dir, 'strengths.png'));
});
