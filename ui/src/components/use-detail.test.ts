import { describe, expect, it } from 'vitest';
import { useDetail } from './use-detail';
import { deferred } from '@/test-utils';

describe('useDetail', () => {
  it('opens at once, loading, and shows the record once read', async () => {
    const pending = deferred<{ id: string }>();
    const d = useDetail(
      () => pending.promise,
      () => undefined,
    );
    const shown = d.show('a1');
    expect(d.open.value).toBe(true);
    expect(d.loading.value).toBe(true);
    expect(d.record.value).toBeNull();
    pending.resolve({ id: 'a1' });
    await shown;
    expect(d.record.value).toEqual({ id: 'a1' });
    expect(d.loading.value).toBe(false);
  });

  it('closes and reports when the read fails', async () => {
    const errors: unknown[] = [];
    const d = useDetail(
      () => Promise.reject(new Error('gone')),
      (e) => errors.push(e),
    );
    await d.show('a1');
    expect(d.open.value).toBe(false);
    expect(d.loading.value).toBe(false);
    expect(errors).toHaveLength(1);
  });

  it('keeps the last line clicked when an earlier read answers late', async () => {
    const first = deferred<{ id: string }>();
    const second = deferred<{ id: string }>();
    const reads = [first, second];
    const d = useDetail(
      () => reads.shift()!.promise,
      () => undefined,
    );
    const a = d.show('a1');
    const b = d.show('a2');
    second.resolve({ id: 'a2' });
    await b;
    first.resolve({ id: 'a1' });
    await a;
    expect(d.record.value).toEqual({ id: 'a2' });
    expect(d.loading.value).toBe(false);
  });
});
