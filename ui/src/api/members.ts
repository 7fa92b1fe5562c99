// The member roster.
import type { ArchiveInput } from '@/generated/ArchiveInput';
import type { Member } from '@/generated/Member';
import type { MemberInput } from '@/generated/MemberInput';
import type { RosterPage } from '@/generated/RosterPage';
import type { RosterQuery } from '@/generated/RosterQuery';
import { call } from './ipc';

export const memberList = (query: RosterQuery) => call<RosterPage>('member_list', { query });
export const memberGet = (id: string) => call<Member>('member_get', { id });
export const memberAdd = (input: MemberInput) => call<Member>('member_add', { input });
export const memberUpdate = (id: string, input: MemberInput) => call<Member>('member_update', { id, input });
export const memberArchive = (id: string, input: ArchiveInput) => call<Member>('member_archive', { id, input });
