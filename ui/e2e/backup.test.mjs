// Backups through the real window: the daily backup taken on start is listed, 立即备份 adds a
// checked copy, and restoring it after a change brings the data back as it was.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appOn, byTestId, clickOn, clickWhenFree, textsOf, typeInto } from './harness.mjs';

let app;
let browser;

before(async () => {
  app = await appOn('backup');
  browser = await app.open();
});

after(async () => {
  await app?.stop();
});

async function groupNames() {
  await byTestId(browser, 'groups-table');
  return textsOf(browser, 'group-row-name');
}

test('a backup made through the window restores the data it held', async () => {
  await clickOn(browser, 'use-demo', 20_000);
  await byTestId(browser, 'branch-name');
  await clickOn(browser, 'nav-settings');
  await byTestId(browser, 'backup-table');
  // The day's automatic backup, taken in the background on start.
  await browser.waitUntil(async () => (await textsOf(browser, 'backup-kind')).includes('每日自动备份'), {
    timeout: 15_000,
    timeoutMsg: 'no daily backup listed',
  });
  const before = (await textsOf(browser, 'backup-row')).length;

  await clickOn(browser, 'backup-create');
  await browser.waitUntil(async () => (await textsOf(browser, 'backup-row')).length === before + 1, {
    timeout: 15_000,
    timeoutMsg: 'the new backup never appeared',
  });
  // Newest first: the backup just made.
  assert.equal((await textsOf(browser, 'backup-kind'))[0], '手动备份');

  // A change after the backup: a fifth party group.
  const groupsBefore = await groupNames();
  await clickOn(browser, 'add-group');
  await typeInto(browser, 'group-name', '第五党小组');
  await clickOn(browser, 'group-save');
  await browser.waitUntil(async () => (await groupNames()).includes('第五党小组'), { timeout: 10_000 });

  // Restore the manual backup (the newest row): the comparison first, then the data as it was.
  const restore = await browser.$$('[data-testid="backup-restore"]');
  // The group dialog may still be fading out over the list.
  await clickWhenFree(restore[0], 'clicking the newest backup\'s 恢复');
  const compare = await byTestId(browser, 'backup-compare');
  assert.match(await compare.getText(), /永川区行政服务中心党支部/);
  await clickOn(browser, 'backup-restore-confirm');
  await browser.waitUntil(
    async () => {
      try {
        const names = await groupNames();
        return names.length === groupsBefore.length && !names.includes('第五党小组');
      } catch {
        return false; // the window is reloading
      }
    },
    { timeout: 20_000, timeoutMsg: 'the restored data never showed' },
  );
  // The data replaced was backed up first.
  await browser.waitUntil(async () => (await textsOf(browser, 'backup-kind')).includes('恢复前备份'), {
    timeout: 10_000,
    timeoutMsg: 'no 恢复前备份 listed',
  });
});
