/** Who is acting, carried from the edge (HTTP or CLI) into services for audit and throttling. */
export interface ActorContext {
  actorKind: 'staff' | 'customer' | 'pro' | 'system' | 'anonymous';
  actorId: string | null;
  ipAddress: string | null;
  requestId: string | null;
}

export const systemActor: ActorContext = { actorKind: 'system', actorId: null, ipAddress: null, requestId: null };
