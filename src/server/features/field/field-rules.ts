import type { PhotoPurpose } from '../../db/schema/field-work.ts';
import { AppError, fieldError } from '../../errors.ts';

interface PhotoRow {
  id: string;
  serviceLineId: string;
  purpose: PhotoPurpose;
  addOnId: string | null;
  reworkRequestId: string | null;
  uploadedById: string | null;
}

/**
 * Photos named in a request must be this person's own uploads for this service and this purpose, not
 * yet used by another request; an unknown or foreign id reads as not found (it may be someone else's).
 */
export function checkPhotoSelection(
  photoIds: readonly string[],
  rows: readonly PhotoRow[],
  expected: { serviceLineId: string; purpose: PhotoPurpose; uploadedById: string },
): void {
  photoIds.forEach((photoId, index) => {
    const row = rows.find((candidate) => candidate.id === photoId);
    if (
      !row ||
      row.serviceLineId !== expected.serviceLineId ||
      row.uploadedById !== expected.uploadedById ||
      row.purpose !== expected.purpose
    )
      throw fieldError(`photoIds.${index}`, 'Upload this photo for this service first');
    if (row.addOnId || row.reworkRequestId)
      throw fieldError(`photoIds.${index}`, 'This photo already went with another request');
  });
}

export function checkTurnOpen(turn: { canceledAt: string | null }): void {
  if (turn.canceledAt) throw new AppError('conflict', 'This turn was canceled.');
}
