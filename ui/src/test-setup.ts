// Shared setup for unit tests: happy-dom lacks a few browser APIs Element Plus touches.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
const g = globalThis as unknown as Record<string, unknown>;
g.ResizeObserver ??= ResizeObserverStub;

// A message key the messages lack fails the test that asked for it, instead of showing the key.
import { afterEach, expect } from 'vitest';
import { reportMissingKeys } from '@/locales';

const missingKeys: string[] = [];
reportMissingKeys((key) => missingKeys.push(key));
afterEach(() => {
  const missing = missingKeys.splice(0);
  expect(missing, 'message keys missing from src/locales/zh-CN').toEqual([]);
});
