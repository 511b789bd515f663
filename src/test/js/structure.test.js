// The rules of the panel's module layout (see docs/PANEL.md), checked without a browser.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allModules, ASSETS, importsOf, load, STATIC, staticClosure } from './assets.js';

const modules = allModules();
const layer = (m) => (m.includes('/') ? m.split('/')[0] : 'entry');
const MAY_IMPORT = { lib: ['lib'], ui: ['lib', 'ui'], views: ['lib', 'ui', 'views'], entry: ['lib', 'ui', 'views'] };

describe('module layout', () => {
  it('every import names an existing module', () => {
    for (const m of modules) {
      const { static: s, dynamic: d } = importsOf(m);
      for (const target of [...s, ...d]) assert.ok(modules.includes(target), m + ' imports missing ' + target);
    }
  });

  it('lib/ imports only lib/, ui/ only lib/ and ui/; nothing imports an entry point', () => {
    for (const m of modules) {
      for (const target of [...importsOf(m).static, ...importsOf(m).dynamic]) {
        assert.ok(MAY_IMPORT[layer(m)].includes(layer(target)), m + ' may not import ' + target);
      }
    }
  });

  it('lib/ modules load outside a browser (they are the unit-tested ones)', async () => {
    for (const m of modules.filter((x) => layer(x) === 'lib')) await load(m);
  });

  it('every page app.js registers is a module with a render function', async () => {
    const pages = [...new Set(importsOf('app.js').dynamic)];
    assert.ok(pages.length >= 3, 'pages: ' + pages);
    for (const page of pages) {
      assert.equal(typeof (await load(page)).render, 'function', page + ' exports render(ctx)');
    }
  });

  it('nothing builds HTML from strings or evaluates code (the CSP allows neither)', () => {
    const forbidden = /\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setAttribute\('style'/;
    for (const m of modules) {
      const source = readFileSync(join(ASSETS, m), 'utf8');
      assert.doesNotMatch(source, forbidden, m);
    }
  });
});

describe('the HTML pages', () => {
  const html = (page) => readFileSync(join(STATIC, page), 'utf8');
  const scripts = (page) => [...html(page).matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];

  it('load their code as modules from /assets, with no inline script', () => {
    for (const [page, entry] of [['index.html', 'app.js'], ['login.html', 'login.js']]) {
      const tags = scripts(page);
      assert.equal(tags.length, 1, page);
      assert.match(tags[0][1], new RegExp('type="module" src="/assets/' + entry + '"'), page);
      assert.equal(tags[0][2].trim(), '', page);
      assert.doesNotMatch(html(page), /\son[a-z]+="/, page + ' has an inline event handler');
    }
  });

  it('index.html preloads exactly what app.js imports', () => {
    const preloaded = [...html('index.html').matchAll(/<link rel="modulepreload" href="\/assets\/([^"]+)">/g)]
      .map((m) => m[1]);
    assert.deepEqual([...preloaded].sort(), staticClosure('app.js').slice(1).sort());
    assert.equal(preloaded.length, new Set(preloaded).size, 'no module twice');
    for (const m of preloaded) assert.ok(existsSync(join(ASSETS, m)), m);
  });
});
