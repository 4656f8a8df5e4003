/** Idempotency-Key support for create operations: the stored answers and their retention. */
export {
  createIdempotencyService,
  IDEMPOTENCY_KEY_TTL_SECONDS,
  type IdempotencyClaim,
  type IdempotencyService,
} from './idempotency-service.ts';
