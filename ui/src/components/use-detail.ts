// A record opened from a list in a drawer: the list holds summaries, the record in full is
// read when a line is clicked. A failed read closes the drawer and says why.
import { ref, type Ref } from 'vue';
import { useI18n } from '@/locales/use-i18n';
import { useLatest } from '@/utils/use-latest';

export function useDetail<T>(get: (id: string) => Promise<T>, onError: (e: unknown) => void) {
  const open = ref(false);
  const record = ref(null) as Ref<T | null>;
  const loading = ref(false);

  const latest = useLatest({ loading });
  function show(id: string): Promise<void> {
    open.value = true;
    record.value = null;
    return latest.run(
      () => get(id),
      (r) => (record.value = r),
      (e) => {
        open.value = false;
        onError(e);
      },
    );
  }

  return { open, record, loading, show };
}

/** How a record's drawer shows a text field: as written, or 未填写 when it is blank. */
export function useShownText(): (v: string | null | undefined) => string {
  const { t } = useI18n();
  return (v) => (v && v.trim() !== '' ? v : t('common.not_set'));
}
