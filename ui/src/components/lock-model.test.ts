import { describe, expect, test } from 'vitest';
import { keyGroups, newPasswordError, recoverFormError } from './lock-model';

describe('password forms', () => {
  test('a new password needs eight characters and a matching confirmation', () => {
    expect(newPasswordError('1234567', '1234567')).toBe('errors.reason.password_too_short');
    expect(newPasswordError('书记密码书记密码', '书记密码书记密码')).toBeNull();
    expect(newPasswordError('12345678', '12345679')).toBe('lock.confirm_mismatch');
  });

  test('recovering needs the recovery key first', () => {
    expect(recoverFormError({ key: ' ', password: '12345678', confirm: '12345678' })).toBe('lock.recovery_key_required');
    expect(recoverFormError({ key: 'ABCD', password: '123', confirm: '123' })).toBe('errors.reason.password_too_short');
    expect(recoverFormError({ key: 'ABCD', password: '12345678', confirm: '12345678' })).toBeNull();
  });
});

describe('the recovery key on screen', () => {
  test('is cut into groups that keep their dash, and read together give the key back', () => {
    const key = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';
    const groups = keyGroups(key);
    expect(groups).toEqual(['ABCD-', 'EFGH-', 'JKMN-', 'PQRS-', 'TVWX-', 'YZ01-', '2345-', '6789']);
    expect(groups.join('')).toBe(key);
    expect(keyGroups('')).toEqual(['']);
  });
});
