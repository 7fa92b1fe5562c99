// The secretary password: whether the app is locked, unlocking and locking, setting, changing,
// recovering (with the printed recovery key) and removing the password, the idle time.
import type { LockStatus } from '@/generated/LockStatus';
import type { RecoveryKey } from '@/generated/RecoveryKey';
import { call } from './ipc';

export type { LockStatus } from '@/generated/LockStatus';

export const lockStatus = () => call<LockStatus>('lock_status');
export const unlock = (password: string) => call<null>('unlock', { password });
export const lock = () => call<null>('lock');
/** Sets the first password; answers with the recovery key to print. */
export const passwordSet = (password: string) => call<RecoveryKey>('password_set', { password });
/** Changes the password (and the data key); answers with the new recovery key to print: the old one stops working. */
export const passwordChange = (current: string, password: string) => call<RecoveryKey>('password_change', { current, password });
/** A forgotten password: the recovery key and a new password; answers with the new recovery key. */
export const passwordRecover = (recoveryKey: string, password: string) => call<RecoveryKey>('password_recover', { recoveryKey, password });
export const recoveryKeyRenew = (password: string) => call<RecoveryKey>('recovery_key_renew', { password });
export const passwordRemove = (password: string) => call<null>('password_remove', { password });
export const idleMinutesSet = (minutes: number) => call<null>('idle_minutes_set', { minutes });
