// Shared setup for unit tests: happy-dom lacks a few browser APIs Element Plus touches.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
const g = globalThis as unknown as Record<string, unknown>;
g.ResizeObserver ??= ResizeObserverStub;

// A message key the messages lack fails the test that asked for it, instead of showing the key.
// A key built from an absent value (`codes.gender.${row.gender}` with no row) is let pass:
// Element Plus renders each table column's cell once without a row while it sets the column
// up, and that render is never shown; a code the messages lack is still caught.
import { afterEach, expect } from 'vitest';
import { reportMissingKeys } from '@/locales';

const missingKeys: string[] = [];
reportMissingKeys((key) => {
  if (!key.endsWith('.undefined')) missingKeys.push(key);
});
afterEach(() => {
  const missing = missingKeys.splice(0);
  expect(missing, 'message keys missing from src/locales/zh-CN').toEqual([]);
});
