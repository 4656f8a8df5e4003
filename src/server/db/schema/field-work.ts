import type { IsoTimestamp } from './columns.ts';

export type ProLinkChannel = 'sms' | 'email';

/** A pro's one-time sign-in link; only the keyed hash of its secret is stored. */
export interface ProAccessTokensTable {
  id: string;
  tokenHash: string;
  proId: string;
  channel: ProLinkChannel;
  createdByStaffId: string | null;
  createdAt: IsoTimestamp;
  expiresAt: IsoTimestamp;
  openedAt: IsoTimestamp | null;
  consumedAt: IsoTimestamp | null;
  supersededAt: IsoTimestamp | null;
}

export type PhotoPurpose = 'before' | 'after' | 'add_on' | 'issue';
export type PhotoStorageKind = 'filesystem' | 'database';
export type PhotoUploaderKind = 'pro' | 'customer' | 'staff';

/** A re-encoded photo of one service line; the bytes live in the configured store under storageKey. */
export interface PhotosTable {
  id: string;
  accountId: string;
  turnId: string;
  serviceLineId: string;
  purpose: PhotoPurpose;
  /** Set once the add-on request it was taken for is sent. */
  addOnId: string | null;
  reworkRequestId: string | null;
  storage: PhotoStorageKind;
  storageKey: string;
  contentType: string;
  width: number;
  height: number;
  byteSize: number;
  uploadedByKind: PhotoUploaderKind;
  uploadedById: string | null;
  createdAt: IsoTimestamp;
}

export interface PhotoBlobsTable {
  storageKey: string;
  data: Buffer;
  createdAt: IsoTimestamp;
}

export type ReworkRequestStatus = 'open' | 'converted' | 'dismissed';

/** A customer's "report an issue" on a completed service, waiting on the staff desk. */
export interface ReworkRequestsTable {
  id: string;
  accountId: string;
  turnId: string;
  serviceLineId: string;
  note: string;
  status: ReworkRequestStatus;
  reportedByKind: 'customer' | 'staff';
  reportedById: string | null;
  createdAt: IsoTimestamp;
  resolvedByStaffId: string | null;
  resolvedAt: IsoTimestamp | null;
  /** The punch-back line staff created from it. */
  reworkServiceLineId: string | null;
}

/** Tables for pro sign-in links, photos and rework requests. */
export interface FieldWorkTables {
  proAccessTokens: ProAccessTokensTable;
  photos: PhotosTable;
  photoBlobs: PhotoBlobsTable;
  reworkRequests: ReworkRequestsTable;
}
