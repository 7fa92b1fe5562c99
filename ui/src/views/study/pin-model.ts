// The PIN members type in 我的学时: 4 to 8 digits, as the core requires (src/study/self_check.rs).
import type { Reason } from '@/generated/Reason';

export function pinReason(pin: string): Reason | null {
  const p = pin.trim();
  if (!p) return 'required';
  return /^\d{4,8}$/.test(p) ? null : 'pin_format';
}
