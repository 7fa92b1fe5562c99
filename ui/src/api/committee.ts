// 支部委员会: the committee as of a day, a role set or ended from a date, a committee installed
// from a passed election; and a passed admission or 转正 resolution turned into its stage change.
import type { Committee } from '@/generated/Committee';
import type { ElectionResult } from '@/generated/ElectionResult';
import type { Member } from '@/generated/Member';
import type { RoleChange } from '@/generated/RoleChange';
import { call } from './ipc';

export const committeeGet = (asOf: string) => call<Committee>('committee_get', { asOf });
export const committeeSetRole = (input: RoleChange) => call<Committee>('committee_set_role', { input });
export const committeeEndRole = (input: RoleChange) => call<Committee>('committee_end_role', { input });
export const committeeFromElection = (input: ElectionResult) => call<Committee>('committee_from_election', { input });
/** Makes the stage change a passed 接收预备党员 or 转正 resolution (its place in the session, from 0) decided. */
export const stageFromResolution = (sessionId: string, resolution: number) => call<Member>('stage_from_resolution', { sessionId, resolution });
