import { describe, expect, test } from 'vitest';
import type { OperatorStatus } from '@/api/operator';
import { chosenName, initialChoice, operatorError, OTHER } from './operator-model';

const ROLES = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员'];

function status(current: string | null, remembered: string | null): OperatorStatus {
  return { current, remembered, suggested: ROLES, max_chars: 20 };
}

describe('the 操作人 chooser', () => {
  test('starts from this session’s 操作人, else last time’s, a name not among the roles as 其他', () => {
    const cases: [OperatorStatus | null, { choice: string; other: string }][] = [
      [null, { choice: '', other: '' }],
      [status(null, null), { choice: '', other: '' }],
      [status(null, '组织委员'), { choice: '组织委员', other: '' }],
      [status('书记', '组织委员'), { choice: '书记', other: '' }],
      [status(null, '张伟'), { choice: OTHER, other: '张伟' }],
    ];
    for (const [s, expected] of cases) expect(initialChoice(s)).toEqual(expected);
  });

  test('a name is required, trimmed as the core trims it, and at most the core’s length', () => {
    const cases: [{ choice: string; other: string }, string, string | null][] = [
      [{ choice: '书记', other: 'ignored' }, '书记', null],
      [{ choice: OTHER, other: '  张  伟 ' }, '张 伟', null],
      [{ choice: '', other: '' }, '', 'lock.operator.required'],
      [{ choice: OTHER, other: '   ' }, '', 'lock.operator.required'],
      [{ choice: OTHER, other: '一'.repeat(20) }, '一'.repeat(20), null],
      [{ choice: OTHER, other: '一'.repeat(21) }, '一'.repeat(21), 'lock.operator.too_long'],
    ];
    for (const [c, name, error] of cases) {
      expect(chosenName(c)).toBe(name);
      expect(operatorError(c, 20)?.key ?? null).toBe(error);
    }
  });
});
