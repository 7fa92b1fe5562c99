// The 党费 page's data: the dues year as of today, fixing the year's amounts, declaring a
// member's basis and recording payments (each refreshes the dues year).
import { computed, ref, watch } from 'vue';
import { duesCompute, duesDeclare, duesPayAll, duesRecord, duesReport } from '@/api/dues';
import { type AppError } from '@/api/ipc';
import type { AllPaid } from '@/generated/AllPaid';
import type { DuesBase } from '@/generated/DuesBase';
import type { DuesDeclaration } from '@/generated/DuesDeclaration';
import type { DuesReport } from '@/generated/DuesReport';
import type { DuesSchedule } from '@/generated/DuesSchedule';
import type { Payment } from '@/generated/Payment';
import type { PaymentInput } from '@/generated/PaymentInput';
import { useLatest } from '@/utils/use-latest';

export function useDues(today: string) {
  const thisYear = Number(today.slice(0, 4));
  const year = ref(thisYear);
  const report = ref<DuesReport | null>(null);
  const loading = ref(false);
  const error = ref<AppError | null>(null);
  /** After 核定: the members still without a declared basis. */
  const schedule = ref<DuesSchedule | null>(null);

  /** Members behind, the longest run first. */
  const behind = computed(() => (report.value?.members ?? []).filter((m) => m.arrears !== null).sort((a, b) => b.arrears_months - a.arrears_months));

  const latest = useLatest({ loading, error });
  function load(): Promise<void> {
    return latest.run(
      () => duesReport(year.value, today),
      (r) => {
        report.value = r;
      },
    );
  }

  watch(year, () => {
    schedule.value = null;
    void load();
  });

  async function compute(): Promise<DuesSchedule> {
    const s = await duesCompute(year.value);
    schedule.value = s;
    await load();
    return s;
  }

  async function declare(input: DuesDeclaration): Promise<DuesBase> {
    const base = await duesDeclare(input);
    await load();
    return base;
  }

  async function record(input: PaymentInput): Promise<Payment> {
    const payment = await duesRecord(input);
    await load();
    return payment;
  }

  /** The month 本月全员已交 records: this month. */
  const thisMonth = today.slice(0, 7);

  /** What 本月全员已交 would record today (who and how much); nothing is kept. */
  function previewPayAll(): Promise<AllPaid> {
    return duesPayAll(thisMonth, today, true);
  }

  /** Records every member's dues still owed this month as paid today, then reads the dues year again. */
  async function payAll(): Promise<AllPaid> {
    const done = await duesPayAll(thisMonth, today, false);
    await load();
    return done;
  }

  return { thisYear, thisMonth, year, report, loading, error, schedule, behind, load, compute, declare, record, previewPayAll, payAll };
}
