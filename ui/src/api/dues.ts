// 党费: what a member's dues are worked out from, the year fixed at its start, payments, and
// the dues year with arrears.
import type { AllPaid } from '@/generated/AllPaid';
import type { DuesBase } from '@/generated/DuesBase';
import type { DuesDeclaration } from '@/generated/DuesDeclaration';
import type { DuesReport } from '@/generated/DuesReport';
import type { DuesSchedule } from '@/generated/DuesSchedule';
import type { Payment } from '@/generated/Payment';
import type { PaymentInput } from '@/generated/PaymentInput';
import { call } from './ipc';

/** The dues year as of a day. */
export const duesReport = (year: number, asOf: string) => call<DuesReport>('dues_report', { year, asOf });
/** Fixes the year's amounts at its start from each member's last declared basis. */
export const duesCompute = (year: number) => call<DuesSchedule>('dues_compute', { year });
export const duesDeclare = (input: DuesDeclaration) => call<DuesBase>('dues_declare', { input });
export const duesRecord = (input: PaymentInput) => call<Payment>('dues_record', { input });
/**
 * 本月全员已交: what every member still owes for `month`, recorded as paid on `paidOn`, all or
 * none. With `dryRun` it is only worked out (who and how much), for the confirmation.
 */
export const duesPayAll = (month: string, paidOn: string, dryRun: boolean) => call<AllPaid>('dues_pay_all', { month, paidOn, dryRun });
