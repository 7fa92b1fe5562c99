import { describe, expect, test } from 'vitest';
import { declareFieldReason, isYuan, payable, paymentFieldReason, yuan, type DeclareForm, type PaymentForm } from './dues-model';

describe('党费 model', () => {
  test('amounts in 元 as the core writes and reads them', () => {
    expect(yuan(4805)).toBe('48.05');
    expect(yuan(20)).toBe('0.20');
    expect(yuan(0)).toBe('0.00');
    for (const ok of ['48', '48.5', '48.05', '48元']) expect(isYuan(ok), ok).toBe(true);
    for (const bad of ['', '-1', '4.855', 'abc', '.5', '1,000']) expect(isYuan(bad), bad).toBe(false);
  });

  test('a declaration needs pay at work or retired, an amount when fixed, and a month', () => {
    const f: DeclareForm = {
      member_id: 'm1',
      category: 'salaried',
      monthly_pay: '',
      fixed_amount: '',
      from_month: '2026-01',
      approved_on: '',
      approval_document: '',
    };
    expect(declareFieldReason('monthly_pay', f)).toBe('dues_amount');
    expect(declareFieldReason('monthly_pay', { ...f, monthly_pay: '4800' })).toBeNull();
    expect(declareFieldReason('monthly_pay', { ...f, category: 'student' })).toBeNull();
    expect(declareFieldReason('fixed_amount', { ...f, category: 'fixed' })).toBe('dues_amount');
    expect(declareFieldReason('fixed_amount', { ...f, category: 'fixed', fixed_amount: '10' })).toBeNull();
    expect(declareFieldReason('from_month', { ...f, from_month: '2026-13' })).toBe('invalid_date');
    expect(declareFieldReason('category', { ...f, category: null })).toBe('required');
  });

  test('免交 and 少交 need the superior approval day; 少交 its amount', () => {
    const f: DeclareForm = {
      member_id: 'm1',
      category: 'exempt',
      monthly_pay: '',
      fixed_amount: '',
      from_month: '2026-04',
      approved_on: '',
      approval_document: '',
    };
    expect(declareFieldReason('approved_on', f)).toBe('dues_approval_required');
    expect(declareFieldReason('approved_on', { ...f, approved_on: '2026-03-20' })).toBeNull();
    expect(declareFieldReason('approved_on', { ...f, category: 'salaried' })).toBeNull();
    expect(declareFieldReason('fixed_amount', f)).toBeNull();
    expect(declareFieldReason('fixed_amount', { ...f, category: 'reduced' })).toBe('dues_amount');
    expect(declareFieldReason('fixed_amount', { ...f, category: 'reduced', fixed_amount: '5' })).toBeNull();
    expect(declareFieldReason('approval_document', { ...f, approval_document: '文'.repeat(61) })).toBe('too_long');
  });

  test('a payment needs an amount or an extra, and a day not in the future', () => {
    const f: PaymentForm = { member_id: 'm1', for_month: '2026-11', paid_on: '2026-11-22', amount: '', extra: '', way: '', note: '' };
    expect(paymentFieldReason('amount', f, '2026-11-22')).toBe('dues_amount');
    expect(paymentFieldReason('amount', { ...f, extra: '100' }, '2026-11-22')).toBeNull();
    expect(paymentFieldReason('amount', { ...f, amount: '40' }, '2026-11-22')).toBeNull();
    expect(paymentFieldReason('extra', { ...f, extra: 'x' }, '2026-11-22')).toBe('dues_amount');
    expect(paymentFieldReason('paid_on', { ...f, paid_on: '2026-11-23' }, '2026-11-22')).toBe('date_in_future');
  });

  test('a month takes a payment until it is paid in full', () => {
    const m = { month: '2026-11', due_cents: 4000, paid_cents: 0, extra_cents: 0, paid_on: null, status: 'due' as const };
    expect(payable(m)).toBe(true);
    expect(payable({ ...m, paid_cents: 4000, status: 'paid' })).toBe(false);
    expect(payable({ ...m, due_cents: null, status: 'not_assessed' })).toBe(false);
  });
});
