// Sign-in page: fills in the CSRF token from the XSRF-TOKEN cookie, explains why the user is here, and
// remembers the deep link (the #/reports/... hash the server's redirect carried along) so the panel can
// return to it after sign-in.
import { csrfToken, pendingReturn, rememberReturn, returnNote } from './lib/session.js';

const form = document.getElementById('login-form');
const message = document.getElementById('login-message');
const returnLine = document.getElementById('return-note');

function show(text, kind) {
  message.textContent = text;
  message.className = 'notice ' + kind;
  message.hidden = false;
}

rememberReturn(window.location.hash, sessionStorage);
const note = returnNote(pendingReturn(sessionStorage));
if (note) {
  returnLine.textContent = note;
  returnLine.hidden = false;
}

const params = new URLSearchParams(window.location.search);
if (params.has('error')) {
  show('That name and password did not match. Check both and try again.', 'error');
} else if (params.has('throttled')) {
  const seconds = Number.parseInt(params.get('throttled'), 10);
  show('Too many failed sign-ins from your address recently. Try again in '
    + (seconds > 0 ? Math.ceil(seconds / 60) + ' min' : 'a few minutes') + '.', 'error');
} else if (params.has('signed-out')) {
  show('You have signed out.', 'info');
} else if (params.has('expired')) {
  show('Your session expired. Sign in again to continue where you were.', 'info');
}

form.addEventListener('submit', () => {
  // read at submit time: the cookie may have been renewed since the page loaded
  form.elements._csrf.value = csrfToken();
});
form.elements._csrf.value = csrfToken();
if (params.has('error')) {
  document.getElementById('password').focus();
}
