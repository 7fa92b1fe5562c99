// Shapes the core sends for 党费, for the dues page and useDues tests.
import type { AllPaid } from '@/generated/AllPaid';
import type { DuesReport } from '@/generated/DuesReport';
import type { MemberDues } from '@/generated/MemberDues';

/** A salaried member (id = name) at 40.00 a month, `arrears_months` behind. */
export function member(name: string, arrears_months: number): MemberDues {
  return {
    member_id: name,
    name,
    category: 'salaried',
    monthly_due_cents: 4000,
    months: [],
    due_cents: 0,
    paid_cents: 0,
    extra_cents: 0,
    arrears_months,
    arrears: arrears_months >= 6 ? 'lapsed' : arrears_months >= 5 ? 'warning' : null,
  };
}

/** The 2026 dues year as of 2026-11-22 with these members and no sums. */
export function report(members: MemberDues[]): DuesReport {
  return { year: 2026, as_of: '2026-11-22', rate_version: 'v', members, months: [], due_cents: 0, paid_cents: 0, extra_cents: 0 };
}

/** 本月全员已交 for 2026-11, paid on 2026-11-22: one payment (p1, p2, …) a [member id, name, cents]. */
export function allPaid(payments: [string, string, number][]): AllPaid {
  return {
    for_month: '2026-11',
    paid_on: '2026-11-22',
    payments: payments.map(([member_id, name, amount_cents], i) => ({ member_id, name, payment_id: `p${i + 1}`, amount_cents })),
    total_cents: payments.reduce((sum, [, , cents]) => sum + cents, 0),
  };
}
