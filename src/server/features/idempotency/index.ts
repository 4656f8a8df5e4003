/** Idempotency-Key support for create operations: the stored answers and their retention. */
export {
  createIdempotencyService,
  type IdempotencyClaim,
  type IdempotencyService,
} from './idempotency-service.ts';
