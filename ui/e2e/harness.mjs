// Starts the real app through tauri-driver and WebKitWebDriver, each run on its own
// data folder and database, and gives the test a WebdriverIO browser for its window.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Key, remote } from 'webdriverio';
import { waitForPort } from './ports.mjs';

const app = process.env.ZHIBU_APP;
const workDir = process.env.ZHIBU_E2E_DIR;
if (!app || !workDir || !process.env.DISPLAY) {
  throw new Error('run the end-to-end tests through ui/e2e/run (it sets ZHIBU_APP, ZHIBU_E2E_DIR, DISPLAY)');
}

/** The date the app treats as today, so the demo data and rules do not drift with the calendar. */
export const TODAY = '2026-11-22';

let nextPort = 4600;

/**
 * Runs `start` again (up to three tries, a second apart) when the connection to the driver
 * drops while a session is being made: on a loaded machine WebKitWebDriver can take a moment
 * more to accept its first session.
 */
async function withRetries(start) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (e) {
      if (attempt >= 3 || !/UND_ERR_SOCKET|ECONNREFUSED|ECONNRESET/.test(String(e?.message))) throw e;
      await sleep(1000);
    }
  }
}

/**
 * A data folder with its own database. `open()` starts the app on it; `close()` quits the app.
 * Opening again after closing is a restart on the same data. `application` is the app to start
 * (the one built, by default); with `defaultDb` the app keeps its database where it would for a
 * user, under the folder's `data/` (XDG_DATA_HOME), instead of a file named for it. `env` adds
 * variables for the app (the save dialog's test seam, ZHIBU_TEST_SAVE_DIR; the open dialog's,
 * ZHIBU_TEST_OPEN_FILE). The 操作人 is 组织委员 from the start (ZHIBU_TEST_OPERATOR), so the
 * chooser does not stand in front of every test; `env: { ZHIBU_TEST_OPERATOR: '' }` meets it.
 */
export async function appOn(name, { application = app, defaultDb = false, env = {} } = {}) {
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  const port = nextPort;
  nextPort += 2;
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], {
    env: {
      ...process.env,
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_CACHE_HOME: join(dir, 'cache'),
      ZHIBU_DB: defaultDb ? '' : join(dir, 'zhibu.sqlite3'),
      ZHIBU_TODAY: TODAY,
      ZHIBU_TEST_OPERATOR: '组织委员',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let driverLog = '';
  driver.stderr.on('data', (d) => {
    driverLog += d;
  });
  // tauri-driver listens first and starts WebKitWebDriver on the native port; a session can
  // only be made once both answer.
  await waitForPort(port, 15_000, 'tauri-driver');
  await waitForPort(port + 1, 15_000, 'tauri-driver');

  let browser = null;
  return {
    dir,
    async open() {
      browser = await withRetries(() =>
        remote({
          hostname: '127.0.0.1',
          port,
          logLevel: 'error',
          connectionRetryCount: 0,
          capabilities: {
            'wdio:enforceWebDriverClassic': true,
            'tauri:options': { application },
          },
        }),
      );
      await browser.setTimeout({ implicit: 0 });
      return browser;
    },
    async close() {
      // A web process that went away (after a reload) can leave the session's end unanswered;
      // the test is over either way, so it is not waited for past a while.
      if (browser) await Promise.race([browser.deleteSession(), sleep(15_000)]);
      browser = null;
    },
    async stop() {
      await this.close().catch(() => {});
      driver.kill();
      writeFileSync(join(dir, 'tauri-driver.log'), driverLog);
      // A session that ended badly (its web process gone after a reload) can leave a socket
      // open that keeps this file's process alive after its results are out; end it then.
      setTimeout(() => process.exit(), 5_000).unref();
    },
  };
}

/** The element with this data-testid, once it is displayed. */
export async function byTestId(browser, id, timeout = 10_000) {
  const el = await browser.$(`[data-testid="${id}"]`);
  await el.waitForDisplayed({ timeout });
  return el;
}

/**
 * Clicks `el` once nothing covers it. A dropdown or dialog fading out can still take a click
 * the moment after the element looked free, so an intercepted click is tried again until
 * `timeout`.
 */
export async function clickWhenFree(el, what, timeout = 10_000) {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      await el.waitForClickable({ timeout: Math.max(until - Date.now(), 1) });
      await el.click();
      return;
    } catch (e) {
      if (Date.now() < until && /intercepted|not interactable/.test(String(e?.message))) {
        await sleep(200);
        continue;
      }
      throw new Error(`${what}: ${e.message}`, { cause: e });
    }
  }
}

/**
 * Clicks the element with this data-testid once nothing covers it (a dropdown or dialog still
 * fading in or out would otherwise take the click).
 */
export async function clickOn(browser, id, timeout = 10_000) {
  const el = await byTestId(browser, id, timeout);
  await clickWhenFree(el, `clicking ${id}`, timeout);
  return el;
}

/**
 * From the first-run page, loads the demo branch and waits for the 工作台 to name it; with `nav`,
 * then opens that side-bar entry and waits for `shown` (an element of that page) to display.
 */
export async function openDemo(browser, nav = null, shown = null) {
  await clickOn(browser, 'use-demo', 20_000);
  await byTestId(browser, 'branch-name');
  if (!nav) return;
  await clickOn(browser, nav);
  await byTestId(browser, shown, 20_000);
}

/**
 * Clicks `buttonId` until the element `targetId` (a dialog, a drawer) shows. On a loaded machine
 * a click landing while a drawer is still sliding in can be lost; a click the opening target
 * already covers is not repeated.
 */
export async function openWith(browser, buttonId, targetId, attempts = 3) {
  const target = await browser.$(`[data-testid="${targetId}"]`);
  for (let i = 0; i < attempts; i++) {
    if (await target.isDisplayed().catch(() => false)) return target;
    await clickOn(browser, buttonId).catch(() => {});
    if (
      await target.waitForDisplayed({ timeout: 5_000 }).then(
        () => true,
        () => false,
      )
    )
      return target;
  }
  return byTestId(browser, targetId);
}

/**
 * Picks an option of an Element Plus select: opens the select until the option shows, clicks
 * it, and checks the option is the one selected. On a loaded machine the click that opens the
 * dropdown, or the one on the option while it slides in, can be lost; either is repeated.
 */
export async function choose(browser, selectId, optionId, attempts = 3) {
  const selected = () =>
    browser.execute((tid) => {
      const option = document.querySelector(`[data-testid="${tid}"]`);
      return !!option && option.classList.contains('is-selected');
    }, optionId);
  for (let i = 0; i < attempts; i++) {
    if (await selected()) return;
    await openWith(browser, selectId, optionId);
    await clickOn(browser, optionId, 5_000).catch(() => {});
    if (
      await browser.waitUntil(selected, { timeout: 3_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  throw new Error(`choosing ${optionId} in ${selectId} did not select it`);
}

/** The <input> that carries or sits inside the element with this data-testid. */
export async function inputOf(browser, id) {
  const el = await byTestId(browser, id);
  const tag = await el.getTagName();
  if (tag === 'input' || tag === 'textarea') return el;
  return el.$('input, textarea');
}

/**
 * Selects what a text input holds and types `text` over it, as a person would. (WebDriver's
 * element clear does not fire the input event, so Vue would never see the field emptied.)
 * On a loaded machine keys can land before the field has focus: the field is typed again until
 * it holds exactly `text`, and a field that never does fails naming what it holds.
 */
export async function typeInto(browser, id, text) {
  const input = await inputOf(browser, id);
  for (let attempt = 0; attempt < 3; attempt++) {
    await clickWhenFree(input, `typing into ${id}`);
    await browser.keys([Key.Ctrl, 'a']);
    await browser.keys(Key.Backspace);
    await input.addValue(text);
    const held = await browser
      .waitUntil(async () => (await input.getValue()) === text, { timeout: 2_000 })
      .then(
        () => true,
        () => false,
      );
    if (held) return input;
  }
  throw new Error(`typing into ${id} left ${JSON.stringify(await input.getValue())}, not ${JSON.stringify(text)}`);
}

/** Whether a date picker's pop-up panel is on screen. */
async function pickerOpen(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('.el-picker__popper')].some((e) => e.getClientRects().length > 0 && getComputedStyle(e).display !== 'none'),
  );
}

/**
 * Types a date (YYYY-MM-DD) into an Element Plus date picker and commits it with Enter, as a
 * person would; the picker's panel is closed after. (Escape would close the panel and drop what
 * was typed whenever the picker had not parsed it yet.) Checked: the field shows the date once
 * the panel is closed, which it does only when the form holds it.
 */
export async function typeDate(browser, id, text) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const input = await typeInto(browser, id, text);
    if (await pickerOpen(browser)) await browser.keys(Key.Enter);
    const closed = await browser
      .waitUntil(async () => !(await pickerOpen(browser)), { timeout: 3_000 })
      .then(
        () => true,
        () => false,
      );
    if (closed && (await input.getValue()) === text) return input;
  }
  throw new Error(`the date ${text} never stayed in ${id}`);
}

/** The text of every element with this data-testid, in document order. */
export async function textsOf(browser, id) {
  // Read in one script run: a list re-rendering between element look-ups would otherwise drop
  // an element from under a second round trip.
  return browser.execute(
    (tid) => [...document.querySelectorAll(`[data-testid="${tid}"]`)].map((e) => (e.getClientRects().length > 0 ? e.innerText.trim() : '')),
    id,
  );
}
