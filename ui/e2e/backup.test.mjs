// Backups through the real window: the daily backup taken on start is listed, 立即备份 saves a
// checked copy where she chooses (the save dialog answered by its test seam), and restoring that
// file through 从文件恢复… after a change brings the data back as it was.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { appOn, byTestId, clickOn, textsOf, typeInto, openDemo } from './harness.mjs';

let app;
let browser;
let saves;
/** The file the open dialog answers with (its test seam): the saved backup is copied there. */
let opened;

before(async () => {
  saves = join(process.env.ZHIBU_E2E_DIR, 'backup-saves');
  mkdirSync(saves, { recursive: true });
  const elsewhere = join(process.env.ZHIBU_E2E_DIR, 'backup-elsewhere');
  mkdirSync(elsewhere, { recursive: true });
  opened = join(elsewhere, '从U盘拷来的备份.sqlite3');
  app = await appOn('backup', { env: { ZHIBU_TEST_SAVE_DIR: saves, ZHIBU_TEST_OPEN_FILE: opened } });
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
  await openDemo(browser, 'nav-settings', 'backup-table');
  // The day's automatic backup, taken in the background on start.
  await browser.waitUntil(async () => (await textsOf(browser, 'backup-kind')).includes('每日自动备份'), {
    timeout: 15_000,
    timeoutMsg: 'no daily backup listed',
  });
  const before = (await textsOf(browser, 'backup-row')).length;

  await clickOn(browser, 'backup-create');
  const path = await byTestId(browser, 'saved-file-path', 15_000);
  const saved = readdirSync(saves);
  assert.equal(saved.length, 1);
  assert.match(saved[0], /^zhibu-zhibu-\d{8}-\d{6}-manual\.sqlite3$/, 'named as the core names backups');
  const file = join(saves, saved[0]);
  assert.equal(await path.getText(), file);
  assert.ok(existsSync(file));
  assert.equal(await (await byTestId(browser, 'saved-file-reveal')).getText(), '打开所在文件夹');
  // The notice stays a while at the top right; closed, it covers nothing below it.
  // Closed through the page, not the pointer: a pointer resting on a notice keeps it open.
  await browser.execute(() => {
    for (const b of document.querySelectorAll('.saved-file-notice .el-notification__closeBtn')) b.click();
  });
  await browser.waitUntil(async () => !(await (await browser.$('[data-testid="saved-file"]')).isDisplayed().catch(() => false)), {
    timeout: 15_000,
    timeoutMsg: 'the saved-file notice stayed',
  });
  // The automatic backups beside the database are as they were.
  assert.equal((await textsOf(browser, 'backup-row')).length, before);

  // A change after the backup: a fifth party group.
  const groupsBefore = await groupNames();
  await clickOn(browser, 'add-group');
  await typeInto(browser, 'group-name', '第五党小组');
  await clickOn(browser, 'group-save');
  await browser.waitUntil(async () => (await groupNames()).includes('第五党小组'), { timeout: 10_000 });

  // Restore the saved file through 从文件恢复…: the comparison first, then the data as it was.
  // The native open dialog is answered by its test seam with a copy of the saved file.
  copyFileSync(file, opened);
  await clickOn(browser, 'backup-from-file');
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

test('数据检查 finds hours multiplied in the file behind the app’s back and names the table', async () => {
  await clickOn(browser, 'nav-settings');
  await clickOn(browser, 'verify-run');
  await byTestId(browser, 'verify-ok', 15_000);

  // The attacker: the sqlite3 shell on the data file while the app runs.
  execFileSync('sqlite3', [join(app.dir, 'zhibu.sqlite3'), 'UPDATE study_hour_entry SET half_hours = half_hours * 10']);
  await clickOn(browser, 'verify-run');
  await byTestId(browser, 'verify-failed', 15_000);
  const findings = await textsOf(browser, 'verify-finding');
  assert.ok(
    findings.some((f) => f.includes('学时记录') && f.includes('在本程序之外')),
    findings.join(' | '),
  );
});
