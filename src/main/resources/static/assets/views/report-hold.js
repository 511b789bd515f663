// The report page's legal-hold section: a badge for everyone (in views/report.js), and for admins a form to
// place a hold with a reason, or a button to release it. Retention skips a held record and the database
// refuses to delete it; a hold on the record's lead also shows as held but is released on the lead.
import { holdPath, holdReasonProblem } from '../lib/hold.js';
import { hasRole } from '../lib/session.js';
import { h } from '../ui/dom.js';
import { errorNotice, shownValue, toast } from '../ui/widgets.js';
import { requestSummary } from './report-data.js';

/** A badge saying the record is under legal hold (null when it is not). */
export function holdBadge(held) {
  return held
    ? h('span', { class: 'badge badge-hold', id: 'hold-badge',
      title: 'Retention skips this record and the database refuses to delete it', text: 'legal hold' })
    : null;
}

/**
 * The admin's controls; `onChange(held)` is called after a hold was placed or released, so the page can
 * update its badge. Null for anyone but an admin.
 */
export function holdSection(summary, ctx, onChange) {
  if (hasRole(ctx.user, 'admin') !== true) return null;
  const section = h('section', { class: 'actions hold', id: 'hold-section', 'aria-label': 'Legal hold' });
  const draw = (held) => {
    section.replaceChildren(held ? releaseForm(summary, ctx, section, draw, onChange)
      : placeForm(summary, ctx, section, draw, onChange));
  };
  draw(summary.legal_hold === true);
  return section;
}

function placeForm(summary, ctx, section, draw, onChange) {
  const input = h('input', { type: 'text', id: 'hold-reason', maxlength: '500', placeholder: 'case or ticket reference',
    'aria-describedby': 'hold-problem' });
  const problem = h('span', { class: 'reason', id: 'hold-problem', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'btn', id: 'hold-place' }, 'Place legal hold');
  return h('form', {
    class: 'hold-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const why = holdReasonProblem(input.value);
      problem.textContent = why;
      if (why) return;
      button.disabled = true;
      try {
        await ctx.api(holdPath(summary.lineage_id), { method: 'PUT', json: { reason: input.value } });
        if (!ctx.isCurrent()) return;
        toast('Legal hold placed');
        onChange(true);
        draw(true);
      } catch (e) {
        button.disabled = false;
        section.append(errorNotice(e, 'Placing the legal hold'));
      }
    },
  }, h('label', { for: 'hold-reason', text: 'Legal hold reason ' }), input, button, problem);
}

function releaseForm(summary, ctx, section, draw, onChange) {
  const button = h('button', { type: 'button', class: 'btn btn-quiet', id: 'hold-release' }, 'Release legal hold');
  button.addEventListener('click', async () => {
    button.disabled = true;
    let after;
    try {
      await ctx.api(holdPath(summary.lineage_id), { method: 'DELETE' });
      // DELETE answers 204 whether or not the record had a hold of its own, and a hold on its lead is not
      // released here: read the record again and show what the server now says
      after = await requestSummary(ctx.api, summary.report_generation_id);
    } catch (e) {
      button.disabled = false;
      section.append(errorNotice(e, 'Releasing the legal hold'));
      return;
    }
    if (!ctx.isCurrent()) return;
    if (after.legal_hold === true) {
      toast('Still under legal hold through its lead');
      section.replaceChildren(leadHeld(summary));
      return;
    }
    toast('Legal hold on this record released');
    onChange(false);
    draw(false);
  });
  return h('div', null, h('p', { class: 'reason', text: 'This record is under legal hold (its own, or through a hold'
    + ' on its lead).' }), button);
}

/** A record its own release left held: the hold is on its lead, released there for every record of the lead. */
function leadHeld(summary) {
  return h('p', shownValue('This record is still under legal hold: its lead '
    + summary.lead_id + ' is held, which holds every record of the lead. That hold is released on the lead'
    + ' (DELETE /api/leads/' + summary.lead_id + '/hold), not here.', { class: 'reason', id: 'hold-lead' }));
}
