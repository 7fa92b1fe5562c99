// The secretary password: whether the app is locked, unlocking and locking, setting, changing,
// recovering (with the printed recovery key) and removing the password, the idle time.
import type { RecoveryKey } from '@/generated/RecoveryKey';
import { call } from './ipc';

export interface LockStatus {
  password_set: boolean;
  locked: boolean;
  /** Minutes without use after which the app locks (when a password is set). */
  idle_minutes: number;
  password_changed_at: string | null;
}

export const lockStatus = () => call<LockStatus>('lock_status');
export const unlock = (password: string) => call<null>('unlock', { password });
export const lock = () => call<null>('lock');
/** Sets the first password; answers with the recovery key to print. */
export const passwordSet = (password: string) => call<RecoveryKey>('password_set', { password });
export const passwordChange = (current: string, password: string) => call<null>('password_change', { current, password });
/** A forgotten password: the recovery key and a new password; answers with the new recovery key. */
export const passwordRecover = (recoveryKey: string, password: string) =>
  call<RecoveryKey>('password_recover', { recoveryKey, password });
export const recoveryKeyRenew = (password: string) => call<RecoveryKey>('recovery_key_renew', { password });
export const passwordRemove = (password: string) => call<null>('password_remove', { password });
export const idleMinutesSet = (minutes: number) => call<null>('idle_minutes_set', { minutes });
