import { afterEach, describe, expect, test, vi } from 'vitest';
import { saveBytes, XLSX_MIME } from './download';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('saveBytes', () => {
  test('clicks a download link for a Blob of the bytes, removes it, and frees the URL later', async () => {
    vi.useFakeTimers();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:sheet');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    saveBytes(new Uint8Array([80, 75, 3, 4, 20]), '2026-12-01支委会签到表.xlsx', XLSX_MIME);

    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe('2026-12-01支委会签到表.xlsx');
    expect(link.href).toBe('blob:sheet');
    expect(link.isConnected).toBe(false);
    const blob = create.mock.calls[0][0] as Blob;
    expect(blob.size).toBe(5);
    expect(blob.type).toBe(XLSX_MIME);
    expect(revoke).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(revoke).toHaveBeenCalledWith('blob:sheet');
  });
});
