// 手机查学时 in a real headless Chromium at a phone's size (390×844, WeChat's user agent):
// `zhibu hours serve` on a demo database on 127.0.0.1, the page opened at its address, a wrong
// PIN refused, the right one showing that member's hours and nobody else's, 退出 clearing it.
// Saves a screenshot of the page to docs/phone.png.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { remote } from 'webdriverio';
import { waitForPort } from './ports.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.ZHIBU_CLI ?? join(root, 'target', 'debug', 'zhibu');
const chromium = process.env.ZHIBU_CHROMIUM ?? '/usr/bin/chromium';
const chromedriver = process.env.ZHIBU_CHROMEDRIVER ?? '/usr/bin/chromedriver';
const TODAY = '2026-11-22';
const MEMBER = '王志强';
const PIN = '2468';
/** Demo members who must never appear on 王志强's page. */
const OTHERS = ['周建华', '吴刚', '杨丽', '徐婷'];

const work = mkdtempSync(join(process.env.ZHIBU_E2E_DIR ?? tmpdir(), 'phone-'));
const db = join(work, 'zhibu.sqlite3');
let server = null;
let driver = null;
let browser = null;
let address = '';

function zhibu(...args) {
  const run = spawnSync(cli, ['--db', db, '--today', TODAY, ...args], { encoding: 'utf8', env: { ...process.env, ZHIBU_ACTOR: '组织委员' } });
  assert.equal(run.status, 0, `zhibu ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function byTestId(id, ms = 15_000) {
  const el = await browser.$(`[data-testid="${id}"]`);
  await el.waitForDisplayed({ timeout: ms });
  return el;
}

before(async () => {
  zhibu('demo');
  zhibu('hours', 'pin', MEMBER, PIN);
  server = spawn(cli, ['--db', db, '--today', TODAY, 'hours', 'serve', '--bind', '127.0.0.1', '--port', '0', '--minutes', '10'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: server.stdout });
  address = await new Promise((resolve, reject) => {
    lines.once('line', (line) => {
      const m = /http:\/\/\S+/.exec(line);
      if (m) resolve(m[0]);
      else reject(new Error(`no address in ${line}`));
    });
    server.once('exit', (code) => reject(new Error(`zhibu hours serve ended (${code})`)));
  });
  const port = await freePort();
  driver = spawn(chromedriver, [`--port=${port}`], { stdio: 'ignore' });
  await waitForPort(port, 20_000, 'chromedriver');
  browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    capabilities: {
      browserName: 'chrome',
      'wdio:enforceWebDriverClassic': true,
      'goog:chromeOptions': {
        binary: chromium,
        args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=zh-CN', '--window-size=390,844'],
        mobileEmulation: {
          deviceMetrics: { width: 390, height: 844, pixelRatio: 2 },
          userAgent: 'Mozilla/5.0 (Linux; Android 14; Phone) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36 MicroMessenger/8.0.50',
        },
      },
    },
  });
});

after(async () => {
  if (browser) await Promise.race([browser.deleteSession(), sleep(10_000)]);
  driver?.kill();
  server?.kill();
});

test('a wrong PIN is refused with the same sentence as an unknown name', async () => {
  await browser.url(address);
  await (await byTestId('phone-name')).setValue(MEMBER);
  await (await byTestId('phone-pin')).setValue('9999');
  await (await byTestId('phone-submit')).click();
  const error = await byTestId('phone-error');
  await browser.waitUntil(async () => (await error.getText()) !== '', { timeout: 15_000 });
  assert.equal(await error.getText(), '姓名或密码不正确');
  assert.equal(await (await byTestId('phone-pin')).getValue(), '');
  assert.equal(await browser.$('[data-testid="phone-member"]').isExisting(), false);
});

test('the right PIN shows that member’s hours on a phone-sized page, and nobody else’s', async () => {
  await browser.url(address);
  const { width } = await browser.execute(() => ({ width: window.innerWidth }));
  assert.equal(width, 390);
  await (await byTestId('phone-name')).setValue(MEMBER);
  await (await byTestId('phone-pin')).setValue(PIN);
  await (await byTestId('phone-submit')).click();
  assert.equal(await (await byTestId('phone-member')).getText(), MEMBER);
  const hours = await (await byTestId('phone-hours')).getText();
  assert.match(hours, /^\d+(\.5)?$/);
  // The same figure the command line reports for the member.
  const report = JSON.parse(zhibu('hours', 'report', '--member', MEMBER, '--json'));
  const mine = report.members.find((m) => m.name === MEMBER);
  assert.equal(Number(hours), mine.hours);
  assert.ok((await (await byTestId('phone-attended')).getText()).length > 0);
  const text = await browser.$('body').getText();
  for (const other of OTHERS) assert.ok(!text.includes(other), `${other} shown on ${MEMBER}'s page`);
  // Nothing runs off the side of a phone's screen.
  const { scrollWidth } = await browser.execute(() => ({ scrollWidth: document.documentElement.scrollWidth }));
  assert.ok(scrollWidth <= 390, `page is ${scrollWidth}px wide`);
  mkdirSync(join(root, 'docs'), { recursive: true });
  await browser.saveScreenshot(join(root, 'docs', 'phone.png'));

  await (await byTestId('phone-exit')).click();
  await byTestId('phone-form');
  assert.ok(!(await browser.$('body').getText()).includes(MEMBER));
  assert.equal(await (await byTestId('phone-name')).getValue(), '');
});

test('the look-ups are in the log the secretary reads', () => {
  const log = JSON.parse(zhibu('hours', 'lookups', '--json'));
  const mine = log.filter((l) => l.name_tried === MEMBER);
  assert.deepEqual(mine.map((l) => l.outcome).sort(), ['refused', 'shown']);
  assert.ok(mine.every((l) => l.client === '127.0.0.1'));
});
