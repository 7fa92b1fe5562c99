// A record opened from a list in a drawer: the list holds summaries, the record in full is
// read when a line is clicked. A failed read closes the drawer and says why.
import { ref, type Ref } from 'vue';

export function useDetail<T>(get: (id: string) => Promise<T>, onError: (e: unknown) => void) {
  const open = ref(false);
  const record = ref(null) as Ref<T | null>;
  const loading = ref(false);

  let requestNo = 0;
  async function show(id: string): Promise<void> {
    const mine = ++requestNo;
    open.value = true;
    loading.value = true;
    record.value = null;
    try {
      const r = await get(id);
      if (mine === requestNo) record.value = r;
    } catch (e) {
      if (mine !== requestNo) return;
      open.value = false;
      onError(e);
    } finally {
      if (mine === requestNo) loading.value = false;
    }
  }

  return { open, record, loading, show };
}
