// The log viewer: level checkboxes, a text search, and a virtualised list (a spacer as tall as all matching
// rows, and a fixed pool of absolutely positioned rows of one height re-filled on scroll). A selected entry's
// full JSON goes to the side pane, so a row never changes height and the arithmetic stays exact for 20,000
// entries. The arithmetic and the filtering are in lib/log-model.js.
import { fmtInt } from '../lib/format.js';
import {
  countLabel, filterEntries, keyTarget, levelBoxId, levelClass, levelCounts, pageRows, rowWindow, scrollToReveal,
  selectionAfterFilter,
} from '../lib/log-model.js';
import { h } from './dom.js';
import { frameScheduler, growPool } from './row-pool.js';
import { copyText } from './widgets.js';

const ROW = 24; // px, the --row of app.css
const OVERSCAN = 8;
const SEARCH_DEBOUNCE_MS = 120;
const SELECT_HINT = 'Select a row (click, or arrow keys and Enter) to see the full entry.';

export class LogViewer {
  /** entries: lib/log-model.js normalizeLogs(). Call mount() once root is in the page; destroy() when done. */
  constructor(entries) {
    this.entries = entries;
    this.visible = entries;
    this.selected = -1; // index into this.visible
    this.pool = [];
    this.schedule = frameScheduler(() => this.renderRows());

    this.levelBoxes = levelCounts(entries).map(({ level, count }) => {
      const id = levelBoxId(level);
      const box = h('input', { type: 'checkbox', id, checked: true, value: level, class: 'level-box' });
      box.addEventListener('change', () => this.applyFilter());
      return { box, label: h('label', { class: 'level-filter', for: id }, box,
        h('span', { class: 'badge ' + levelClass(level), text: level || 'none' }),
        h('span', { class: 'muted', text: fmtInt(count) })) };
    });

    this.search = h('input', { type: 'search', id: 'log-search', 'aria-label': 'Search the log text',
      placeholder: 'Search log text', spellcheck: 'false', autocomplete: 'off' });
    let debounce = 0;
    this.search.addEventListener('input', () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => this.applyFilter(), SEARCH_DEBOUNCE_MS);
    });
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        clearTimeout(debounce);
        this.applyFilter();
      }
    });
    this.count = h('span', { id: 'log-count', class: 'muted', 'aria-live': 'polite' });

    this.spacer = h('div', { class: 'log-spacer' });
    this.list = h('div', { class: 'log-list', id: 'log-list', tabindex: '0', role: 'listbox',
      'aria-label': 'Log entries. Use the arrow keys to move, the selected entry is shown in full beside the list.' },
    this.spacer);
    this.empty = h('p', { class: 'log-empty muted', hidden: true, text: 'No entries match the filter.' });
    this.detailTitle = h('h3', { text: 'Entry details' });
    this.detailBody = h('pre', { class: 'json', id: 'log-detail-json', tabindex: '0',
      'aria-label': 'Full JSON of the selected entry' });
    this.detailCopy = h('button', { type: 'button', class: 'btn btn-quiet', hidden: true }, 'Copy JSON');
    this.detailCopy.addEventListener('click', () => copyText(this.detailBody.textContent, 'log entry'));
    this.detailHint = h('p', { class: 'muted', id: 'log-detail-hint', text: SELECT_HINT });

    this.root = h('div', { class: 'log-viewer' },
      h('div', { class: 'log-toolbar' },
        h('fieldset', { class: 'levels' }, h('legend', { text: 'Levels' }), this.levelBoxes.map((l) => l.label)),
        h('div', { class: 'log-search' }, this.search),
        this.count),
      h('div', { class: 'log-body' },
        h('div', { class: 'log-main' },
          h('div', { class: 'log-head', 'aria-hidden': 'true' },
            h('span', { class: 'c-n', text: '#' }), h('span', { class: 'c-ts', text: 'Time' }),
            h('span', { class: 'c-lv', text: 'Level' }), h('span', { class: 'c-msg', text: 'Message' })),
          this.list, this.empty),
        h('aside', { class: 'log-detail', 'aria-label': 'Selected log entry', id: 'log-detail' },
          h('div', { class: 'detail-head' }, this.detailTitle, this.detailCopy), this.detailHint, this.detailBody)));

    this.list.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.list.addEventListener('click', (event) => {
      const row = event.target.closest('.log-row');
      if (row) this.select(Number(row.dataset.index), false);
    });
    this.list.addEventListener('keydown', (event) => this.onKey(event));
    this.resizeObserver = new ResizeObserver(() => this.schedule());
    this.resizeObserver.observe(this.list);
  }

  mount() {
    this.updateCount();
    this.layout();
    this.renderRows();
  }

  destroy() {
    this.resizeObserver.disconnect();
  }

  applyFilter() {
    const checked = this.levelBoxes.filter((l) => l.box.checked);
    const levels = checked.length === this.levelBoxes.length ? null : new Set(checked.map((l) => l.box.value));
    const previous = this.selected >= 0 ? this.visible[this.selected] : null;
    this.visible = filterEntries(this.entries, { levels, text: this.search.value });
    // the selection follows its entry: still shown, it stays selected and in view; hidden, its detail goes too
    const { index, hidden } = selectionAfterFilter(previous, this.visible);
    this.selected = index;
    if (hidden) this.clearDetail('Entry #' + hidden.n + ' is hidden by the filter. ' + SELECT_HINT);
    this.list.scrollTop = index < 0 ? 0
      : scrollToReveal({ index, rowHeight: ROW, scrollTop: 0, height: this.list.clientHeight });
    this.updateCount();
    this.layout();
    this.renderRows();
  }

  updateCount() {
    this.count.textContent = countLabel(this.visible.length, this.entries.length);
    this.empty.hidden = this.visible.length !== 0;
  }

  layout() {
    this.spacer.style.height = this.visible.length * ROW + 'px';
  }

  renderRows() {
    const { first, last } = rowWindow({ scrollTop: this.list.scrollTop, height: this.list.clientHeight || 480,
      rowHeight: ROW, count: this.visible.length, overscan: OVERSCAN });
    const need = last - first;
    growPool(this.pool, need, () => h('div', { class: 'log-row', role: 'option' },
        h('span', { class: 'c-n' }), h('span', { class: 'c-ts' }),
        h('span', { class: 'c-lv' }, h('span', { class: 'badge' })), h('span', { class: 'c-msg' })), this.spacer);
    for (let k = 0; k < this.pool.length; k++) {
      const row = this.pool[k];
      if (k >= need) {
        row.hidden = true;
        row.removeAttribute('id');
        continue;
      }
      const index = first + k;
      const e = this.visible[index];
      row.hidden = false;
      row.dataset.index = String(index);
      row.style.transform = 'translateY(' + index * ROW + 'px)';
      const [n, ts, lv, msg] = row.children;
      n.textContent = e.n;
      ts.textContent = e.ts;
      const badge = lv.firstChild;
      badge.textContent = e.level || '—';
      badge.className = 'badge ' + levelClass(e.level);
      msg.textContent = e.msg;
      const on = index === this.selected;
      row.classList.toggle('selected', on);
      row.setAttribute('aria-selected', String(on));
      if (on) row.id = 'log-row-selected';
      else row.removeAttribute('id');
    }
    if (this.selected >= first && this.selected < last) {
      this.list.setAttribute('aria-activedescendant', 'log-row-selected');
    } else {
      this.list.removeAttribute('aria-activedescendant');
    }
  }

  select(index, scrollIntoView) {
    if (index < 0 || index >= this.visible.length) return;
    this.selected = index;
    const e = this.visible[index];
    this.detailTitle.textContent = 'Entry #' + e.n + (e.level ? ' · ' + e.level : '');
    this.detailBody.textContent = JSON.stringify(e.raw, null, 2);
    this.detailHint.hidden = true;
    this.detailCopy.hidden = false;
    if (scrollIntoView) {
      this.list.scrollTop = scrollToReveal({ index, rowHeight: ROW, scrollTop: this.list.scrollTop,
        height: this.list.clientHeight });
    }
    this.renderRows();
  }

  /** The detail pane with no entry in it, and `hint` saying what to do (and why it is empty). */
  clearDetail(hint) {
    this.detailTitle.textContent = 'Entry details';
    this.detailBody.textContent = '';
    this.detailHint.textContent = hint;
    this.detailHint.hidden = false;
    this.detailCopy.hidden = true;
  }

  onKey(event) {
    const target = keyTarget(event.key, { current: this.selected, count: this.visible.length,
      page: pageRows(this.list.clientHeight, ROW) });
    if (target !== null) {
      event.preventDefault();
      this.select(target, true);
    } else if (event.key === 'Enter' && this.selected >= 0) {
      event.preventDefault();
      this.detailBody.focus();
    }
  }
}
