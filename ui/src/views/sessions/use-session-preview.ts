// The session form's live preview: asks the core (debounced) who should attend, the head
// count, the quorum and whether each resolution carries, as the secretary fills the form.
import { computed, ref, watch } from 'vue';
import { sessionPreview } from '@/api/sessions';
import { type AppError } from '@/api/ipc';
import type { SessionInput } from '@/generated/SessionInput';
import type { SessionPreview } from '@/generated/SessionPreview';
import { resolutionVerdicts, toSessionInput, verdictResults, type SessionForm } from './form-model';
import { canPreview } from './validate';
import { useLatest } from '@/utils/use-latest';

export const PREVIEW_DELAY_MS = 300;

/** The input a preview needs: text that does not change the outcome left out, claims ignored. */
export function previewInput(form: SessionForm, known: ReadonlySet<string> | null): SessionInput {
  const input = toSessionInput(form, known);
  return {
    ...input,
    title: '',
    place: '',
    topic: '',
    minutes: '',
    agenda: [],
    resolutions: input.resolutions.map((r) => ({ ...r, passed: false })),
  };
}

export function useSessionPreview(form: SessionForm, options: { today: () => string; delayMs?: number }) {
  const preview = ref<SessionPreview | null>(null);
  const error = ref<AppError | null>(null);
  const pending = ref(false);

  /** Members the form may list: those expected by the last preview, and the extras. */
  const known = computed<ReadonlySet<string> | null>(() => {
    if (!preview.value) return null;
    const ids = preview.value.attendance.filter((r) => r.expected).map((r) => r.member_id);
    return new Set([...ids, ...form.extras]);
  });
  const expectedRows = computed(() => preview.value?.attendance.filter((r) => r.expected) ?? []);
  /**
   * The core's verdict on each resolution (通过 / 未通过 / 无效 with why), unknown while the
   * preview is refused: an earlier preview's verdict would no longer be the votes'.
   */
  const verdicts = computed(() => resolutionVerdicts(form.resolutions, error.value ? null : preview.value?.verdicts));
  const results = computed(() => verdictResults(verdicts.value));

  const key = computed(() => (canPreview(form, options.today()) ? JSON.stringify(previewInput(form, known.value)) : null));

  let timer: ReturnType<typeof setTimeout> | undefined;
  // A refused preview leaves the last good one on screen; the reason is shown beside it.
  const latest = useLatest({ loading: pending, error });
  function run(input: SessionInput) {
    return latest.run(
      () => sessionPreview(input),
      (session) => (preview.value = session),
    );
  }

  watch(
    key,
    (k) => {
      clearTimeout(timer);
      if (k === null) {
        latest.drop();
        preview.value = null;
        error.value = null;
        return;
      }
      pending.value = true;
      timer = setTimeout(() => void run(JSON.parse(k) as SessionInput), options.delayMs ?? PREVIEW_DELAY_MS);
    },
    { immediate: true },
  );

  // Only a resolution the votes carry may be claimed as passed; one that starts to carry is.
  watch(results, (now, before) => {
    now.forEach((passes, i) => {
      const r = form.resolutions[i];
      if (!r) return;
      if (passes === false) r.passed = false;
      else if (passes === true && before?.[i] !== true) r.passed = true;
    });
  });

  function dispose() {
    clearTimeout(timer);
    latest.drop();
  }

  return { preview, error, pending, known, expectedRows, verdicts, results, dispose };
}
