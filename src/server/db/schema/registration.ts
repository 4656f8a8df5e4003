/** Tables for self-registration and registration requests (issue 6). */
export interface RegistrationTables {}
