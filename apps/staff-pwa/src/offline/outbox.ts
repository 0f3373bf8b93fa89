/**
 * Putting commands into the outbox and reading it back for the UI. Sending is sync.ts's job.
 *
 * Every write the user makes offline becomes a command here first; `enqueue` resolves only once the
 * command and its photos are committed in one IndexedDB transaction, so a screen may say "saved" then.
 */
import Dexie from 'dexie';
import { COMMAND_STATUSES, type CommandStatus, getDb, type OutboxBlob, type OutboxCommand, type StaffDb } from './db';

export function newId(): string {
  return crypto.randomUUID();
}

export interface BlobInput {
  /** Give one when the payload must reference the photo (e.g. `photoIds`); made otherwise. */
  id?: string;
  blob: Blob;
  /** Defaults to `blob.type`, then `application/octet-stream`. */
  contentType?: string;
}

export interface EnqueueInput<P> {
  type: string;
  payload: P;
  /** Client-made id (e.g. the id of the reading being created). Made with crypto.randomUUID() if left out. */
  id?: string;
  /** When the user did it; defaults to now. A Date or an ISO string. */
  at?: Date | string;
  group?: string;
  /** Who made it (staff id); only sent while that person is signed in (see OutboxCommand.owner). */
  owner?: string;
  blobs?: BlobInput[];
}

export interface EnqueueOptions {
  db?: StaffDb;
  now?: () => number;
}

/** Adds a command (and its photos) to the outbox, durably. Resolves with the stored command. */
export async function enqueue<P>(input: EnqueueInput<P>, options: EnqueueOptions = {}): Promise<OutboxCommand<P>> {
  const db = options.db ?? getDb();
  const nowMs = (options.now ?? Date.now)();
  const createdAt = new Date(nowMs).toISOString();
  const at = input.at === undefined ? createdAt : new Date(input.at).toISOString();
  const command: OutboxCommand<P> = {
    id: input.id ?? newId(),
    type: input.type,
    payload: input.payload,
    at,
    createdAt,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: nowMs,
    lastError: null,
    result: null,
    rejection: null,
    syncedAt: null,
  };
  if (input.group !== undefined) command.group = input.group;
  if (input.owner !== undefined) command.owner = input.owner;
  const blobs: OutboxBlob[] = (input.blobs ?? []).map((b) => ({
    id: b.id ?? newId(),
    commandId: command.id,
    blob: b.blob,
    contentType: b.contentType ?? (b.blob.type || 'application/octet-stream'),
    uploadedAt: null,
    attempts: 0,
    nextAttemptAt: nowMs,
    lastError: null,
  }));
  await db.transaction('rw', db.outbox, db.blobs, async () => {
    // add, not put: an id used twice is a bug in the caller, not something to overwrite silently.
    await db.outbox.add(command as OutboxCommand);
    if (blobs.length > 0) await db.blobs.bulkAdd(blobs);
  });
  return command;
}

export type StatusCounts = Record<CommandStatus, number>;

export interface OutboxCounts {
  total: StatusCounts;
  byGroup: Record<string, StatusCounts>;
  /** Photos of synced or waiting commands not yet on the server. */
  blobsPending: number;
}

export function emptyCounts(): StatusCounts {
  return { pending: 0, syncing: 0, synced: 0, rejected: 0 };
}

/** Counts by status, overall and per group, read from indexes only (cheap enough for a liveQuery). */
export async function counts(db: StaffDb = getDb()): Promise<OutboxCounts> {
  return db.transaction('r', db.outbox, db.blobs, async () => {
    const total = emptyCounts();
    for (const status of COMMAND_STATUSES) total[status] = await db.outbox.where('status').equals(status).count();
    const byGroup: Record<string, StatusCounts> = {};
    // Commands without a group are not in the [group+status] index, which is what we want here.
    const keys = (await db.outbox.orderBy('[group+status]').keys()) as unknown as [string, CommandStatus][];
    for (const [group, status] of keys) {
      const c = byGroup[group] ?? emptyCounts();
      c[status] += 1;
      byGroup[group] = c;
    }
    const blobsPending = await db.blobs.filter((b) => b.uploadedAt === null).count();
    return { total, byGroup, blobsPending };
  });
}

export interface ListFilter {
  status?: CommandStatus;
  group?: string;
  type?: string;
}

/** Commands matching every given filter, oldest first. */
export async function listCommands(filter: ListFilter = {}, db: StaffDb = getDb()): Promise<OutboxCommand[]> {
  let rows: OutboxCommand[];
  if (filter.status !== undefined) {
    rows = await db.outbox
      .where('[status+createdAt]')
      .between([filter.status, Dexie.minKey], [filter.status, Dexie.maxKey])
      .toArray();
  } else if (filter.group !== undefined) {
    rows = await db.outbox.where('group').equals(filter.group).sortBy('createdAt');
  } else if (filter.type !== undefined) {
    rows = await db.outbox.where('type').equals(filter.type).sortBy('createdAt');
  } else {
    rows = await db.outbox.orderBy('createdAt').toArray();
  }
  return rows.filter(
    (c) =>
      (filter.status === undefined || c.status === filter.status) &&
      (filter.group === undefined || c.group === filter.group) &&
      (filter.type === undefined || c.type === filter.type),
  );
}

/** The photos of one command. */
export function blobsOf(commandId: string, db: StaffDb = getDb()): Promise<OutboxBlob[]> {
  return db.blobs.where('commandId').equals(commandId).toArray();
}

/**
 * The user has seen a rejection and dealt with it (usually by making a new, corrected command): the
 * rejected command and its photos are deleted. Returns false when there is no such rejected command.
 */
export async function dismissRejected(id: string, db: StaffDb = getDb()): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.blobs, async () => {
    const command = await db.outbox.get(id);
    if (command?.status !== 'rejected') return false;
    await db.blobs.where('commandId').equals(id).delete();
    await db.outbox.delete(id);
    return true;
  });
}

/**
 * Sends a rejected command again, unchanged (same id, same payload). Only for rejections whose cause went
 * away without the command changing — a whole batch refused with a 4xx that a new app version or a new
 * permission fixes. A business rejection ("reading lower than the last one", "work order already closed")
 * will simply be rejected again: correct it with a NEW command and dismiss the old one instead.
 * Returns false when there is no such rejected command.
 */
export async function retryRejected(id: string, db: StaffDb = getDb(), now: () => number = Date.now): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const command = await db.outbox.get(id);
    if (command?.status !== 'rejected') return false;
    await db.outbox.update(id, { status: 'pending', attempts: 0, nextAttemptAt: now(), rejection: null, lastError: null });
    return true;
  });
}

/**
 * Deletes synced commands (and their uploaded photos) confirmed before `before` (ms epoch), to keep the
 * phone's storage small. Commands with a photo still to upload are kept. Returns how many were deleted.
 */
export async function pruneSynced(before: number, db: StaffDb = getDb()): Promise<number> {
  return db.transaction('rw', db.outbox, db.blobs, async () => {
    const cutoff = new Date(before).toISOString();
    const old = await db.outbox
      .where('status')
      .equals('synced')
      .filter((c) => c.syncedAt !== null && c.syncedAt < cutoff)
      .toArray();
    let deleted = 0;
    for (const command of old) {
      const blobs = await db.blobs.where('commandId').equals(command.id).toArray();
      if (blobs.some((b) => b.uploadedAt === null)) continue;
      await db.blobs.bulkDelete(blobs.map((b) => b.id));
      await db.outbox.delete(command.id);
      deleted += 1;
    }
    return deleted;
  });
}
