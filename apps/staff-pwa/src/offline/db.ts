/**
 * The staff app's IndexedDB database (`pm-staff`, Dexie). Generic offline machinery lives here: the
 * `outbox` of commands waiting for (or done with) the server and the `blobs` (photos) that go with them.
 * Feature tables (meter routes, cached work orders…) are added by later schema versions — never edit a
 * published `version(n)`, add `version(n + 1)` with the full table list.
 *
 * See README.md beside this file for the protocol and the life of a command.
 */
import Dexie, { type EntityTable } from 'dexie';

export type CommandStatus = 'pending' | 'syncing' | 'synced' | 'rejected';
export const COMMAND_STATUSES: readonly CommandStatus[] = ['pending', 'syncing', 'synced', 'rejected'];

/** Why the server (or a whole-batch 4xx) refused a command. `current` is the server's current state, if sent. */
export interface Rejection {
  code: string;
  message: string;
  /** The server's current state of the thing the command was about (e.g. the work order), if sent. */
  current?: unknown;
  /** The server's error details (`reason.details` or a batch error's `error.details`), if sent. */
  details?: unknown;
}

/** JSON-compatible value (what goes over the wire in `payload` and comes back in `result`). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface OutboxCommand<P = unknown, R = unknown> {
  /** Client-made UUID, also the server's idempotency key. */
  id: string;
  /** What to do, e.g. `reading.record`, `workorder.transition`. */
  type: string;
  payload: P;
  /** ISO time the user did it on the phone (kept even when it syncs hours later). */
  at: string;
  /** ISO time it was put in the outbox (the sending order). */
  createdAt: string;
  status: CommandStatus;
  /** How many times it was sent without a definite answer. */
  attempts: number;
  /** ms epoch; not sent before this (backoff). */
  nextAttemptAt: number;
  lastError: string | null;
  /** The stored row the server returned (applied or duplicate). */
  result: R | null;
  rejection: Rejection | null;
  /** ISO time the server confirmed it. */
  syncedAt: string | null;
  /** Free grouping for the UI, e.g. a meter route id. */
  group?: string;
  /**
   * Who made it (staff id). On a shared phone a command is only ever sent under its maker's session: the
   * server would otherwise record one person's readings as another's.
   */
  owner?: string;
}

export interface OutboxBlob {
  /** Client-made UUID; the server stores the same file for the same id (idempotent PUT). */
  id: string;
  commandId: string;
  blob: Blob;
  contentType: string;
  /** ISO time the server accepted it; null while waiting. */
  uploadedAt: string | null;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

/** A reading route as downloaded for offline work (meter reading feature, schema version 2). */
export interface CachedRoute {
  id: string;
  estateId: string;
  period: string;
  name: string;
  readerId: string;
  meterCount: number;
  /** ISO time of the last download: what the reader sees as "updated at". */
  downloadedAt: string;
  /** Who downloaded it (staff id): a shared phone shows each person only their routes. */
  owner: string;
}

/** One meter of a cached route, with what the server knew at download time (see api/reading.ts). */
export interface CachedRouteMeter {
  routeId: string;
  meterId: string;
  position: number;
  /** The meter and its server state as downloaded (see reading/route-cache.ts). */
  data: unknown;
}

/**
 * A work order as downloaded by a technician (`GET /api/work-orders/mine`, schema version 3): the server's
 * copy only — what the technician did lives in the outbox. One row per (owner, order): on a shared phone
 * two technicians may both see the same pool order, each from their own download.
 */
export interface CachedWorkOrder {
  owner: string;
  id: string;
  /** Which list of the download it came in; 'kept' = no longer listed, kept for a command still waiting. */
  list: 'job' | 'pool' | 'kept';
  /** The server's `WorkOrderDetail` (see work-orders/types.ts). */
  order: unknown;
  /** ISO time (phone) this copy was stored. */
  storedAt: string;
}

/** The last work-order download of one technician: when, the server's clock then, each estate's settings. */
export interface WorkOrderDownload {
  owner: string;
  /** ISO time (phone) of the download. */
  downloadedAt: string;
  /** The server's `serverTime` of that download. */
  serverTime: string;
  /** Estate id → the estate's work-order settings (price list, policy), when the server let us read them. */
  settings: Record<string, unknown>;
}

/** A report photo of a downloaded job, kept so the technician sees it with no signal. */
export interface CachedWorkOrderPhoto {
  id: string;
  blob: Blob;
  contentType: string;
  /** ISO time it was fetched. */
  cachedAt: string;
}

export const DB_NAME = 'pm-staff';

export class StaffDb extends Dexie {
  outbox!: EntityTable<OutboxCommand, 'id'>;
  blobs!: EntityTable<OutboxBlob, 'id'>;
  routes!: EntityTable<CachedRoute, 'id'>;
  routeMeters!: Dexie.Table<CachedRouteMeter, [string, string]>;
  workOrders!: Dexie.Table<CachedWorkOrder, [string, string]>;
  workOrderDownloads!: EntityTable<WorkOrderDownload, 'owner'>;
  workOrderPhotos!: EntityTable<CachedWorkOrderPhoto, 'id'>;

  constructor(name: string = DB_NAME) {
    // 'strict': Chrome only reports a write transaction complete once it is flushed to disk, so a command
    // whose enqueue resolved survives a crash or a killed tab.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      outbox: 'id, status, type, group, createdAt, [status+createdAt], [group+status]',
      blobs: 'id, commandId',
    });
    // Meter reading: the routes downloaded for offline work. The outbox stays the only place for what the
    // reader did; these tables hold only what the server said, and are replaced on every download.
    this.version(2).stores({
      outbox: 'id, status, type, group, createdAt, [status+createdAt], [group+status]',
      blobs: 'id, commandId',
      routes: 'id, period, owner',
      routeMeters: '[routeId+meterId], routeId',
    });
    // Work orders (technicians): the jobs and pool downloaded for offline work, per technician, and the
    // report photos of those jobs. Only new tables: the outbox, photos and routes keep their schema and
    // their rows (Dexie copies unchanged tables as they are, so no upgrade function is needed).
    this.version(3).stores({
      outbox: 'id, status, type, group, createdAt, [status+createdAt], [group+status]',
      blobs: 'id, commandId',
      routes: 'id, period, owner',
      routeMeters: '[routeId+meterId], routeId',
      workOrders: '[owner+id], owner, id',
      workOrderDownloads: 'owner',
      workOrderPhotos: 'id',
    });
  }
}

let shared: StaffDb | null = null;

/** The app's one database (opened lazily). */
export function getDb(): StaffDb {
  shared ??= new StaffDb();
  return shared;
}
