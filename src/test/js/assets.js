// Where the panel's modules are, for the tests. (Not a test file: Node's runner picks *.test.js.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const STATIC = resolve(dirname(fileURLToPath(import.meta.url)), '../../main/resources/static');
export const ASSETS = join(STATIC, 'assets');

/** A module of the panel, imported by its path under assets/ ('lib/router.js'). */
export function load(path) {
  return import(join(ASSETS, path));
}

/** Every .js file under assets/, as paths relative to it. */
export function allModules(dir = ASSETS) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return allModules(full);
    return name.endsWith('.js') ? [relative(ASSETS, full)] : [];
  }).sort();
}

const STATIC_IMPORT = /^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'|^\s*import\s+'([^']+)'/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*'([^']+)'\s*\)/g;

function specifiers(source, pattern) {
  return [...source.matchAll(pattern)].map((m) => m[1] || m[2]);
}

function resolveFrom(module, specifier) {
  return relative(ASSETS, resolve(dirname(join(ASSETS, module)), specifier));
}

/** The modules `module` imports statically ({ static }) and with import() ({ dynamic }), resolved. */
export function importsOf(module) {
  const source = readFileSync(join(ASSETS, module), 'utf8')
    .replace(/^\s*\/\*[\s\S]*?\*\//gm, '') // comments that start a line: they may show an example import
    .replace(/^\s*\/\/.*$/gm, '');
  return {
    static: specifiers(source, STATIC_IMPORT).map((s) => resolveFrom(module, s)),
    dynamic: specifiers(source, DYNAMIC_IMPORT).map((s) => resolveFrom(module, s)),
  };
}

/** `roots` and everything they import statically, in first-seen order. */
export function staticClosure(...roots) {
  const seen = [];
  const visit = (m) => {
    if (seen.includes(m)) return;
    seen.push(m);
    importsOf(m).static.forEach(visit);
  };
  roots.forEach(visit);
  return seen;
}
