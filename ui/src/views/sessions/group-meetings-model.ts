// 「批量登记党小组会」: each 党小组 of a month as a row to choose, with its day, topic and 主持人;
// groups that already met that month start unchosen. The core checks and saves all or none.
import type { AppError, Translate } from '@/api/ipc';
import { fieldErrorText } from '@/api/ipc';
import type { GroupMeetingInput } from '@/generated/GroupMeetingInput';
import type { GroupMonth } from '@/generated/GroupMonth';

export interface GroupMeetingRow {
  party_group_id: string;
  name: string;
  /** Days of the 党小组会 already logged for the group that month. */
  held: string[];
  chosen: boolean;
  held_on: string | null;
  topic: string;
  host_id: string | null;
}

/** "2026-11" of a day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The last day of a month given as YYYY-MM. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** The day a month's meetings start on: today in the current month, else the month's last day. */
export function defaultDay(month: string, today: string): string {
  return monthOf(today) === month ? today : lastDayOf(month);
}

export function groupMeetingRows(groups: GroupMonth[], month: string, today: string): GroupMeetingRow[] {
  const day = defaultDay(month, today);
  return groups.map((g) => ({
    party_group_id: g.party_group_id,
    name: g.name,
    held: [...g.held],
    chosen: g.held.length === 0,
    held_on: day,
    topic: '',
    host_id: g.leader_id,
  }));
}

/** The chosen rows as the core takes them, in the table's order. */
export function groupMeetingsInput(rows: GroupMeetingRow[]): GroupMeetingInput[] {
  return rows
    .filter((r) => r.chosen)
    .map((r) => ({ party_group_id: r.party_group_id, held_on: (r.held_on ?? '').trim(), topic: r.topic.trim(), host_id: r.host_id || null }));
}

/** A refusal in words: a refused row names its group (the core counts the chosen rows from 1). */
export function groupMeetingsErrorText(e: AppError, rows: GroupMeetingRow[], t: Translate): string {
  const text = fieldErrorText(e, t);
  const row = e.row ? rows.filter((r) => r.chosen)[e.row - 1] : undefined;
  return row ? t('sessions.groups_batch.row_error', { group: row.name, text }) : text;
}
