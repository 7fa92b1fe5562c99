// The 操作人 chooser's rules: the committee roles offered, any other short name typed as 其他,
// checked as the core checks it (not empty once trimmed, at most the core's length).
import type { OperatorStatus } from '@/api/operator';

/** The select's value for "其他 (type a name)". */
export const OTHER = '__other__';

export interface OperatorChoice {
  /** A suggested role, OTHER, or '' when nothing is chosen yet. */
  choice: string;
  /** The typed name when `choice` is OTHER. */
  other: string;
}

/** Where the chooser starts: the 操作人 of this session, else the one remembered from last time. */
export function initialChoice(status: OperatorStatus | null): OperatorChoice {
  const name = status?.current ?? status?.remembered ?? null;
  if (!name) return { choice: '', other: '' };
  return status?.suggested.includes(name) ? { choice: name, other: '' } : { choice: OTHER, other: name };
}

/** The name chosen, as the core will keep it (spaces trimmed and made single). */
export function chosenName(c: OperatorChoice): string {
  const raw = c.choice === OTHER ? c.other : c.choice;
  return raw.trim().split(/\s+/u).filter(Boolean).join(' ');
}

/** The i18n key (and its arguments) of what is wrong with the choice, or null. */
export function operatorError(c: OperatorChoice, maxChars: number): { key: string; n?: number } | null {
  const name = chosenName(c);
  if (!name) return { key: 'lock.operator.required' };
  if ([...name].length > maxChars) return { key: 'lock.operator.too_long', n: maxChars };
  return null;
}
