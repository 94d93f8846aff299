import type { Express } from 'express';
import { matchRoute, type GraphCall } from '../../../src/graph/graph-call.js';
import { GRAPH_ROUTES } from '../../../src/graph/graph-routes.js';
import { createEmulatorApp } from '../../../src/http/create-app.js';
import type { EmulatorContext } from '../../../src/http/emulator-context.js';
import type { ConformanceCase } from '../conformance-case.js';
import { fillWithStandIns } from './fixtures.js';

/** One route the emulator serves, and whether a (method, path) request reaches it. */
export interface ServedRoute {
  label: string;
  reaches(method: string, path: string): boolean;
}

interface RouterLayer {
  slash?: boolean;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: RouterLayer[] };
  match(path: string): boolean;
}

/** The Graph routes of GRAPH_ROUTES (first match wins, as in dispatch) and `$batch`, which the Graph router answers itself. */
function graphRoutes(): ServedRoute[] {
  const graphPath = (path: string) => (/^\/v1\.0\//i.test(path) ? path.slice('/v1.0'.length) : undefined);
  const routes: ServedRoute[] = GRAPH_ROUTES.map((route) => ({
    label: `${route.method} /v1.0 ${route.pattern.source}`,
    reaches: (method, path) => {
      const under = graphPath(path);
      return under !== undefined && matchRoute(GRAPH_ROUTES, { method, path: under } as GraphCall)?.route === route;
    },
  }));
  routes.push({ label: 'POST /v1.0/$batch', reaches: (method, path) => method === 'POST' && /^\/\$batch\/?$/i.test(graphPath(path) ?? '') });
  return routes;
}

/**
 * The identity platform's routes, read from the app's router: every route mounted at the root (directly or in a
 * router mounted at the root). The admin API (`/_admin`, the emulator's own) and Graph (`/v1.0`, above) are
 * mounted under their own paths and not walked.
 */
function identityRoutes(): ServedRoute[] {
  // Building the app only wires handlers and none runs: a context that answers anything with itself will do, even
  // for a router factory that reads its context while it is built.
  const inert: unknown = new Proxy(() => undefined, { get: () => inert, apply: () => inert });
  const app = createEmulatorApp(inert as EmulatorContext) as Express & { router: { stack: RouterLayer[] } };
  const routes: ServedRoute[] = [];
  const walk = (stack: RouterLayer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const { path, methods } = layer.route;
        for (const method of Object.keys(methods)) {
          if (method === '_all') continue;
          routes.push({ label: `${method.toUpperCase()} ${path}`, reaches: (m, p) => m.toLowerCase() === method && layer.match(p) });
        }
      } else if (layer.slash && layer.handle.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk(app.router.stack);
  // The same router is mounted twice (browser pages inside the identity router): one entry per route.
  return routes.filter((route, index) => routes.findIndex((other) => other.label === route.label) === index);
}

export function servedRoutes(): ServedRoute[] {
  return [...graphRoutes(), ...identityRoutes()];
}

/** The served routes that no case's request reaches. */
export function routesWithoutCases(cases: ConformanceCase[]): string[] {
  const requests = cases.map((c) => ({ method: c.request.method, path: fillWithStandIns(c.request.path) }));
  return servedRoutes()
    .filter((route) => !requests.some((request) => route.reaches(request.method, request.path)))
    .map((route) => route.label);
}
