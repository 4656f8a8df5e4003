import { randomBytes } from 'node:crypto';

let lastMillis = 0;
let sequence = 0;

/**
 * UUIDv7: time-ordered, so ids sort by creation and index well on both databases. Within one
 * millisecond a 12-bit counter in rand_a keeps them strictly increasing in this process (RFC 9562
 * §6.2, method 1), so "order by id" is insertion order even for rows written in the same instant.
 * Ids are not secrets; secrets come from security/tokens.ts.
 */
export function newId(): string {
  let millis = Date.now();
  if (millis <= lastMillis) {
    sequence += 1;
    millis = lastMillis;
    if (sequence > 0xfff) {
      millis += 1;
      sequence = 0;
    }
  } else {
    sequence = 0;
  }
  lastMillis = millis;
  const bytes = randomBytes(16);
  const time = BigInt(millis);
  for (let index = 0; index < 6; index++) {
    bytes[index] = Number((time >> BigInt(8 * (5 - index))) & 0xffn);
  }
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
