import type { MessageKind } from '../message-kind.ts';

export const portalAccessKinds: MessageKind[] = [];
