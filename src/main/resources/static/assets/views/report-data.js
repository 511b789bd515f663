// The report page's reads, in a module of their own so that app.js can start them for a deep link before
// the page's code has arrived (the route's head start, see lib/router.js).
import { isUuid } from '../lib/ids.js';

export function requestSummary(api, id) {
  return api('/api/lineage/' + encodeURIComponent(id));
}

/** GET the logs of a report summary; sets the Performance API mark 'logs-requested' (views/report-logs.js). */
export function requestLogs(api, summary) {
  const href = (summary.links && summary.links.logs) || '/api/lineage/' + summary.lineage_id + '/logs';
  performance.mark('logs-requested');
  return api(href);
}

/** The tab a report address opens on: 'audit', 'inputs' or 'logs'. */
export function tabOf(route) {
  const tab = route.query.get('tab');
  return tab === 'audit' || tab === 'inputs' ? tab : 'logs';
}

/**
 * Reads the report and, when the logs tab opens first, its logs, without waiting for the user's roles nor
 * for the page's code. Becomes the page's ctx.handoff: { summaryRequest, logsRequest } (promises).
 */
export function headStart(route, { api }) {
  const id = route.params.id;
  if (!isUuid(id)) return undefined;
  const summaryRequest = requestSummary(api, id);
  summaryRequest.catch(() => {}); // handled where it is awaited
  let logsRequest;
  if (tabOf(route) === 'logs') {
    logsRequest = summaryRequest.then((s) => requestLogs(api, s));
    logsRequest.catch(() => {});
  }
  return { summaryRequest, logsRequest };
}
