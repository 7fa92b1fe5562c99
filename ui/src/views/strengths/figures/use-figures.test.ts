import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { nextTick, ref } from 'vue';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { appPlugins, eventually } from '@/test-utils';
import { honours, indicators } from './fixtures';
import { useFigures } from './use-figures';

beforeEach(() => {
  appPlugins('2026-11-22');
});
afterEach(() => clearMocks());

const strip = (a: unknown) => JSON.parse(JSON.stringify(a ?? {}));

describe('useFigures', () => {
  test('loads the year’s indicators and honours, and again when the year changes', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, strip(args)]);
      return cmd === 'indicator_list' ? indicators() : honours();
    });
    const year = ref(2026);
    const figures = useFigures(year);
    await figures.load();
    expect(figures.indicators.value.map((i) => i.name)).toEqual(['办事跑动次数', '全程网办比例', '零材料事项', '群众满意率']);
    expect(figures.honours.value).toHaveLength(3);
    year.value = 2025;
    await nextTick();
    await eventually(() => expect(asked).toHaveLength(4));
    expect(asked).toEqual([
      ['indicator_list', { year: 2026, asOf: null }],
      ['honour_list', { year: 2026, asOf: null }],
      ['indicator_list', { year: 2025, asOf: null }],
      ['honour_list', { year: 2025, asOf: null }],
    ]);
  });

  test('every change is sent, then both lists are read again', async () => {
    const asked: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, strip(args)]);
      if (cmd === 'indicator_list') return indicators();
      if (cmd === 'honour_list') return honours();
      if (cmd === 'indicator_save') return 'i9';
      if (cmd === 'honour_add') return 'h9';
      return null;
    });
    const figures = useFigures(ref(2026));
    const input = { name: '全程网办比例', unit: '%', target: 80, higher_is_better: true };
    expect(await figures.saveIndicator('i2', input)).toBe('i9');
    await figures.removeIndicator('i4');
    await figures.recordValue({ indicator_id: 'i1', measured_on: '2026-10-31', value: 0.12, note: '' });
    await figures.removeValue('i1', '2026-03-31');
    expect(await figures.addHonour({ title: '优秀窗口单位', awarded_by: '', awarded_on: '2026-10-01', member_id: null, note: '' })).toBe('h9');
    await figures.removeHonour('h3');
    const changes = asked.filter(([cmd]) => cmd !== 'indicator_list' && cmd !== 'honour_list');
    expect(changes).toEqual([
      ['indicator_save', { id: 'i2', input }],
      ['indicator_delete', { id: 'i4' }],
      ['indicator_value_record', { input: { indicator_id: 'i1', measured_on: '2026-10-31', value: 0.12, note: '' } }],
      ['indicator_value_delete', { indicatorId: 'i1', measuredOn: '2026-03-31' }],
      ['honour_add', { input: { title: '优秀窗口单位', awarded_by: '', awarded_on: '2026-10-01', member_id: null, note: '' } }],
      ['honour_delete', { id: 'h3' }],
    ]);
    expect(asked.filter(([cmd]) => cmd === 'indicator_list')).toHaveLength(6);
    expect(asked.filter(([cmd]) => cmd === 'honour_list')).toHaveLength(6);
  });

  test('a refused change reaches the caller and the lists stay as they were', async () => {
    let lists = 0;
    mockIPC((cmd) => {
      if (cmd === 'indicator_list') return (lists++, indicators());
      if (cmd === 'honour_list') return honours();
      throw { code: 'validation', message: 'x', field: 'name', reason: 'indicator_name_taken' };
    });
    const figures = useFigures(ref(2026));
    await figures.load();
    await expect(figures.saveIndicator(null, { name: '全程网办比例', unit: '', target: null, higher_is_better: true })).rejects.toMatchObject({
      code: 'validation',
      field: 'name',
      reason: 'indicator_name_taken',
    });
    expect(lists).toBe(1);
    expect(figures.indicators.value).toHaveLength(4);
  });

  test('a failed load keeps the error; a year chosen later wins over a slower answer', async () => {
    mockIPC(() => {
      throw { code: 'db', message: 'x', field: null, reason: null };
    });
    const year = ref(2026);
    const figures = useFigures(year);
    await figures.load();
    expect(figures.error.value?.code).toBe('db');

    const pending: (() => void)[] = [];
    mockIPC((cmd, args) => {
      const y = (args as { year: number }).year;
      return new Promise((resolve) => pending.push(() => resolve(cmd === 'indicator_list' ? indicators().map((i) => ({ ...i, name: `${y} ${i.name}` })) : [])));
    });
    const first = figures.load();
    year.value = 2025;
    await eventually(() => expect(pending).toHaveLength(4));
    pending[2]();
    pending[3]();
    await eventually(() => expect(figures.loading.value).toBe(false));
    pending[0]();
    pending[1]();
    await first;
    expect(figures.indicators.value[0].name).toBe('2025 办事跑动次数');
    expect(figures.error.value).toBeNull();
  });
});
