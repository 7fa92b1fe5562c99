// 清单模板 of one year: which template judges it and where that comes from, a draft the
// secretary edits, and assigning, loading from a file and resetting the year's template.
import { computed, ref, watch, type Ref } from 'vue';
import { strengthsTemplateAssign, strengthsTemplateGet, strengthsTemplateLoad, strengthsTemplateReset } from '@/api/strengths';
import { type AppError } from '@/api/ipc';
import type { Strength } from '@/generated/Strength';
import type { Template } from '@/generated/Template';
import type { YearTemplate } from '@/generated/YearTemplate';
import type { Translate } from '@/api/ipc';
import { saveFile, type SavedFile } from '@/utils/download';
import { useLatest } from '@/utils/use-latest';
import {
  addAttestedItem,
  bumpVersion,
  contentKey,
  draftFrom,
  itemsOf,
  removeItem,
  sourceOf,
  templateFileName,
  templateFrom,
  templateJson,
  templateProblems,
  type TemplateDraft,
} from './template-model';

export function useTemplate(year: Ref<number>, now: () => number = Date.now) {
  const current = ref<YearTemplate | null>(null);
  const draft = ref<TemplateDraft | null>(null);
  const loading = ref(false);
  const saving = ref(false);
  const error = ref<AppError | null>(null);
  /** Whether the version shown was raised by the first edit (and may go back with it). */
  const versionBumped = ref(false);

  /** The saved template as the draft would send it, so an untouched draft compares equal. */
  const baseline = computed(() => (current.value ? templateFrom(draftFrom(current.value.template)) : null));
  const edited = computed(() => (draft.value ? templateFrom(draft.value) : null));
  /** The checklist itself (anything but the version) differs from the saved one. */
  const contentChanged = computed(() => !!edited.value && !!baseline.value && contentKey(edited.value) !== contentKey(baseline.value));
  const dirty = computed(() => contentChanged.value || (!!edited.value && edited.value.version !== baseline.value?.version));
  /**
   * The draft's items strength by strength, in the template's order. Reads no titles, so typing
   * in a title does not rebuild the tables.
   */
  const groups = computed(() => {
    const d = draft.value;
    return d ? d.strengths.map((strength, index) => ({ strength, index, rows: itemsOf(d, strength.key) })) : [];
  });
  const problems = computed(() => (draft.value ? templateProblems(draft.value) : []));
  const source = computed(() => (current.value ? sourceOf(current.value.source) : null));
  /** A year judged by an earlier year's template or the default may take it as its own. */
  const canSave = computed(() => !!draft.value && (dirty.value || source.value?.kind !== 'assigned'));

  // An edited checklist gets a new version; undoing every edit restores the old one.
  watch(contentChanged, (changed) => {
    const d = draft.value;
    const saved = baseline.value?.version;
    if (!d || saved === undefined) return;
    if (changed && d.version.trim() === saved) {
      d.version = bumpVersion(saved);
      versionBumped.value = true;
    } else if (!changed && versionBumped.value && d.version === bumpVersion(saved)) {
      d.version = saved;
      versionBumped.value = false;
    }
  });

  const latest = useLatest({ loading, error });
  function load(): Promise<void> {
    return latest.run(
      () => strengthsTemplateGet(year.value),
      (got) => {
        current.value = got;
        draft.value = draftFrom(got.template);
        versionBumped.value = false;
      },
    );
  }

  /** Back to the saved template. */
  function discard() {
    if (current.value) draft.value = draftFrom(current.value.template);
    versionBumped.value = false;
  }

  function addItem(strength: Strength) {
    if (draft.value) addAttestedItem(draft.value, strength, now());
  }

  function remove(id: string) {
    if (draft.value) removeItem(draft.value, id);
  }

  async function busy<T>(action: () => Promise<T>): Promise<T> {
    saving.value = true;
    try {
      return await action();
    } finally {
      saving.value = false;
    }
  }

  /** Judges the year by the draft; the core refuses it whole when it could not judge a year. */
  function assign(): Promise<Template> {
    return busy(async () => {
      if (!edited.value) throw new Error('no template loaded');
      const template = edited.value;
      await strengthsTemplateAssign(year.value, template);
      await load();
      return template;
    });
  }

  /** Judges the year by a template file's text; answers with the template read. */
  function loadFile(text: string): Promise<Template> {
    return busy(async () => {
      const template = await strengthsTemplateLoad(year.value, text);
      await load();
      return template;
    });
  }

  /** The year goes back to an earlier year's template or the shipped one. */
  function reset(): Promise<void> {
    return busy(async () => {
      await strengthsTemplateReset(year.value);
      await load();
    });
  }

  /** Saves the saved template (not the draft) as a .json file where she chooses; null when
   *  there is none or she cancelled. */
  async function exportFile(t: Translate): Promise<SavedFile | null> {
    const saved = current.value?.template;
    if (!saved) return null;
    return saveFile(templateJson(saved), templateFileName(saved), t);
  }

  watch(year, () => void load());

  return {
    current,
    draft,
    loading,
    saving,
    error,
    versionBumped,
    dirty,
    groups,
    problems,
    source,
    canSave,
    load,
    discard,
    addItem,
    remove,
    assign,
    loadFile,
    reset,
    exportFile,
  };
}
