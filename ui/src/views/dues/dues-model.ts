// The 党费 page's model: amounts in 元, each month's tag, and the forms' checks (mirroring
// src/dues in the core).
import type { DuesCategory } from '@/generated/DuesCategory';
import type { DuesMonth } from '@/generated/DuesMonth';
import type { MonthStatus } from '@/generated/MonthStatus';
import type { Reason } from '@/generated/Reason';
import { limits } from '@/utils/limits';
import type { TagType } from '@/utils/codes';
import { pastDateReason } from '@/utils/dates';

export const DUES_CATEGORIES: readonly DuesCategory[] = ['salaried', 'retiree', 'student', 'unemployed', 'subsistence', 'fixed', 'exempt', 'reduced'];

/** Cents as 元 with two decimals: 4805 → "48.05". */
export function yuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Whether a text is an amount in 元 the core takes: digits, at most two decimals. */
export function isYuan(s: string): boolean {
  return /^\d{1,9}(\.\d{0,2})?$/.test(s.trim().replace(/元$/, ''));
}

/** Whether the category's amount follows from a declared pay. */
export function needsPay(c: DuesCategory | null): boolean {
  return c === 'salaried' || c === 'retiree';
}

/** 免交 and 少交 stand on the superior 党委's approval (its date, and document number). */
export function needsApproval(c: DuesCategory | null): boolean {
  return c === 'exempt' || c === 'reduced';
}

/** Whether the category's amount is entered as is (定额, or the approved 少交 amount). */
export function needsAmount(c: DuesCategory | null): boolean {
  return c === 'fixed' || c === 'reduced';
}

/** How a month looks in the grid. */
export const STATUS_TAG: Record<MonthStatus, TagType> = {
  not_assessed: 'info',
  upcoming: 'info',
  due: 'primary',
  paid: 'success',
  paid_in_advance: 'success',
  paid_late: 'warning',
  partly_paid: 'warning',
  unpaid: 'danger',
  exempt: 'info',
};

/** Whether a payment can still be entered for the month (it is not paid in full). */
export function payable(m: DuesMonth): boolean {
  return m.due_cents !== null && m.paid_cents < m.due_cents;
}

/** What the declaration form sends, checked as the core checks it. */
export interface DeclareForm {
  member_id: string;
  category: DuesCategory | null;
  monthly_pay: string;
  fixed_amount: string;
  from_month: string;
  approved_on: string;
  approval_document: string;
}

export function declareFieldReason(field: keyof DeclareForm, f: DeclareForm): Reason | null {
  switch (field) {
    case 'member_id':
      return f.member_id ? null : 'required';
    case 'category':
      return f.category ? null : 'required';
    case 'monthly_pay':
      if (!needsPay(f.category)) return null;
      return isYuan(f.monthly_pay) && Number(f.monthly_pay) > 0 ? null : 'dues_amount';
    case 'fixed_amount':
      if (!needsAmount(f.category)) return null;
      return isYuan(f.fixed_amount) && Number(f.fixed_amount) > 0 ? null : 'dues_amount';
    case 'from_month':
      return /^\d{4}-(0[1-9]|1[0-2])$/.test(f.from_month) ? null : 'invalid_date';
    case 'approved_on':
      if (!needsApproval(f.category)) return null;
      return /^\d{4}-\d{2}-\d{2}$/.test(f.approved_on) ? null : 'dues_approval_required';
    case 'approval_document':
      return f.approval_document.trim().length > limits.approval_document ? 'too_long' : null;
  }
}

/** What the payment form sends. */
export interface PaymentForm {
  member_id: string;
  for_month: string;
  paid_on: string;
  amount: string;
  extra: string;
  way: string;
  note: string;
}

export function paymentFieldReason(field: 'amount' | 'extra' | 'paid_on', f: PaymentForm, today: string): Reason | null {
  switch (field) {
    case 'amount': {
      const blank = f.amount.trim() === '';
      if (blank) return f.extra.trim() === '' ? 'dues_amount' : null;
      return isYuan(f.amount) ? null : 'dues_amount';
    }
    case 'extra':
      return f.extra.trim() === '' || isYuan(f.extra) ? null : 'dues_amount';
    case 'paid_on':
      return pastDateReason(f.paid_on, today);
  }
}
