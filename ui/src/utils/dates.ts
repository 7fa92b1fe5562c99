// Calendar arithmetic on YYYY-MM-DD strings, the form the core sends and expects.
import { limits } from '@/utils/limits';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The parts of a real calendar date written YYYY-MM-DD, or null. */
export function parseIsoDate(s: string | null | undefined): { y: number; m: number; d: number } | null {
  const match = s ? ISO_DATE.exec(s.trim()) : null;
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export function isIsoDate(s: string | null | undefined): boolean {
  return parseIsoDate(s) !== null;
}

/**
 * Why the core would refuse this as a record's date (not a birth date): not a real YYYY-MM-DD
 * date, or a year outside the core's 1921–2100. Null when it takes it.
 */
export function recordDateReason(s: string | null | undefined): 'invalid_date' | 'date_out_of_range' | null {
  const date = parseIsoDate(s);
  if (!date) return 'invalid_date';
  return date.y < limits.first_year || date.y > limits.last_year ? 'date_out_of_range' : null;
}

/**
 * Why a form would refuse this as the date something happened: empty, refused as a record's
 * date (recordDateReason), or after today. Null when it takes it.
 */
export function pastDateReason(date: string | null | undefined, today: string): 'required' | 'invalid_date' | 'date_out_of_range' | 'date_in_future' | null {
  const d = (date ?? '').trim();
  if (!d) return 'required';
  return recordDateReason(d) ?? (d > today ? 'date_in_future' : null);
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function format(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** `date` plus whole years; 29 February falls back to the 28th (as chrono's add_months). */
export function addYears(date: string, years: number): string {
  const p = parseIsoDate(date);
  if (!p) return date;
  const y = p.y + years;
  return format(y, p.m, Math.min(p.d, daysInMonth(y, p.m)));
}

/** `date` plus whole months; a day past the month's end falls back to its last (as chrono's add_months). */
export function addMonths(date: string, months: number): string {
  const p = parseIsoDate(date);
  if (!p) return date;
  const index = p.y * 12 + (p.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return format(y, m, Math.min(p.d, daysInMonth(y, m)));
}

/** `date` plus (or minus) days. */
export function addDays(date: string, days: number): string {
  const p = parseIsoDate(date);
  if (!p) return date;
  const t = new Date(Date.UTC(p.y, p.m - 1, p.d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole years between `birth` and `on`. */
export function ageOn(birth: string, on: string): number | null {
  const b = parseIsoDate(birth);
  const o = parseIsoDate(on);
  if (!b || !o) return null;
  let age = o.y - b.y;
  if (o.m < b.m || (o.m === b.m && o.d < b.d)) age -= 1;
  return age;
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number | null {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) return null;
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/** Day of the week, 0 = Sunday. */
export function weekday(date: string): number | null {
  const p = parseIsoDate(date);
  return p ? new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay() : null;
}
