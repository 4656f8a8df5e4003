import type { Clock } from '../src/server/clock.ts';

/** A clock tests move forward explicitly, instead of sleeping. */
export class FakeClock implements Clock {
  private current: Date;

  constructor(start = new Date('2026-06-01T12:00:00.000Z')) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceSeconds(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}
