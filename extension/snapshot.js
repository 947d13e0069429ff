// procguard page snapshot: a generic, site-agnostic copy of what the page SHOWS.
// It holds no reading logic: the Rust readers find fields by label in this tree, in the
// content script (wasm) or in the service worker (when the page's CSP blocks wasm).
// Hidden things (display:none, visibility:hidden, [hidden], aria-hidden, <template>, closed
// dialogs, the content of a closed <details>) are left out, and form controls give their
// current DOM value, not their HTML attribute.
'use strict';
(() => {
  // <br> is kept: it breaks a line of text ("Visio Plan 2<br>Microsoft" is two words apart,
  // and a cell's first line is its product).
  const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'HEAD', 'LINK', 'META', 'HR', 'PATH']);
  const HOST_ATTR = 'data-procguard-host';
  // Google's icon fonts, whose elements hold the icon's name as text (Angular Material's and
  // MUI's `Icon` draw with them).
  const ICON_FONT = /(^|\s)material-(icons|symbols)/;
  // Soft hyphen, zero-width space, word joiner, byte order mark, and the left-to-right,
  // right-to-left and Arabic letter marks that date and number formatting put around what
  // it writes ("\u200e11/21/2026\u200e"). The embeddings and overrides (U+202A-U+202E) stay:
  // they change what is shown.
  const INVISIBLE = /[\u00ad\u061c\u200b\u200e\u200f\u2060\ufeff]/g;
  // Attributes a label-driven reader may need; style and event handlers are never copied.
  const KEEP_ATTR = /^(id|class|role|name|type|for|href|title|alt|placeholder|scope|headers|colspan|rowspan|contenteditable|disabled|readonly|tabindex|aria-.*|data-.*|value|datetime|open|selected|checked)$/;

  function hiddenByAttributes(el) {
    if (el.hidden || el.getAttribute('aria-hidden') === 'true') return true;
    if (el.tagName === 'DIALOG' && !el.open) return true;
    return false;
  }

  // checkVisibility() answers from the layout the page already has (as cheap as
  // offsetParent, measured over a 200-line cart): false for an element without a box
  // (display:none, the content of a closed <details>) and, asked so, for visibility:hidden
  // or collapse. A `display: contents` element has no box of its own but shows its children
  // (a <slot>, a wrapper): they are judged each. Where it is missing (older Firefox), an
  // element with an offsetParent has a box, and only the others pay for getComputedStyle,
  // which over every element of a large cart costs tens of milliseconds.
  function hiddenByStyle(el, view) {
    if (el.checkVisibility) {
      return !el.checkVisibility({ visibilityProperty: true })
        && view.getComputedStyle(el).display !== 'contents';
    }
    if (el.offsetParent) return false;
    const style = view.getComputedStyle(el);
    return style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse';
  }

  // Emotion's `css-<hash>` classes change on every build, and MUI's component classes
  // (`MuiTableCell-root`) only style: no reader uses them, and together they are most of a
  // large cart's snapshot. MUI's state classes (`Mui-checked`, `Mui-selected`) are kept.
  const HASHED_CLASS = /(^|\s)(css-[a-z0-9]+|Mui[A-Z]\w*-[\w-]+)(?=\s|$)/g;

  const NAMING = new Set(['aria-label', 'title', 'placeholder', 'alt']);
  const CASELESS = new Set(['type', 'role', 'contenteditable', 'scope', 'aria-checked', 'aria-pressed', 'aria-selected', 'aria-expanded', 'aria-haspopup', 'aria-modal', 'aria-level']);

  function attributesOf(el) {
    // getAttributeNames() + getAttribute() avoids creating an Attr object per attribute.
    let out = null;
    for (const name of el.getAttributeNames()) {
      if (name === 'value' || name === 'style' || !KEEP_ATTR.test(name)) continue;
      const value = el.getAttribute(name);
      // Keywords the browser reads in any case (type="Checkbox", role="Button",
      // contenteditable="TRUE") are given lowercased, so readers compare them once.
      // A name or hint has no invisible characters, as a text has none (below).
      (out ||= {})[name] = name === 'class' ? value.replace(HASHED_CLASS, '').trim()
        : CASELESS.has(name) ? value.toLowerCase()
          : NAMING.has(name) ? value.replace(INVISIBLE, '') : value;
    }
    return out;
  }

  /**
   * A form control's current state as the snapshot carries it: `v` the value (a select's
   * selected option texts), `sv` a select's value, `k` a checkbox's or radio's checked state.
   * The content script sends the same fields as a patch when only values changed.
   */
  function controlState(el) {
    const tag = el.tagName;
    if (tag === 'INPUT') {
      const type = (el.getAttribute('type') || '').toLowerCase();
      if (type === 'checkbox' || type === 'radio') return { k: el.checked };
      if (type === 'hidden' || type === 'password') return {};
      return { v: el.value };
    }
    if (tag === 'TEXTAREA') return { v: el.value };
    // A drop-down shows its options' text, cleaned as page text is (below): an option's
    // `label` attribute when it has one (`<option label="Monthly" value="P1M">`), as the
    // browser draws it, else its text (`label` gives either).
    if (tag === 'SELECT') return { v: Array.from(el.selectedOptions).map((o) => o.label.replace(INVISIBLE, '')).join(', '), sv: el.value };
    return {};
  }

  /**
   * Flattens what `doc` shows into `nodes` (pre-order; `p` is the parent's position in `nodes`).
   * Element nodes carry `i`, their index in `elements`, so a finding can be drawn next to it.
   * Flat rather than nested so that no deep page can overflow a recursive parser.
   */
  function take(doc, nodes, elements, parent, shadowRoots, bare) {
    const view = doc.defaultView;
    const start = doc.body || doc.documentElement;
    const stack = [[start, parent]];
    while (stack.length) {
      const [el, p] = stack.pop();
      if (typeof el === 'string') { nodes.push({ p, x: el }); continue; }
      if (SKIP_TAGS.has(el.tagName) || el.hasAttribute(HOST_ATTR)) continue;
      if (hiddenByAttributes(el) || hiddenByStyle(el, view)) continue;
      const node = { p, t: el.tagName.toLowerCase(), i: elements.length };
      const me = nodes.length;
      nodes.push(node);
      elements.push(el);
      const a = attributesOf(el);
      if (a) node.a = a;
      const tag = el.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
        Object.assign(node, controlState(el));
        continue;
      }
      if (tag === 'svg') continue; // icons: only their aria-label matters
      // An icon font's ligature ("info", "arrow_forward") shows an icon, not its word: left
      // as text it glued onto labels ("Seat Adjustmentinfo") and values.
      if ((tag === 'I' || tag === 'SPAN') && ICON_FONT.test(el.className)) continue;
      if (tag === 'IFRAME' || tag === 'FRAME') {
        let inner = null;
        try { inner = el.contentDocument; } catch (_) { inner = null; } // cross-origin: not ours to read
        if (inner && (inner.body || inner.documentElement)) take(inner, nodes, elements, me, shadowRoots, bare);
        continue;
      }
      // The children the page shows: an open shadow root's in place of the host's own (a web
      // component), and at a <slot> the nodes assigned to it (else its fallback content).
      // Closed shadow roots are out of reach, procguard's own among them.
      let shown = el.childNodes;
      // A custom element whose component has not drawn yet: it may attach its shadow root
      // later, which no mutation observer sees (`bare`, checked by the content script).
      if (!el.shadowRoot && tag.includes('-')) bare.push(el);
      if (el.shadowRoot) {
        shadowRoots.push(el.shadowRoot);
        shown = el.shadowRoot.childNodes;
      } else if (tag === 'SLOT') {
        const assigned = el.assignedNodes({ flatten: true });
        if (assigned.length) shown = assigned;
      }
      // Children are pushed in reverse so they pop in document order.
      const kids = [];
      for (const child of shown) {
        if (child.nodeType === 3) {
          // Invisible characters inside words (`INVISIBLE`) are not part of what they show:
          // "Classi&shy;fication".
          const data = child.data.replace(INVISIBLE, '');
          if (data) kids.push(/\S/.test(data) ? data : ' ');
        } else if (child.nodeType === 1) kids.push(child);
      }
      for (let k = kids.length - 1; k >= 0; k--) stack.push([kids[k], me]);
    }
  }

  /**
   * The page as shown, with its elements (by `i`), the open shadow roots it went into and the
   * custom elements shown without one (`bare`).
   */
  function snapshot(doc) {
    const nodes = [];
    const elements = [];
    const shadowRoots = [];
    const bare = [];
    take(doc, nodes, elements, -1, shadowRoots, bare);
    return { url: String(doc.location.href), title: doc.title || '', nodes, elements, shadowRoots, bare };
  }

  // The wire format the core reads (crates/core/src/wire.rs): tokens each ended by U+001F, a
  // token's first character its kind. A text is escaped only if it holds U+001B-U+001F
  // (U+001B then the character plus 0x40), so nothing is lost. Not JSON: the content script's
  // core then carries no JSON reader (issue 8).
  const RESERVED = /[\x1b-\x1f]/;
  const RESERVED_ALL = /[\x1b-\x1f]/g;
  const escape = (c) => '\x1b' + String.fromCharCode(c.charCodeAt(0) + 64);
  const token = (kind, text) => kind + (RESERVED.test(text) ? text.replace(RESERVED_ALL, escape) : text) + '\x1f';

  /** A node's or patch's control state as tokens (`controlState`'s fields). */
  function stateTokens(state) {
    let out = '';
    if (state.v !== undefined) out += token('v', state.v);
    if (state.sv !== undefined) out += token('s', state.sv);
    if (state.k !== undefined) out += state.k ? 'k1\x1f' : 'k0\x1f';
    return out;
  }

  /**
   * A snapshot as the core reads it: `u` the address, `n` the title, then each node: `p` its
   * parent first, `t` tag, `i` element index, `a` and `=` each attribute's name and value,
   * its control state, `x` text.
   */
  function wire(snap) {
    let out = token('u', snap.url) + token('n', snap.title);
    for (const node of snap.nodes) {
      out += 'p' + node.p + '\x1f';
      if (node.x !== undefined) { out += token('x', node.x); continue; }
      out += token('t', node.t) + 'i' + node.i + '\x1f';
      for (const name in node.a) out += token('a', name) + token('=', node.a[name]);
      out += stateTokens(node);
    }
    return out;
  }

  /** Patches (`{i, ...controlState}`) as the core reads them: each `i` first, then its state. */
  const wirePatches = (patches) => patches.map((patch) => 'i' + patch.i + '\x1f' + stateTokens(patch)).join('');

  globalThis.procguardSnapshot = { snapshot, controlState, wire, wirePatches, HOST_ATTR };
})();
