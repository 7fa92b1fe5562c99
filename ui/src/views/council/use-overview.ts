// 所辖支部一览: the rows the core marked (silent for 7 days, 四强 rank), filtered by name and by
// "only silent / with missed / with alarms", the table's sort, and the .xlsx export.
import { computed, reactive, ref } from 'vue';
import { councilOverview, councilOverviewExport } from '@/api/council';
import type { Translate } from '@/api/ipc';
import type { WindowOverview } from '@/generated/WindowOverview';
import type { WindowRow } from '@/generated/WindowRow';
import { saveFile, type SavedFile } from '@/utils/download';

export interface OverviewFilter {
  name: string;
  silentOnly: boolean;
  missedOnly: boolean;
  alarmsOnly: boolean;
}

export const emptyFilter = (): OverviewFilter => ({ name: '', silentOnly: false, missedOnly: false, alarmsOnly: false });

/** The rows the filter lets through, in their order. */
export function filterRows(rows: readonly WindowRow[], f: OverviewFilter): WindowRow[] {
  const name = f.name.trim();
  return rows.filter(
    (r) => (!name || r.name.includes(name)) && (!f.silentOnly || r.silent) && (!f.missedOnly || (r.missed ?? 0) > 0) && (!f.alarmsOnly || (r.alarms ?? 0) > 0),
  );
}

/** el-table's sort-method for `column` (ascending; the table reverses it for descending): a
 * branch that has not reported sorts below every figure. */
export function byColumn(column: keyof WindowRow): (a: WindowRow, b: WindowRow) => number {
  return (a, b) => {
    const x = a[column];
    const y = b[column];
    if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
    if (typeof x === 'string' && typeof y === 'string') return x.localeCompare(y, 'zh-CN');
    const nx = Number(x);
    const ny = Number(y);
    return nx === ny ? 0 : nx < ny ? -1 : 1;
  };
}

/** A share as the table shows it: "87.5%"; nothing for a branch that has not reported. */
export function percent(v: number | null): string {
  return v === null ? '' : `${(v * 100).toFixed(1)}%`;
}

/** The ranking: reported branches by their rank (then name), and the names of those without one. */
export function rankingOf(rows: readonly WindowRow[]): { ranked: WindowRow[]; unranked: string[] } {
  const ranked = rows.filter((r) => r.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.name.localeCompare(b.name, 'zh-CN'));
  return { ranked, unranked: rows.filter((r) => r.rank === null).map((r) => r.name) };
}

export function useOverview() {
  const data = ref<WindowOverview | null>(null);
  const loading = ref(false);
  const filter = reactive(emptyFilter());
  const rows = computed(() => filterRows(data.value?.rows ?? [], filter));
  const exporting = ref(false);

  async function load() {
    loading.value = true;
    try {
      data.value = await councilOverview();
    } finally {
      loading.value = false;
    }
  }

  /** 导出 Excel: saved where she chooses, proposed as "所辖支部一览-<today>.xlsx". */
  async function exportTable(t: Translate): Promise<SavedFile | null> {
    exporting.value = true;
    try {
      const bytes = await councilOverviewExport();
      return await saveFile(bytes, t('council.overview.file_name', { date: data.value?.today ?? '' }), t);
    } finally {
      exporting.value = false;
    }
  }

  return { data, loading, filter, rows, exporting, load, exportTable };
}
