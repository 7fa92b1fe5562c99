// The 党委's reading connection as a form: typed (an empty password keeps the stored one) or
// imported from a connection file; either is tried on the server before it is kept.
import { reactive, ref } from 'vue';
import { councilConnectionImport, councilConnectionSave } from '@/api/council';
import { fileOpen } from '@/api/files';
import type { ConnectionInfo } from '@/generated/ConnectionInfo';
import type { ConnectionInput } from '@/generated/ConnectionInput';

/** A blank form, or the stored connection without its password. */
export function connectionInput(info: ConnectionInfo | null): ConnectionInput {
  return {
    host: info?.host ?? '',
    port: info?.port ?? 5432,
    database: info?.database ?? '',
    role: info?.role ?? '',
    password: '',
    verify_host: info?.verify_host ?? true,
    ca_pem: info?.ca_pem ?? '',
  };
}

export function useConnection(stored: ConnectionInfo | null) {
  const form = reactive(connectionInput(stored));
  const busy = ref(false);

  async function run(action: () => Promise<ConnectionInfo | null>): Promise<ConnectionInfo | null> {
    busy.value = true;
    try {
      const info = await action();
      Object.assign(form, connectionInput(info));
      return info;
    } finally {
      busy.value = false;
    }
  }

  /** Tries and keeps the typed connection. */
  const save = () => run(() => councilConnectionSave({ ...form, port: Number(form.port) }));

  /** Tries and keeps the connection file chosen; null when she cancelled the dialog. */
  async function importFile(filterLabel: string): Promise<ConnectionInfo | null> {
    const path = await fileOpen([{ name: filterLabel, extensions: ['json', 'txt', 'conf'] }]);
    if (!path) return null;
    return run(() => councilConnectionImport(path));
  }

  return { form, busy, save, importFile };
}
