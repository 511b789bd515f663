// Lineage Panel: a small hash-routed single page over the read API (DESIGN §6). No build step, no
// dependencies; every DOM node is built with h() (never innerHTML), so nothing a log line contains can run.
//
//   #/                      search
//   #/search?q=&template=&from=&to=
//   #/reports/{report_id}   detail (deep link); ?tab=audit opens the access history

const RETURN_KEY = 'lineage.returnHash';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256_RE = /^[0-9a-f]{64}$/i;
const PAGE_SIZE = 50;

const state = {
  me: null, // {name, roles:Set} once /api/me answered; roles null when it could not be read
  prefetched: new Map(), // report id -> summary already read by the search (avoids a second audited read)
  flash: null, // one-shot note shown on the next view ("Matched a report id")
  viewToken: 0, // bumps on every navigation so late answers of an old view are dropped
  inflight: new Map(), // report id -> promise of its summary, started before the roles were known
  mePromise: null,
  logsInflight: new Map(), // lineage id -> promise of its logs, requested before the view was built
};

// ---------------------------------------------------------------------------------------------- DOM

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value == null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = value;
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (value === true) el.setAttribute(key, '');
      else el.setAttribute(key, String(value));
    }
  }
  appendAll(el, children);
  return el;
}

function appendAll(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const $ = (sel, root = document) => root.querySelector(sel);

function cookie(name) {
  const prefix = name + '=';
  for (const part of document.cookie.split(';')) {
    const p = part.trim();
    if (p.startsWith(prefix)) return decodeURIComponent(p.slice(prefix.length));
  }
  return '';
}

let toastTimer = 0;
function toast(text) {
  const el = $('#toast');
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 1800);
}

// ---------------------------------------------------------------------------------------------- API

class ApiError extends Error {
  constructor(status, title, detail, errors) {
    super(detail || title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors || [];
  }
}

function goToLogin() {
  const hash = window.location.hash;
  if (hash && hash !== '#/') sessionStorage.setItem(RETURN_KEY, hash);
  window.location.assign('/login.html?expired');
}

async function api(path, { accept = 'application/json', raw = false } = {}) {
  let response;
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      headers: { Accept: accept },
      redirect: 'manual',
    });
  } catch (e) {
    throw new ApiError(0, 'The Lineage service could not be reached',
      'Check your network connection or VPN, then try again.');
  }
  if (response.type === 'opaqueredirect' || response.status === 401) {
    goToLogin();
    throw new ApiError(401, 'Your session has ended', 'Taking you to the sign-in page…');
  }
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch (ignored) {
      // not problem+json (a proxy's error page, say): fall back to the status line
    }
    throw new ApiError(response.status, problem.title || defaultTitle(response.status),
      problem.detail || '', problem.errors);
  }
  if (raw) return response;
  const text = await response.text();
  return text === '' ? null : JSON.parse(text);
}

function defaultTitle(status) {
  if (status === 403) return 'Not allowed';
  if (status === 404) return 'Not found';
  if (status === 400) return 'The request was not accepted';
  if (status >= 500) return 'The Lineage service had a problem';
  return 'Request failed (HTTP ' + status + ')';
}

function hasRole(role) {
  if (!state.me || !state.me.roles) return null; // unknown: let the server decide
  return state.me.roles.has(role);
}

function effectiveRoles(roles) {
  const set = new Set((roles || []).map((r) => String(r).toLowerCase().replace(/^role_/, '')));
  if (set.has('admin')) ['auditor', 'viewer', 'ingest'].forEach((r) => set.add(r));
  if (set.has('auditor')) set.add('viewer');
  return set;
}

async function loadMe() {
  try {
    const me = await api('/api/me');
    state.me = { name: me.name, roles: effectiveRoles(me.roles), declared: me.roles || [] };
  } catch (e) {
    if (e.status === 401) throw e;
    state.me = { name: null, roles: null, declared: [] };
  }
  const who = $('#who');
  who.textContent = state.me.name
    ? state.me.name + (state.me.declared.length ? ' · ' + state.me.declared.join(', ') : '')
    : '';
  who.title = state.me.name ? 'Signed in as ' + state.me.name : '';
}

// ---------------------------------------------------------------------------------------------- formatting

function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '').replace(/(\.\d{3})$/, '$1') + ' UTC';
}

function timeEl(iso) {
  if (!iso) return h('span', { class: 'muted', text: '—' });
  const d = new Date(iso);
  const local = Number.isNaN(d.getTime()) ? '' : 'Local: ' + d.toLocaleString();
  return h('time', { datetime: iso, title: local, text: fmtTime(iso) });
}

function fmtBytes(n) {
  if (n == null) return '—';
  if (n < 1024) return n + ' B';
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return (v >= 100 ? v.toFixed(0) : v.toFixed(1)) + ' ' + units[i];
}

function fmtDuration(seconds) {
  if (seconds == null) return '—';
  const s = Number(seconds);
  if (s < 60) return (Math.round(s * 1000) / 1000) + ' s';
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  if (m < 60) return m + ' min ' + rest + ' s';
  return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
}

function fmtRatio(r) {
  if (r == null) return '—';
  return Number(r).toFixed(1) + '×';
}

function fmtInt(n) {
  return n == null ? '—' : Number(n).toLocaleString('en-US');
}

// ---------------------------------------------------------------------------------------------- widgets

async function copyText(text, what) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
    } else {
      const area = h('textarea', { class: 'offscreen', 'aria-hidden': 'true', readonly: true });
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    toast('Copied ' + what);
  } catch (e) {
    toast('Could not copy: select the text and press Ctrl+C');
  }
}

function copyButton(text, what) {
  return h('button', {
    type: 'button',
    class: 'btn btn-icon copy',
    'aria-label': 'Copy ' + what,
    title: 'Copy ' + what,
    onclick: () => copyText(text, what),
  }, copyIcon());
}

function copyIcon() {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const [x, y] of [[5, 5], [2, 2]]) {
    const r = document.createElementNS(NS, 'rect');
    r.setAttribute('x', x);
    r.setAttribute('y', y);
    r.setAttribute('width', '9');
    r.setAttribute('height', '9');
    r.setAttribute('rx', '1.5');
    r.setAttribute('class', x === 5 ? 'front' : 'back');
    svg.append(r);
  }
  return svg;
}

function notice(kind, title, detail, ...extra) {
  return h('div', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status' },
    h('strong', { text: title }), detail ? h('p', { text: detail }) : null, extra);
}

function errorNotice(e, context) {
  if (!(e instanceof ApiError)) {
    console.error(e);
    return notice('error', 'Something went wrong in the panel', String(e && e.message ? e.message : e)
      + '. Reload the page; if it keeps happening, report it with the link of this page.');
  }
  let hint = e.detail;
  if (e.status === 403) {
    hint = (e.detail ? e.detail + ' ' : '') + 'Your account does not have the role this needs.';
  } else if (e.status === 404) {
    hint = e.detail || 'Nothing with this id is on record.';
  } else if (e.status >= 500) {
    hint = (e.detail ? e.detail + ' ' : '') + 'Try again in a moment.';
  }
  const fieldErrors = e.errors.length
    ? h('ul', null, e.errors.map((x) => h('li', null, h('code', { text: x.field }), ': ' + x.message)))
    : null;
  const retry = e.status === 0 || e.status >= 500
    ? h('button', { type: 'button', class: 'btn', onclick: () => render() }, 'Try again')
    : null;
  return notice('error', (context ? context + ': ' : '') + e.title, hint, fieldErrors, retry);
}

// ---------------------------------------------------------------------------------------------- router

function parseRoute() {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  const params = new URLSearchParams(query);
  let m;
  if (path === '/' || path === '') return { name: 'search', params };
  if (path === '/search') return { name: 'search', params, run: true };
  if ((m = path.match(/^\/reports\/([^/]+)\/?$/))) return { name: 'report', id: decodeURIComponent(m[1]), params };
  return { name: 'unknown', path };
}

function setView(...children) {
  const view = $('#view');
  view.replaceChildren(...children.flat().filter(Boolean));
  return view;
}

async function render() {
  const token = ++state.viewToken;
  const route = parseRoute();
  document.body.dataset.view = route.name;
  try {
    if (route.name === 'search') await renderSearch(route, token);
    else if (route.name === 'report') await renderReport(route, token);
    else {
      setView(h('h1', { text: 'Page not found' }),
        notice('error', 'There is no page at ' + route.path, null,
          h('p', null, h('a', { href: '#/' }, 'Go to search'))));
    }
  } catch (e) {
    if (token === state.viewToken) setView(errorNotice(e));
  }
}

// ---------------------------------------------------------------------------------------------- search

function classify(q) {
  if (q === '') return 'empty';
  if (SHA256_RE.test(q)) return 'sha';
  if (UUID_RE.test(q)) return 'uuid';
  return 'invalid';
}

function searchForm(params) {
  const q = h('input', {
    id: 'q', name: 'q', type: 'search', spellcheck: 'false', autocomplete: 'off',
    placeholder: 'e.g. 0192f7b4-8c1e-7a3d-9f00-5b2a1c3d4e5f', 'aria-describedby': 'q-help q-error',
  });
  q.value = params.get('q') || '';
  const template = h('input', { id: 'f-template', name: 'template', type: 'text', spellcheck: 'false',
    placeholder: 'any' });
  template.value = params.get('template') || '';
  const from = h('input', { id: 'f-from', name: 'from', type: 'date' });
  from.value = params.get('from') || '';
  const to = h('input', { id: 'f-to', name: 'to', type: 'date' });
  to.value = params.get('to') || '';
  const error = h('p', { id: 'q-error', class: 'field-error', 'aria-live': 'assertive' });

  const form = h('form', { id: 'search-form', class: 'search-form', role: 'search', autocomplete: 'off' },
    h('div', { class: 'field grow' },
      h('label', { for: 'q', text: 'Report id, lead id, pipeline run id or PDF SHA-256' }),
      q,
      h('p', { id: 'q-help', class: 'help',
        text: 'Paste any one id; the panel works out which kind it is. Press Enter to search.' }),
      error),
    h('div', { class: 'filters' },
      h('div', { class: 'field' }, h('label', { for: 'f-template', text: 'Template version' }), template),
      h('div', { class: 'field' }, h('label', { for: 'f-from', text: 'Captured from' }), from),
      h('div', { class: 'field' }, h('label', { for: 'f-to', text: 'to (inclusive)' }), to),
      h('div', { class: 'field' }, h('span', { class: 'label-spacer', 'aria-hidden': 'true' }),
        h('button', { type: 'submit', class: 'btn btn-primary', id: 'search-button' }, 'Search'))));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = q.value.trim();
    const kind = classify(value);
    const hasFilters = template.value.trim() || from.value || to.value;
    if (kind === 'invalid') {
      error.textContent = describeInvalid(value);
      q.setAttribute('aria-invalid', 'true');
      q.focus();
      return;
    }
    if (kind === 'empty' && !hasFilters) {
      error.textContent = 'Enter an id, or pick a template version or dates to list reports.';
      q.setAttribute('aria-invalid', 'true');
      q.focus();
      return;
    }
    if (from.value && to.value && from.value > to.value) {
      error.textContent = 'The "from" date is after the "to" date.';
      from.focus();
      return;
    }
    error.textContent = '';
    q.removeAttribute('aria-invalid');
    const next = new URLSearchParams();
    if (value) next.set('q', value.toLowerCase());
    if (template.value.trim()) next.set('template', template.value.trim());
    if (from.value) next.set('from', from.value);
    if (to.value) next.set('to', to.value);
    const target = '#/search?' + next.toString();
    if (window.location.hash === target) render();
    else window.location.hash = target;
  });
  return { form, q };
}

function describeInvalid(value) {
  const compact = value.replace(/[\s-]/g, '');
  if (/^[0-9a-f]+$/i.test(compact) && compact.length !== 32 && compact.length !== 64) {
    return '"' + shorten(value) + '" has ' + compact.length + ' hex digits: a UUID has 32 (with dashes, 36 characters)'
      + ' and a PDF SHA-256 has 64.';
  }
  return '"' + shorten(value) + '" is not a report id, lead id or pipeline run id (UUIDs like'
    + ' 0192f7b4-8c1e-7a3d-9f00-5b2a1c3d4e5f) nor a PDF SHA-256 (64 hex digits).';
}

function shorten(s) {
  return s.length > 48 ? s.slice(0, 45) + '…' : s;
}

function searchQuery(filters, extra) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  if (filters.template) p.set('template_version_id', filters.template);
  if (filters.from) p.set('from', filters.from + 'T00:00:00Z');
  if (filters.to) p.set('to', filters.to + 'T23:59:59.999Z');
  p.set('limit', String(PAGE_SIZE));
  return p;
}

async function renderSearch(route, token) {
  const { form, q } = searchForm(route.params);
  const results = h('section', { id: 'results', class: 'results', 'aria-label': 'Search results' });
  const intro = route.run ? null : h('div', { class: 'intro' },
    h('p', { text: 'Find where a PDF report came from: its lead, pipeline run and template version, what the'
      + ' pipeline logged, and the raw inputs it read.' }),
    h('ul', { class: 'muted' },
      h('li', null, h('strong', { text: 'Report id' }), ' opens that report.'),
      h('li', null, h('strong', { text: 'Lead id' }), ' or ', h('strong', { text: 'pipeline run id' }),
        ' lists every report made for it, newest first.'),
      h('li', null, h('strong', { text: 'PDF SHA-256' }), ' finds the report a PDF file came from'
        + ' (sha256sum report.pdf).')));
  setView(h('h1', { text: 'Find a report' }), form, intro, results);
  if (!route.run) {
    q.focus();
    return;
  }
  const query = (route.params.get('q') || '').trim();
  const filters = {
    template: route.params.get('template') || '',
    from: route.params.get('from') || '',
    to: route.params.get('to') || '',
  };
  const kind = classify(query);
  if (kind === 'invalid') {
    results.replaceChildren(notice('error', 'Not an id the panel understands', describeInvalid(query)));
    return;
  }
  results.replaceChildren(h('p', { class: 'loading', text: 'Searching…' }));

  if (kind === 'sha') {
    return showResults(results, token, 'PDF SHA-256', query, searchQuery(filters, { pdf_sha256: query }));
  }
  if (kind === 'empty') {
    return showResults(results, token, null, null, searchQuery(filters, {}));
  }
  // a UUID: a report id first, then a lead id, then a pipeline run id
  try {
    const summary = await api('/api/lineage/' + encodeURIComponent(query));
    if (token !== state.viewToken) return;
    state.prefetched.set(summary.report_generation_id, summary);
    state.flash = 'Matched a report id.';
    window.location.replace('#/reports/' + encodeURIComponent(summary.report_generation_id));
    return;
  } catch (e) {
    if (e.status !== 404) throw e;
  }
  const byLead = searchQuery(filters, { lead_id: query });
  const leadPage = await api('/api/lineage/search?' + byLead);
  if (token !== state.viewToken) return;
  if (leadPage.items.length) {
    return showResults(results, token, 'lead id', query, byLead, leadPage);
  }
  const byRun = searchQuery(filters, { pipeline_run_id: query });
  const runPage = await api('/api/lineage/search?' + byRun);
  if (token !== state.viewToken) return;
  if (runPage.items.length) {
    return showResults(results, token, 'pipeline run id', query, byRun, runPage);
  }
  const filtered = filters.template || filters.from || filters.to;
  results.replaceChildren(notice('info', 'Nothing found for ' + query,
    'No report, lead or pipeline run with this id has lineage on record'
      + (filtered ? ' within the filters you set. Try clearing them.' : '.')
      + ' Lineage is captured when a report completes; a report finished in the last few minutes may not be'
      + ' here yet.'));
}

async function showResults(container, token, kind, value, params, firstPage) {
  const page = firstPage || await api('/api/lineage/search?' + params);
  if (token !== state.viewToken) return;
  if (!page.items.length) {
    container.replaceChildren(notice('info', 'No reports found',
      kind ? 'No report has ' + kind + ' ' + value + ' with the filters set.'
        : 'No report matches these filters.'));
    return;
  }
  const tbody = h('tbody');
  const count = h('span', { class: 'muted' });
  const more = h('button', { type: 'button', class: 'btn', id: 'load-more' }, 'Load more');
  let shown = 0;
  const add = (items) => {
    for (const item of items) tbody.append(resultRow(item));
    shown += items.length;
  };
  const update = (cursor) => {
    count.textContent = shown + (cursor ? '+ reports (newest first)' : ' report' + (shown === 1 ? '' : 's'));
    more.hidden = !cursor;
    more.dataset.cursor = cursor || '';
  };
  add(page.items);
  update(page.next_cursor);
  more.addEventListener('click', async () => {
    more.disabled = true;
    more.textContent = 'Loading…';
    try {
      const next = new URLSearchParams(params);
      next.set('cursor', more.dataset.cursor);
      const nextPage = await api('/api/lineage/search?' + next);
      add(nextPage.items);
      update(nextPage.next_cursor);
    } catch (e) {
      container.append(errorNotice(e, 'Could not load more'));
    } finally {
      more.disabled = false;
      more.textContent = 'Load more';
    }
  });
  container.replaceChildren(
    h('div', { class: 'results-head' },
      h('p', { id: 'match-kind', class: 'match' },
        kind ? ['Matched ', h('strong', { text: kind }), ' ', h('code', { text: value })] : 'Reports matching the filters'),
      count),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'grid', id: 'results-table' },
        h('caption', { class: 'visually-hidden', text: 'Reports, newest first' }),
        h('thead', null, h('tr', null,
          ['Captured', 'Report id', 'Lead id', 'Pipeline run id', 'Template', 'Duration', 'Raw inputs', '']
            .map((t) => h('th', { scope: 'col', text: t })))),
        tbody)),
    h('div', { class: 'more' }, more));
}

function resultRow(item) {
  const id = item.report_generation_id;
  return h('tr', null,
    h('td', { class: 'nowrap' }, timeEl(item.created_at)),
    h('td', { class: 'mono' }, h('a', { href: '#/reports/' + encodeURIComponent(id), class: 'report-link' }, id)),
    h('td', { class: 'mono id', title: item.lead_id, text: item.lead_id }),
    h('td', { class: 'mono id', title: item.pipeline_run_id, text: item.pipeline_run_id }),
    h('td', { class: 'mono', text: item.template_version_id }),
    h('td', { class: 'num', text: fmtDuration(item.pipeline_duration_seconds) }),
    h('td', { class: 'num', text: fmtBytes(item.raw_inputs_size_bytes) }),
    h('td', null, item.truncated ? h('span', { class: 'badge badge-warn', text: 'truncated' }) : null));
}

// ---------------------------------------------------------------------------------------------- report

async function renderReport(route, token) {
  const id = route.id;
  if (!UUID_RE.test(id)) {
    setView(h('h1', { text: 'Report' }),
      notice('error', '"' + shorten(id) + '" is not a report id',
        'Report ids are UUIDs like 0192f7b4-8c1e-7a3d-9f00-5b2a1c3d4e5f. Check the link you followed.',
        h('p', null, h('a', { href: '#/' }, 'Go to search'))));
    return;
  }
  let summary = state.prefetched.get(id);
  state.prefetched.delete(id);
  if (!summary) {
    setView(h('h1', { text: 'Report ' + id }), h('p', { class: 'loading', text: 'Loading report…' }));
    try {
      const early = state.inflight.get(id);
      state.inflight.delete(id);
      summary = await (early || api('/api/lineage/' + encodeURIComponent(id)));
    } catch (e) {
      if (token !== state.viewToken) return;
      if (e.status === 404) {
        setView(h('h1', { text: 'Report ' + id }),
          notice('error', 'No lineage for report ' + id,
            'There is no lineage record for this report id. It may be a lead or run id instead, the report may'
              + ' still be in progress, or its lineage was purged by retention.',
            h('p', null, h('a', { href: '#/search?q=' + encodeURIComponent(id) }, 'Search for this id as any kind'))));
        return;
      }
      throw e;
    }
  }
  if (token !== state.viewToken) return;
  const flash = state.flash;
  state.flash = null;
  const tabName = route.params.get('tab') === 'audit' ? 'audit' : 'logs';

  const heading = h('h1', { tabindex: '-1', class: 'report-title' },
    'Report ', h('span', { class: 'mono', id: 'report-id', text: summary.report_generation_id }));
  const badges = h('div', { class: 'badges' },
    summary.truncated
      ? h('span', { class: 'badge badge-warn', id: 'truncated-badge',
        title: 'The raw inputs were larger than the cap; lower-priority parts were dropped',
        text: 'raw inputs truncated' })
      : null,
    summary.capture_source ? h('span', { class: 'badge', text: 'captured via ' + summary.capture_source }) : null);

  setView(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
      h('a', { href: '#/' }, 'Search'), ' / ', h('span', { text: 'Report' })),
    flash ? notice('info', flash, null) : null,
    h('div', { class: 'report-head' },
      h('div', null, heading, badges),
      h('div', { class: 'head-actions' }, copyButton(summary.report_generation_id, 'report id'),
        h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => copyText(window.location.href, 'link') },
          'Copy link'))),
    detailCards(summary),
    downloadActions(summary),
    tabs(summary, tabName, token));
  heading.focus({ preventScroll: true });
}

function field(label, value, opts = {}) {
  return [
    h('dt', { text: label }),
    h('dd', { class: opts.mono ? 'mono' : null, id: opts.id },
      h('span', { class: 'value', title: typeof value === 'string' ? value : null,
        text: value == null || value === '' ? '—' : null }, value == null ? null : value),
      opts.copy && value ? copyButton(String(value), label.toLowerCase()) : null),
  ];
}

function detailCards(s) {
  return h('div', { class: 'cards' },
    h('section', { class: 'card', 'aria-labelledby': 'card-triplet' },
      h('h2', { id: 'card-triplet', text: 'Triplet' }),
      h('dl', null,
        field('Lead id', s.lead_id, { mono: true, copy: true, id: 'lead-id' }),
        field('Pipeline run id', s.pipeline_run_id, { mono: true, copy: true, id: 'run-id' }),
        field('Template version', s.template_version_id, { mono: true, copy: true, id: 'template-id' }))),
    h('section', { class: 'card', 'aria-labelledby': 'card-timing' },
      h('h2', { id: 'card-timing', text: 'Pipeline run' }),
      h('dl', null,
        field('Started', timeEl(s.pipeline_started_at)),
        field('Finished', timeEl(s.pipeline_finished_at)),
        field('Duration', fmtDuration(s.pipeline_duration_seconds), { id: 'duration' }))),
    h('section', { class: 'card', 'aria-labelledby': 'card-inputs' },
      h('h2', { id: 'card-inputs', text: 'Raw inputs' }),
      h('dl', null,
        field('Size', fmtBytes(s.raw_inputs_size_bytes) + (s.raw_inputs_size_bytes != null
          ? ' (' + fmtInt(s.raw_inputs_size_bytes) + ' bytes)' : ''), { id: 'raw-size' }),
        field('Compressed', fmtBytes(s.raw_inputs_compressed_bytes), { id: 'raw-compressed' }),
        field('Ratio', fmtRatio(s.compression_ratio), { id: 'ratio' }),
        field('SHA-256', s.raw_inputs_sha256, { mono: true, copy: true }))),
    h('section', { class: 'card', 'aria-labelledby': 'card-record' },
      h('h2', { id: 'card-record', text: 'Record' }),
      h('dl', null,
        field('PDF SHA-256', s.pdf_sha256, { mono: true, copy: true, id: 'pdf-sha' }),
        field('Captured', timeEl(s.created_at)),
        field('Accesses', fmtInt(s.access_count), { id: 'access-count' }),
        field('Last access', timeEl(s.last_accessed_at)),
        field('Lineage id', s.lineage_id, { mono: true, copy: true }))));
}

function roleReason(role, what, why) {
  const who = state.me && state.me.name ? 'You are signed in as ' + state.me.name
    + (state.me.declared.length ? ' (' + state.me.declared.join(', ') + ')' : '') + '. ' : '';
  return what + ' needs the ' + role + ' role' + (why ? ', ' + why : '') + '. ' + who
    + 'Ask your compliance lead for ' + role + ' access, or ask an ' + role + ' to look for you.';
}

function downloadActions(s) {
  const allowed = hasRole('auditor');
  const status = h('div', { id: 'download-status', class: 'download-status', 'aria-live': 'polite' });
  const button = (id, label, href, fallbackName) => {
    const b = h('button', {
      type: 'button', id, class: 'btn' + (allowed === false ? '' : ' btn-primary'),
      disabled: allowed === false,
      'aria-describedby': allowed === false ? 'download-reason' : null,
    }, label);
    b.addEventListener('click', () => download(b, href, fallbackName, status));
    return b;
  };
  const reportId = s.report_generation_id;
  return h('section', { class: 'actions', 'aria-label': 'Downloads' },
    button('download-raw', 'Download raw inputs (.json.gz)', s.links && s.links.download
      || '/api/lineage/' + s.lineage_id + '/download', 'lineage-' + reportId + '-raw-inputs.json.gz'),
    button('download-bundle', 'Download bundle (.zip)', s.links && s.links.bundle
      || '/api/lineage/' + s.lineage_id + '/bundle', 'lineage-' + reportId + '.zip'),
    allowed === false
      ? h('p', { id: 'download-reason', class: 'reason', text: roleReason('auditor', 'Downloading raw inputs',
        'because they hold customer data and every download is a compliance event') })
      : null,
    status);
}

async function download(button, href, fallbackName, status) {
  button.disabled = true;
  const label = button.textContent;
  button.textContent = 'Preparing…';
  status.replaceChildren();
  try {
    const response = await api(href, { accept: 'application/gzip, application/zip, */*', raw: true });
    const blob = await response.blob();
    const name = filenameOf(response.headers.get('Content-Disposition')) || fallbackName;
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: name, class: 'offscreen' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    status.replaceChildren(h('p', { class: 'ok', text: 'Downloaded ' + name + ' (' + fmtBytes(blob.size) + ').' }));
  } catch (e) {
    status.replaceChildren(errorNotice(e, 'Download failed'));
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

function filenameOf(disposition) {
  if (!disposition) return null;
  const star = disposition.match(/filename\*=(?:UTF-8'')?([^;]+)/i);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch (ignored) {
      // fall through to the plain filename
    }
  }
  const plain = disposition.match(/filename="?([^";]+)"?/i);
  return plain ? plain[1] : null;
}

// ---------------------------------------------------------------------------------------------- tabs

function tabs(summary, initial, token) {
  const defs = [
    { key: 'logs', label: 'Logs' },
    { key: 'audit', label: 'Access history' },
  ];
  const tablist = h('div', { role: 'tablist', class: 'tablist', 'aria-label': 'Report sections' });
  const panels = {};
  const buttons = {};
  const loaded = {};
  const select = (key, focus) => {
    for (const d of defs) {
      const on = d.key === key;
      buttons[d.key].setAttribute('aria-selected', String(on));
      buttons[d.key].tabIndex = on ? 0 : -1;
      panels[d.key].hidden = !on;
    }
    if (focus) buttons[key].focus();
    if (!loaded[key]) {
      loaded[key] = true;
      if (key === 'logs') loadLogs(summary, panels.logs, token);
      else loadAudit(summary, panels.audit, token);
    }
    const base = '#/reports/' + encodeURIComponent(summary.report_generation_id);
    history.replaceState(null, '', key === 'audit' ? base + '?tab=audit' : base);
  };
  for (const [i, d] of defs.entries()) {
    buttons[d.key] = h('button', {
      type: 'button', role: 'tab', id: 'tab-' + d.key, 'aria-controls': 'panel-' + d.key, class: 'tab',
      onclick: () => select(d.key, false),
      onkeydown: (event) => {
        const dir = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (dir) {
          event.preventDefault();
          select(defs[(i + dir + defs.length) % defs.length].key, true);
        }
      },
    }, d.label);
    tablist.append(buttons[d.key]);
    panels[d.key] = h('div', { role: 'tabpanel', id: 'panel-' + d.key, 'aria-labelledby': 'tab-' + d.key,
      class: 'tabpanel', hidden: true });
  }
  const wrap = h('section', { class: 'tabs' }, tablist, panels.logs, panels.audit);
  queueMicrotask(() => select(initial, false));
  return wrap;
}

async function loadAudit(summary, panel, token) {
  if (hasRole('auditor') === false) {
    panel.replaceChildren(notice('info', 'Access history is for auditors',
      roleReason('auditor', 'The access history (who read this record, when and from where)')));
    return;
  }
  panel.replaceChildren(h('p', { class: 'loading', text: 'Loading access history…' }));
  const base = (summary.links && summary.links.audit) || '/api/lineage/' + summary.lineage_id + '/audit';
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'btn', id: 'audit-more' }, 'Load more');
  const loadPage = async (cursor) => {
    const p = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (cursor) p.set('cursor', cursor);
    const page = await api(base + '?' + p);
    for (const a of page.items) {
      tbody.append(h('tr', null,
        h('td', { class: 'nowrap' }, timeEl(a.accessed_at)),
        h('td', { text: a.user_id || '—' }),
        h('td', { class: 'mono', text: a.action }),
        h('td', null, h('span', { class: 'badge outcome-' + (a.outcome || 'unknown'), text: a.outcome || '—' })),
        h('td', { class: 'mono', text: a.ip_address || '—' }),
        h('td', { class: 'ua', title: a.user_agent || '', text: a.user_agent || '—' }),
        h('td', { class: 'mono small', text: a.request_id || '' }),
        h('td', { class: 'mono small details', title: a.details ? JSON.stringify(a.details) : '',
          text: a.details ? JSON.stringify(a.details) : '' })));
    }
    more.hidden = !page.next_cursor;
    more.dataset.cursor = page.next_cursor || '';
    return page;
  };
  try {
    const first = await loadPage(null);
    if (token !== state.viewToken) return;
    if (!first.items.length) {
      panel.replaceChildren(notice('info', 'No reads recorded yet', 'Nobody has read this record so far.'));
      return;
    }
  } catch (e) {
    if (token !== state.viewToken) return;
    panel.replaceChildren(e.status === 403
      ? notice('info', 'Access history is for auditors', roleReason('auditor', 'The access history'))
      : errorNotice(e, 'Could not load the access history'));
    return;
  }
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      await loadPage(more.dataset.cursor);
    } catch (e) {
      panel.append(errorNotice(e, 'Could not load more'));
    } finally {
      more.disabled = false;
    }
  });
  panel.replaceChildren(
    h('div', { class: 'table-wrap' },
      h('table', { class: 'grid', id: 'audit-table' },
        h('caption', { class: 'visually-hidden', text: 'Access history, newest first' }),
        h('thead', null, h('tr', null,
          ['When', 'User', 'Action', 'Outcome', 'IP address', 'User agent', 'Request id', 'Details']
            .map((t) => h('th', { scope: 'col', text: t })))),
        tbody)),
    h('div', { class: 'more' }, more));
}

// ---------------------------------------------------------------------------------------------- logs

async function loadLogs(summary, panel, token) {
  panel.replaceChildren(h('p', { class: 'loading', text: 'Loading logs…' }));
  const early = state.logsInflight.get(summary.lineage_id);
  state.logsInflight.delete(summary.lineage_id);
  let data;
  try {
    data = await (early || requestLogs(summary));
  } catch (e) {
    if (token !== state.viewToken) return;
    panel.replaceChildren(errorNotice(e, 'Could not load the logs'));
    return;
  }
  if (token !== state.viewToken) return;
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

function requestLogs(summary) {
  const href = (summary.links && summary.links.logs) || '/api/lineage/' + summary.lineage_id + '/logs';
  performance.mark('logs-requested');
  return api(href);
}

function afterNextPaint(fn) {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => fn();
    channel.port2.postMessage(null);
  });
}

const MSG_KEYS = ['msg', 'message', 'text', 'event'];
const TS_KEYS = ['ts', 'timestamp', 'time', '@timestamp', 'at'];
const LEVEL_KEYS = ['level', 'severity', 'lvl', 'levelname', 'log_level'];

function pick(obj, keys) {
  for (const k of keys) if (obj[k] != null) return obj[k];
  return null;
}

function normalizeLogs(data) {
  if (data == null) return null;
  let list;
  if (Array.isArray(data)) list = data;
  else if (typeof data === 'object') {
    const key = ['entries', 'logs', 'events', 'records', 'lines'].find((k) => Array.isArray(data[k]));
    list = key ? data[key] : [data];
  } else list = [data];
  const out = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const raw = list[i];
    let ts = null;
    let level = '';
    let msg;
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      ts = pick(raw, TS_KEYS);
      const l = pick(raw, LEVEL_KEYS);
      level = l == null ? '' : String(l).toUpperCase();
      const m = pick(raw, MSG_KEYS);
      msg = m == null ? '' : typeof m === 'string' ? m : JSON.stringify(m);
    } else {
      msg = typeof raw === 'string' ? raw : JSON.stringify(raw);
    }
    out[i] = { n: i + 1, raw, ts: ts == null ? '' : String(ts), level, msg, hay: null };
  }
  return out;
}

function levelClass(level) {
  if (/^(ERROR|ERR|FATAL|CRITICAL|CRIT|SEVERE|ALERT|EMERG)/.test(level)) return 'lv-error';
  if (/^WARN/.test(level)) return 'lv-warn';
  if (/^(INFO|NOTICE)/.test(level)) return 'lv-info';
  if (/^(DEBUG|TRACE|FINE)/.test(level)) return 'lv-debug';
  return 'lv-other';
}

const LEVEL_ORDER = ['FATAL', 'CRITICAL', 'ERROR', 'WARN', 'WARNING', 'NOTICE', 'INFO', 'DEBUG', 'TRACE'];

/**
 * A virtualised list: a spacer as tall as all matching rows, and a fixed pool of absolutely positioned rows
 * of one height that are re-filled on scroll. A selected entry's full JSON goes to the side pane, so a row
 * never changes height and the arithmetic stays exact for 20,000 entries.
 */
class LogViewer {
  static ROW = 24;
  static OVERSCAN = 8;

  constructor(entries) {
    this.entries = entries;
    this.visible = entries;
    this.selected = -1; // index into this.visible
    this.pool = [];
    this.scheduled = false;

    const counts = new Map();
    for (const e of entries) counts.set(e.level, (counts.get(e.level) || 0) + 1);
    const levels = [...counts.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    this.levelBoxes = levels.map((level) => {
      const id = 'lvl-' + (level || 'none').replace(/[^A-Za-z0-9]/g, '_');
      const box = h('input', { type: 'checkbox', id, checked: true, value: level, class: 'level-box' });
      box.addEventListener('change', () => this.applyFilter());
      return h('label', { class: 'level-filter', for: id }, box,
        h('span', { class: 'badge ' + levelClass(level), text: level || 'none' }),
        h('span', { class: 'muted', text: fmtInt(counts.get(level)) }));
    });

    this.search = h('input', { type: 'search', id: 'log-search', 'aria-label': 'Search the log text',
      placeholder: 'Search log text', spellcheck: 'false', autocomplete: 'off' });
    let debounce = 0;
    this.search.addEventListener('input', () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => this.applyFilter(), 120);
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
    this.detailBody = h('pre', { class: 'json', id: 'log-detail-json', tabindex: '0', 'aria-label': 'Full JSON of the selected entry' });
    this.detailCopy = h('button', { type: 'button', class: 'btn btn-quiet', hidden: true }, 'Copy JSON');
    this.detailCopy.addEventListener('click', () => copyText(this.detailBody.textContent, 'log entry'));
    this.detailHint = h('p', { class: 'muted', text: 'Select a row (click, or arrow keys and Enter) to see the'
      + ' full entry.' });

    this.root = h('div', { class: 'log-viewer' },
      h('div', { class: 'log-toolbar' },
        h('fieldset', { class: 'levels' }, h('legend', { text: 'Levels' }), this.levelBoxes),
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

  applyFilter() {
    const wanted = new Set(this.levelBoxes.map((l) => l.querySelector('input')).filter((b) => b.checked)
      .map((b) => b.value));
    const text = this.search.value.trim().toLowerCase();
    const allLevels = wanted.size === this.levelBoxes.length;
    const previous = this.selected >= 0 ? this.visible[this.selected] : null;
    if (allLevels && !text) {
      this.visible = this.entries;
    } else {
      const out = [];
      for (const e of this.entries) {
        if (!allLevels && !wanted.has(e.level)) continue;
        if (text) {
          if (e.hay === null) e.hay = haystack(e);
          if (!e.hay.includes(text)) continue;
        }
        out.push(e);
      }
      this.visible = out;
    }
    this.selected = previous ? this.visible.indexOf(previous) : -1;
    this.list.scrollTop = 0;
    this.updateCount();
    this.layout();
    this.renderRows();
  }

  updateCount() {
    const n = this.visible.length;
    const total = this.entries.length;
    this.count.textContent = n === total
      ? fmtInt(total) + ' entries'
      : 'Showing ' + fmtInt(n) + ' of ' + fmtInt(total) + ' entries';
    this.empty.hidden = n !== 0;
  }

  layout() {
    this.spacer.style.height = this.visible.length * LogViewer.ROW + 'px';
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.renderRows();
    });
  }

  renderRows() {
    const R = LogViewer.ROW;
    const height = this.list.clientHeight || 480;
    const first = Math.max(0, Math.floor(this.list.scrollTop / R) - LogViewer.OVERSCAN);
    const last = Math.min(this.visible.length, Math.ceil((this.list.scrollTop + height) / R) + LogViewer.OVERSCAN);
    const need = last - first;
    while (this.pool.length < need) {
      const row = h('div', { class: 'log-row', role: 'option' },
        h('span', { class: 'c-n' }), h('span', { class: 'c-ts' }),
        h('span', { class: 'c-lv' }, h('span', { class: 'badge' })), h('span', { class: 'c-msg' }));
      this.pool.push(row);
      this.spacer.append(row);
    }
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
      row.style.transform = 'translateY(' + index * R + 'px)';
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
      const R = LogViewer.ROW;
      const top = index * R;
      if (top < this.list.scrollTop) this.list.scrollTop = top;
      else if (top + R > this.list.scrollTop + this.list.clientHeight) {
        this.list.scrollTop = top + R - this.list.clientHeight;
      }
    }
    this.renderRows();
  }

  onKey(event) {
    const page = Math.max(1, Math.floor(this.list.clientHeight / LogViewer.ROW) - 1);
    const cur = this.selected < 0 ? -1 : this.selected;
    const moves = {
      ArrowDown: cur + 1, ArrowUp: Math.max(0, cur - 1), PageDown: cur + page, PageUp: Math.max(0, cur - page),
      Home: 0, End: this.visible.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      this.select(Math.min(this.visible.length - 1, moves[event.key]), true);
    } else if (event.key === 'Enter' && cur >= 0) {
      event.preventDefault();
      this.detailBody.focus();
    }
  }
}

function rank(level) {
  const i = LEVEL_ORDER.indexOf(level);
  return i < 0 ? LEVEL_ORDER.length : i;
}

function haystack(e) {
  return (typeof e.raw === 'string' ? e.raw : JSON.stringify(e.raw)).toLowerCase();
}

// ---------------------------------------------------------------------------------------------- start

function wireChrome() {
  $('#quick-search').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('#quick-q').value.trim();
    const target = '#/search?' + new URLSearchParams(value ? { q: value.toLowerCase() } : {});
    $('#quick-q').value = '';
    if (window.location.hash === target) render();
    else window.location.hash = target;
  });
  $('#logout-form').addEventListener('submit', (event) => {
    event.currentTarget.elements._csrf.value = cookie('XSRF-TOKEN');
    sessionStorage.removeItem(RETURN_KEY);
  });
  window.addEventListener('hashchange', () => render());
  window.addEventListener('unhandledrejection', (event) => {
    if (event.reason instanceof ApiError && event.reason.status === 401) return;
    setView(errorNotice(event.reason));
  });
}

async function start() {
  wireChrome();
  // back from the sign-in page: return to the deep link the user first opened
  const pending = sessionStorage.getItem(RETURN_KEY);
  if (pending) {
    sessionStorage.removeItem(RETURN_KEY);
    if (!window.location.hash || window.location.hash === '#/' || window.location.hash === '#') {
      history.replaceState(null, '', '/' + pending);
    }
  }
  // who am I, and a deep-linked report, in parallel: the report's read does not wait for the roles
  state.mePromise = loadMe();
  const route = parseRoute();
  if (route.name === 'report' && UUID_RE.test(route.id)) {
    const early = api('/api/lineage/' + encodeURIComponent(route.id));
    early.catch(() => {}); // handled where it is awaited
    state.inflight.set(route.id, early);
    if (route.params.get('tab') !== 'audit') {
      // the logs tab opens first: ask for the logs as soon as the lineage id is known
      early.then((summary) => {
        const logs = requestLogs(summary);
        logs.catch(() => {});
        state.logsInflight.set(summary.lineage_id, logs);
      }, () => {});
    }
  }
  try {
    await state.mePromise;
  } catch (e) {
    return; // 401: on the way to the sign-in page
  }
  await render();
}

start();
