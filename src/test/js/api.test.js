import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { ApiError, createApi, CSRF_HEADER, defaultTitle, filenameFromDisposition } = await load('lib/api.js');

/** A fetch that answers `response` (or throws it when it is an Error) and records what it was asked. */
function fakeFetch(response) {
  const calls = [];
  const fetch = async (path, init) => {
    calls.push({ path, init });
    if (response instanceof Error) throw response;
    return typeof response === 'function' ? response(path, init) : response;
  };
  return { fetch, calls };
}

const json = (status, body, type = 'application/json') =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });

async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected the call to fail');
}

describe('api: answers', () => {
  it('returns the parsed JSON, asks for JSON and keeps the session cookie on the same origin', async () => {
    const { fetch, calls } = fakeFetch(json(200, { name: 'ann', roles: ['viewer'] }));
    const api = createApi({ fetch });
    assert.deepEqual(await api('/api/me'), { name: 'ann', roles: ['viewer'] });
    assert.equal(calls[0].path, '/api/me');
    assert.equal(calls[0].init.method, 'GET');
    assert.equal(calls[0].init.headers.Accept, 'application/json');
    assert.equal(calls[0].init.credentials, 'same-origin');
    assert.equal(calls[0].init.redirect, 'manual');
  });

  it('returns null for an empty body and the Response itself when raw', async () => {
    assert.equal(await createApi({ fetch: fakeFetch(new Response(null, { status: 204 })).fetch })('/x'), null);
    const response = new Response('PK', { status: 200 });
    const raw = await createApi({ fetch: fakeFetch(response).fetch })('/x', { raw: true, accept: 'application/zip' });
    assert.equal(raw, response);
  });

  it('sends the CSRF token and a JSON body only with requests that change something', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { ok: true }));
    const api = createApi({ fetch, csrfToken: () => 'tok-1' });
    await api('/api/lineage/1');
    await api('/api/exports', { method: 'POST', json: { purpose: 'audit' } });
    await api('/api/find', { method: 'post', body: 'raw bytes' });
    assert.equal(calls[0].init.headers[CSRF_HEADER], undefined);
    assert.equal(calls[1].init.headers[CSRF_HEADER], 'tok-1');
    assert.equal(calls[1].init.headers['Content-Type'], 'application/json');
    assert.equal(calls[1].init.body, '{"purpose":"audit"}');
    assert.equal(calls[2].init.headers[CSRF_HEADER], 'tok-1');
    assert.equal(calls[2].init.body, 'raw bytes');
    assert.equal(calls[2].init.headers['Content-Type'], undefined);
  });
});

describe('api: failures', () => {
  it('carries the problem document of an error answer', async () => {
    const problem = {
      type: 'urn:lineage:problem:validation', title: 'The completion message is not valid', status: 400,
      detail: '2 fields are wrong', request_id: 'req-9',
      errors: [{ field: 'lead_id', message: 'must be a UUID' }],
    };
    const e = await failure(createApi({ fetch: fakeFetch(json(400, problem, 'application/problem+json')).fetch })('/x'));
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 400);
    assert.equal(e.title, problem.title);
    assert.equal(e.detail, '2 fields are wrong');
    assert.equal(e.message, '2 fields are wrong');
    assert.deepEqual(e.errors, problem.errors);
    assert.equal(e.requestId, 'req-9');
    assert.equal(e.type, 'urn:lineage:problem:validation');
  });

  it('falls back to the status when the error is not JSON (a proxy\'s page)', async () => {
    const page = new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } });
    const e = await failure(createApi({ fetch: fakeFetch(page).fetch })('/x'));
    assert.equal(e.status, 502);
    assert.equal(e.title, 'The Lineage service had a problem');
    assert.equal(e.detail, '');
    assert.deepEqual(e.errors, []);
    assert.equal(e.requestId, null);
  });

  it('says the service could not be reached when fetch itself fails', async () => {
    const e = await failure(createApi({ fetch: fakeFetch(new TypeError('Failed to fetch')).fetch })('/x'));
    assert.equal(e.status, 0);
    assert.equal(e.title, 'The Lineage service could not be reached');
    assert.match(e.detail, /network connection or VPN/);
  });

  for (const [what, response] of [
    ['a 401', json(401, { title: 'Unauthorized' })],
    ['a redirect to the sign-in page', { type: 'opaqueredirect', status: 0, ok: false }],
  ]) {
    it('ends the session on ' + what, async () => {
      let ended = 0;
      const api = createApi({ fetch: fakeFetch(response).fetch, onSessionEnded: () => ended++ });
      const e = await failure(api('/api/lineage/1'));
      assert.equal(e.status, 401);
      assert.equal(e.title, 'Your session has ended');
      assert.equal(ended, 1);
    });
  }

  it('does not end the session on a 403', async () => {
    let ended = 0;
    const api = createApi({ fetch: fakeFetch(json(403, { detail: 'auditor only' })).fetch, onSessionEnded: () => ended++ });
    const e = await failure(api('/x'));
    assert.equal(e.status, 403);
    assert.equal(e.title, 'Not allowed');
    assert.equal(e.detail, 'auditor only');
    assert.equal(ended, 0);
  });

  it('titles statuses without a problem document', () => {
    assert.equal(defaultTitle(400), 'The request was not accepted');
    assert.equal(defaultTitle(404), 'Not found');
    assert.equal(defaultTitle(503), 'The Lineage service had a problem');
    assert.equal(defaultTitle(409), 'Request failed (HTTP 409)');
  });
});

describe('filenameFromDisposition', () => {
  it('prefers filename* (RFC 6266) and decodes it', () => {
    assert.equal(filenameFromDisposition('attachment; filename="a.zip"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.zip'),
      'résumé.zip');
  });

  it('reads a plain filename, quoted or not', () => {
    assert.equal(filenameFromDisposition('attachment; filename="lineage-1.zip"'), 'lineage-1.zip');
    assert.equal(filenameFromDisposition('attachment; filename=raw.json.gz'), 'raw.json.gz');
  });

  it('falls back to the plain filename when filename* is malformed, and to null without one', () => {
    assert.equal(filenameFromDisposition('attachment; filename*=UTF-8\'\'%E0%A4%A; filename="x.gz"'), 'x.gz');
    assert.equal(filenameFromDisposition('inline'), null);
    assert.equal(filenameFromDisposition(null), null);
  });
});
