// 手机查学时: the computer's addresses, opening and stopping the phone page, whether it is
// open (address, end, QR code), the log of look-ups from phones.
import type { NetworkAddress } from '@/generated/NetworkAddress';
import type { PhoneLookup } from '@/generated/PhoneLookup';
import type { ShareStatus } from '@/generated/ShareStatus';
import { call } from './ipc';

export const phoneAddresses = () => call<NetworkAddress[]>('phone_addresses');
/** Opens the phone page on `ip` (one of `phoneAddresses`) for `minutes` (1–480). */
export const phoneShareStart = (ip: string, minutes: number) => call<ShareStatus>('phone_share_start', { ip, minutes });
export const phoneShareStop = () => call<ShareStatus>('phone_share_stop');
export const phoneShareStatus = () => call<ShareStatus>('phone_share_status');
export const phoneLookups = (limit?: number) => call<PhoneLookup[]>('phone_lookups', { limit: limit ?? null });
