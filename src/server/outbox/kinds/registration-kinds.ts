import type { MessageKind } from '../message-kind.ts';

export const registrationKinds: MessageKind[] = [];
