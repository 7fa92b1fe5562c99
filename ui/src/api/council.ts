// The 党委's window: its reading connection (tried on the server before it is kept),
// 所辖支部一览 and 四强排名, one branch's report, and the table as .xlsx bytes.
import type { BranchView } from '@/generated/BranchView';
import type { ConnectionInfo } from '@/generated/ConnectionInfo';
import type { ConnectionInput } from '@/generated/ConnectionInput';
import type { WindowOverview } from '@/generated/WindowOverview';
import { toBytes } from './attachments';
import { call } from './ipc';

export const councilConnectionGet = () => call<ConnectionInfo | null>('council_connection_get');
export const councilConnectionSave = (input: ConnectionInput) => call<ConnectionInfo | null>('council_connection_save', { input });
export const councilConnectionImport = (path: string) => call<ConnectionInfo | null>('council_connection_import', { path });
export const councilConnectionForget = () => call<void>('council_connection_forget');
export const councilOverview = () => call<WindowOverview>('council_overview');
export const councilBranch = (branchId: string) => call<BranchView | null>('council_branch', { branchId });
/** 所辖支部一览 as an .xlsx workbook (with the 四强 ranking on a second sheet), as bytes. */
export async function councilOverviewExport(): Promise<Uint8Array<ArrayBuffer>> {
  return toBytes(await call<unknown>('council_overview_export'));
}
