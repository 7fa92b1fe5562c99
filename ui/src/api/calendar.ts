// The obligation calendar's own records: periods confirmed missed, and the 联系支委 list.
import type { Contact } from '@/generated/Contact';
import type { PeriodKey } from '@/generated/PeriodKey';
import { call } from './ipc';

export const missedConfirm = (key: PeriodKey) => call<null>('missed_confirm', { key });
export const missedUndo = (key: PeriodKey) => call<null>('missed_undo', { key });
export const contactList = () => call<Contact[]>('contact_list');
export const contactSet = (memberId: string, committeeId: string | null) => call<null>('contact_set', { memberId, committeeId });
