// The offline machinery's public API (feature code imports from here).
export { COMMAND_STATUSES, type CommandStatus, DB_NAME, getDb, type OutboxBlob, type OutboxCommand, type Rejection, StaffDb } from './db';
export { getDeviceId } from './device';
export { DEFAULT_SYNC_LABELS, type SyncStatusLabels } from './labels';
export {
  type BlobInput,
  blobsOf,
  counts,
  dismissRejected,
  type EnqueueInput,
  emptyCounts,
  enqueue,
  type ListFilter,
  listCommands,
  newId,
  type OutboxCounts,
  pruneSynced,
  retryRejected,
  type StatusCounts,
} from './outbox';
export {
  backoffDelay,
  createSyncEngine,
  type FlushReport,
  LOCK_NAME,
  type SyncEngine,
  type SyncEngineOptions,
  SyncHttpError,
  type SyncResult,
  type SyncState,
} from './sync';
export { type SyncStoreOptions, useSyncStore } from './sync.store';
