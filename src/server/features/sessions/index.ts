/** Server-side sessions for staff and customers. */
export { createSessionService, type SessionService } from './session-service.ts';
