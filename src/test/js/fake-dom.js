// A DOM just big enough for the panel's ui/dom.js and ui/purpose-dialog.js in Node: elements and text nodes
// with children, attributes, events and the <dialog> calls. (Not a test file: Node's runner picks *.test.js.)
// Its replaceChildren behaves like the browser's: a null becomes the text "null".

class FakeNode extends EventTarget {
  constructor() {
    super();
    this.parentNode = null;
  }

  remove() {
    if (!this.parentNode) return;
    const siblings = this.parentNode.childNodes;
    siblings.splice(siblings.indexOf(this), 1);
    this.parentNode = null;
  }
}

class FakeText extends FakeNode {
  constructor(text) {
    super();
    this.nodeType = 3;
    this.textContent = String(text);
  }
}

class FakeElement extends FakeNode {
  constructor(tag) {
    super();
    this.nodeType = 1;
    this.tagName = tag.toUpperCase();
    this.childNodes = [];
    this.attributes = {};
    this.dataset = {};
    this.className = '';
    this.value = '';
    this.open = false;
  }

  get textContent() {
    return this.childNodes.map((n) => n.textContent).join('');
  }

  set textContent(text) {
    this.replaceChildren(String(text));
  }

  get id() {
    return this.attributes.id || '';
  }

  setAttribute(name, value) {
    this.attributes[name] = String(value);
  }

  getAttribute(name) {
    return name in this.attributes ? this.attributes[name] : null;
  }

  append(...nodes) {
    for (const node of nodes) {
      const child = node instanceof FakeNode ? node : new FakeText(node); // as the DOM does: null -> "null"
      child.remove();
      child.parentNode = this;
      this.childNodes.push(child);
    }
  }

  replaceChildren(...nodes) {
    for (const child of [...this.childNodes]) child.remove();
    this.append(...nodes);
  }

  *descendants() {
    for (const child of this.childNodes) {
      yield child;
      if (child instanceof FakeElement) yield* child.descendants();
    }
  }

  showModal() {
    this.open = true;
  }

  close() {
    this.open = false;
  }

  focus() {}

  select() {}
}

/** Installs document, Node and sessionStorage as globals; returns the document. */
export function installFakeDom() {
  const body = new FakeElement('body');
  const storage = new Map();
  const document = {
    body,
    createElement: (tag) => new FakeElement(tag),
    createElementNS: (ns, tag) => new FakeElement(tag),
    createTextNode: (text) => new FakeText(text),
    getElementById: (id) => [...body.descendants()].find((n) => n.id === id) || null,
    querySelectorAll: (tag) => [...body.descendants()].filter((n) => n.tagName === tag.toUpperCase()),
  };
  globalThis.document = document;
  globalThis.Node = FakeNode;
  globalThis.sessionStorage = {
    getItem: (key) => (storage.has(key) ? storage.get(key) : null),
    setItem: (key, value) => storage.set(key, String(value)),
  };
  return document;
}
