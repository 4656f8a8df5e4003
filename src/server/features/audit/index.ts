/** The audit log: other features record what staff and customers changed through this. */
export { deleteAuditEventsBefore, recordAudit } from './audit-repository.ts';
export { refuseStaleEdit } from './stale-version.ts';
