// The secretary password's lock: whether it is set and the app locked now, and the idle watch
// that locks the app after the chosen minutes without a key press or a mouse move. The Rust
// side keeps its own idle clock too, and refuses every secretary command while locked.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { onLocked } from '@/api/ipc';
import * as api from '@/api/vault';
import type { LockStatus } from '@/api/vault';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;
/** How often the idle watch looks at the clock. */
export const IDLE_CHECK_MS = 15_000;

export const useLockStore = defineStore('lock', () => {
  const status = ref<LockStatus | null>(null);
  const locked = computed(() => status.value?.locked ?? false);
  const passwordSet = computed(() => status.value?.password_set ?? false);
  let lastActivity = Date.now();
  let timer: ReturnType<typeof setInterval> | null = null;

  async function refresh(): Promise<LockStatus> {
    status.value = await api.lockStatus();
    return status.value;
  }

  function markLocked() {
    if (status.value && status.value.password_set) status.value = { ...status.value, locked: true };
  }

  async function lockNow() {
    await api.lock();
    await refresh();
  }

  /** Unlocks; `then` runs once the password is accepted and before the lock screen goes (the
   *  操作人 is set there), and its failure does not keep the app locked. */
  async function unlock(password: string, then?: () => Promise<unknown>) {
    await api.unlock(password);
    lastActivity = Date.now();
    await then?.().catch(() => undefined);
    await refresh();
  }

  /** After a recovery the app is unlocked with the new password. */
  async function recovered() {
    lastActivity = Date.now();
    await refresh();
  }

  function noteActivity() {
    lastActivity = Date.now();
  }

  /** Locks when the idle time has passed; `now` is passed in so tests can move the clock. */
  async function checkIdle(now = Date.now()) {
    const s = status.value;
    if (!s || !s.password_set || s.locked) return;
    if (now - lastActivity >= s.idle_minutes * 60_000) await lockNow();
  }

  function startWatch() {
    if (timer) return;
    onLocked(markLocked);
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, noteActivity, { passive: true });
    timer = setInterval(() => void checkIdle().catch(() => undefined), IDLE_CHECK_MS);
  }

  function stopWatch() {
    onLocked(null);
    for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, noteActivity);
    if (timer) clearInterval(timer);
    timer = null;
  }

  return { status, locked, passwordSet, refresh, markLocked, lockNow, unlock, recovered, noteActivity, checkIdle, startWatch, stopWatch };
});
