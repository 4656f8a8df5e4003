/** Server-side sessions for staff and customers. */
export { createSessionService, sessionDeadline, type SessionService } from './session-service.ts';
