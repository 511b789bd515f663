// Hash routing. A route is a name, a path pattern ("/reports/:id") and a view module, loaded when first
// needed. No DOM: the router is handed what it needs (see app.js), so its parsing and its view lifecycle are
// unit tested in Node.
//
// A view module exports `render(ctx)`:
//   ctx.route      { name, pattern, path, params, query }  params decoded, query a URLSearchParams
//   ctx.signal     aborted when the user navigates away; ctx.isCurrent() says the same
//   ctx.show(...)  replaces the page's content (nothing once the user has navigated away)
//   ctx.navigate(hash, { replace, handoff })   go elsewhere, optionally handing data to the next view
//   ctx.handoff    what the previous view, or the route's head start, handed to this one (else undefined)
//   ctx.retry()    renders the current page again
//   plus the services given to the router (api, user).
// A route may also have a head start, `headStart(route, services)`: run once at start-up for the page the user
// opened, before the user's roles are known and before the view's module has arrived, to send its first
// requests early; what it returns becomes that page's ctx.handoff. Keep it in a small module of its own
// (views/report-data.js), or it waits for everything the view imports.

/** Splits "#/reports/1?tab=audit" into its path ("/reports/1") and query. */
export function parseHash(hash) {
  const raw = String(hash || '').replace(/^#/, '');
  const at = raw.indexOf('?');
  const path = (at < 0 ? raw : raw.slice(0, at)) || '/';
  return { path, query: new URLSearchParams(at < 0 ? '' : raw.slice(at + 1)) };
}

const ESCAPE = /[.*+?^${}()|[\]\\]/g;

/** A path pattern as a regular expression; ":name" matches one path segment. A trailing slash is optional. */
export function compile(pattern) {
  const keys = [];
  const source = pattern.replace(/\/$/, '').split('/').map((segment) => {
    if (segment.startsWith(':')) {
      keys.push(segment.slice(1));
      return '([^/]+)';
    }
    return segment.replace(ESCAPE, '\\$&');
  }).join('/');
  return { keys, regex: new RegExp('^' + source + '/?$') };
}

function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch (ignored) {
    return segment; // a stray "%": show it as typed
  }
}

/** The link to a route: link('/reports/:id', { id }, { tab: 'audit' }) is "#/reports/<id>?tab=audit". */
export function link(pattern, params = {}, query = {}) {
  const path = pattern.replace(/:([A-Za-z0-9_]+)/g, (all, key) => {
    if (params[key] == null) throw new Error('link ' + pattern + ' needs ' + key);
    return encodeURIComponent(params[key]);
  });
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v != null && v !== '') q.set(k, v);
  const qs = q.toString();
  return '#' + path + (qs ? '?' + qs : '');
}

/** Routes in the order added; the first whose pattern matches wins. */
export class RouteTable {
  constructor() {
    this.routes = [];
  }

  add(name, pattern, load, headStart = null) {
    this.routes.push({ name, pattern, load, headStart, ...compile(pattern) });
    return this;
  }

  /** The route matching a parsed hash ({ path, query }), or null. */
  match({ path, query }) {
    for (const r of this.routes) {
      const m = r.regex.exec(path);
      if (!m) continue;
      const params = {};
      r.keys.forEach((key, i) => {
        params[key] = decode(m[i + 1]);
      });
      return { name: r.name, pattern: r.pattern, path, params, query, load: r.load, headStart: r.headStart };
    }
    return null;
  }
}

/** Caches a view module's loading, but not its failure: a later navigation tries again. */
function once(load) {
  let pending = null;
  return () => {
    if (!pending) {
      pending = Promise.resolve().then(load);
      pending.catch(() => {
        pending = null;
      });
    }
    return pending;
  };
}

/**
 * Renders the view of the current hash, one at a time: navigating aborts the previous view's signal, so its
 * late answers are dropped instead of painting over the new page.
 *
 * @param currentHash () => the location's hash
 * @param go (hash, replace) => changes the location (the hashchange that follows calls render())
 * @param show (...nodes) => replaces the page's content
 * @param onView (name) => told which view is about to render
 * @param onError (error, ctx) => shows a failure no view handled
 * @param services merged into every view's ctx (api, user, ...)
 */
export class Router {
  constructor({ currentHash, go, show, onView = () => {}, onError, services = {} }) {
    Object.assign(this, { currentHash, go, show, onView, onError, services });
    this.table = new RouteTable();
    this.fallback = null;
    this.controller = null;
    this.handed = null; // { hash, value } for the next render of that hash
  }

  /** Adds a page: its name (body[data-view]), path pattern, () => import('./views/x.js') and { headStart }. */
  add(name, pattern, load, { headStart = null } = {}) {
    this.table.add(name, pattern, once(load), headStart);
    return this;
  }

  /** The page shown when no pattern matches. */
  otherwise(name, load) {
    this.fallback = { name, load: once(load) };
    return this;
  }

  match(hash) {
    const parsed = parseHash(hash);
    return this.table.match(parsed)
      || { name: this.fallback.name, pattern: null, path: parsed.path, params: {}, query: parsed.query,
        load: this.fallback.load, headStart: null };
  }

  /**
   * At start-up, while the caller still waits for something else (the user's roles): runs the opened page's
   * head start and starts loading its view.
   */
  start() {
    const hash = this.currentHash();
    const route = this.match(hash);
    if (route.headStart) this.handed = { hash, value: route.headStart(route, this.services) };
    route.load().catch(() => {}); // render() loads it again and reports the failure
  }

  async render() {
    if (this.controller) this.controller.abort();
    const controller = new AbortController();
    this.controller = controller;
    const hash = this.currentHash();
    const route = this.match(hash);
    this.onView(route.name);
    const isCurrent = () => !controller.signal.aborted;
    const ctx = {
      ...this.services,
      route,
      signal: controller.signal,
      isCurrent,
      show: (...nodes) => {
        if (isCurrent()) this.show(...nodes);
      },
      navigate: (target, options) => this.navigate(target, options),
      retry: () => this.render(),
      handoff: this.takeHandoff(hash),
    };
    try {
      const view = await route.load();
      if (ctx.isCurrent()) await view.render(ctx);
    } catch (e) {
      if (ctx.isCurrent()) this.onError(e, ctx);
    }
  }

  /** Goes to `target` ("#/..."); renders again when it is already the current hash. */
  navigate(target, { replace = false, handoff } = {}) {
    if (handoff !== undefined) this.handed = { hash: target, value: handoff };
    if (this.currentHash() === target) return this.render();
    this.go(target, replace);
    return undefined;
  }

  takeHandoff(hash) {
    const handed = this.handed;
    this.handed = null;
    return handed && handed.hash === hash ? handed.value : undefined;
  }
}
