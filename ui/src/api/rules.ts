// A versioned rule area (obligations, study targets, accrual) as the commands return it: the
// set in force today and every set the branch saved (oldest first). Generated from the shell.
export type { VersionedRules } from '@/generated/VersionedRules';
