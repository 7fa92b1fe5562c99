import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { nextTick, ref } from 'vue';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Template } from '@/generated/Template';
import type { YearTemplate } from '@/generated/YearTemplate';
import { appPlugins, eventually } from '@/test-utils';
import { template, templateCore, yearTemplate } from './fixtures';
import { useTemplate } from './use-template';

beforeEach(() => {
  appPlugins('2026-11-22');
});
afterEach(() => clearMocks());

/** A core that keeps the year's template; a reset inherits 2025's, and nothing else is asked. */
const fakeCore = (initial: YearTemplate = yearTemplate()) => templateCore(initial, null, { inherited: { from_year: 2025 } }, true);

describe('useTemplate', () => {
  test('loads the year’s template as a draft; untouched, it is not dirty but may be taken as the year’s own', async () => {
    const asked = fakeCore();
    const state = useTemplate(ref(2026));
    await state.load();
    expect(asked).toEqual([['strengths_template_get', { year: 2026 }]]);
    expect(state.source.value).toEqual({ kind: 'default', fromYear: null });
    expect(state.dirty.value).toBe(false);
    expect(state.canSave.value).toBe(true);
    expect(state.groups.value.map((g) => [g.strength.key, g.rows.map((r) => r.item.id)])).toEqual([
      ['political', ['first_topic', 'study_on_pace']],
      ['leadership', ['committee_monthly', 'committee_complete', 'work_plan']],
      ['membership', ['reading_salons']],
      ['impact', ['honours']],
    ]);
  });

  test('the first edit raises the version; undoing it puts the version back', async () => {
    fakeCore();
    const state = useTemplate(ref(2026));
    await state.load();
    const pace = state.draft.value!.items.find((i) => i.id === 'study_on_pace')!;
    pace.threshold = 80;
    await nextTick();
    expect(state.dirty.value).toBe(true);
    expect(state.draft.value!.version).toBe('2026.2');
    expect(state.versionBumped.value).toBe(true);
    pace.threshold = 90;
    await nextTick();
    expect(state.draft.value!.version).toBe('2026.1');
    expect(state.dirty.value).toBe(false);
    // A version the secretary typed is kept.
    state.draft.value!.version = '区机关工委 2026';
    pace.threshold = 85;
    await nextTick();
    expect(state.draft.value!.version).toBe('区机关工委 2026');
  });

  test('assigning sends the edited template whole, then the year reads as assigned', async () => {
    const asked = fakeCore();
    const state = useTemplate(ref(2026), () => 1000);
    await state.load();
    state.draft.value!.items.find((i) => i.id === 'study_on_pace')!.threshold = 80;
    state.addItem('impact');
    state.draft.value!.items.find((i) => i.id === 'custom_rs')!.title = '打造支部党建品牌';
    state.remove('work_plan');
    await nextTick();
    const saved = await state.assign();
    const [cmd, args] = asked[1] as [string, { year: number; template: Template }];
    expect(cmd).toBe('strengths_template_assign');
    expect(args.year).toBe(2026);
    expect(args.template).toEqual(saved);
    expect(saved.version).toBe('2026.2');
    expect(saved.items.find((i) => i.id === 'study_on_pace')!.threshold).toBe(0.8);
    expect(saved.items.map((i) => i.id)).toEqual([
      'first_topic',
      'study_on_pace',
      'committee_monthly',
      'committee_complete',
      'reading_salons',
      'honours',
      'custom_rs',
    ]);
    expect(state.source.value?.kind).toBe('assigned');
    expect(state.dirty.value).toBe(false);
    expect(state.canSave.value).toBe(false);
    expect(state.saving.value).toBe(false);
  });

  test('a file’s template and a reset each judge the year and are read back', async () => {
    const asked = fakeCore(yearTemplate({ source: 'assigned' }));
    const state = useTemplate(ref(2026));
    await state.load();
    const other = { ...template(), id: 'district', name: '区机关工委四强清单', version: '2026 区版' };
    const read = await state.loadFile(JSON.stringify(other));
    expect(read.name).toBe('区机关工委四强清单');
    expect(state.current.value?.template.name).toBe('区机关工委四强清单');
    await state.reset();
    expect(state.source.value).toEqual({ kind: 'inherited', fromYear: 2025 });
    expect(asked.map(([cmd]) => cmd)).toEqual([
      'strengths_template_get',
      'strengths_template_load',
      'strengths_template_get',
      'strengths_template_reset',
      'strengths_template_get',
    ]);
  });

  test('a refusal leaves the draft as edited; discarding goes back to the saved template', async () => {
    mockIPC((cmd) => {
      if (cmd === 'strengths_template_get') return yearTemplate({ source: 'assigned' });
      throw { code: 'validation', message: 'x', field: 'items', reason: 'invalid_value' };
    });
    const state = useTemplate(ref(2026));
    await state.load();
    state.draft.value!.items[0].title = '改过的标题';
    await nextTick();
    await expect(state.assign()).rejects.toMatchObject({ code: 'validation', field: 'items' });
    expect(state.draft.value!.items[0].title).toBe('改过的标题');
    expect(state.dirty.value).toBe(true);
    expect(state.saving.value).toBe(false);
    state.discard();
    await nextTick();
    expect(state.draft.value!.items[0].title).toBe('支委会坚持“第一议题”学习');
    expect(state.draft.value!.version).toBe('2026.1');
    expect(state.dirty.value).toBe(false);
  });

  test('another year is read when the year changes', async () => {
    const asked = fakeCore();
    const year = ref(2026);
    const state = useTemplate(year);
    await state.load();
    year.value = 2024;
    await eventually(() => expect(state.current.value?.year).toBe(2024));
    expect(asked.map(([, a]) => a)).toEqual([{ year: 2026 }, { year: 2024 }]);
  });
});
