// 上报 to the 上级党委: the connection (typed, or from the 党委's connection file), 「立即上报」,
// the status the 工作台 shows, and what the 党委 published (received, adopted from a day).
import type { ConnectionInfo } from '@/generated/ConnectionInfo';
import type { ConnectionInput } from '@/generated/ConnectionInput';
import type { PushOutcome } from '@/generated/PushOutcome';
import type { Received } from '@/generated/Received';
import type { ReportStatus } from '@/generated/ReportStatus';
import { call } from './ipc';

export const superiorStatus = () => call<ReportStatus>('superior_status');
export const superiorConnectionGet = () => call<ConnectionInfo | null>('superior_connection_get');
export const superiorConnectionSave = (input: ConnectionInput) => call<ConnectionInfo | null>('superior_connection_save', { input });
export const superiorConnectionImport = (path: string) => call<ConnectionInfo | null>('superior_connection_import', { path });
export const superiorReportPush = (asOf: string | null = null) => call<PushOutcome>('superior_report_push', { asOf });
export const superiorReceived = () => call<Received[]>('superior_received');
export const superiorAdopt = (id: number, from: string) => call<Received[]>('superior_adopt', { id, from });
