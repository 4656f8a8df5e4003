import sharp from 'sharp';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffMember, signInStaff } from '../../../../test/factories.ts';
import { buildCustomerWorld, type CustomerWorld } from '../../../../test/security/customer-world.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { hasGpsPointer, jpegWithGps } from '../../../../test/test-images.ts';
import { AppError } from '../../errors.ts';
import { MAX_PHOTO_BYTES } from './photo-processing.ts';
import { createPhotosService } from './photos-service.ts';

let t: TestApp;
let world: CustomerWorld;
const folder = mkdtempSync(join(tmpdir(), 'portico-photos-'));

beforeAll(async () => {
  t = await createTestApp();
  world = await buildCustomerWorld(t, await signInStaff(t.app, await createStaffMember(t.deps)), 'Photo');
});
afterAll(async () => {
  await t.close();
  rmSync(folder, { recursive: true, force: true });
});

const target = () => ({
  accountId: world.params.accountId!,
  turnId: world.params.turnId!,
  serviceLineId: world.params.serviceLineId!,
  purpose: 'before' as const,
  uploadedByKind: 'staff' as const,
  uploadedById: null,
});

async function photoCount() {
  const row = await t.deps.db
    .selectFrom('photos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n);
}

describe.each(['database', 'filesystem'] as const)('photos in the %s store', (photoStorage) => {
  const service = () =>
    createPhotosService({ db: t.deps.db, clock: t.clock, config: { photoStorage, uploadsPath: folder } });

  it('re-encodes a phone photo: upright JPEG within 1600 px, with no EXIF (no GPS) left', async () => {
    const original = await jpegWithGps();
    const before = await sharp(original).metadata();
    expect(before.exif?.includes('PhoneCo')).toBe(true);
    expect(hasGpsPointer(before.exif)).toBe(true);

    const saved = await service().savePhoto(target(), original);
    expect(saved).toMatchObject({ width: 1600, height: 1200, purpose: 'before' });
    const row = await service().findPhoto(saved.id);
    expect(row?.storage).toBe(photoStorage);
    const { data, contentType } = await service().readPhoto(row!);
    expect(contentType).toBe('image/jpeg');
    const after = await sharp(data).metadata();
    expect(after).toMatchObject({ format: 'jpeg', width: 1600, height: 1200 });
    expect(after.exif).toBeUndefined();
    expect(data.includes('PhoneCo')).toBe(false);
    if (photoStorage === 'filesystem') expect(readdirSync(folder).length).toBe(1);
  });

  it('refuses what is not a photo by its content, whatever it claims, and stores nothing', async () => {
    const count = await photoCount();
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    const pdfNamedJpeg = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 7)]);
    const truncated = (await jpegWithGps({ width: 400, height: 300 })).subarray(0, 600);
    for (const bytes of [svg, pdfNamedJpeg, truncated, Buffer.alloc(0)]) {
      const error = await service()
        .savePhoto(target(), bytes)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('validation_failed');
    }
    expect(await photoCount()).toBe(count);
  });

  it(`refuses a photo over ${MAX_PHOTO_BYTES / 1024 / 1024} MB and stores nothing`, async () => {
    const count = await photoCount();
    const big = Buffer.concat([await jpegWithGps({ width: 400, height: 300 }), Buffer.alloc(MAX_PHOTO_BYTES)]);
    const error = (await service()
      .savePhoto(target(), big)
      .catch((caught: unknown) => caught)) as AppError;
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toBe('Photos can be at most 10 MB.');
    expect(await photoCount()).toBe(count);
  });
});
