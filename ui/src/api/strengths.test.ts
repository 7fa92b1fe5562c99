import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import {
  honourAdd,
  honourDelete,
  honourList,
  indicatorDelete,
  indicatorList,
  indicatorSave,
  indicatorValueDelete,
  indicatorValueRecord,
  strengthsAssess,
  strengthsAttest,
  strengthsExport,
  strengthsTemplateAssign,
  strengthsTemplateGet,
  strengthsTemplateLoad,
  strengthsTemplateReset,
  strengthsTrend,
  strengthsWithdraw,
} from './strengths';
import type { Template } from '@/generated/Template';

afterEach(() => clearMocks());

describe('四强 commands', () => {
  test('each wrapper sends its command with camelCase arguments', async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return cmd === 'strengths_export' ? [80, 75, 3, 4] : null;
    });
    const template = { id: 't', name: 'n', version: 'v', strengths: [], items: [] } as Template;
    const input = { year: 2026, item_id: 'work_plan', met: true, achieved_on: '2026-01-10', note: '', attested_by: '', evidence: [] };
    await strengthsAssess();
    await strengthsAssess(2025, '2025-06-30');
    await strengthsTrend(2026);
    await strengthsAttest(input);
    await strengthsWithdraw(2026, 'work_plan');
    await strengthsTemplateGet(2026);
    await strengthsTemplateAssign(2026, template);
    await strengthsTemplateLoad(2026, '{}');
    await strengthsTemplateReset(2026);
    expect(Array.from(await strengthsExport(2026))).toEqual([80, 75, 3, 4]);
    await indicatorList(2026);
    await indicatorSave(null, { name: '全程网办比例', unit: '%', target: 75, higher_is_better: true });
    await indicatorDelete('i1');
    await indicatorValueRecord({ indicator_id: 'i1', measured_on: '2026-09-30', value: 78.11, note: '' });
    await indicatorValueDelete('i1', '2026-09-30');
    await honourList(2026);
    await honourAdd({ title: '工人先锋号', awarded_by: '', awarded_on: '2026-05-01', member_id: null, note: '' });
    await honourDelete('h1');
    const strip = (a: unknown) => JSON.parse(JSON.stringify(a ?? {}));
    expect(seen.map(([c, a]) => [c, strip(a)])).toEqual([
      ['strengths_assess', { year: null, asOf: null }],
      ['strengths_assess', { year: 2025, asOf: '2025-06-30' }],
      ['strengths_trend', { year: 2026, asOf: null }],
      ['strengths_attest', { input }],
      ['strengths_withdraw', { year: 2026, itemId: 'work_plan' }],
      ['strengths_template_get', { year: 2026 }],
      ['strengths_template_assign', { year: 2026, template }],
      ['strengths_template_load', { year: 2026, text: '{}' }],
      ['strengths_template_reset', { year: 2026 }],
      ['strengths_export', { year: 2026, asOf: null }],
      ['indicator_list', { year: 2026, asOf: null }],
      ['indicator_save', { id: null, input: { name: '全程网办比例', unit: '%', target: 75, higher_is_better: true } }],
      ['indicator_delete', { id: 'i1' }],
      ['indicator_value_record', { input: { indicator_id: 'i1', measured_on: '2026-09-30', value: 78.11, note: '' } }],
      ['indicator_value_delete', { indicatorId: 'i1', measuredOn: '2026-09-30' }],
      ['honour_list', { year: 2026, asOf: null }],
      ['honour_add', { input: { title: '工人先锋号', awarded_by: '', awarded_on: '2026-05-01', member_id: null, note: '' } }],
      ['honour_delete', { id: 'h1' }],
    ]);
  });
});
