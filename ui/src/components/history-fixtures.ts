// 修改记录 entries as the core sends them, for the tests of the history and of each record's
// formats (member, session, activity).
import type { HistoryEntry } from '@/generated/HistoryEntry';

/** An entry: its place in the log, when, by whom and what, then each field it changed as `field: [before, after]`, in order. */
export function historyEntry(seq: number, at: string, actor: string, action: string, changes: Record<string, [unknown, unknown]>): HistoryEntry {
  return { seq, at, actor, action, changes: Object.entries(changes).map(([field, [before, after]]) => ({ field, before, after })) };
}
