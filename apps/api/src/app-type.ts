/** The type of the API routes, for the typed Hono client in the front ends. Types only, no runtime. */
export type { ApiRoutes as AppType } from './app';
