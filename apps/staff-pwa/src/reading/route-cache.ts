/**
 * The routes a reader downloaded for offline work, in IndexedDB. Only the server's side lives here; what
 * the reader did lives in the outbox, so a fresh download (pull) can replace a route wholesale without
 * ever touching a pending reading.
 */
import type { RouteDownload } from '../api/reading';
import type { CachedRoute, StaffDb } from '../offline/db';
import type { RouteMeter, ServerReading } from './types';

export interface CachedRouteData {
  route: CachedRoute;
  meters: RouteMeter[];
  readings: ServerReading[];
}

/** Stores a downloaded route (replacing the previous download of it) in one transaction. */
export async function saveRoute(db: StaffDb, download: RouteDownload, owner: string, now = new Date()): Promise<void> {
  const route: CachedRoute = { ...download.route, meterCount: download.meters.length, downloadedAt: now.toISOString(), owner };
  await db.transaction('rw', db.routes, db.routeMeters, async () => {
    await db.routeMeters.where('routeId').equals(route.id).delete();
    await db.routes.put(route);
    await db.routeMeters.bulkPut(
      download.meters.map((m) => ({
        routeId: route.id,
        meterId: m.id,
        position: m.position,
        // The readings of the period ride along on each meter, so one table read gives the whole route.
        data: { meter: m, readings: download.readings.filter((r) => r.meterId === m.id) },
      })),
    );
  });
}

/** Drops routes the server no longer lists for this person (their readings stay in the outbox). */
export async function forgetRoutesExcept(db: StaffDb, owner: string, keep: ReadonlySet<string>): Promise<void> {
  await db.transaction('rw', db.routes, db.routeMeters, async () => {
    const gone = (await db.routes.where('owner').equals(owner).toArray()).filter((r) => !keep.has(r.id));
    for (const r of gone) {
      await db.routeMeters.where('routeId').equals(r.id).delete();
      await db.routes.delete(r.id);
    }
  });
}

/** This person's cached routes, newest period first. */
export async function cachedRoutes(db: StaffDb, owner: string): Promise<CachedRoute[]> {
  const rows = await db.routes.where('owner').equals(owner).toArray();
  return rows.sort((a, b) => (a.period === b.period ? a.name.localeCompare(b.name, 'zh-CN') : a.period < b.period ? 1 : -1));
}

/** A cached route with its meters in walking order, or null when it was never downloaded. */
export async function cachedRoute(db: StaffDb, routeId: string): Promise<CachedRouteData | null> {
  return db.transaction('r', db.routes, db.routeMeters, async () => {
    const route = await db.routes.get(routeId);
    if (!route) return null;
    const rows = (await db.routeMeters.where('routeId').equals(routeId).toArray()).sort((a, b) => a.position - b.position);
    const meters: RouteMeter[] = [];
    const readings: ServerReading[] = [];
    for (const row of rows) {
      const data = row.data as { meter: RouteMeter; readings: ServerReading[] };
      meters.push(data.meter);
      readings.push(...data.readings);
    }
    return { route, meters, readings };
  });
}
