// 发展党员 through the real window: the demo branch's path with its blockers in Chinese, and an
// overdue superior approval recorded, after which the 预备党员's next step is the 转正.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { appOn, byTestId, clickOn, clickWhenFree } from './harness.mjs';

let app;
let browser;

before(async () => {
  app = await appOn('pipeline');
  browser = await app.open();
  await clickOn(browser, 'use-demo', 20_000);
  await byTestId(browser, 'roster-table', 30_000);
});

after(async () => {
  await app?.stop();
});

/** The table row of a person on the path. */
const row = (name) => browser.$(`//tr[.//*[@data-testid='pipeline-name'][text()='${name}']]`);

test('each person’s next step with what holds it back; an approval recorded moves 唐浩然 on', async () => {
  await clickOn(browser, 'nav-pipeline');
  await byTestId(browser, 'pipeline-table', 20_000);
  const activist = await row('彭俊杰');
  await activist.waitForDisplayed({ timeout: 10_000 });
  assert.match(await activist.getText(), /确定为发展对象/);
  assert.match(await activist.getText(), /积极分子培养未满一年，最早 \d{4}-\d{2}-\d{2} 可列为发展对象/);

  const probationary = await row('唐浩然');
  assert.match(await probationary.getText(), /上级党委审批/);
  assert.match(await probationary.getText(), /已逾期/);
  // Let the page transition finish before the picture.
  await browser.pause(800);
  await browser.saveScreenshot(join(app.dir, 'pipeline.png'));

  await clickWhenFree(await probationary.$('[data-testid="pipeline-record"]'), 'recording for 唐浩然');
  await byTestId(browser, 'pipeline-step-dialog');
  await clickOn(browser, 'pipeline-step-save');
  await browser.waitUntil(async () => /预备党员转正/.test(await (await row('唐浩然')).getText()), {
    timeout: 10_000,
    timeoutMsg: 'the next step did not become the 转正',
  });
  assert.doesNotMatch(await (await row('唐浩然')).getText(), /已逾期/);
});
