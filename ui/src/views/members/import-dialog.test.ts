import { describe, expect, test } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { RosterPreview } from '@/generated/RosterPreview';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import ImportDialog from './import-dialog.vue';
import { NOT_IMPORTED, ROSTER_FIELDS } from './import-model';
import { FIELD_LABELS, GUESS, PREVIEW_CLEAN, PREVIEW_WITH_ERRORS, TABLE } from './import-fixtures';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach(() => {
  chosen = '/home/她/文档/一支部花名册.xlsx';
  dialogAsked = [];
});

interface Core {
  asked: string[];
  preview: RosterPreview;
  commit: () => RosterPreview;
}

/** The file the open dialog answers with (null: she cancelled). */
let chosen: string | null = '/home/她/文档/一支部花名册.xlsx';
let dialogAsked: unknown[] = [];

function mockCore(core: Partial<Core> = {}): Core {
  const state: Core = { asked: [], preview: PREVIEW_WITH_ERRORS, commit: () => PREVIEW_CLEAN, ...core };
  mockIPC((cmd, args) => {
    if (cmd === 'file_open') {
      dialogAsked.push(JSON.parse(JSON.stringify(args)));
      return chosen;
    }
    state.asked.push(cmd);
    if (cmd === 'roster_import_read_path') return TABLE;
    if (cmd === 'roster_import_preview') return state.preview;
    if (cmd === 'roster_import_commit') return state.commit();
    throw new Error(cmd);
  });
  return state;
}

function mountDialog() {
  const { plugins } = appPlugins('2026-11-22');
  wrapper = mount(ImportDialog, { props: { visible: true }, global: { plugins }, attachTo: document.body });
  return wrapper;
}

async function chooseFile(name = '一支部花名册.xlsx') {
  chosen = `/home/她/文档/${name}`;
  (await eventually(() => byTestId('import-choose'))).click();
  await eventually(() => expect(has('import-mapping')).toBe(true));
}

function selectOf(w: VueWrapper, field: string) {
  const found = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === `import-map-${field}`);
  if (!found) throw new Error(`no select for ${field}`);
  return found;
}

function text(id: string): string {
  return byTestId(id).textContent?.trim() ?? '';
}

async function previewed() {
  byTestId('import-preview').click();
  await eventually(() => expect(has('import-preview-table')).toBe(true));
  await flushPromises();
}

function commitButton(): HTMLButtonElement {
  return byTestId('import-commit') as HTMLButtonElement;
}

describe('导入党员花名册', () => {
  test('the mapping is pre-filled from the core’s guess, with the template’s titles and 不导入', async () => {
    mockCore();
    const w = mountDialog();
    await eventually(() => expect(has('import-template')).toBe(true));
    expect(commitButton().disabled).toBe(true);
    await chooseFile();
    expect(text('import-file-name')).toContain('一支部花名册.xlsx，共 4 行数据');
    for (const field of ROSTER_FIELDS) {
      expect(selectOf(w, field).props('modelValue'), field).toBe(GUESS[field] ?? NOT_IMPORTED);
    }
    const labels = [...byTestId('import-mapping').querySelectorAll('.import__map-label')].map((l) => l.textContent?.trim());
    expect(labels).toEqual(FIELD_LABELS.map((l) => (l === '姓名' || l === '身份证号' ? `${l}*` : l)));
    // The file's headers are the options, after 不导入.
    const options = selectOf(w, 'name')
      .findAllComponents({ name: 'ElOption' })
      .map((o) => o.props('label'));
    expect(options).toEqual(['不导入', ...TABLE.headers]);
    expect(text('import-sample-id_number')).toBe('如：500118199001010026');
    expect(text('import-sample-native_place')).toBe('');
    expect(has('import-problem')).toBe(false);
  });

  test('a column chosen twice, or 身份证号 not imported, is named and not previewed', async () => {
    const core = mockCore();
    const w = mountDialog();
    await chooseFile();
    selectOf(w, 'notes').vm.$emit('update:modelValue', 1);
    await eventually(() => expect(text('import-problem')).toBe('同一列不能对应多个项目：姓名、备注'));
    expect((byTestId('import-preview') as HTMLButtonElement).disabled).toBe(true);
    selectOf(w, 'notes').vm.$emit('update:modelValue', NOT_IMPORTED);
    selectOf(w, 'id_number').vm.$emit('update:modelValue', NOT_IMPORTED);
    await eventually(() => expect(text('import-problem')).toBe('请为“身份证号”选择一列'));
    byTestId('import-preview').click();
    await flushPromises();
    expect(core.asked).toEqual(['roster_import_read_path']);
  });

  test('the preview shows the counts and each row’s error with its column; with rows in error nothing is imported', async () => {
    const core = mockCore();
    const w = mountDialog();
    await chooseFile();
    await previewed();
    expect(text('import-count-new')).toBe('新增 1 人');
    expect(text('import-count-existing')).toBe('已在名册 1 人（不改动）');
    expect(text('import-count-invalid')).toBe('有误 2 行');
    const table = byTestId('import-preview-table').textContent ?? '';
    expect(table).toContain('身份证号已在名册中，不改动');
    expect(table).toContain('公民身份号码');
    const errors = [...document.querySelectorAll('[data-testid="import-row-error"]')].map((e) => e.textContent?.trim());
    expect(errors).toEqual(['身份证号：身份证号应为 18 位（17 位数字加 1 位数字或 X）', '联系电话：电话号码格式不正确（手机 11 位，或区号-座机号）']);
    expect(text('import-blocked')).toContain('有 2 行有误');
    expect(commitButton().disabled).toBe(true);
    commitButton().click();
    await flushPromises();
    expect(core.asked).not.toContain('roster_import_commit');

    // Only the rows in error.
    expect(document.querySelectorAll('[data-testid="import-row-outcome"]')).toHaveLength(4);
    w.findAllComponents({ name: 'ElSwitch' })
      .find((s) => s.attributes('data-testid') === 'import-only-errors')!
      .vm.$emit('update:modelValue', true);
    await eventually(() => expect(document.querySelectorAll('[data-testid="import-row-outcome"]')).toHaveLength(2));
    const outcomes = [...document.querySelectorAll('[data-testid="import-row-outcome"]')].map((e) => e.textContent?.trim());
    expect(outcomes).toEqual(['有误', '有误']);
  });

  test('a clean preview names the 党小组 to create; the import reports and emits what was done', async () => {
    const core = mockCore({ preview: PREVIEW_CLEAN });
    const w = mountDialog();
    await chooseFile();
    await previewed();
    expect(text('import-new-groups')).toBe('将新建党小组：第三党小组');
    expect(byTestId('import-preview-table').textContent).toContain('将加入名册，并新建党小组“第三党小组”');
    expect(has('import-blocked')).toBe(false);
    expect(commitButton().textContent?.trim()).toBe('导入（3 人）');
    expect(commitButton().disabled).toBe(false);
    commitButton().click();
    await eventually(() => expect(w.emitted('imported')).toEqual([[PREVIEW_CLEAN]]));
    expect(core.asked.filter((c) => c === 'roster_import_commit')).toHaveLength(1);
    expect(text('import-result')).toBe('已导入 3 人；1 人已在名册未改动；新建党小组：第三党小组');
    expect(commitButton().disabled).toBe(true);
  });

  test('a refused import shows the row the core named, and keeps nothing', async () => {
    mockCore({
      preview: PREVIEW_CLEAN,
      commit: () => {
        throw { code: 'validation', message: 'x', field: 'id_number', reason: 'id_number_duplicate', row: 5 };
      },
    });
    const w = mountDialog();
    await chooseFile();
    await previewed();
    commitButton().click();
    await eventually(() => expect(text('import-error')).toBe('第 5 行：身份证号：该身份证号已登记在另一名党员名下'));
    expect(w.emitted('imported')).toBeUndefined();
    expect(has('import-result')).toBe(false);
  });

  test('a file the core cannot read is refused in Chinese', async () => {
    mockIPC((cmd) => {
      if (cmd === 'file_open') return '/home/她/文档/名单.docx';
      if (cmd === 'roster_import_read_path') throw { code: 'validation', message: 'x', field: 'import_file', reason: 'unsupported_file_type' };
      throw new Error(cmd);
    });
    mountDialog();
    (await eventually(() => byTestId('import-choose'))).click();
    await eventually(() => expect(text('import-error')).toBe('导入文件：只能导入 .csv、.xlsx、.xls 或 .ods 文件'));
    expect(has('import-mapping')).toBe(false);
  });

  test('the file is chosen in the native open dialog, showing spreadsheets; cancelling reads nothing', async () => {
    const core = mockCore();
    mountDialog();
    chosen = null;
    (await eventually(() => byTestId('import-choose'))).click();
    await eventually(() => expect(dialogAsked).toHaveLength(1));
    await flushPromises();
    expect(dialogAsked[0]).toEqual({ filters: [{ name: '表格文件', extensions: ['csv', 'xlsx', 'xls', 'ods'] }], title: '选择文件' });
    expect(core.asked).toEqual([]);
    expect(has('import-mapping')).toBe(false);
    expect(document.querySelector('input[type="file"]')).toBeNull();

    await chooseFile('二支部.csv');
    expect(core.asked).toEqual(['roster_import_read_path']);
  });
});
