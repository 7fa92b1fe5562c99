import { describe, expect, test } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import type { Received } from '@/generated/Received';
import SuperiorReceived from './superior-received.vue';

cleanUpAfterEach();

const targets: Received = {
  id: 7,
  kind: 'study_targets',
  title: '2027年学时目标',
  version: '党委2027',
  published_at: '2026-11-20T08:00:00+00:00',
  received_at: '2026-11-22 09:00:00',
  adopted_from: null,
};
const template: Received = {
  id: 5,
  kind: 'four_strengths_template',
  title: '四强支部评价清单',
  version: '2026版',
  published_at: '2026-03-01T02:00:00+00:00',
  received_at: '2026-03-02 09:00:00',
  adopted_from: '2026-01-01',
};

/** The date field's native input (the test id lands on the picker's input). */
function inputOf(id: string): HTMLInputElement {
  const el = byTestId(id);
  return (el.tagName === 'INPUT' ? el : el.querySelector('input')) as HTMLInputElement;
}

async function mountWith(answer: (cmd: string, args: Record<string, unknown>) => unknown) {
  const calls: [string, Record<string, unknown>][] = [];
  mockIPC((cmd, args) => {
    const a = JSON.parse(JSON.stringify(args ?? {})) as Record<string, unknown>;
    calls.push([cmd, a]);
    return answer(cmd, a);
  });
  const { plugins } = appPlugins();
  mount(SuperiorReceived, { global: { plugins }, attachTo: document.body });
  await flushPromises();
  return calls;
}

describe('上级党委下发 in 支部设置', () => {
  test('lists what was received; 采用 adopts from today unless changed, and nothing is adopted before', async () => {
    let adopted = false;
    const calls = await mountWith((cmd, args) => {
      if (cmd === 'superior_received') return [adopted ? { ...targets, adopted_from: '2026-11-22' } : targets, template];
      if (cmd === 'superior_adopt') {
        expect(args).toEqual({ id: 7, from: '2026-11-22' });
        adopted = true;
        return [{ ...targets, adopted_from: args.from }, template];
      }
      return null;
    });
    const row = byTestId('superior-received-7');
    expect(row.textContent).toContain('学时目标');
    expect(row.textContent).toContain('2027年学时目标');
    expect(row.textContent).toContain('版本 党委2027');
    expect(row.textContent).toContain('下发于 2026-11-20');
    expect(inputOf('superior-adopt-from-7').value).toBe('2026-11-22');
    // The one adopted before says from when, and offers no 采用.
    expect(byTestId('superior-adopted-5').textContent).toContain('已采用，自 2026-01-01 起施行');
    expect(has('superior-adopt-5')).toBe(false);
    expect(byTestId('superior-received-5').textContent).toContain('四强清单模板');
    expect(calls.map(([c]) => c)).toEqual(['superior_received']);

    byTestId('superior-adopt-7').click();
    await eventually(() => expect(byTestId('superior-adopted-7').textContent).toContain('已采用，自 2026-11-22 起施行'));
    expect(has('superior-adopt-7')).toBe(false);
    expect(calls.filter(([c]) => c === 'superior_adopt')).toHaveLength(1);
  });

  test('without a day nothing is sent, and the reason is said in Chinese', async () => {
    const calls = await mountWith((cmd) => (cmd === 'superior_received' ? [targets] : null));
    const input = inputOf('superior-adopt-from-7');
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await flushPromises();
    byTestId('superior-adopt-7').click();
    await eventually(() => expect(document.body.textContent).toContain('施行日期：日期格式不正确'));
    expect(calls.map(([c]) => c)).not.toContain('superior_adopt');
    expect(has('superior-adopt-7')).toBe(true);
  });

  test('a refusal of the core is shown in Chinese and the item stays to adopt', async () => {
    await mountWith((cmd) => {
      if (cmd === 'superior_received') return [targets];
      if (cmd === 'superior_adopt') throw { code: 'superior', message: 'refused', field: null, reason: null, details: ['该下发内容已经采用过'] };
      return null;
    });
    byTestId('superior-adopt-7').click();
    await eventually(() => expect(document.body.textContent).toContain('该下发内容已经采用过'));
    expect(has('superior-adopt-7')).toBe(true);
  });

  test('says when nothing has been received yet', async () => {
    await mountWith((cmd) => (cmd === 'superior_received' ? [] : null));
    expect(byTestId('superior-received-empty').textContent).toContain('尚未收到上级党委下发的内容');
  });
});
