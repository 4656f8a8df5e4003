/** Tables for portal logins, one-time links, access events (issue 5). */
export interface PortalAccessTables {}
