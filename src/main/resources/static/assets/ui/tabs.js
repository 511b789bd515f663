// An accessible tab set (WAI-ARIA tabs: arrow keys move between tabs). Each panel is filled the first time
// its tab is selected.
import { h } from './dom.js';

/**
 * @param label what the tabs are, for screen readers
 * @param tabs [{ key, label, fill(panel) }]: ids are tab-<key> and panel-<key>
 * @param initial the key selected first (after the set is in the page)
 * @param onSelect (key) => called on every selection, e.g. to put it in the address
 */
export function tabSet({ label, tabs, initial, onSelect = () => {} }) {
  const tablist = h('div', { role: 'tablist', class: 'tablist', 'aria-label': label });
  const buttons = {};
  const panels = {};
  const filled = new Set();
  const select = (key, focus) => {
    for (const t of tabs) {
      const on = t.key === key;
      buttons[t.key].setAttribute('aria-selected', String(on));
      buttons[t.key].tabIndex = on ? 0 : -1;
      panels[t.key].hidden = !on;
    }
    if (focus) buttons[key].focus();
    if (!filled.has(key)) {
      filled.add(key);
      tabs.find((t) => t.key === key).fill(panels[key]);
    }
    onSelect(key);
  };
  tabs.forEach((t, i) => {
    buttons[t.key] = h('button', {
      type: 'button', role: 'tab', id: 'tab-' + t.key, 'aria-controls': 'panel-' + t.key, class: 'tab',
      onclick: () => select(t.key, false),
      onkeydown: (event) => {
        const dir = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (dir) {
          event.preventDefault();
          select(tabs[(i + dir + tabs.length) % tabs.length].key, true);
        }
      },
    }, t.label);
    tablist.append(buttons[t.key]);
    panels[t.key] = h('div', { role: 'tabpanel', id: 'panel-' + t.key, 'aria-labelledby': 'tab-' + t.key,
      class: 'tabpanel', hidden: true });
  });
  queueMicrotask(() => select(initial, false));
  return h('section', { class: 'tabs' }, tablist, tabs.map((t) => panels[t.key]));
}
