// The meter reader's calls: my routes and a route's offline download. Readings themselves go through the
// outbox (POST /api/sync/commands), never from here.
import type { ApiClient } from '@pm/api/client';
import type { InferResponseType } from 'hono/client';
import { api, ok, query } from './client';

export type ReadingRouteSummary = InferResponseType<ApiClient['reading-routes']['$get'], 200>['items'][number];
export type RouteDownload = InferResponseType<ApiClient['reading-routes'][':id']['download']['$get'], 200>;

export const listMyRoutes = (period?: string) => ok(api['reading-routes'].$get({ query: query({ mine: 'true', period }) }));
export const downloadRoute = (id: string) => ok(api['reading-routes'][':id'].download.$get({ param: { id } }));
