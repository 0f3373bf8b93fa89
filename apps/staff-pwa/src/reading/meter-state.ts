/**
 * What the reader sees per meter and per route, merged from two sources that never overwrite each other:
 * the server's state at the last download (cached route) and what the reader did on this phone (outbox).
 * The newest of the two wins, by the time the reading was taken; a local command the server has already
 * answered is shown with the server's answer (and a later download's review status, if that is newer).
 */
import type { OutboxCommand, Rejection } from '../offline';
import { READING_COMMAND, type ReadingPayload, type RouteMeter, type ServerReading } from './types';

/**
 * - `unread`:    nothing for this period yet.
 * - `pending`:   saved on the phone, not yet confirmed by the server (待同步).
 * - `done`:      recorded and approved (or clean) on the server.
 * - `flagged`:   recorded, waiting for review (异常待审).
 * - `sent_back`: a reviewer asked for a re-read (退回重抄).
 * - `rejected`:  the server refused the phone's reading (被拒) — the reader must deal with it.
 */
export type MeterState = 'unread' | 'pending' | 'done' | 'flagged' | 'sent_back' | 'rejected';

export interface MeterView {
  meter: RouteMeter;
  state: MeterState;
  /** The value of the reading shown (local or server), if any. */
  value: string | null;
  /** Why it was rejected or sent back. */
  reason: string | null;
  rejection: Rejection | null;
  /** The local command behind the state, if the state comes from this phone. */
  commandId: string | null;
  /** ISO time the shown reading was taken. */
  takenAt: string | null;
}

type ReadingCommand = OutboxCommand<ReadingPayload, { id: string; status?: string; value?: string }>;

function fromServer(meter: RouteMeter, reading: ServerReading | undefined): MeterView {
  const base = { meter, rejection: null, commandId: null };
  if (!reading) return { ...base, state: 'unread', value: null, reason: null, takenAt: null };
  const state: MeterState = reading.status === 'approved' ? 'done' : reading.status === 'sent_back' ? 'sent_back' : 'flagged';
  return { ...base, state, value: reading.value, reason: state === 'sent_back' ? (meter.sentBackReason ?? null) : null, takenAt: reading.takenAt };
}

function fromCommand(meter: RouteMeter, command: ReadingCommand, server: ServerReading | undefined): MeterView {
  const base = { meter, value: command.payload.value, commandId: command.id, takenAt: command.at };
  if (command.status === 'rejected') {
    return { ...base, state: 'rejected', reason: command.rejection?.message ?? null, rejection: command.rejection };
  }
  if (command.status !== 'synced') return { ...base, state: 'pending', reason: null, rejection: null };
  // Synced: the server's later word on this very reading (a review after a download) beats the sync answer.
  const status = server?.id === command.id ? server.status : command.result?.status;
  const state: MeterState = status === 'approved' ? 'done' : status === 'sent_back' ? 'sent_back' : 'flagged';
  return { ...base, state, reason: state === 'sent_back' ? (meter.sentBackReason ?? null) : null, rejection: null };
}

/** The newest server reading per meter (by time taken). */
function newestByMeter(readings: readonly ServerReading[]): Map<string, ServerReading> {
  const out = new Map<string, ServerReading>();
  for (const r of readings) {
    const seen = out.get(r.meterId);
    if (!seen || r.takenAt > seen.takenAt || (r.takenAt === seen.takenAt && r.id > seen.id)) out.set(r.meterId, r);
  }
  return out;
}

/** The newest local reading command per meter of the period. */
function newestCommandByMeter(commands: readonly OutboxCommand[], period: string): Map<string, ReadingCommand> {
  const out = new Map<string, ReadingCommand>();
  for (const c of commands as ReadingCommand[]) {
    if (c.type !== READING_COMMAND || c.payload?.period !== period) continue;
    const seen = out.get(c.payload.meterId);
    if (!seen || c.at > seen.at || (c.at === seen.at && c.createdAt > seen.createdAt)) out.set(c.payload.meterId, c);
  }
  return out;
}

export function meterViews(input: {
  meters: readonly RouteMeter[];
  period: string;
  serverReadings: readonly ServerReading[];
  commands: readonly OutboxCommand[];
}): MeterView[] {
  const server = newestByMeter(input.serverReadings);
  const local = newestCommandByMeter(input.commands, input.period);
  return input.meters.map((meter) => {
    const s = server.get(meter.id);
    const c = local.get(meter.id);
    // A server reading taken after the phone's (someone corrected it in the office) is the newer truth.
    if (c && !(s && s.id !== c.id && s.takenAt > c.at)) return fromCommand(meter, c, s);
    return fromServer(meter, s);
  });
}

export interface RouteProgress {
  total: number;
  /** Read in this period (pending, done or flagged). */
  read: number;
  /** Still to read: unread, sent back, or rejected. */
  toRead: number;
  flagged: number;
  pending: number;
  rejected: number;
  sentBack: number;
}

export function routeProgress(views: readonly MeterView[]): RouteProgress {
  const p: RouteProgress = { total: views.length, read: 0, toRead: 0, flagged: 0, pending: 0, rejected: 0, sentBack: 0 };
  for (const v of views) {
    if (v.state === 'pending' || v.state === 'done' || v.state === 'flagged') p.read += 1;
    else p.toRead += 1;
    if (v.state === 'flagged') p.flagged += 1;
    if (v.state === 'pending') p.pending += 1;
    if (v.state === 'rejected') p.rejected += 1;
    if (v.state === 'sent_back') p.sentBack += 1;
  }
  return p;
}

/** Whether a meter still needs the reader (the "next meter" after saving skips the rest). */
export function needsReading(view: MeterView): boolean {
  return view.state === 'unread' || view.state === 'sent_back' || view.state === 'rejected';
}
