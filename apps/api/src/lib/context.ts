/**
 * What every request and service gets: the database, the clock, the actor. Services take `{ ctx, input }`
 * so they can be called from routes, jobs, the seed and tests alike.
 */
import type { Grant } from '@pm/domain';
import type { Db } from '../db';

export interface StaffActor {
  kind: 'staff';
  id: string;
  username: string;
  name: string;
  phone: string | null;
  homeNodeId: string;
  grants: (Grant & { id: string; nodeName: string; nodeKind: string; nodePath: string[] })[];
}

export interface ResidentActor {
  kind: 'resident';
  id: string;
  phone: string;
  name: string;
}

export type Actor = StaffActor | ResidentActor | { kind: 'system' };

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface ServiceContext<A extends Actor = Actor> {
  db: Db;
  actor: A;
  clock: Clock;
  requestId?: string;
}

export type StaffContext = ServiceContext<StaffActor>;
export type ResidentContext = ServiceContext<ResidentActor>;
