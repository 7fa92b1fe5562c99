// The 党委's window through the real app on a real PostgreSQL server: a throwaway cluster
// (TLS, its own CA) prepared with the CLI (`zhibu superior setup`, `add-branch`), the demo
// branch reporting with `zhibu report push`, a second branch that never reports. The app's
// first-run page is answered 「上级党委」 with the reader's connection typed in; 所辖支部一览
// shows both branches (the silent one marked), exports the table, opens the reporting branch's
// report read-only, ranks them; a restart opens straight in 党委 mode. Saves
// docs/superior-overview.png and docs/superior-branch.png. PostgreSQL failing to start fails it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { appOn, byTestId, clickOn, inputOf, TODAY, typeInto } from './harness.mjs';
import { startCluster, urlParts } from './pg.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.ZHIBU_CLI ?? join(root, 'target', 'debug', 'zhibu');
const REPORTING = '永川区行政服务中心党支部';
const SILENT = '城关社区党支部';

const work = mkdtempSync(join(process.env.ZHIBU_E2E_DIR, 'council-'));
const branchDb = join(work, 'branch.sqlite3');
const saveDir = join(work, 'saved');
let cluster = null;
let app = null;
let browser = null;
let reader = null;
const ids = {};

function zhibu(args, env = {}) {
  const run = spawnSync(cli, ['--today', TODAY, ...args], { encoding: 'utf8', env: { ...process.env, ZHIBU_ACTOR: '组织委员', ...env } });
  assert.equal(run.status, 0, `zhibu ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

before(async () => {
  assert.ok(existsSync(cli), `no CLI at ${cli}: build it with 'cargo build -p zhibu' (or set ZHIBU_CLI)`);
  cluster = await startCluster();
  const admin = cluster.adminUrl('dangwei_e2e');
  reader = JSON.parse(zhibu(['superior', 'setup', '--admin-url', admin, '--json'])).reader_url;
  const reporting = JSON.parse(zhibu(['superior', 'add-branch', REPORTING, '--admin-url', admin, '--json']));
  const silent = JSON.parse(zhibu(['superior', 'add-branch', SILENT, '--admin-url', admin, '--json']));
  ids.reporting = reporting.branch_id;
  ids.silent = silent.branch_id;
  zhibu(['--db', branchDb, 'demo']);
  const pushed = JSON.parse(zhibu(['--db', branchDb, 'report', 'push', '--json'], { ZHIBU_SUPERIOR_URL: reporting.url }));
  assert.equal(pushed.sent[0].stored, true);
  mkdirSync(saveDir, { recursive: true });
  app = await appOn('council', { env: { ZHIBU_TEST_SAVE_DIR: saveDir } });
  browser = await app.open();
});

after(async () => {
  await app?.stop();
  cluster?.stop();
});

test('「上级党委」 on the first-run page opens the 党委 window on the typed connection', async () => {
  await byTestId(browser, 'welcome-council', 20_000);
  const parts = urlParts(reader);
  await typeInto(browser, 'council-host', parts.host);
  await typeInto(browser, 'council-port', parts.port);
  await typeInto(browser, 'council-database', parts.database);
  await typeInto(browser, 'council-role', parts.role);
  await typeInto(browser, 'council-password', parts.password);
  // The CA certificate as pasted: set at once (typing a PEM key by key proves nothing more).
  const ca = await inputOf(browser, 'council-ca');
  await browser.execute(
    (el, text) => {
      el.value = text;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    ca,
    cluster.caPem,
  );
  await clickOn(browser, 'council-save');
  // The window opens on the 党委's pages, or says in Chinese why the server refused.
  await browser
    .waitUntil(
      async () => (await (await browser.$('[data-testid="council-overview"]')).isExisting()) || (await (await browser.$('.el-message--error')).isExisting()),
      { timeout: 30_000 },
    )
    .catch(async (e) => {
      await browser.saveScreenshot(join(work, 'council-save.png'));
      throw e;
    });
  const refusal = await browser.$('.el-message--error');
  assert.equal(await refusal.isExisting(), false, `the connection was refused: ${(await refusal.isExisting()) ? await refusal.getText() : ''}`);
  await byTestId(browser, 'council-overview', 30_000);
  // The branch pages are not in the menu; the 党委's are.
  const nav = await browser.execute(() => [...document.querySelectorAll('[data-testid^="nav-"]')].map((e) => e.innerText.trim()));
  assert.deepEqual(nav, ['所辖支部一览', '四强排名', '连接设置']);
});

test('所辖支部一览 shows every branch, the silent one marked, and filters', async () => {
  const link = await byTestId(browser, `council-branch-${ids.reporting}`, 30_000);
  assert.equal(await link.getText(), REPORTING);
  assert.equal(await (await byTestId(browser, `council-branch-${ids.silent}`)).getText(), SILENT);
  assert.match(await (await byTestId(browser, `council-silent-${ids.silent}`)).getText(), /尚未上报/);
  assert.equal(await (await browser.$(`[data-testid="council-silent-${ids.reporting}"]`)).isExisting(), false);
  // The filter: only those not reported for 7 days.
  await clickOn(browser, 'council-filter-silent');
  await browser.waitUntil(async () => !(await (await browser.$(`[data-testid="council-branch-${ids.reporting}"]`)).isExisting()), { timeout: 5_000 });
  await clickOn(browser, 'council-filter-silent');
  await byTestId(browser, `council-branch-${ids.reporting}`);
  // The pointer moved off the checkbox, so the picture shows the table as it opens.
  await (await browser.$('[data-testid="council-overview"] h2')).moveTo();
  mkdirSync(join(root, 'docs'), { recursive: true });
  await browser.saveScreenshot(join(root, 'docs', 'superior-overview.png'));
});

test('a branch opens its report read-only: the year grid and the 四强', async () => {
  await clickOn(browser, `council-branch-${ids.reporting}`);
  const title = await byTestId(browser, 'council-branch-title', 30_000);
  await browser
    .waitUntil(async () => (await title.getText()).includes(REPORTING), { timeout: 30_000, timeoutMsg: 'the report’s title names the branch' })
    .catch(async (e) => {
      await browser.saveScreenshot(join(work, 'council-branch.png'));
      throw e;
    });
  await byTestId(browser, 'year-grid');
  const cells = await browser.$$('[data-testid="year-grid"] [data-status="met"]');
  assert.ok(cells.length > 0, 'the demo year has met periods in the grid');
  await byTestId(browser, 'council-strength-political');
  await byTestId(browser, 'strengths-radar');
  // Read-only: no 补登 / 确认未开展 popover, no button that edits.
  assert.equal((await browser.$$('.cell-actions')).length, 0);
  await browser.saveScreenshot(join(root, 'docs', 'superior-branch.png'));
});

test('四强排名 ranks the reporting branch and names the unranked', async () => {
  await clickOn(browser, 'nav-council-ranking');
  const table = await byTestId(browser, 'council-ranking-table', 30_000);
  await browser.waitUntil(async () => (await table.getText()).includes(REPORTING), { timeout: 20_000 });
  assert.match(await (await byTestId(browser, 'council-unranked')).getText(), new RegExp(SILENT));
});

test('「导出 Excel」 saves the table where she chooses', async () => {
  await clickOn(browser, 'nav-council-overview');
  await byTestId(browser, `council-branch-${ids.reporting}`, 30_000);
  await clickOn(browser, 'council-export');
  await byTestId(browser, 'saved-file', 20_000);
  const saved = readdirSync(saveDir).filter((f) => f.endsWith('.xlsx'));
  assert.deepEqual(saved, [`所辖支部一览-${TODAY}.xlsx`]);
  assert.equal(readFileSync(join(saveDir, saved[0])).subarray(0, 2).toString(), 'PK');
});

test('the next start opens in 党委 mode again', async () => {
  await app.close();
  browser = await app.open();
  await byTestId(browser, 'council-overview', 30_000);
  await byTestId(browser, `council-branch-${ids.reporting}`, 30_000);
});
