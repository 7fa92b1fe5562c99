// The 工作台's alarms: 换届, the committee, members away, 预备期, 党费 arrears, 学时 pace.
import type { Alarm } from '@/generated/Alarm';
import { call } from './ipc';

export const alarmsGet = (asOf: string) => call<Alarm[]>('alarms_get', { asOf });
