import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { idleMinutesSet, lock, lockStatus, passwordChange, passwordRecover, passwordRemove, passwordSet, recoveryKeyRenew, unlock } from './vault';

afterEach(() => clearMocks());

describe('password commands', () => {
  test('each wrapper sends its command with camelCase arguments', async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, JSON.parse(JSON.stringify(args ?? {}))]);
      return cmd.includes('recover') || cmd === 'password_set' || cmd === 'password_change' ? { key: 'K' } : null;
    });
    await lockStatus();
    await unlock('pw-123456');
    await lock();
    expect(await passwordSet('pw-123456')).toEqual({ key: 'K' });
    expect(await passwordChange('old-password', 'new-password')).toEqual({ key: 'K' });
    await passwordRecover('AAAA-BBBB', 'new-password');
    await recoveryKeyRenew('pw-123456');
    await passwordRemove('pw-123456');
    await idleMinutesSet(15);
    expect(seen).toEqual([
      ['lock_status', {}],
      ['unlock', { password: 'pw-123456' }],
      ['lock', {}],
      ['password_set', { password: 'pw-123456' }],
      ['password_change', { current: 'old-password', password: 'new-password' }],
      ['password_recover', { recoveryKey: 'AAAA-BBBB', password: 'new-password' }],
      ['recovery_key_renew', { password: 'pw-123456' }],
      ['password_remove', { password: 'pw-123456' }],
      ['idle_minutes_set', { minutes: 15 }],
    ]);
  });
});
