// 手机查学时 from the real window: the secretary opens it from 学时 on the computer's first
// address, sees the QR code and the address, the page answers there (a wrong PIN refused),
// the 工作台 says it is open until when, and 停止开放 closes it at once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appOn, byTestId, clickOn, openWith, openDemo } from './harness.mjs';

let app;
let browser;
let url = '';

before(async () => {
  app = await appOn('phone-share');
  browser = await app.open();
  await openDemo(browser, 'nav-study', 'study-table');
});

after(async () => {
  await app?.stop();
});

async function reachable(address) {
  try {
    const r = await fetch(address, { signal: AbortSignal.timeout(10_000) });
    return r.status;
  } catch {
    return null;
  }
}

test('opened from 学时, it shows the QR code and answers at its address', async () => {
  await openWith(browser, 'study-phone-share', 'phone-share-start');
  // The computer's addresses arrive after the dialog opens; the button waits for one.
  const start = await byTestId(browser, 'phone-share-start');
  await start.waitForEnabled({ timeout: 15_000 });
  await clickOn(browser, 'phone-share-start');
  await browser.waitUntil(
    async () => (await browser.$('[data-testid="phone-share-url"]').isDisplayed()) || (await browser.$('[data-testid="phone-share-error"]').isDisplayed()),
    { timeout: 15_000, timeoutMsg: 'the share neither opened nor said why' },
  );
  const error = await browser.$('[data-testid="phone-share-error"]');
  assert.equal(await error.isDisplayed(), false, `refused: ${await error.getText().catch(() => '')}`);
  const shown = await byTestId(browser, 'phone-share-url', 15_000);
  url = await shown.getText();
  assert.match(url, /^http:\/\/\d+\.\d+\.\d+\.\d+:\d+\/$/);
  assert.ok(!url.startsWith('http://0.0.0.0'));
  const qr = await byTestId(browser, 'phone-share-qr');
  assert.ok(await qr.$('img').isExisting(), 'the QR code is drawn');
  assert.ok(await browser.execute(() => document.querySelector('[data-testid="phone-share-qr"] img')?.naturalWidth > 0), 'the QR image loads');
  const { width } = await qr.getSize();
  assert.ok(width >= 300, `the QR code is large: ${width}px`);
  assert.match(await (await byTestId(browser, 'phone-share-until')).getText(), /开放中，\d\d:\d\d 自动关闭/);

  assert.equal(await reachable(url), 200);
  const refused = await fetch(`${url}api/my-hours`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: '王志强', pin: '0000' }),
  });
  assert.equal(refused.status, 401);
  assert.equal((await refused.json()).message, '姓名或密码不正确');
});

test('the 工作台 says it is open until when; 停止开放 closes it at once', async () => {
  await browser.keys('Escape');
  await clickOn(browser, 'nav-home');
  const note = await byTestId(browser, 'home-phone-share', 15_000);
  assert.match(await note.getText(), /手机查学时 开放中，至 \d\d:\d\d/);
  await openWith(browser, 'home-phone-share', 'phone-share-stop');
  await clickOn(browser, 'phone-share-stop');
  await byTestId(browser, 'phone-share-start', 15_000);
  assert.equal(await reachable(url), null, 'nothing answers once stopped');
  await browser.keys('Escape');
  await (await browser.$('[data-testid="home-phone-share"]')).waitForDisplayed({ reverse: true, timeout: 10_000 });
});
