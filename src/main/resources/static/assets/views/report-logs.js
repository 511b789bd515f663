// The report's Logs tab: the pipeline's JSON log in the virtualised viewer. Performance API marks:
// 'logs-requested' when the request leaves (report-data.js), 'logs-readable' when the first rows are painted,
// and the measure 'logs-load' between them; the panel's benchmark (LogViewerBench) reads them, and so can
// anyone in DevTools.
import { normalizeLogs } from '../lib/log-model.js';
import { LogViewer } from '../ui/log-viewer.js';
import { errorNotice, loading, notice } from '../ui/widgets.js';
import { requestLogs } from './report-data.js';

/**
 * Fills the tab's panel; `early` is the logs request the head start already sent, if any; `onRead`, when given,
 * is called once the logs arrived (the server counted the read).
 */
export async function fillLogs(panel, summary, ctx, early, onRead) {
  panel.replaceChildren(loading('Loading logs…'));
  let data;
  try {
    data = await (early || requestLogs(ctx.api, summary));
  } catch (e) {
    if (!ctx.isCurrent()) return;
    panel.replaceChildren(errorNotice(e, 'Could not load the logs', ctx.retry));
    return;
  }
  if (!ctx.isCurrent()) return;
  if (onRead) onRead();
  const entries = normalizeLogs(data);
  if (entries == null) {
    panel.replaceChildren(notice('info', 'No logs were sent with this report',
      'The pipeline did not include logs in its completion message.'));
    return;
  }
  if (!entries.length) {
    panel.replaceChildren(notice('info', 'The log is empty', 'The pipeline sent an empty list of log entries.'));
    return;
  }
  const viewer = new LogViewer(entries);
  ctx.signal.addEventListener('abort', () => viewer.destroy(), { once: true });
  panel.replaceChildren(viewer.root);
  viewer.mount();
  afterNextPaint(() => {
    performance.mark('logs-readable');
    try {
      performance.measure('logs-load', 'logs-requested', 'logs-readable');
    } catch (ignored) {
      // a mark was cleared by a benchmark harness: nothing to measure
    }
    document.body.dataset.logsReadable = 'true';
  });
}

/** Runs fn after the next frame is painted: a requestAnimationFrame, then a task. */
function afterNextPaint(fn) {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => fn();
    channel.port2.postMessage(null);
  });
}
