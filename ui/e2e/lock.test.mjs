// The secretary password through the real window: setting it shows a recovery key, 锁定 covers
// the app, a wrong password is refused in Chinese, the right one opens it; after a restart the
// app starts locked, 我的学时 stays open to members, and the recovery key resets the password.
// A second start on the same database shows the running window and ends.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { appOn, byTestId, clickOn, typeInto } from './harness.mjs';

const PASSWORD = 'zhibu-2026-书记';
const NEW_PASSWORD = 'another-2026-密码';

let app;
let browser;

before(async () => {
  app = await appOn('lock');
  browser = await app.open();
});

after(async () => {
  await app?.stop();
});

async function gone(id, timeout = 10_000) {
  const el = await browser.$(`[data-testid="${id}"]`);
  await el.waitForDisplayed({ timeout, reverse: true });
}

async function unlockWith(password) {
  await typeInto(browser, 'lock-password', password);
  await clickOn(browser, 'lock-unlock');
}

test('the password locks and unlocks the app, and the recovery key resets it', async () => {
  await clickOn(browser, 'use-demo', 20_000);
  await byTestId(browser, 'branch-name', 20_000);
  await clickOn(browser, 'nav-settings');
  await byTestId(browser, 'security-panel');

  // Too short: refused under the form, nothing set.
  await typeInto(browser, 'security-password', '1234567');
  await typeInto(browser, 'security-confirm', '1234567');
  await clickOn(browser, 'security-set');
  assert.match(await (await byTestId(browser, 'security-error')).getText(), /至少 8 个字符/);

  await typeInto(browser, 'security-password', PASSWORD);
  await typeInto(browser, 'security-confirm', PASSWORD);
  await clickOn(browser, 'security-set');
  const recoveryKey = (await (await byTestId(browser, 'recovery-key')).getText()).trim();
  assert.match(recoveryKey, /^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  await clickOn(browser, 'recovery-key-done');
  await byTestId(browser, 'security-status');

  // 锁定 in the header covers everything.
  await clickOn(browser, 'header-lock');
  await byTestId(browser, 'lock-screen');
  await gone('branch-name');

  await unlockWith('not the password');
  assert.equal(await (await byTestId(browser, 'lock-error')).getText(), '密码：密码不正确');
  await byTestId(browser, 'lock-screen');

  await unlockWith(PASSWORD);
  await byTestId(browser, 'branch-name');
  await gone('lock-screen');
  // Back on the page that was open (设置 → 安全), kept under the lock, and who unlocked is named.
  await byTestId(browser, 'security-status');
  assert.match(await (await byTestId(browser, 'header-operator')).getText(), /操作人：组织委员/);

  // A restart opens locked; members still reach 我的学时 without the password.
  await app.close();
  browser = await app.open();
  await byTestId(browser, 'lock-screen', 20_000);
  await clickOn(browser, 'lock-my-hours');
  await byTestId(browser, 'my-hours-form');
  await clickOn(browser, 'my-hours-back');
  await byTestId(browser, 'lock-screen');

  // The recovery key, typed loosely, sets a new password and opens the app.
  await clickOn(browser, 'lock-forgot');
  await typeInto(browser, 'lock-recovery-key', recoveryKey.toLowerCase().replaceAll('-', ' '));
  await typeInto(browser, 'lock-new-password', NEW_PASSWORD);
  await typeInto(browser, 'lock-confirm-password', NEW_PASSWORD);
  await clickOn(browser, 'lock-recover');
  const renewed = (await (await byTestId(browser, 'recovery-key')).getText()).trim();
  assert.notEqual(renewed, recoveryKey);
  await clickOn(browser, 'recovery-key-done');
  await byTestId(browser, 'branch-name');

  // The data is all there: a member's record opens with the phone in full (sealed at rest).
  await clickOn(browser, 'nav-members');
  await byTestId(browser, 'roster-table');
  await clickOn(browser, 'member-name');
  const phone = await (await byTestId(browser, 'detail-phone')).getText();
  assert.match(phone, /^1\d{10}$/);
});

test('a second start on the same database hands over to the running window and ends', async () => {
  await byTestId(browser, 'branch-name');
  const second = spawn(process.env.ZHIBU_APP, [], {
    env: { ...process.env, ZHIBU_DB: join(app.dir, 'zhibu.sqlite3'), XDG_DATA_HOME: join(app.dir, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  second.stdout.on('data', (d) => {
    out += d;
  });
  const code = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      second.kill();
      reject(new Error('the second start kept running'));
    }, 30_000);
    second.once('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  assert.equal(code, 0);
  assert.match(out, /已在运行/);
  // The first window carries on.
  await byTestId(browser, 'branch-name');
});
