// What the two virtualised lists (ui/log-viewer.js, ui/json-tree.js) share: a fixed pool of row elements reused
// as the window scrolls, and at most one render an animation frame however many scroll events arrive.

/** A function that asks for `render` on the next animation frame, once however often it is called before. */
export function frameScheduler(render) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      render();
    });
  };
}

/** Grows `pool` to `need` rows made by `makeRow`, each appended to `parent`; never shrinks it. */
export function growPool(pool, need, makeRow, parent) {
  while (pool.length < need) {
    const row = makeRow();
    pool.push(row);
    parent.append(row);
  }
}
