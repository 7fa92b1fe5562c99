// 上报 from the secretary's window on a real PostgreSQL server: a throwaway cluster (TLS, its
// own CA) prepared with the CLI (`zhibu superior setup`, `add-branch --file` for the connection
// file the 党委 hands out, `superior publish` of a 党费标准 revision). The demo branch imports
// the connection file in 支部设置 → 上级党委, presses 「立即上报」 and sees 已上报 (and so does
// the 工作台); the 党委's overview (CLI) has the report under the branch's name. The 下发 came
// down with the contact: nothing changed until 「采用」 from a day, then the rule set from that
// day is the 党委's. A CA that is no certificate is refused and the stored connection kept; a
// wrong password or a stranger CA is saved as typed (the panel does not try it) and the push
// fails in Chinese with the report waiting, sent once the connection is right again. Saves
// docs/superior-report.png. PostgreSQL failing to start fails it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { appOn, byTestId, clickOn, inputOf, TODAY, typeDate, typeInto } from './harness.mjs';
import { startCluster, strangerCaPem, urlParts } from './pg.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.ZHIBU_CLI ?? join(root, 'target', 'debug', 'zhibu');
/** The demo branch's name, as the 党委 adds it. */
const BRANCH = '永川区行政服务中心党支部';
const RATES_VERSION = '2027年党费标准（党委下发）';
const ADOPT_FROM = '2027-01-01';

const work = mkdtempSync(join(process.env.ZHIBU_E2E_DIR, 'report-'));
const connectionFile = join(work, 'connection.json');
let cluster = null;
let app = null;
let browser = null;
let reader = null;
let branch = null;
let publicationId = null;

function zhibu(args, env = {}) {
  const run = spawnSync(cli, ['--today', TODAY, ...args], { encoding: 'utf8', env: { ...process.env, ZHIBU_ACTOR: '组织委员', ...env } });
  assert.equal(run.status, 0, `zhibu ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** The app's own database, read by the CLI while the window is open. */
const appDb = () => join(app.dir, 'zhibu.sqlite3');
const ratesInApp = () => JSON.parse(zhibu(['--db', appDb(), 'dues', 'rates', '--json']));
/** The version of the 党费标准 in force on a day, per the app's database. */
const rateInForce = (day) =>
  ratesInApp()
    .filter((s) => s.effective_from <= day)
    .sort((a, b) => a.effective_from.localeCompare(b.effective_from))
    .at(-1)?.version;

before(async () => {
  assert.ok(existsSync(cli), `no CLI at ${cli}: build it with 'cargo build --bin zhibu' (or set ZHIBU_CLI)`);
  cluster = await startCluster();
  const admin = cluster.adminUrl('dangwei_report');
  reader = JSON.parse(zhibu(['superior', 'setup', '--admin-url', admin, '--json'])).reader_url;
  branch = JSON.parse(zhibu(['superior', 'add-branch', BRANCH, '--admin-url', admin, '--file', connectionFile, '--json']));
  // The 党委 publishes a 党费标准 revision: the demo's latest set under a new version.
  const demoDb = join(work, 'demo.sqlite3');
  zhibu(['--db', demoDb, 'demo']);
  const rates = JSON.parse(zhibu(['--db', demoDb, 'dues', 'rates', '--json'])).at(-1);
  const ratesFile = join(work, 'rates.json');
  writeFileSync(ratesFile, JSON.stringify({ ...rates, version: RATES_VERSION }));
  publicationId = JSON.parse(
    zhibu(['superior', 'publish', '--kind', 'dues_rates', '--title', RATES_VERSION, '--file', ratesFile, '--admin-url', admin, '--json']),
  ).id;
  // The open dialog of 「导入连接文件」 answers with the connection file.
  app = await appOn('report', { env: { ZHIBU_TEST_OPEN_FILE: connectionFile } });
  browser = await app.open();
  await clickOn(browser, 'use-demo', 20_000);
  const name = await byTestId(browser, 'branch-name', 20_000);
  await browser.waitUntil(async () => (await name.getText()) === BRANCH, { timeout: 20_000, timeoutMsg: `the demo branch is ${BRANCH}` });
});

after(async () => {
  await app?.stop();
  cluster?.stop();
});

async function openPanel() {
  await clickOn(browser, 'nav-settings');
  const panel = await byTestId(browser, 'superior-panel', 20_000);
  await panel.scrollIntoView();
  return panel;
}

const statusText = async () => (await byTestId(browser, 'superior-status')).getText();

async function waitStatus(pattern, what) {
  await browser
    .waitUntil(async () => pattern.test(await statusText()), { timeout: 30_000, timeoutMsg: `${what}: the status says “${await statusText()}”` })
    .catch(async (e) => {
      await browser.saveScreenshot(join(work, 'status.png'));
      throw e;
    });
  return statusText();
}

/** Waits for a message (ElMessage) of this kind whose text matches; returns its text. */
async function message(kind, pattern) {
  let seen = [];
  await browser
    .waitUntil(
      async () => {
        seen = await browser.execute((k) => [...document.querySelectorAll(`.el-message--${k}`)].map((e) => e.innerText.trim()), kind);
        return seen.some((t) => pattern.test(t));
      },
      { timeout: 30_000 },
    )
    .catch(() => assert.fail(`no ${kind} message matching ${pattern}; saw ${JSON.stringify(seen)}`));
  return seen.find((t) => pattern.test(t));
}

/** Closes the messages on screen, so the next one looked for is new. */
async function clearMessages() {
  await browser.execute(() => document.querySelectorAll('.el-message').forEach((e) => e.remove()));
}

/** Sets the CA field at once (typing a PEM key by key proves nothing more). */
async function setCa(text) {
  const ca = await inputOf(browser, 'superior-ca');
  await browser.execute(
    (el, value) => {
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    ca,
    text,
  );
}

const valueOf = async (id) => (await inputOf(browser, id)).getValue();

/** The branch's row in the 党委's overview (the CLI, as the 党委's reader). */
function overviewRow() {
  const rows = JSON.parse(zhibu(['superior', 'overview', '--url', reader, '--json'])).branches;
  return rows.find((b) => b.branch_id === branch.branch_id);
}

test('the connection file the 党委 handed out is imported in 支部设置 → 上级党委', async () => {
  await openPanel();
  assert.match(await statusText(), /未设置上级党委/);
  assert.equal(await (await byTestId(browser, 'superior-push')).isEnabled(), false);
  await clickOn(browser, 'superior-import');
  await message('success', /连接已保存/);
  const parts = urlParts(branch.url);
  assert.equal(await valueOf('superior-host'), parts.host);
  assert.equal(await valueOf('superior-port'), parts.port);
  assert.equal(await valueOf('superior-database'), parts.database);
  assert.equal(await valueOf('superior-role'), parts.role);
  // The password is sealed, not shown back; the CA certificate came inside the file.
  assert.equal(await valueOf('superior-password'), '');
  assert.equal(await (await inputOf(browser, 'superior-password')).getAttribute('placeholder'), '已保存（不修改请留空）');
  assert.equal((await valueOf('superior-ca')).trim(), cluster.caPem.trim());
  assert.match(await statusText(), /待上报/);
  await byTestId(browser, 'superior-received-empty');
  // The 党委 sees the branch, which has not reported yet.
  assert.equal(overviewRow().reported_at, null);
});

test('「立即上报」 reports: 已上报 with the time, on the 工作台 too, and the 党委 has it', async () => {
  await clearMessages();
  await clickOn(browser, 'superior-push');
  await message('success', new RegExp(`已上报截至 ${TODAY} 的报告`));
  const text = await waitStatus(/已上报/, 'after 「立即上报」');
  assert.match(text, new RegExp(`已上报（\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d，截至 ${TODAY}）`));
  // The 下发 came down on the same contact.
  await message('info', /收到上级党委下发的 1 项内容/);
  const item = await byTestId(browser, `superior-received-${publicationId}`);
  assert.match(await item.getText(), new RegExp(RATES_VERSION));
  // The picture: the status and what came down, without the messages over them.
  await browser.waitUntil(async () => (await browser.$$('.el-message')).length === 0, { timeout: 15_000 }).catch(clearMessages);
  const status = await byTestId(browser, 'superior-status');
  await status.scrollIntoView({ block: 'center' });
  await status.moveTo();
  mkdirSync(join(root, 'docs'), { recursive: true });
  await browser.saveScreenshot(join(root, 'docs', 'superior-report.png'));

  const row = overviewRow();
  assert.ok(row, `the overview has the branch ${branch.branch_id}`);
  assert.equal(row.name, BRANCH);
  assert.equal(row.as_of, TODAY);
  assert.ok(row.reported_at, 'the overview says when the report came');
  assert.ok(row.compliance.met > 0, 'the demo year has met obligations in the report');
  assert.equal(row.tampered, false);

  await clickOn(browser, 'nav-home');
  const line = await byTestId(browser, 'home-superior', 20_000);
  await browser.waitUntil(async () => (await line.getText()).includes('已上报'), { timeout: 20_000, timeoutMsg: 'the 工作台 says 已上报' });
  assert.match(await line.getText(), new RegExp(`上级党委：已上报（.*截至 ${TODAY}）`));
  assert.match(await (await byTestId(browser, 'home-superior-awaiting')).getText(), /1 项新内容待采用/);
});

test('the 下发 changes nothing until 「采用」 from a day, then the rule from that day is the 党委’s', async () => {
  const before_ = ratesInApp();
  assert.ok(!before_.some((s) => s.version === RATES_VERSION), 'nothing adopted yet: the 党委’s version is not in force');
  const dayBefore = rateInForce('2026-12-31');
  assert.ok(dayBefore, 'the demo has a 党费标准 in force');
  assert.notEqual(rateInForce(ADOPT_FROM), RATES_VERSION);
  await openPanel();
  await byTestId(browser, `superior-received-${publicationId}`);
  await typeDate(browser, `superior-adopt-from-${publicationId}`, ADOPT_FROM);
  await clearMessages();
  await clickOn(browser, `superior-adopt-${publicationId}`);
  await message('success', new RegExp(`已采用「${RATES_VERSION}」，自 ${ADOPT_FROM} 起施行`));
  const adopted = await byTestId(browser, `superior-adopted-${publicationId}`, 20_000);
  assert.equal(await adopted.getText(), `已采用，自 ${ADOPT_FROM} 起施行`);
  assert.equal(await (await browser.$(`[data-testid="superior-adopt-${publicationId}"]`)).isExisting(), false);
  // In force from that day; the day before keeps what was.
  assert.equal(rateInForce(ADOPT_FROM), RATES_VERSION);
  assert.equal(rateInForce('2026-12-31'), dayBefore);
  assert.equal(ratesInApp().length, before_.length + 1);
});

test('a CA that is no certificate is refused in Chinese and the stored connection stays', async () => {
  await openPanel();
  await setCa('这不是证书');
  await clearMessages();
  await clickOn(browser, 'superior-save');
  await message('error', /CA 证书不是有效的 PEM 格式证书/);
  // What is stored is what the panel shows on its next opening: the CA from the file.
  await clickOn(browser, 'nav-home');
  await openPanel();
  await browser.waitUntil(async () => (await valueOf('superior-ca')).trim() === cluster.caPem.trim(), {
    timeout: 10_000,
    timeoutMsg: 'the stored CA certificate is the 党委’s',
  });
  // The adoption moved the change log, so today's report is a new one; the same again is not.
  await clearMessages();
  await clickOn(browser, 'superior-push');
  await message('success', new RegExp(`已上报截至 ${TODAY} 的报告`));
  await waitStatus(/已上报/, 'the stored connection still reports');
  await clearMessages();
  await clickOn(browser, 'superior-push');
  await message('success', new RegExp(`上级党委已有截至 ${TODAY} 的同一报告，未重复保存`));
});

test('a wrong password or a stranger CA: saved as typed, the push fails in Chinese and the report waits until it is right', async () => {
  const reportedAt = overviewRow().reported_at;
  // The panel keeps what is typed without trying it (the secretary may be offline).
  await typeInto(browser, 'superior-password', 'not-the-password');
  await clearMessages();
  await clickOn(browser, 'superior-save');
  await message('success', /连接已保存/);
  await clickOn(browser, 'superior-push');
  await message('error', /失败：用户名或密码不正确/);
  assert.match(await waitStatus(/失败/, 'a wrong password'), /失败：用户名或密码不正确.*（1 份报告待上报）/);
  await clickOn(browser, 'nav-home');
  const line = await byTestId(browser, 'home-superior', 20_000);
  await browser.waitUntil(async () => (await line.getText()).includes('失败：用户名或密码不正确'), { timeout: 20_000, timeoutMsg: 'the 工作台 says why' });
  assert.match(await line.getAttribute('class'), /home__superior--failed/);

  // The right password, but a CA certificate that did not sign the server's.
  await openPanel();
  await typeInto(browser, 'superior-password', urlParts(branch.url).password);
  await setCa(strangerCaPem());
  await clearMessages();
  await clickOn(browser, 'superior-save');
  await message('success', /连接已保存/);
  await clickOn(browser, 'superior-push');
  await message('error', /失败：安全连接（TLS）失败/);
  assert.match(await waitStatus(/失败/, 'a stranger CA'), /失败：安全连接（TLS）失败.*（1 份报告待上报）/);
  // The 党委 still has the report from before, whole.
  assert.equal(overviewRow().reported_at, reportedAt);

  // The 党委's CA again (the password field left empty keeps the stored one): the waiting report goes.
  await setCa(cluster.caPem);
  await clearMessages();
  await clickOn(browser, 'superior-save');
  await message('success', /连接已保存/);
  await clickOn(browser, 'superior-push');
  await message('success', new RegExp(`已上报截至 ${TODAY} 的报告`));
  const text = await waitStatus(/已上报/, 'the connection right again');
  assert.doesNotMatch(text, /待上报/);
  const row = overviewRow();
  assert.equal(row.as_of, TODAY);
  assert.notEqual(row.reported_at, reportedAt, 'the report that waited is the 党委’s latest');
});
