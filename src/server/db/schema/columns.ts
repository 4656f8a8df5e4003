/** Portable column types every table shares: ISO-8601 UTC text timestamps and 0/1 integer booleans. */
export type IsoTimestamp = string;
export type Flag = 0 | 1;

/** Staff roles, stored on staff members and on settings that name a role. */
export type StaffRole = 'admin' | 'psm' | 'support';
