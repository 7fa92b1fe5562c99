// 我的学时: a member looks up their own year on the branch's computer. The only data asked
// for is self_check_open, with the member's own name and PIN (or 身份证号 last six); the
// statement lives in memory until 退出, leaving the page, or a few idle minutes.
import { computed, reactive, ref, shallowRef } from 'vue';
import { selfCheckMode, selfCheckOpen } from '@/api/study';
import { toAppError, type AppError, type Translate } from '@/api/ipc';
import type { MemberStatement } from '@/generated/MemberStatement';
import type { Reason } from '@/generated/Reason';
import type { SelfCheckMode } from '@/generated/SelfCheckMode';
import { pinReason } from '@/views/study/pin-model';

/** A statement left open this long without a click or key press is cleared. */
export const IDLE_MS = 5 * 60 * 1000;

export interface SelfCheckForm {
  name: string;
  secret: string;
  year: number;
}

/** Why the form cannot be sent yet: a name, and a PIN of 4–8 digits or six characters. */
export function selfCheckReason(field: 'name' | 'secret', form: SelfCheckForm, mode: SelfCheckMode): Reason | null {
  if (field === 'name') return form.name.trim() ? null : 'required';
  const secret = form.secret.trim();
  if (!secret) return 'required';
  if (mode === 'pin') return pinReason(secret);
  return /^[0-9Xx]{6}$/.test(secret) ? null : 'invalid_value';
}

/**
 * The sentence for a refused look-up. A wrong name or PIN is one message (which of the two is
 * not said), worded for the branch's way of identifying.
 */
export function selfCheckErrorText(e: AppError, mode: SelfCheckMode, t: Translate, errorText: (e: unknown) => string): string {
  if (e.reason === 'wrong_pin') return t(`study.self_check.wrong.${mode}`);
  if (e.reason === 'too_many_tries') return t('study.self_check.too_many_tries');
  return errorText(e);
}

export function useSelfCheck(thisYear: number, idleMs = IDLE_MS) {
  /** How members identify; the settings' answer is read for this and nothing else. */
  const mode = ref<SelfCheckMode>('pin');
  const form = reactive<SelfCheckForm>({ name: '', secret: '', year: thisYear });
  // Not deep-reactive: the statement is shown as it came and never edited.
  const statement = shallowRef<MemberStatement | null>(null);
  const busy = ref(false);
  const error = ref<AppError | null>(null);
  const years = computed(() => Array.from({ length: 3 }, (_, i) => thisYear - i));

  let idle: ReturnType<typeof setTimeout> | undefined;

  async function loadMode(): Promise<void> {
    try {
      mode.value = await selfCheckMode();
    } catch {
      // The PIN form stays; the look-up itself says if anything is wrong.
    }
  }

  function stopIdle() {
    clearTimeout(idle);
    idle = undefined;
  }

  /** Restarts the idle countdown while a statement is open. */
  function touch() {
    if (!statement.value) return;
    stopIdle();
    idle = setTimeout(exit, idleMs);
  }

  async function open(): Promise<boolean> {
    // One look-up at a time: a double submit would count as two tries against the throttle.
    if (busy.value) return false;
    if (selfCheckReason('name', form, mode.value) || selfCheckReason('secret', form, mode.value)) return false;
    busy.value = true;
    error.value = null;
    try {
      statement.value = await selfCheckOpen(form.name.trim(), form.secret.trim(), form.year);
      touch();
      return true;
    } catch (e) {
      error.value = toAppError(e);
      return false;
    } finally {
      // The secret is not kept, whatever the answer.
      form.secret = '';
      busy.value = false;
    }
  }

  /** Forgets the statement and everything typed; back to an empty form. */
  function exit() {
    stopIdle();
    statement.value = null;
    error.value = null;
    form.name = '';
    form.secret = '';
    form.year = thisYear;
  }

  return { mode, form, statement, busy, error, years, loadMode, open, exit, touch, dispose: exit };
}
