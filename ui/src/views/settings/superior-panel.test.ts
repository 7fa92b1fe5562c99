import { describe, expect, test } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { appPlugins, byTestId, cleanUpAfterEach, eventually } from '@/test-utils';
import type { ConnectionInfo } from '@/generated/ConnectionInfo';
import type { ReportStatus } from '@/generated/ReportStatus';
import SuperiorPanel from './superior-panel.vue';

cleanUpAfterEach();

const info: ConnectionInfo = {
  host: '10.1.2.3',
  port: 5432,
  database: 'dangwei',
  role: 'zb_0193',
  verify_host: true,
  has_password: true,
  ca_pem: '-----BEGIN CERTIFICATE-----',
};

/** The native input of an Element Plus field (the test id lands on the input itself). */
function inputOf(id: string): HTMLInputElement {
  const el = byTestId(id);
  return (el.tagName === 'INPUT' ? el : el.querySelector('input')) as HTMLInputElement;
}

const status = (over: Partial<ReportStatus>): ReportStatus => ({
  state: 'pending',
  last_reported_at: null,
  last_as_of: null,
  last_attempt_at: null,
  error: '',
  waiting: 0,
  awaiting_adoption: 0,
  text: '待上报',
  ...over,
});

describe('支部设置 → 上级党委', () => {
  test('shows the stored connection without its password, and 立即上报 reports the outcome', async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, JSON.parse(JSON.stringify(args ?? {}))]);
      if (cmd === 'superior_connection_get') return info;
      if (cmd === 'superior_status') return status({});
      if (cmd === 'superior_received') return [];
      if (cmd === 'superior_report_push')
        return {
          sent: [{ as_of: '2026-11-22', stored: true }],
          waiting: 0,
          received: 0,
          status: status({ state: 'reported', text: '已上报（2026-11-22 09:00:00，截至 2026-11-22）' }),
        };
      return null;
    });
    const { plugins } = appPlugins();
    mount(SuperiorPanel, { global: { plugins }, attachTo: document.body });
    await flushPromises();
    expect(inputOf('superior-host').value).toBe('10.1.2.3');
    expect(inputOf('superior-password').value).toBe('');
    expect(byTestId('superior-status').textContent).toContain('待上报');
    byTestId('superior-push').click();
    await flushPromises();
    await eventually(() => expect(byTestId('superior-status').textContent).toContain('已上报（2026-11-22 09:00:00'));
    expect(seen.map(([c]) => c)).toContain('superior_report_push');
    expect(seen.find(([c]) => c === 'superior_report_push')?.[1]).toEqual({ asOf: null });
  });

  test('a failed attempt shows why, in Chinese, with the reports waiting', async () => {
    mockIPC((cmd) => {
      if (cmd === 'superior_connection_get') return info;
      if (cmd === 'superior_status') return status({ state: 'failed', error: '无法连接到服务器', waiting: 2, text: '失败：无法连接到服务器' });
      if (cmd === 'superior_received') return [];
      return null;
    });
    const { plugins } = appPlugins();
    mount(SuperiorPanel, { global: { plugins }, attachTo: document.body });
    await flushPromises();
    await eventually(() => expect(byTestId('superior-status').textContent).toContain('失败：无法连接到服务器'));
    expect(byTestId('superior-status').textContent).toContain('2 份报告待上报');
  });

  test('what comes down with a push is listed at once, to adopt', async () => {
    let received: unknown[] = [];
    mockIPC((cmd) => {
      if (cmd === 'superior_connection_get') return info;
      if (cmd === 'superior_status') return status({});
      if (cmd === 'superior_received') return received;
      if (cmd === 'superior_report_push') {
        received = [
          {
            id: 3,
            kind: 'dues_rates',
            title: '党费收缴标准',
            version: '2027',
            published_at: '2026-11-21T01:00:00+00:00',
            received_at: '2026-11-22 09:00:00',
            adopted_from: null,
          },
        ];
        return { sent: [], waiting: 0, received: 1, status: status({ state: 'reported', text: '已上报' }) };
      }
      return null;
    });
    const { plugins } = appPlugins();
    mount(SuperiorPanel, { global: { plugins }, attachTo: document.body });
    await flushPromises();
    expect(byTestId('superior-received-empty').textContent).toContain('尚未收到');
    byTestId('superior-push').click();
    await eventually(() => expect(byTestId('superior-received-3').textContent).toContain('党费收缴标准'));
    expect(byTestId('superior-received-3').textContent).toContain('党费标准');
    expect(byTestId('superior-adopt-3').textContent).toContain('采用');
  });
});
