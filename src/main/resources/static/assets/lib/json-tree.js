// A JSON document as the rows of a collapsible tree: which rows are visible for a set of expanded paths, the
// path of every node (the same notation as the compare endpoint's changes: $.a.b[0]["odd key"]), and search.
// No DOM: ui/json-tree.js draws only the rows in view (virtualised), so a 20 MB document stays responsive.
// A number a double cannot hold arrives as JSON.rawJSON (lib/exact-json.js): a leaf, shown as sent.
import { isExactNumber } from './exact-json.js';

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The path of `key` under `parent`: ".name", "[3]", or "[\"odd key\"]". */
export function childPath(parent, key, isIndex) {
  if (isIndex) return parent + '[' + key + ']';
  if (PLAIN_KEY.test(key)) return parent + '.' + key;
  return parent + '[' + JSON.stringify(key) + ']';
}

export function typeOf(value) {
  if (value === null) return 'null';
  if (isExactNumber(value)) return 'number';
  if (Array.isArray(value)) return 'array';
  return typeof value; // object, string, number, boolean
}

function isContainer(value) {
  return value !== null && typeof value === 'object' && !isExactNumber(value);
}

/** A container's one-line summary: "{3 keys}", "[120 items]". */
export function summaryOf(value) {
  if (Array.isArray(value)) return '[' + value.length + (value.length === 1 ? ' item]' : ' items]');
  const n = Object.keys(value).length;
  return '{' + n + (n === 1 ? ' key}' : ' keys}');
}

/** A leaf as shown: strings quoted (and cut at `max` characters), others as JSON. */
export function leafText(value, max = 300) {
  const text = JSON.stringify(value);
  return text.length > max ? text.slice(0, max) + '…' : text;
}

/**
 * The visible rows, depth first: the root, and the children of every expanded container.
 * Row: { path, depth, key (null for the root), type, value, open, size }. Iterative: deep documents are fine.
 */
export function flatten(root, expanded) {
  const rows = [];
  const stack = [{ value: root, path: '$', depth: 0, key: null }];
  while (stack.length) {
    const node = stack.pop();
    const type = typeOf(node.value);
    const container = isContainer(node.value);
    const open = container && expanded.has(node.path);
    rows.push({
      path: node.path, depth: node.depth, key: node.key, type, value: container ? undefined : node.value, open,
      size: container ? (Array.isArray(node.value) ? node.value.length : Object.keys(node.value).length) : 0,
      node: container ? node.value : undefined,
    });
    if (!open) continue;
    const children = [];
    if (Array.isArray(node.value)) {
      for (let i = 0; i < node.value.length; i++) {
        children.push({ value: node.value[i], path: childPath(node.path, i, true), depth: node.depth + 1, key: i });
      }
    } else {
      for (const k of Object.keys(node.value)) {
        children.push({ value: node.value[k], path: childPath(node.path, k, false), depth: node.depth + 1, key: k });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return rows;
}

/** Every container's path (for "Expand all"). */
export function allContainerPaths(root) {
  const paths = new Set();
  const stack = [{ value: root, path: '$' }];
  while (stack.length) {
    const { value, path } = stack.pop();
    if (!isContainer(value)) continue;
    paths.add(path);
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: childPath(path, i, true) }));
    else for (const k of Object.keys(value)) stack.push({ value: value[k], path: childPath(path, k, false) });
  }
  return paths;
}

/** The paths of the containers a node sits in, outermost first (what to expand to show it). */
export function ancestorsOf(path, root) {
  const ancestors = [];
  let value = root;
  let current = '$';
  for (const step of steps(path)) {
    if (!isContainer(value)) break;
    ancestors.push(current);
    current = childPath(current, step, Array.isArray(value));
    value = value[step];
  }
  return ancestors;
}

/** The keys and indexes of a path made by childPath. */
export function steps(path) {
  const out = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let m;
  while ((m = re.exec(path)) !== null) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]));
  }
  return out;
}

/** A leaf's text for search: a string as it is, anything else as JSON (an exact number as sent). */
function leafString(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The paths of nodes whose key or leaf value contains `text` (case-insensitive), in document order, at most
 * `limit`; `more` tells whether there were others.
 */
export function search(root, text, limit = 1000) {
  const needle = String(text || '').trim().toLowerCase();
  const matches = [];
  if (!needle) return { matches, more: false };
  const stack = [{ value: root, path: '$', key: null }];
  while (stack.length) {
    const { value, path, key } = stack.pop();
    const keyHit = key != null && typeof key === 'string' && key.toLowerCase().includes(needle);
    const valueHit = !isContainer(value) && leafString(value).toLowerCase().includes(needle);
    if (keyHit || valueHit) {
      if (matches.length === limit) return { matches, more: true };
      matches.push(path);
    }
    if (!isContainer(value)) continue;
    const children = Array.isArray(value)
      ? value.map((v, i) => ({ value: v, path: childPath(path, i, true), key: null }))
      : Object.keys(value).map((k) => ({ value: value[k], path: childPath(path, k, false), key: k }));
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return { matches, more: false };
}
