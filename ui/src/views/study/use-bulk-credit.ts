// 批量录入: the same hours for several members (a training everyone attended, a platform's
// monthly total), chosen one by one, all at once or by 党小组; all or none is stored.
import { computed, reactive, ref, type Ref } from 'vue';
import { studyEntriesAdd } from '@/api/study';
import { toAppError, type AppError } from '@/api/ipc';
import type { EntryInput } from '@/generated/EntryInput';
import type { MemberSummary } from '@/generated/MemberSummary';
import type { Reason } from '@/generated/Reason';
import { categoryReason, hoursReason } from './entry-model';
import { pastDateReason } from '@/utils/dates';
import { limits } from '@/utils/limits';

export interface BulkForm {
  occurred_on: string | null;
  hours: number | null;
  category: string;
  note: string;
  entered_by: string;
}

export const BULK_FIELDS = ['members', 'occurred_on', 'hours', 'category', 'note'] as const;
export type BulkField = (typeof BULK_FIELDS)[number];

export function emptyBulkForm(today: string): BulkForm {
  return { occurred_on: today, hours: null, category: '', note: '', entered_by: '' };
}

/** A refused batch: the row the core named and whose row that was. */
export interface BulkRefusal {
  error: AppError;
  row: number | null;
  name: string | null;
}

/** The candidates are the members the page lists (the 党员 of the report), in roster order. */
export function useBulkCredit(candidates: Ref<MemberSummary[]>, today: Ref<string>) {
  const form = reactive<BulkForm>(emptyBulkForm(today.value));
  const selected = ref<string[]>([]);
  const saving = ref(false);
  const refusal = ref<BulkRefusal | null>(null);

  const allSelected = computed(() => candidates.value.length > 0 && selected.value.length === candidates.value.length);
  const someSelected = computed(() => selected.value.length > 0 && !allSelected.value);

  /** Chosen members in the list's order, so the core's row numbers match what is shown. */
  const chosen = computed(() => {
    const set = new Set(selected.value);
    return candidates.value.filter((m) => set.has(m.id));
  });

  function reset() {
    Object.assign(form, emptyBulkForm(today.value));
    selected.value = [];
    refusal.value = null;
  }

  function selectAll(on: boolean) {
    selected.value = on ? candidates.value.map((m) => m.id) : [];
  }

  function membersOf(groupId: string): string[] {
    return candidates.value.filter((m) => m.party_group_id === groupId).map((m) => m.id);
  }

  /** Whether every member of the group is chosen. */
  function groupSelected(groupId: string): boolean {
    const ids = membersOf(groupId);
    return ids.length > 0 && ids.every((id) => selected.value.includes(id));
  }

  /** Adds the group's members, or takes them out when all of them were chosen already. */
  function toggleGroup(groupId: string) {
    const ids = membersOf(groupId);
    if (groupSelected(groupId)) {
      selected.value = selected.value.filter((id) => !ids.includes(id));
    } else {
      selected.value = [...selected.value, ...ids.filter((id) => !selected.value.includes(id))];
    }
  }

  function fieldReason(field: BulkField): Reason | null {
    switch (field) {
      case 'members':
        return selected.value.length === 0 ? 'required' : null;
      case 'occurred_on':
        return pastDateReason(form.occurred_on, today.value);
      case 'hours':
        return hoursReason(form.hours);
      case 'category':
        return categoryReason(form.category);
      case 'note':
        return Array.from(form.note.trim()).length > limits.note ? 'too_long' : null;
    }
  }

  const firstError = computed(() => {
    for (const field of BULK_FIELDS) {
      const reason = fieldReason(field);
      if (reason) return { field, reason };
    }
    return null;
  });

  const inputs = computed<EntryInput[]>(() =>
    chosen.value.map((m) => ({
      member_id: m.id,
      occurred_on: (form.occurred_on ?? '').trim(),
      hours: form.hours ?? 0,
      category: form.category.trim(),
      session_id: null,
      activity_id: null,
      replaces_credit: false,
      note: form.note.trim(),
      entered_by: form.entered_by.trim(),
    })),
  );

  /** Sends every entry; on a refusal keeps which member's row it was, and rejects. */
  async function submit(): Promise<string[]> {
    saving.value = true;
    refusal.value = null;
    const sent = chosen.value;
    try {
      return await studyEntriesAdd(inputs.value);
    } catch (e) {
      const error = toAppError(e);
      const member = error.row !== null ? sent[error.row - 1] : undefined;
      refusal.value = { error, row: error.row, name: member?.name ?? null };
      throw error;
    } finally {
      saving.value = false;
    }
  }

  return {
    form,
    selected,
    saving,
    refusal,
    allSelected,
    someSelected,
    chosen,
    inputs,
    firstError,
    reset,
    selectAll,
    membersOf,
    groupSelected,
    toggleGroup,
    fieldReason,
    submit,
  };
}
