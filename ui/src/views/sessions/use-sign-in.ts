// The 签到表 dialog's state: the form, the sheet the core answers for it (asked again whenever
// the request changes), what the core refused (under its field when the form shows it), and
// the .xlsx of the sheet shown.
import { computed, reactive, ref, watch } from 'vue';
import { sessionSignIn, sessionSignInXlsx } from '@/api/sessions';
import { errorText, toAppError, type AppError, type Translate } from '@/api/ipc';
import type { SignInSheet } from '@/generated/SignInSheet';
import { saveFile, type SavedFile } from '@/utils/download';
import { clearServerErrors, showServerError, type ServerErrors } from '@/utils/form';
import { needsGroup } from './form-model';
import { signInFileName, signInRequest, type SignInForm, type SignInRequest } from './sign-in-model';

export function useSignIn(initial: SignInForm, t: Translate) {
  const form = reactive<SignInForm>({ ...initial });
  const sheet = ref<SignInSheet | null>(null);
  /** The request `sheet` answers; the download asks for the same. */
  const shown = ref<SignInRequest | null>(null);
  const loading = ref(false);
  const saving = ref(false);
  const error = ref<AppError | null>(null);
  /** The refusal's sentence under the field it names (kind, held_on, party_group_id). */
  const fieldErrors = reactive<ServerErrors>({});
  /** The refusal's sentence when no field of the form can show it. */
  const alertText = ref<string | null>(null);

  const request = computed(() => signInRequest(form));
  const requestKey = computed(() => JSON.stringify(request.value));

  function setError(e: AppError | null) {
    error.value = e;
    clearServerErrors(fieldErrors);
    const fields = new Set(['kind', 'held_on', ...(needsGroup(form) ? ['party_group_id'] : [])]);
    alertText.value = e && !showServerError(e, fieldErrors, fields, t) ? errorText(e, t) : null;
  }

  let requestNo = 0;
  let asked: string | null = null;

  /** Asks for the sheet of the form as it stands; an older answer arriving late is dropped. */
  async function load(): Promise<void> {
    const req = request.value;
    const mine = ++requestNo;
    asked = requestKey.value;
    if (!req) {
      sheet.value = null;
      shown.value = null;
      setError(null);
      loading.value = false;
      return;
    }
    loading.value = true;
    try {
      const answer = await sessionSignIn(req.kind, req.partyGroupId, req.heldOn);
      if (mine !== requestNo) return;
      sheet.value = answer;
      shown.value = req;
      setError(null);
    } catch (e) {
      if (mine !== requestNo) return;
      sheet.value = null;
      shown.value = null;
      setError(toAppError(e));
    } finally {
      if (mine === requestNo) loading.value = false;
    }
  }

  /** Starts over from `next` and asks at once (the roster may have changed since last time). */
  function reset(next: SignInForm): Promise<void> {
    Object.assign(form, next);
    return load();
  }

  watch(requestKey, (key) => {
    if (key !== asked) void load();
  });

  /** Saves the sheet shown as .xlsx where she chooses; answers with where, null when she cancelled. */
  async function download(): Promise<SavedFile | null> {
    const req = shown.value;
    const current = sheet.value;
    if (!req || !current) throw new Error('no sign-in sheet shown');
    saving.value = true;
    try {
      const bytes = await sessionSignInXlsx(req.kind, req.partyGroupId, req.heldOn);
      return await saveFile(bytes, signInFileName(current, t), t);
    } finally {
      saving.value = false;
    }
  }

  return { form, sheet, shown, loading, saving, error, fieldErrors, alertText, request, load, reset, download };
}
