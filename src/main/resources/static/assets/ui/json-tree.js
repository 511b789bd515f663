// The raw-inputs tree: a collapsible JSON tree with search, copy-path, expand/collapse all, virtualised like the
// log viewer (a spacer as tall as all visible rows and a pool of rows of one height re-filled on scroll), so a
// 20 MB document with hundreds of thousands of rows stays responsive. The tree arithmetic is lib/json-tree.js.
import { fmtInt } from '../lib/format.js';
import { allContainerPaths, ancestorsOf, flatten, leafText, search, summaryOf } from '../lib/json-tree.js';
import { keyTarget, pageRows, rowWindow, scrollToReveal } from '../lib/log-model.js';
import { h } from './dom.js';
import { frameScheduler, growPool } from './row-pool.js';
import { copyText } from './widgets.js';

const ROW = 22; // px, .json-row in app.css
const OVERSCAN = 10;

export class JsonTreeViewer {
  /** doc: the parsed document. Call mount() once root is in the page. */
  constructor(doc) {
    this.doc = doc;
    this.expanded = new Set(['$']);
    this.rows = [];
    this.selected = -1;
    this.matches = [];
    this.match = -1;
    this.pool = [];
    this.schedule = frameScheduler(() => this.renderRows());

    this.search = h('input', { type: 'search', id: 'json-search', placeholder: 'Search keys and values',
      'aria-label': 'Search keys and values of the raw inputs', spellcheck: 'false', autocomplete: 'off' });
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        if (this.searched === this.search.value) this.step(event.shiftKey ? -1 : 1);
        else this.find();
      }
    });
    const button = (id, text, onclick) => h('button', { type: 'button', class: 'btn btn-quiet', id, onclick }, text);
    this.count = h('span', { id: 'json-count', class: 'muted', 'aria-live': 'polite' });
    this.path = h('code', { id: 'json-path', class: 'mono', text: '$' });
    this.spacer = h('div', { class: 'json-spacer' });
    this.list = h('div', { class: 'json-list', id: 'json-list', tabindex: '0', role: 'tree',
      'aria-label': 'Raw inputs. Arrow keys move, Enter or Right opens, Left closes.' }, this.spacer);
    this.root = h('div', { class: 'json-viewer' },
      h('div', { class: 'json-toolbar' },
        this.search,
        button('json-find', 'Find', () => this.find()),
        button('json-prev', '◀', () => this.step(-1)),
        button('json-next', '▶', () => this.step(1)),
        this.count,
        button('json-expand-all', 'Expand all', () => this.expandAll()),
        button('json-collapse-all', 'Collapse all', () => this.collapseAll())),
      h('div', { class: 'json-pathbar' }, h('span', { class: 'muted', text: 'Path ' }), this.path,
        button('json-copy-path', 'Copy path', () => copyText(this.path.textContent, 'path'))),
      this.list);

    this.list.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.list.addEventListener('click', (event) => {
      const row = event.target.closest('.json-row');
      if (!row) return;
      const index = Number(row.dataset.index);
      if (event.target.closest('.json-toggle')) this.toggle(index);
      this.select(index, false);
    });
    this.list.addEventListener('keydown', (event) => this.onKey(event));
    this.resizeObserver = new ResizeObserver(() => this.schedule());
    this.resizeObserver.observe(this.list);
  }

  mount() {
    this.refresh();
  }

  destroy() {
    this.resizeObserver.disconnect();
  }

  refresh(keepPath) {
    const path = keepPath || (this.selected >= 0 ? this.rows[this.selected].path : null);
    this.rows = flatten(this.doc, this.expanded);
    this.selected = path ? this.rows.findIndex((r) => r.path === path) : -1;
    this.spacer.style.height = this.rows.length * ROW + 'px';
    this.list.dataset.rows = String(this.rows.length);
    this.renderRows();
  }

  toggle(index) {
    const row = this.rows[index];
    if (!row || row.size === 0 || (row.type !== 'object' && row.type !== 'array')) return;
    if (row.open) this.expanded.delete(row.path);
    else this.expanded.add(row.path);
    this.refresh(row.path);
  }

  expandAll() {
    this.expanded = allContainerPaths(this.doc);
    this.refresh();
  }

  collapseAll() {
    this.expanded = new Set(['$']);
    this.list.scrollTop = 0;
    this.refresh();
  }

  find() {
    this.searched = this.search.value;
    const { matches, more } = search(this.doc, this.search.value);
    this.matches = matches;
    this.more = more;
    this.match = -1;
    if (!this.search.value.trim()) {
      this.count.textContent = '';
      return;
    }
    this.count.textContent = matches.length === 0 ? 'No match'
      : fmtInt(matches.length) + (more ? '+' : '') + (matches.length === 1 ? ' match' : ' matches');
    if (matches.length) this.step(1);
  }

  step(direction) {
    if (!this.matches.length) return;
    this.match = (this.match + direction + this.matches.length) % this.matches.length;
    const path = this.matches[this.match];
    for (const ancestor of ancestorsOf(path, this.doc)) this.expanded.add(ancestor);
    this.refresh(path);
    // the search stops at its limit: "1 of 1,000+ matches", as the count said before the first step
    this.count.textContent = (this.match + 1) + ' of ' + fmtInt(this.matches.length) + (this.more ? '+' : '')
      + (this.matches.length === 1 && !this.more ? ' match' : ' matches');
    this.select(this.rows.findIndex((r) => r.path === path), true);
  }

  renderRows() {
    const { first, last } = rowWindow({ scrollTop: this.list.scrollTop, height: this.list.clientHeight || 480,
      rowHeight: ROW, count: this.rows.length, overscan: OVERSCAN });
    const need = last - first;
    growPool(this.pool, need, () => h('div', { class: 'json-row', role: 'treeitem' },
        h('span', { class: 'json-toggle', 'aria-hidden': 'true' }), h('span', { class: 'json-key' }),
        h('span', { class: 'json-value' })), this.spacer);
    const needle = (this.searched || '').trim().toLowerCase();
    for (let k = 0; k < this.pool.length; k++) {
      const el = this.pool[k];
      if (k >= need) {
        el.hidden = true;
        continue;
      }
      const index = first + k;
      const r = this.rows[index];
      el.hidden = false;
      el.dataset.index = String(index);
      el.dataset.path = r.path;
      el.style.transform = 'translateY(' + index * ROW + 'px)';
      el.style.paddingLeft = 8 + r.depth * 16 + 'px';
      const [toggle, key, value] = el.children;
      const container = r.type === 'object' || r.type === 'array';
      toggle.textContent = container && r.size > 0 ? (r.open ? '▾' : '▸') : '';
      key.textContent = r.key == null ? '$' : String(r.key);
      key.classList.toggle('index', typeof r.key === 'number');
      value.textContent = container ? summaryOf(r.node) : leafText(r.value);
      value.className = 'json-value t-' + r.type;
      if (container) el.setAttribute('aria-expanded', String(r.open));
      else el.removeAttribute('aria-expanded');
      el.classList.toggle('selected', index === this.selected);
      el.classList.toggle('hit', needle !== '' && this.matches.length > 0 && this.matches[this.match] === r.path);
    }
  }

  select(index, scrollIntoView) {
    if (index < 0 || index >= this.rows.length) return;
    this.selected = index;
    this.path.textContent = this.rows[index].path;
    if (scrollIntoView) {
      this.list.scrollTop = scrollToReveal({ index, rowHeight: ROW, scrollTop: this.list.scrollTop,
        height: this.list.clientHeight });
    }
    this.renderRows();
  }

  onKey(event) {
    const row = this.rows[this.selected];
    if ((event.key === 'ArrowRight' || event.key === 'Enter') && row && !row.open) {
      event.preventDefault();
      this.toggle(this.selected);
      return;
    }
    if (event.key === 'ArrowLeft' && row && row.open) {
      event.preventDefault();
      this.toggle(this.selected);
      return;
    }
    const target = keyTarget(event.key, { current: this.selected, count: this.rows.length,
      page: pageRows(this.list.clientHeight, ROW) });
    if (target !== null) {
      event.preventDefault();
      this.select(target, true);
    }
  }
}
