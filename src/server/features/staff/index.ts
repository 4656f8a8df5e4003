/** Staff members and their password sign-in. */
export { createStaffService, type StaffService } from './staff-service.ts';
export { findStaffById } from './staff-repository.ts';
export { presentStaffSession, staffSessionRoutes } from './staff-routes.ts';
