/** Staff members and their password sign-in; the routes are registered by app.ts. */
export { createStaffService, type StaffService } from './staff-service.ts';
export { findStaffById } from './staff-repository.ts';
export { presentStaffSession } from './staff-presenters.ts';
