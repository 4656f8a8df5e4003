import type sharp from 'sharp';
import { AppError } from '../../errors.ts';

/** The largest upload accepted, before re-encoding. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTO_MEGAPIXELS = 50;
/** Stored photos fit in this square; a phone photo shrinks to a few hundred kB. */
export const STORED_PHOTO_EDGE = 1600;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif']);
// Loaded with the first upload: libvips is ~11 MB of memory a server without photo uploads never uses.
let sharpModule: Promise<{ default: typeof sharp }> | undefined;

export interface ProcessedPhoto {
  data: Buffer;
  contentType: 'image/jpeg';
  width: number;
  height: number;
}

/**
 * Decides by content, never by name or declared type: the bytes must decode as a photo format. The
 * result is a fresh JPEG, turned upright and resized, with no metadata at all (EXIF location, camera,
 * comments), so nothing the phone wrote reaches another person.
 */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  if (input.length > MAX_PHOTO_BYTES)
    throw new AppError('payload_too_large', `Photos can be at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`);
  if (input.length === 0) throw new AppError('validation_failed', 'The photo is empty.');
  const notAPhoto = new AppError('validation_failed', 'This file is not a photo (JPEG, PNG, WebP or HEIF).');
  sharpModule ??= import('sharp');
  const { default: decode } = await sharpModule;
  const image = decode(input, { limitInputPixels: MAX_PHOTO_MEGAPIXELS * 1_000_000, failOn: 'error' });
  const metadata = await image.metadata().catch(() => {
    throw notAPhoto;
  });
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format)) throw notAPhoto;
  const { data, info } = await image
    .rotate()
    .resize({ width: STORED_PHOTO_EDGE, height: STORED_PHOTO_EDGE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer({ resolveWithObject: true })
    .catch((error: unknown) => {
      if (error instanceof Error && /pixel limit/i.test(error.message))
        throw new AppError('payload_too_large', `Photos can be at most ${MAX_PHOTO_MEGAPIXELS} megapixels.`);
      throw notAPhoto;
    });
  return { data, contentType: 'image/jpeg', width: info.width, height: info.height };
}
