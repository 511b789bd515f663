// The report page's "Compare with…": paste another report id, or pick another report of the same lead, and
// open #/compare/{this}/{other}; plus the link to the lead's history.
import { historyRows } from '../lib/compare-model.js';
import { fmtTime } from '../lib/format.js';
import { isUuid } from '../lib/ids.js';
import { visibleText } from '../lib/plain-text.js';
import { link } from '../lib/router.js';
import { h } from '../ui/dom.js';

export function compareWith(summary, ctx) {
  const self = summary.report_generation_id;
  const input = h('input', { type: 'text', id: 'compare-with', spellcheck: 'false', autocomplete: 'off',
    placeholder: 'Another report id', 'aria-describedby': 'compare-error', class: 'mono' });
  const pick = h('select', { id: 'compare-pick', 'aria-label': 'Another report of this lead' },
    h('option', { value: '', text: 'Another report of this lead…' }));
  const error = h('p', { id: 'compare-error', class: 'field-error', role: 'alert' });
  const go = (other) => {
    const id = String(other || '').trim();
    if (!isUuid(id)) {
      error.textContent = 'Enter a report id (a UUID) to compare with.';
      return;
    }
    if (id.toLowerCase() === self.toLowerCase()) {
      error.textContent = 'That is this report: pick another one.';
      return;
    }
    ctx.navigate(link('/compare/:a/:b', { a: self, b: id }));
  };
  let loaded = false;
  pick.addEventListener('focus', async () => {
    if (loaded) return;
    loaded = true;
    try {
      const page = await ctx.api('/api/lineage/search?' + new URLSearchParams({ lead_id: summary.lead_id, limit: '50' }));
      // as the lead's history lists them: by when the pipeline ran, which tells the reports apart; their capture
      // times do not (a backfill or the reconciler captures many at once, in any order)
      for (const { item: s } of historyRows(page.items || [])) {
        if (s.report_generation_id === self) continue;
        pick.append(h('option', { value: s.report_generation_id,
          text: 'run finished ' + fmtTime(s.pipeline_finished_at) + ' · ' + visibleText(s.template_version_id) }));
      }
    } catch (e) {
      error.textContent = 'Could not list the lead\'s reports: ' + (e.title || e.message);
    }
  });
  pick.addEventListener('change', () => pick.value && go(pick.value));
  const form = h('form', { class: 'compare-form', id: 'compare-form' },
    h('label', { for: 'compare-with', text: 'Compare with… ' }), input,
    h('button', { type: 'submit', class: 'btn' }, 'Compare'), pick,
    h('a', { href: link('/lead/:id', { id: summary.lead_id }), id: 'lead-history-link', class: 'btn btn-quiet' },
      'Lead history'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go(input.value);
  });
  return h('section', { class: 'compare-with', 'aria-label': 'Compare' }, form, error);
}
