import { describe, expect, test, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import { phoneAddresses, phoneLookups, phoneShareStart, phoneShareStatus, phoneShareStop } from '@/api/phone';
import { SHARE_POLL_MS, usePhoneShareStore } from '@/stores/phone-share';
import PhoneShareDialog from './phone-share-dialog.vue';

cleanUpAfterEach(() => vi.useRealTimers());

const QR = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" data-testid="qr-svg"><path d="M0 0h1v1H0z"/></svg>';

/** The Rust side: two addresses, the share off until started. */
function core() {
  const state = { running: false, calls: [] as [string, unknown][] };
  const status = () =>
    state.running ? { running: true, url: 'http://192.168.1.5:8730/', until: '15:30', qr_svg: QR } : { running: false, url: null, until: null, qr_svg: null };
  mockIPC((cmd, args) => {
    state.calls.push([cmd, JSON.parse(JSON.stringify(args ?? {}))]);
    switch (cmd) {
      case 'phone_addresses':
        return [
          { ip: '192.168.1.5', interface: 'wlan0', loopback: false },
          { ip: '127.0.0.1', interface: 'lo', loopback: true },
        ];
      case 'phone_share_status':
        return status();
      case 'phone_share_start':
        state.running = true;
        return status();
      case 'phone_share_stop':
        state.running = false;
        return status();
      case 'phone_lookups':
        return [{ at: '2026-11-22 10:00:00', name_tried: '王志强', client: '192.168.1.23', outcome: 'shown', refused: false }];
      default:
        throw new Error(cmd);
    }
  });
  return state;
}

describe('the 手机查学时 wrappers', () => {
  test('each sends its command and arguments', async () => {
    const state = core();
    await phoneAddresses();
    await phoneShareStart('192.168.1.5', 45);
    await phoneShareStatus();
    await phoneShareStop();
    await phoneLookups();
    expect(state.calls).toEqual([
      ['phone_addresses', {}],
      ['phone_share_start', { ip: '192.168.1.5', minutes: 45 }],
      ['phone_share_status', {}],
      ['phone_share_stop', {}],
      ['phone_lookups', { limit: null }],
    ]);
  });
});

describe('the 手机查学时 dialog', () => {
  test('starts on the first address for 30 minutes, shows the QR code and the end, stops', async () => {
    const state = core();
    const { plugins } = appPlugins();
    const share = usePhoneShareStore();
    mount(PhoneShareDialog, { props: { visible: true }, global: { plugins }, attachTo: document.body });
    await eventually(() => expect(has('phone-share-start')).toBe(true));
    await eventually(() => expect(byTestId('phone-share-log').textContent).toContain('王志强'));
    expect(byTestId('phone-share-log').textContent).toContain('已显示');
    byTestId('phone-share-start').click();
    await eventually(() => expect(has('phone-share-open')).toBe(true));
    expect(state.calls.find(([c]) => c === 'phone_share_start')?.[1]).toEqual({ ip: '192.168.1.5', minutes: 30 });
    expect(byTestId('phone-share-url').textContent).toBe('http://192.168.1.5:8730/');
    expect(byTestId('phone-share-until').textContent).toContain('15:30');
    expect(byTestId('phone-share-qr').querySelector('img')?.getAttribute('src')).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(QR)}`);
    expect(share.running).toBe(true);
    byTestId('phone-share-stop').click();
    await eventually(() => expect(has('phone-share-start')).toBe(true));
    await flushPromises();
    expect(share.running).toBe(false);
  });

  test('a refusal from the core is shown in Chinese', async () => {
    mockIPC((cmd) => {
      if (cmd === 'phone_addresses') return [{ ip: '192.168.1.5', interface: 'wlan0', loopback: false }];
      if (cmd === 'phone_share_status') return { running: false, url: null, until: null, qr_svg: null };
      if (cmd === 'phone_lookups') return [];
      if (cmd === 'phone_share_start') throw { code: 'validation', field: 'share_minutes', reason: 'phone_minutes', message: 'x' };
      throw new Error(cmd);
    });
    const { plugins } = appPlugins();
    mount(PhoneShareDialog, { props: { visible: true }, global: { plugins }, attachTo: document.body });
    await eventually(() => expect(has('phone-share-start')).toBe(true));
    await eventually(() => expect((byTestId('phone-share-start') as HTMLButtonElement).disabled).toBe(false));
    byTestId('phone-share-start').click();
    await eventually(() => expect(byTestId('phone-share-error').textContent).toContain('480'));
    expect(byTestId('phone-share-error').textContent).toContain('开放时长');
  });
});

describe('the share store', () => {
  test('asks again each minute while open, and stops asking once closed', async () => {
    vi.useFakeTimers();
    const state = core();
    appPlugins();
    const share = usePhoneShareStore();
    await share.start('192.168.1.5', 30);
    expect(share.running).toBe(true);
    state.running = false; // it ended by itself
    await vi.advanceTimersByTimeAsync(SHARE_POLL_MS);
    expect(share.running).toBe(false);
    const asked = state.calls.filter(([c]) => c === 'phone_share_status').length;
    await vi.advanceTimersByTimeAsync(SHARE_POLL_MS * 3);
    expect(state.calls.filter(([c]) => c === 'phone_share_status').length).toBe(asked);
  });
});
