import { afterEach, describe, expect, test } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { reportRendered } from './app';

afterEach(() => clearMocks());

describe('reportRendered', () => {
  test('tells the app once per run, and a failing call never reaches the page', async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, JSON.parse(JSON.stringify(args ?? {}))]);
      throw new Error('not answered');
    });
    reportRendered('home');
    reportRendered('home');
    await flushPromises();
    expect(seen).toHaveLength(1);
    const [cmd, args] = seen[0] as [string, { page: string; sinceNavigationMs: number }];
    expect(cmd).toBe('app_rendered');
    expect(args.page).toBe('home');
    expect(Number.isInteger(args.sinceNavigationMs) && args.sinceNavigationMs >= 0).toBe(true);
  });
});
