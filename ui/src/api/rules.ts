// A versioned rule area (obligations, study targets, accrual) as the commands return it.

/** The set in force today and every set the branch saved (oldest first). */
export interface VersionedRules<T> {
  current: T;
  history: T[];
}
