// Building DOM without innerHTML: h('p', { class: 'x', text: 'y' }, child, ...). Text always goes in as text
// nodes, so nothing a log line or an API answer contains can run (and the CSP forbids inline script anyway).

/**
 * An element. attrs: class, text (textContent), dataset (object), on<event> (listener), true (boolean
 * attribute), null/false (left out), anything else as an attribute. Children: nodes, strings, numbers,
 * arrays of them (flattened), null/false (skipped).
 */
export function h(tag, attrs, ...children) {
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

/**
 * Replaces el's children as h() adds them: null/false skipped. (The DOM's own replaceChildren turns a null into
 * the text "null".)
 */
export function replaceAll(el, ...children) {
  el.replaceChildren();
  appendAll(el, children);
  return el;
}

export function appendAll(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element: svg('rect', { x: 1, y: 2 }, ...children). */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) el.setAttribute(key, String(value));
  el.append(...children);
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);
