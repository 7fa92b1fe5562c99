import { afterEach, describe, expect, test, vi } from 'vitest';
import type { MyHours } from '@/generated/MyHours';
import { IDLE_MS, mountPhonePage } from './page';
import { barPercent, hoursText, lookUp, paceOf, say } from './model';

const HOURS: MyHours = {
  name: '王建国',
  year: 2026,
  hours: 20.5,
  target: 32,
  on_track: true,
  categories: [
    { category: 'centralized', label: '集中学习', hours: 18.5, counted: true },
    { category: 'xuexi_qiangguo', label: '学习强国', hours: 6, counted: false },
  ],
  attended: [
    { date: '2026-11-20', kind: 'session', label: '支部党员大会', title: '学习二十届四中全会精神', hours: 2 },
    { date: '2026-10-12', kind: 'activity', label: '讲堂', title: '微讲堂 第20期', hours: 1.5 },
  ],
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

async function settle() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
}

function mount(fetcher: typeof fetch) {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  let idle: (() => void) | null = null;
  const page = mountPhonePage(root, {
    fetcher,
    setTimer: (run, ms) => {
      expect(ms).toBe(IDLE_MS);
      idle = run;
      return 1;
    },
    clearTimer: () => {
      idle = null;
    },
  });
  const q = (id: string) => root.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
  const submit = async (name: string, pin: string) => {
    (q('phone-name') as HTMLInputElement).value = name;
    (q('phone-pin') as HTMLInputElement).value = pin;
    (q('phone-form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
  };
  return { root, page, q, submit, runIdle: () => idle?.() };
}

afterEach(() => vi.restoreAllMocks());

describe('the phone page', () => {
  test('a right name and PIN show the year; 退出 clears it all', async () => {
    const fetcher = vi.fn(async () => json(200, HOURS));
    const { root, q, submit } = mount(fetcher as unknown as typeof fetch);
    await submit(' 王建国 ', '2468');
    const [url, init] = fetcher.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/my-hours');
    expect(JSON.parse(String(init.body))).toEqual({ name: '王建国', pin: '2468' });
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(q('phone-member')?.textContent).toBe('王建国');
    expect(q('phone-hours')?.textContent).toBe('20.5');
    expect(q('phone-pace')?.textContent).toBe('进度正常');
    expect(q('phone-bar')?.style.width).toBe('64%');
    expect(q('phone-categories')?.textContent).toContain('学习强国不计入目标');
    expect(q('phone-attended')?.textContent).toContain('微讲堂 第20期');
    q('phone-exit')?.click();
    expect(root.textContent).not.toContain('王建国');
    expect((q('phone-name') as HTMLInputElement).value).toBe('');
    expect((q('phone-pin') as HTMLInputElement).value).toBe('');
  });

  test('a refusal shows the server sentence and clears the PIN', async () => {
    const fetcher = vi.fn(async () => json(401, { message: '姓名或密码不正确' }));
    const { q, submit } = mount(fetcher as unknown as typeof fetch);
    await submit('王建国', '1111');
    expect(q('phone-error')?.textContent).toBe('姓名或密码不正确');
    expect((q('phone-pin') as HTMLInputElement).value).toBe('');
    expect(q('phone-member')).toBeNull();
  });

  test('an empty field is not sent', async () => {
    const fetcher = vi.fn(async () => json(200, HOURS));
    const { q, submit } = mount(fetcher as unknown as typeof fetch);
    await submit('王建国', ' ');
    expect(fetcher).not.toHaveBeenCalled();
    expect(q('phone-error')?.textContent).toBe(say('required'));
  });

  test('three idle minutes clear the figures and say why', async () => {
    const { root, q, submit, runIdle } = mount((async () => json(200, HOURS)) as unknown as typeof fetch);
    await submit('王建国', '2468');
    expect(q('phone-hours')).not.toBeNull();
    runIdle();
    expect(root.textContent).not.toContain('20.5');
    expect(q('phone-error')?.textContent).toBe(say('idle'));
  });

  test('a network failure says the computer cannot be reached', async () => {
    const result = await lookUp(
      (async () => {
        throw new TypeError('Failed to fetch');
      }) as unknown as typeof fetch,
      'a',
      'b',
    );
    expect(result).toEqual({ ok: false, message: say('network') });
  });
});

describe('figures', () => {
  test('pace as the desktop names it', () => {
    expect(paceOf({ hours: 3, target: null, on_track: true })).toBe('exempt');
    expect(paceOf({ hours: 32, target: 32, on_track: true })).toBe('reached');
    expect(paceOf({ hours: 10, target: 32, on_track: false })).toBe('behind');
    expect(paceOf({ hours: 10, target: 32, on_track: true })).toBe('on_track');
  });

  test('hours and the bar', () => {
    expect(hoursText(1.5)).toBe('1.5');
    expect(hoursText(null)).toBe('—');
    expect(barPercent({ hours: 40, target: 32 })).toBe(100);
    expect(barPercent({ hours: 8, target: 32 })).toBe(25);
  });

  test('messages fill their values and name a missing key', () => {
    expect(say('year', { year: 2026 })).toBe('2026 年');
    expect(say('no.such')).toBe('no.such');
  });
});
