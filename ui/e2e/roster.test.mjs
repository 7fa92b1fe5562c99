// The roster through the real window: first run on the demo branch, adding a member through
// the form (with the 身份证号 check), and the member still there after the app restarts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { appOn, byTestId, clickOn, openWith, textsOf, typeInto, typeDate, choose } from './harness.mjs';

let app;
let browser;

before(async () => {
  app = await appOn('roster');
  browser = await app.open();
});

after(async () => {
  await app?.stop();
});

/** The names in the roster table as shown. */
async function rosterNames() {
  await byTestId(browser, 'roster-table');
  return textsOf(browser, 'member-name');
}

async function search(text) {
  await typeInto(browser, 'roster-search', text);
  await browser.waitUntil(
    async () => {
      const names = await rosterNames();
      return names.length > 0 && names.every((n) => n.includes(text));
    },
    { timeout: 10_000, timeoutMsg: `the roster never showed only ${text}` },
  );
}

test('a new install offers the demo branch and opens its roster', async () => {
  const useDemo = await byTestId(browser, 'use-demo', 20_000);
  await useDemo.click();
  const name = await byTestId(browser, 'branch-name');
  await browser.waitUntil(async () => (await name.getText()).includes('永川区行政服务中心党支部'));
  const nav = await byTestId(browser, 'nav-members');
  await nav.click();
  await browser.waitUntil(async () => (await rosterNames()).length > 0, { timeout: 10_000 });
  const counts = await byTestId(browser, 'stage-counts');
  assert.match(await counts.getText(), /24/, 'the demo branch has 24 full members');
  await browser.saveScreenshot(join(app.dir, 'roster.png'));
});

test('the member form checks the 身份证号 and saves the member', async () => {
  await (await byTestId(browser, 'add-member')).click();
  await byTestId(browser, 'member-form');
  await typeInto(browser, 'field-name', '周小梅');
  await (await byTestId(browser, 'gender-female')).click();
  await typeDate(browser, 'field-birth_date', '1995-04-18');
  // 50010719950418002 + a wrong check character.
  await typeInto(browser, 'field-id_number', '500107199504180021');
  await choose(browser, 'field-stage', 'stage-option-activist');
  await (await byTestId(browser, 'member-save')).click();

  const error = await browser.$('.el-form-item__error*=校验位');
  await error.waitForDisplayed({ timeout: 10_000 });
  await browser.saveScreenshot(join(app.dir, 'id-number-error.png'));

  const id = await typeInto(browser, 'field-id_number', '500107199504180025');
  await browser.waitUntil(async () => (await id.getValue()) === '500107199504180025', {
    timeout: 5_000,
    timeoutMsg: 'the corrected 身份证号 never reached the field',
  });
  // On a loaded machine a click landing while the error fades can be lost: click again only
  // while the form is still open and not saving; a refusal is named in the failure.
  const form = await byTestId(browser, 'member-form');
  for (let i = 0; i < 3; i++) {
    await clickOn(browser, 'member-save');
    if (
      await form.waitForDisplayed({ reverse: true, timeout: 8_000 }).then(
        () => true,
        () => false,
      )
    )
      break;
  }
  if (await form.isDisplayed().catch(() => false)) {
    const shown = await browser.execute(() =>
      [
        ...[...document.querySelectorAll('.el-form-item.is-error')].map(
          (item) =>
            `${item.querySelector('.el-form-item__label')?.textContent.trim() ?? '?'}: ${item.querySelector('.el-form-item__error')?.textContent.trim() ?? ''}`,
        ),
        ...[...document.querySelectorAll('.el-message, .el-alert')].map((e) => e.textContent.trim()),
      ].join(' | '),
    );
    throw new Error(`the member form stayed open after 保存; it shows: ${shown || '(no message)'}`);
  }
  await search('周小梅');
});

test('the member is still on the roster after the app restarts', async () => {
  await app.close();
  browser = await app.open();
  // The window may still be settling after its start: click again until the roster shows.
  await byTestId(browser, 'nav-members', 20_000);
  await openWith(browser, 'nav-members', 'roster-search');
  await search('周小梅');
  assert.deepEqual(await rosterNames(), ['周小梅']);
});
