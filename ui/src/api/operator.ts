// The 操作人: who is at the keyboard, named in every change the window writes. Chosen at unlock
// (password set) or at the window's first start, remembered in the file for the next start.
import { call } from './ipc';

export interface OperatorStatus {
  /** The 操作人 of this session; null until one is chosen. */
  current: string | null;
  /** The one chosen last time, offered first. */
  remembered: string | null;
  /** The committee roles offered in the chooser; anything else is typed as 其他. */
  suggested: string[];
  max_chars: number;
}

export const operatorStatus = () => call<OperatorStatus>('operator_status');
/** Makes `name` the 操作人 of this session and the next start's default; answers with it as kept. */
export const operatorSet = (name: string) => call<string>('operator_set', { name });
