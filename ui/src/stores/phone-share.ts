// 手机查学时's state for the window: whether the phone page is open, where and until when,
// shared by the dialog and the 工作台 header. It asks again each minute while open, so the
// header drops the note when the share ends by itself.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as api from '@/api/phone';
import type { ShareStatus } from '@/generated/ShareStatus';

/** How often an open share's status is asked for again. */
export const SHARE_POLL_MS = 60_000;

const OFF: ShareStatus = { running: false, url: null, until: null, qr_svg: null };

export const usePhoneShareStore = defineStore('phone-share', () => {
  const status = ref<ShareStatus>(OFF);
  const running = computed(() => status.value.running);
  let timer: ReturnType<typeof setInterval> | null = null;

  function watch() {
    if (status.value.running && timer === null) {
      timer = setInterval(() => void refresh().catch(() => undefined), SHARE_POLL_MS);
    } else if (!status.value.running && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  }

  function set(next: ShareStatus) {
    status.value = next;
    watch();
  }

  async function refresh() {
    set(await api.phoneShareStatus());
  }

  async function start(ip: string, minutes: number) {
    set(await api.phoneShareStart(ip, minutes));
  }

  async function stop() {
    set(await api.phoneShareStop());
  }

  return { status, running, refresh, start, stop };
});
