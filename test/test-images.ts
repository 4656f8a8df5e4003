import sharp from 'sharp';

/** A phone-sized JPEG carrying EXIF with a camera make and a GPS position, as phones write them. */
export function jpegWithGps(options: { width?: number; height?: number; color?: string } = {}): Promise<Buffer> {
  return sharp({
    create: {
      width: options.width ?? 2400,
      height: options.height ?? 1800,
      channels: 3,
      background: options.color ?? '#885533',
    },
  })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'Field 12' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '30/1 16/1 1234/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '97/1 44/1 2500/100',
      },
    })
    .toBuffer();
}

/** Whether an EXIF block holds a GPS IFD pointer (tag 0x8825, either byte order). */
export function hasGpsPointer(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  return exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));
}
