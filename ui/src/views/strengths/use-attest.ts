// The 确认 dialog's data: the year's sessions and activities to link as evidence, the 支部书记
// who confirms by default, and saving a confirmation with the files chosen for it.
import { ref } from 'vue';
import { activityList } from '@/api/activities';
import { toAppError, type AppError } from '@/api/ipc';
import { sessionList } from '@/api/sessions';
import { strengthsAttest } from '@/api/strengths';
import { useAttachments, type UploadFailure } from '@/components/use-attachments';
import type { ActivitySummary } from '@/generated/ActivitySummary';
import type { Attestation } from '@/generated/Attestation';
import type { AttestationInput } from '@/generated/AttestationInput';
import type { SessionSummary } from '@/generated/SessionSummary';
import { useRosterStore } from '@/stores/roster';
import { secretaryName } from './attest-model';

export function useAttest() {
  const roster = useRosterStore();
  const sessions = ref<SessionSummary[]>([]);
  const activities = ref<ActivitySummary[]>([]);
  const secretary = ref('');
  const loading = ref(false);
  const error = ref<AppError | null>(null);
  const saving = ref(false);
  /** The attestation files are uploaded to, once it is saved. */
  const owner = ref<string | null>(null);
  const files = useAttachments('attestation', owner);

  let requestNo = 0;
  /** The year's records to pick from, and who confirms by default. */
  async function load(year: number): Promise<void> {
    const mine = ++requestNo;
    loading.value = true;
    try {
      const [s, a, members] = await Promise.all([
        sessionList({ from: `${year}-01-01`, to: `${year}-12-31`, obligation: null, party_group_id: null }),
        activityList({ kind: null, series: null, year, member_id: null }),
        roster.ensure(),
      ]);
      if (mine !== requestNo) return;
      sessions.value = s;
      activities.value = a;
      secretary.value = secretaryName(members);
      error.value = null;
    } catch (e) {
      if (mine === requestNo) error.value = toAppError(e);
    } finally {
      if (mine === requestNo) loading.value = false;
    }
  }

  /**
   * Saves the confirmation, then uploads the files chosen for it (the core attaches files only
   * to a saved attestation). A refused file does not undo the confirmation: it is reported.
   */
  async function save(input: AttestationInput, chosen: (Blob & { name: string })[]): Promise<{ attestation: Attestation; failed: UploadFailure[] }> {
    saving.value = true;
    try {
      const attestation = await strengthsAttest(input);
      if (!chosen.length) return { attestation, failed: [] };
      owner.value = attestation.id;
      const { failed } = await files.upload(chosen);
      return { attestation, failed };
    } finally {
      saving.value = false;
    }
  }

  return { sessions, activities, secretary, loading, error, saving, load, save, download: files.download };
}
