/**
 * Import FIRST in offline tests (before anything that loads Dexie):
 * - fake-indexeddb provides IndexedDB in Node;
 * - the global Blob becomes Node's: happy-dom's Blob is not structured-cloneable (it would come back out
 *   of IndexedDB as `{}`), and Dexie recognises Blobs by the global constructor when it copies an object
 *   on `update`. Browsers have neither problem.
 */
import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';

globalThis.Blob = NodeBlob as unknown as typeof Blob;
