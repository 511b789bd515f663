// Lineage Panel: a hash-routed single page over the read API, in native ES modules (no build step). This file
// wires the parts together: the pages, what every page is given, and start-up. How the modules fit and how
// to add a page: ../README.md.
import { ApiError, createApi } from './lib/api.js';
import { Router } from './lib/router.js';
import { quickSearchTarget } from './lib/search-query.js';
import {
  csrfToken, forgetReturn, pendingReturn, rememberReturn, UNKNOWN_USER, userFrom, whoLabel,
} from './lib/session.js';
import { $ } from './ui/dom.js';
import { errorNotice } from './ui/widgets.js';
import { headStart as reportHeadStart } from './views/report-data.js';

const api = createApi({ csrfToken, onSessionEnded: goToSignIn });
const services = { api, user: UNKNOWN_USER };

const router = new Router({
  currentHash: () => window.location.hash,
  go: (hash, replace) => (replace ? window.location.replace(hash) : (window.location.hash = hash)),
  show: (...nodes) => $('#view').replaceChildren(...nodes.flat().filter(Boolean)),
  onView: (name) => {
    document.body.dataset.view = name;
  },
  onError: (e, ctx) => ctx.show(errorNotice(e, null, ctx.retry)),
  services,
});

// The pages, one line each: a name (body[data-view]), a path pattern, the view module (loaded when first
// shown), and for a deep link that must be fast, the requests to send before the view's code has arrived.
router
  .add('search', '/', () => import('./views/search.js'))
  .add('search', '/search', () => import('./views/search.js'))
  .add('report', '/reports/:id', () => import('./views/report.js'), { headStart: reportHeadStart })
  .add('audit', '/audit', () => import('./views/audit.js'))
  .add('compare', '/compare/:a/:b', () => import('./views/compare.js'))
  .add('lead', '/lead/:id', () => import('./views/lead.js'))
  .add('pdf', '/pdf', () => import('./views/find-pdf.js'))
  .add('templates', '/templates', () => import('./views/templates.js'))
  .otherwise('unknown', () => import('./views/not-found.js'));

function goToSignIn() {
  rememberReturn(window.location.hash, sessionStorage);
  window.location.assign('/login.html?expired');
}

async function loadUser() {
  try {
    services.user = userFrom(await api('/api/me'));
  } catch (e) {
    if (e.status === 401) throw e;
    services.user = UNKNOWN_USER;
  }
  const who = $('#who');
  who.textContent = whoLabel(services.user);
  who.title = services.user.name ? 'Signed in as ' + services.user.name : '';
}

function wireChrome() {
  $('#quick-search').addEventListener('submit', (event) => {
    event.preventDefault();
    const target = quickSearchTarget($('#quick-q').value);
    $('#quick-q').value = '';
    router.navigate(target);
  });
  $('#logout-form').addEventListener('submit', (event) => {
    event.currentTarget.elements._csrf.value = csrfToken();
    forgetReturn(sessionStorage);
  });
  window.addEventListener('hashchange', () => router.render());
  window.addEventListener('unhandledrejection', (event) => {
    if (event.reason instanceof ApiError && event.reason.status === 401) return;
    router.show(errorNotice(event.reason, null, () => router.render()));
  });
}

async function start() {
  wireChrome();
  // back from the sign-in page: return to the deep link the user first opened
  const pending = pendingReturn(sessionStorage);
  if (pending) {
    forgetReturn(sessionStorage);
    if (!window.location.hash || window.location.hash === '#/' || window.location.hash === '#') {
      history.replaceState(null, '', '/' + pending);
    }
  }
  // who am I, and the opened page's first requests, in parallel: a deep-linked report does not wait for roles
  const user = loadUser();
  router.start();
  try {
    await user;
  } catch (e) {
    return; // 401: on the way to the sign-in page
  }
  await router.render();
}

start();
