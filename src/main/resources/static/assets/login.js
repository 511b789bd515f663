// Sign-in page: fills in the CSRF token from the XSRF-TOKEN cookie, explains why the user is here, and
// remembers the deep link (the #/reports/... hash the server's redirect carried along) so the panel can
// return to it after sign-in.
const RETURN_KEY = 'lineage.returnHash';

function cookie(name) {
  const prefix = name + '=';
  for (const part of document.cookie.split(';')) {
    const p = part.trim();
    if (p.startsWith(prefix)) return decodeURIComponent(p.slice(prefix.length));
  }
  return '';
}

const form = document.getElementById('login-form');
const message = document.getElementById('login-message');
const returnNote = document.getElementById('return-note');

function show(text, kind) {
  message.textContent = text;
  message.className = 'notice ' + kind;
  message.hidden = false;
}

const hash = window.location.hash;
if (hash && hash.length > 2 && hash !== '#/') {
  sessionStorage.setItem(RETURN_KEY, hash);
}
const pending = sessionStorage.getItem(RETURN_KEY);
if (pending && pending.startsWith('#/reports/')) {
  returnNote.textContent = 'After you sign in you will be taken to report ' + pending.slice('#/reports/'.length) + '.';
  returnNote.hidden = false;
}

const params = new URLSearchParams(window.location.search);
if (params.has('error')) {
  show('That name and password did not match. Check both and try again.', 'error');
} else if (params.has('signed-out')) {
  show('You have signed out.', 'info');
} else if (params.has('expired')) {
  show('Your session expired. Sign in again to continue where you were.', 'info');
}

form.addEventListener('submit', () => {
  // read at submit time: the cookie may have been renewed since the page loaded
  form.elements._csrf.value = cookie('XSRF-TOKEN');
});
form.elements._csrf.value = cookie('XSRF-TOKEN');
if (params.has('error')) {
  document.getElementById('password').focus();
}
