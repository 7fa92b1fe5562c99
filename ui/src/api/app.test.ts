import { afterEach, describe, expect, test } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { markStartup, reportRendered, startupMarks } from './app';

afterEach(() => clearMocks());

describe('reportRendered', () => {
  test('the start-up timeline holds the marked steps in order, in whole ms', () => {
    markStartup('script');
    markStartup('mounted');
    const steps = startupMarks();
    const mine = steps.filter(([step]) => step === 'script' || step === 'mounted');
    expect(mine.map(([step]) => step)).toEqual(['script', 'mounted']);
    for (const [, ms] of steps) expect(Number.isInteger(ms) && ms > 0).toBe(true);
    expect(mine[0]![1]).toBeLessThanOrEqual(mine[1]![1]);
  });

  test('tells the app once per run, and a failing call never reaches the page', async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, JSON.parse(JSON.stringify(args ?? {}))]);
      throw new Error('not answered');
    });
    reportRendered('home');
    reportRendered('home');
    await flushPromises();
    expect(seen, 'not before the next frame is drawn').toHaveLength(0);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await flushPromises();
    expect(seen).toHaveLength(1);
    const [cmd, args] = seen[0] as [string, { page: string; sinceNavigationMs: number; marks: [string, number][] }];
    expect(cmd).toBe('app_rendered');
    expect(args.page).toBe('home');
    expect(Number.isInteger(args.sinceNavigationMs) && args.sinceNavigationMs >= 0).toBe(true);
    expect(Array.isArray(args.marks)).toBe(true);
  });
});
