// The report page's "Accesses" and "Last access", read again after the page's own reads that the server counts
// (a download, the raw inputs, the logs opened later). Pure functions, no DOM.

/**
 * The read that answers a record's current count: a search by its lineage id, which the server audits as a
 * search but does not count as an access (a lookup would count itself). One record at most, by its primary key.
 */
export function accessCountPath(lineageId) {
  return '/api/lineage/search?' + new URLSearchParams({ lineage_id: lineageId, limit: '1' });
}

/** { access_count, last_accessed_at } of the record in a search page, or null when it is not there (purged). */
export function countsOf(page, lineageId) {
  const item = page && Array.isArray(page.items) ? page.items.find((i) => i.lineage_id === lineageId) : null;
  return item ? { access_count: item.access_count, last_accessed_at: item.last_accessed_at } : null;
}

/**
 * `task` run at most once at a time: a call while it runs asks for one more run after it (however many calls
 * came), so the last answer shown is never older than the last read that asked. Returns the run's promise.
 */
export function coalesced(task) {
  let running = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await task();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
