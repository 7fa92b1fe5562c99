// Branch profile, first-run choices and party groups.
import type { Branch } from '@/generated/Branch';
import type { BranchInput } from '@/generated/BranchInput';
import type { GroupInput } from '@/generated/GroupInput';
import type { PartyGroup } from '@/generated/PartyGroup';
import { call } from './ipc';

export const branchGet = () => call<Branch | null>('branch_get');
export const branchCreate = (input: BranchInput) => call<Branch>('branch_create', { input });
export const branchUpdate = (input: BranchInput) => call<Branch>('branch_update', { input });
export const demoCreate = () => call<Branch>('demo_create');

export const groupList = () => call<PartyGroup[]>('group_list');
export const groupAdd = (input: GroupInput) => call<PartyGroup>('group_add', { input });
export const groupUpdate = (id: string, input: GroupInput) => call<PartyGroup>('group_update', { id, input });
