// The .deb as a secretary installs it: `apt install ./zhibu_*.deb` on this machine, the
// installed app started from /usr/bin under Xvfb renders its first page (the first-run choice)
// and keeps its data in the user's data folder; then `apt purge` removes the app and leaves
// that folder and its database in place. Runs when ZHIBU_DEB names the package (the CI's
// installer step builds it with scripts/build-installers); skipped otherwise.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appOn, byTestId, clickOn } from './harness.mjs';

const deb = process.env.ZHIBU_DEB ? resolve(process.env.ZHIBU_DEB) : null;
const skip = deb ? false : 'ZHIBU_DEB is not set: build the installers with scripts/build-installers';
const asRoot = process.getuid?.() === 0 ? [] : ['sudo'];
const INSTALLED = '/usr/bin/zhibu-app';

function apt(...args) {
  const [cmd, ...rest] = [...asRoot, 'apt-get', '-y', '-q', ...args];
  return execFileSync(cmd, rest, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function installed() {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', 'zhibu'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes(
      'install ok installed',
    );
  } catch {
    return false;
  }
}

let app = null;

before(() => {
  if (skip) return;
  // A package left from an earlier run would make this an upgrade, not an install.
  if (installed()) apt('purge', 'zhibu');
});

after(async () => {
  await app?.stop();
  if (!skip && installed()) apt('purge', 'zhibu');
});

test('the .deb installs, its app renders the first page, and purging it keeps the data', { skip, timeout: 300_000 }, async () => {
  // Its declared dependencies come with it (WebKitGTK is already on this machine, so apt has
  // only to check them); the package is named zhibu, not after the Chinese product name.
  assert.match(execFileSync('dpkg-deb', ['-f', deb, 'Package', 'Depends'], { encoding: 'utf8' }), /^Package: zhibu\nDepends: .*libwebkit2gtk-4\.1-0/m);
  apt('install', deb);
  assert.ok(installed(), 'dpkg lists zhibu as installed');
  assert.ok(existsSync(INSTALLED), 'the app is in /usr/bin');
  assert.ok(existsSync('/usr/bin/zhibu'), 'so is the command line');
  const entry = readFileSync('/usr/share/applications/zhibu.desktop', 'utf8');
  assert.match(entry, /^Name=支部工作台$/m);
  assert.match(entry, /^Categories=Office;/m);
  assert.match(entry, /^Exec=zhibu-app$/m);
  assert.ok(existsSync('/usr/share/icons/hicolor/128x128/apps/zhibu-app.png'), 'its icon is installed');
  assert.match(execFileSync('/usr/bin/zhibu', ['--version'], { encoding: 'utf8' }), /zhibu 0\./);

  app = await appOn('installed', { application: INSTALLED, defaultDb: true });
  const browser = await app.open();
  // A user's first start: the first-run choice, in Chinese.
  const choice = await byTestId(browser, 'use-demo', 30_000);
  assert.equal(await choice.getText(), '使用演示数据');
  await clickOn(browser, 'use-demo');
  await byTestId(browser, 'roster-table', 30_000);
  await app.close();

  const dataDir = join(app.dir, 'data', 'cn.zhibu.desktop');
  const db = join(dataDir, 'zhibu.sqlite3');
  assert.ok(existsSync(db), `the database is in the user's data folder (${dataDir})`);

  apt('purge', 'zhibu');
  assert.ok(!installed(), 'dpkg no longer lists zhibu');
  assert.ok(!existsSync(INSTALLED), 'the app is gone from /usr/bin');
  assert.ok(existsSync(db), 'the data folder and its database are left in place');
  assert.equal(readFileSync(db).subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
});
