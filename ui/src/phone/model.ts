// The phone page's words and figures: its messages, hours as text, where the member stands
// against the year's pace, and the answer of `POST /api/my-hours` read into them.
import messages from '@/locales/zh-CN/phone.json';
import type { MyHours } from '@/generated/MyHours';

type Tree = { [key: string]: string | Tree };

/** The page's message at `key` (under `page.` of phone.json), with `{name}` filled in. */
export function say(key: string, values: Record<string, string | number> = {}): string {
  let node: string | Tree = messages.page as Tree;
  for (const part of key.split('.')) {
    if (typeof node === 'string' || !(part in node)) return key;
    node = node[part];
  }
  if (typeof node !== 'string') return key;
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Hours as the core sends them (already whole half hours): "2", "1.5", "0". */
export function hoursText(hours: number | null | undefined): string {
  if (hours == null || !Number.isFinite(hours)) return '—';
  return String(hours);
}

export type Pace = 'exempt' | 'reached' | 'on_track' | 'behind';

/** Exempt (no target), the whole target reached, on pace, or behind it: as the desktop says. */
export function paceOf(h: Pick<MyHours, 'hours' | 'target' | 'on_track'>): Pace {
  if (h.target === null) return 'exempt';
  if (h.hours >= h.target) return 'reached';
  return h.on_track ? 'on_track' : 'behind';
}

/** The bar's width: hours over target, 0–100. */
export function barPercent(h: Pick<MyHours, 'hours' | 'target'>): number {
  if (h.target === null || h.target <= 0) return 100;
  return Math.max(0, Math.min(100, Math.round((h.hours / h.target) * 100)));
}

/** What a look-up came to: the member's year, or the sentence to show. */
export type LookUpResult = { ok: true; hours: MyHours } | { ok: false; message: string };

/**
 * Asks the server. A refusal carries the server's own Chinese sentence (the same for a wrong
 * name and a wrong PIN); no answer at all means the phone cannot reach the computer.
 */
export async function lookUp(fetcher: typeof fetch, name: string, pin: string): Promise<LookUpResult> {
  let response: Response;
  try {
    response = await fetcher('/api/my-hours', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: name.trim(), pin: pin.trim() }),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    return { ok: false, message: say('network') };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.ok && body && typeof body === 'object') return { ok: true, hours: body as MyHours };
  const message = body && typeof body === 'object' && 'message' in body ? String((body as { message: unknown }).message) : '';
  return { ok: false, message: message || say('network') };
}
