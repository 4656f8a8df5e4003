import { describe, expect, it } from 'vitest';
import {
  backoffSeconds,
  DeliveryError,
  failureBackoffMilliseconds,
  isTransientHttpStatus,
  isTransientSmtpCode,
  outcomeOfFailure,
  parseRetryAfter,
  type RetryPolicy,
} from './delivery-rules.ts';

const policy: RetryPolicy = { maxAttempts: 5, baseDelaySeconds: 30, maxDelaySeconds: 600 };

describe('delivery rules', () => {
  it('doubles the delay per attempt, with jitter in the upper half, capped', () => {
    expect(backoffSeconds(1, policy, 0)).toBe(15);
    expect(backoffSeconds(1, policy, 1)).toBe(30);
    expect(backoffSeconds(3, policy, 0.5)).toBe(90);
    expect(backoffSeconds(10, policy, 1)).toBe(600);
    expect(backoffSeconds(10, policy, 0)).toBe(300);
  });

  it('retries transient errors until the last attempt, then gives up', () => {
    const transient = new DeliveryError('503', false);
    expect(outcomeOfFailure(transient, 1, policy, 0)).toEqual({ status: 'queued', delaySeconds: 15 });
    expect(outcomeOfFailure(transient, 5, policy, 0)).toEqual({ status: 'dead' });
  });

  it('sends permanent errors straight to dead and honours Retry-After as a minimum', () => {
    expect(outcomeOfFailure(new DeliveryError('550', true), 1, policy, 0)).toEqual({ status: 'dead' });
    expect(outcomeOfFailure(new DeliveryError('429', false, 120), 1, policy, 0)).toEqual({
      status: 'queued',
      delaySeconds: 120,
    });
  });

  it('classifies provider answers', () => {
    expect([408, 429, 500, 503].every(isTransientHttpStatus)).toBe(true);
    expect([400, 401, 404, 422].some(isTransientHttpStatus)).toBe(false);
    expect(isTransientSmtpCode(421)).toBe(true);
    expect(isTransientSmtpCode(undefined)).toBe(true);
    expect(isTransientSmtpCode(550)).toBe(false);
  });

  it('backs a worker off while its database is unreachable, doubling up to 30 s', () => {
    expect(failureBackoffMilliseconds(1, 1000, 1)).toBe(1000);
    expect(failureBackoffMilliseconds(2, 1000, 1)).toBe(2000);
    expect(failureBackoffMilliseconds(3, 1000, 0)).toBe(2000);
    expect(failureBackoffMilliseconds(20, 1000, 1)).toBe(30_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Tue, 01 Dec 2026 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Tue, 01 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
