// What the password forms check before asking the Rust side (which checks again).
import { limits } from '@/utils/limits';

/** The shortest password the core accepts (its limit, generated). */
export const PASSWORD_MIN_CHARS = limits.password_min;

/** The i18n key of what is wrong with a new password and its confirmation, or null. */
export function newPasswordError(password: string, confirm: string): string | null {
  if ([...password].length < PASSWORD_MIN_CHARS) return 'errors.reason.password_too_short';
  if (password !== confirm) return 'lock.confirm_mismatch';
  return null;
}

/** The i18n key of what is wrong with the recovery form, or null. */
export function recoverFormError(f: { key: string; password: string; confirm: string }): string | null {
  if (!f.key.trim()) return 'lock.recovery_key_required';
  return newPasswordError(f.password, f.confirm);
}

/** The recovery key cut for display: each group with the dash after it, so a line may break
 * between groups and never inside one, and the groups read together give the key back. */
export function keyGroups(key: string): string[] {
  const parts = key.split('-');
  return parts.map((p, i) => (i < parts.length - 1 ? `${p}-` : p));
}
