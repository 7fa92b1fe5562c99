import { describe, expect, test } from 'vitest';
import { AppError } from '@/api/ipc';
import { useLatest } from './use-latest';
import { deferred } from '@/test-utils';

describe('useLatest', () => {
  test('an older answer arriving after a newer one is dropped', async () => {
    const latest = useLatest();
    const applied: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const a = latest.run(
      () => first.promise,
      (v) => applied.push(v),
    );
    const b = latest.run(
      () => second.promise,
      (v) => applied.push(v),
    );
    expect(latest.loading.value).toBe(true);
    second.resolve('new');
    await b;
    expect(latest.loading.value).toBe(false);
    first.resolve('old');
    await a;
    expect(applied).toEqual(['new']);
    expect(latest.loading.value).toBe(false);
  });

  test('only the newest request’s failure is kept, and a later success clears it', async () => {
    const latest = useLatest();
    const stale = deferred<number>();
    const a = latest.run(() => stale.promise);
    await latest.run(() => Promise.reject(new AppError('not_found', 'gone')));
    expect(latest.error.value?.code).toBe('not_found');
    stale.reject(new AppError('conflict', 'old'));
    await a;
    expect(latest.error.value?.code).toBe('not_found');
    await latest.run(() => Promise.resolve(1));
    expect(latest.error.value).toBeNull();
  });

  test('drop forgets what is on its way and stops loading', async () => {
    const latest = useLatest();
    const slow = deferred<string>();
    const applied: string[] = [];
    const a = latest.run(
      () => slow.promise,
      (v) => applied.push(v),
    );
    latest.drop();
    expect(latest.loading.value).toBe(false);
    slow.resolve('late');
    await a;
    expect(applied).toEqual([]);
  });
});
