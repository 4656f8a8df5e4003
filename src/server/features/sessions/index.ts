/** Server-side sessions for staff, customers and pros. */
export { createSessionService, PRO_SESSION_SECONDS, type SessionService, sessionDeadline } from './session-service.ts';
