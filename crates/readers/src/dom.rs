//! The page snapshot the extension sends (see `extension/snapshot.js`): what the page shows,
//! flattened in document order. Hidden elements are already left out; form controls carry
//! their current value. This module only answers structural questions about it.

use procguard_core::json::{self, Reader};
use procguard_core::normalize::{find_text, is_word_char};
use procguard_core::wire::{self, push_token, Token, Tokens};

/// A node of the snapshot tree: an element or a run of text. `is_control` and `role` are
/// worked out from the tag and attributes once, when the snapshot is read.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Tag name for elements, empty for text.
    pub tag: String,
    /// Element index on the page (anchor for the overlay); `u32::MAX` for text.
    pub element: u32,
    pub attrs: Vec<(String, String)>,
    pub value: Option<String>,
    /// A select's value (the snapshot's `sv`); readers go by the option text in `value`.
    pub select_value: Option<String>,
    pub checked: Option<bool>,
    pub text: Option<String>,
    /// Length in bytes of all text below the node, before collapsing, not counting text
    /// nodes that are only whitespace: lets label searches skip large containers without
    /// building their text, and `raw_len > 0` says the node shows something (pretty-printed
    /// markup puts a whitespace node in many an empty cell).
    pub raw_len: usize,
    /// `is_control`, worked out once: readers ask it of most nodes, several times a read.
    control: bool,
    /// Where `role` is in `attrs`: tables, cells and controls are found by role, so readers
    /// ask every node for it.
    role_at: Option<u32>,
}

impl Node {
    pub fn is_text(&self) -> bool {
        self.text.is_some()
    }
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    /// Whether the control is disabled: natively, or as an ARIA one. Not inlined: its two
    /// attribute lookups are code of their own at every caller (issue 8).
    #[inline(never)]
    pub fn is_disabled(&self) -> bool {
        self.attr("disabled").is_some() || self.attr("aria-disabled") == Some("true")
    }
    /// Whether a checkbox or radio button is ticked: natively, or as an ARIA one.
    pub fn is_ticked(&self) -> bool {
        self.checked == Some(true) || self.attr("aria-checked") == Some("true")
    }
    /// Whether the class list names `class`, in any case (a vendor's build that changes a
    /// class's case changes nothing it means).
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class").is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|c| c.eq_ignore_ascii_case(class))
        })
    }
    pub fn role(&self) -> Option<&str> {
        self.role_at
            .and_then(|at| self.attrs.get(at as usize))
            .map(|(_, role)| role.as_str())
    }
}

/// A snapshot error: the JSON the content script sent is not a snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotError(pub String);

impl procguard_core::fill::Put for SnapshotError {
    fn put(&self, out: &mut String) {
        procguard_core::put!(out; "page snapshot is not readable: {}", self.0);
    }
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&procguard_core::fill!("{}", self))
    }
}

/// The iterator of [`Dom::ancestors`] and [`Dom::ancestors_up_to`].
pub struct Ancestors<'a> {
    nodes: &'a [Node],
    next: Option<usize>,
    left: usize,
}

impl Iterator for Ancestors<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.left == 0 {
            return None;
        }
        let at = self.next?;
        self.left -= 1;
        self.next = self.nodes[at].parent;
        Some(at)
    }
}

/// The snapshot as a tree with parent and child links.
///
/// Equality compares the caches too (built or not), so a test can prove that a patched Dom
/// is the Dom a fresh snapshot gives, caches included.
#[derive(Debug, Clone, PartialEq)]
pub struct Dom {
    pub url: String,
    pub title: String,
    pub nodes: Vec<Node>,
    /// Normalised text (see `labels::normalise_label`) of every node short enough to be a
    /// label or a short value, built once on first use: label searches compare against it
    /// instead of rebuilding each candidate's text.
    short_texts: std::cell::OnceCell<Vec<Option<String>>>,
    /// Positions of the elements in `nodes`, ordered by element index (`i`), built on the
    /// first patch: finds the node a patch names by binary search.
    by_element: std::cell::OnceCell<Vec<usize>>,
    /// The elements that have a non-empty short text, ordered by that text (then position):
    /// a label search finds the elements with a given text, or starting with one, by binary
    /// search instead of comparing every node of the page (6,000 on a 200-line cart, a dozen
    /// searches a read). Text nodes and empty texts (half the nodes) are left out: no label
    /// is one.
    by_short_text: std::cell::OnceCell<Vec<usize>>,
    /// The controls that name themselves (`aria-label`, else `placeholder`, else `title`),
    /// in document order, by that name normalised as a label and by each beginning of it
    /// before a " for " ("quantity" for "quantity for visio plan 2"): for forms that show no
    /// label beside a field. A 200-line cart names 400 controls and a read looks a dozen
    /// names up. Attributes never change in a kept Dom (patches set values only).
    named_controls: std::cell::OnceCell<procguard_core::fasthash::Groups<usize>>,
    /// The tables read in a scope (see `table::tables`), by scope. What makes a table, its
    /// headers and its rows and cells does not depend on control values, so a patched Dom
    /// keeps them: a re-read after an edit does not find the cart's 200 rows again.
    pub(crate) tables: std::cell::RefCell<Vec<(usize, std::rc::Rc<[crate::table::Table]>)>>,
    /// The cart rows read, by row node (see `pax8::lines`): a re-read after an edit reads
    /// again only the rows whose cells hold a control patched since (`apply_patches`).
    pub(crate) rows: RowMemo,
}

/// Cart rows as read, by row node. What a row reads to is its structure and text, which
/// never change in a kept Dom, and the state of the controls inside the cells it read
/// (`RowRead::reads`), which only `apply_patches` changes: it drops the rows it touches.
/// Not part of what the page is, so two Doms compare equal whatever rows they read.
/// Kept in row order (a read goes down the rows), and found by binary search.
// Only the Pax8 reader reads rows (a build without it keeps the empty memo).
#[derive(Debug, Clone, Default)]
pub(crate) struct RowMemo(pub std::cell::RefCell<Vec<RowRead>>);

#[cfg_attr(not(feature = "pax8"), allow(dead_code))]
impl RowMemo {
    /// The row at `node` as last read, if not patched since.
    pub fn get(&self, node: usize) -> Option<std::cell::Ref<'_, RowRead>> {
        std::cell::Ref::filter_map(self.0.borrow(), |rows| {
            rows.binary_search_by_key(&node, |row| row.node)
                .ok()
                .map(|at| &rows[at])
        })
        .ok()
    }

    pub fn insert(&self, row: RowRead) {
        let mut rows = self.0.borrow_mut();
        match rows.binary_search_by_key(&row.node, |kept| kept.node) {
            Ok(at) => rows[at] = row,
            Err(at) => rows.insert(at, row),
        }
    }
}

impl PartialEq for RowMemo {
    fn eq(&self, _: &RowMemo) -> bool {
        true
    }
}

/// One cart row as read: its line's index and line, the fields it found unreadable (in the
/// order it reported them), and the node ranges whose control state it read.
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "pax8"), allow(dead_code))]
pub(crate) struct RowRead {
    /// The row's node.
    pub node: usize,
    pub index: usize,
    pub line: procguard_core::model::CartLine,
    pub unreadable: Vec<String>,
    pub reads: Vec<(usize, usize)>,
}

/// A form control's new state, sent by the content script after an edit instead of a whole
/// new snapshot: `{"i": element index, "v"?: value, "sv"?: select value, "k"?: checked}`,
/// the same keys and meanings as the snapshot's nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct ValuePatch {
    pub i: u32,
    pub v: Option<String>,
    pub sv: Option<String>,
    pub k: Option<bool>,
}

/// Why patches could not be applied; the Dom is then left as it was.
#[derive(Debug, Clone, PartialEq)]
pub enum PatchError {
    /// The text is not a JSON array of patches.
    Malformed(String),
    /// No element of the snapshot has this index, or it is not a control that has the
    /// patched state (`v` on a text-like input, a textarea or a select, `sv` on a select,
    /// `k` on a checkbox or radio): the page has changed in a way a patch cannot say.
    NotPatchable(u32),
}

impl procguard_core::fill::Put for PatchError {
    fn put(&self, out: &mut String) {
        match self {
            PatchError::Malformed(e) => procguard_core::put!(out; "patch is not readable: {}", e),
            PatchError::NotPatchable(i) => {
                procguard_core::put!(out; "element {} is not a control of the kept snapshot", i)
            }
        }
    }
}

impl std::fmt::Display for PatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&procguard_core::fill!("{}", self))
    }
}

/// Nodes with more text than this are containers, never labels.
pub const SHORT_TEXT_MAX: usize = 300;

/// Tags whose boundaries do not separate words (textContent semantics); every other element
/// boundary counts as a space, as the page shows it.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "samp",
    "small", "span", "strong", "sub", "sup", "time", "u", "var", "font",
    // A line-break opportunity ("jane@<wbr>acmedental.com") is no break in the words.
    "wbr",
    // A web component's <slot> (snapshot.js puts the nodes assigned to it inside it) is
    // `display: contents`: it adds no break of its own.
    "slot",
];

/// Whether the element's boundaries run on in the text around it (a word emphasised, a link
/// in a sentence) rather than starting a line of its own.
pub fn is_inline(node: &Node) -> bool {
    INLINE_TAGS.contains(&node.tag.as_str())
}

/// A heading, by tag or by role (a design system's `<div role="heading">`).
pub fn is_heading(node: &Node) -> bool {
    matches!(node.tag.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
        || node.role() == Some("heading")
}

/// A node with nothing but its parent; its fields follow in the snapshot.
fn blank(parent: Option<usize>) -> Node {
    Node {
        parent,
        children: Vec::new(),
        tag: String::new(),
        element: u32::MAX,
        attrs: Vec::new(),
        value: None,
        select_value: None,
        checked: None,
        text: None,
        raw_len: 0,
        control: false,
        role_at: None,
    }
}

/// What is worked out from a node's fields once they are all read.
fn settle(node: &mut Node) {
    node.raw_len = node
        .text
        .as_ref()
        .filter(|t| !t.as_bytes().trim_ascii().is_empty())
        .map_or(0, String::len);
    node.role_at = node
        .attrs
        .iter()
        .position(|(k, _)| k == "role")
        .map(|at| at as u32);
    node.control = control_by_markup(node);
}

/// `1` or `0`, as the wire writes a checked state.
fn checked(token: &Token) -> wire::Result<bool> {
    match &*token.text() {
        "1" => Ok(true),
        "0" => Ok(false),
        _ => Err(token.error("expected `1` or `0`")),
    }
}

/// An element's index, a whole number within `u32`.
fn element_index(token: &Token) -> wire::Result<u32> {
    u32::try_from(token.number()?).map_err(|_| token.error("an element index out of range"))
}

impl Dom {
    /// Reads a snapshot in the wire format (`procguard_core::wire`), as `extension/snapshot.js`
    /// writes it: `u` the page's address and `n` its title, then each node in document order
    /// (each after its parent): `p` its parent's position (-1 for the root) first, then `t`
    /// the tag (elements), `i` the element's index on the page (anchors the overlay), each
    /// attribute as `a` its name and `=` its value, `v` a control's value (a select's option
    /// text), `s` a select's value, `k` checked (`1` or `0`), `x` text (text nodes). Read
    /// straight from the text: a 200-line cart is 6,000 nodes, and this is the first thing
    /// every read of a page does.
    pub fn from_wire(text: &str) -> Result<Dom, SnapshotError> {
        Dom::read_wire(text).map_err(|e| SnapshotError(procguard_core::fill!("{}", e)))
    }

    /// A snapshot written as JSON: `{"url", "title", "nodes": [{"p", "t", "i", "a": {name:
    /// value}, "v", "sv", "k", "x"}]}`, the wire's fields by name. How the native tests, the
    /// fuzz target and the tools write a snapshot by hand; the extension sends the wire text.
    pub fn from_json(text: &str) -> Result<Dom, SnapshotError> {
        Dom::from_wire(&wire_of_json(text)?)
    }

    // The readers below return the wire reader's error as it is, converted once by their
    // callers: a conversion at each `?` was its own copy of the error's move (issue 8).
    fn read_wire(text: &str) -> wire::Result<Dom> {
        let mut tokens = Tokens::new(text);
        let mut url = String::new();
        let mut title = String::new();
        let mut nodes: Vec<Node> = Vec::new();
        // An attribute's name was read and its value (`=`) must come next.
        let mut named = false;
        while let Some(token) = tokens.next()? {
            if named != (token.kind == b'=') {
                return Err(token.error("an attribute's name and value apart"));
            }
            let index = nodes.len();
            if token.kind == b'p' {
                let p = token.number()?;
                let parent = if p < 0 {
                    None
                } else if (p as u64) < index as u64 {
                    Some(p as usize)
                } else {
                    let why = procguard_core::fill!(
                        "node {} names parent {}, which does not precede it",
                        index,
                        p
                    );
                    return Err(token.error(&why));
                };
                if let Some(last) = nodes.last_mut() {
                    settle(last);
                }
                if let Some(p) = parent {
                    nodes[p].children.push(index);
                }
                nodes.push(blank(parent));
                continue;
            }
            let Some(node) = nodes.last_mut() else {
                match token.kind {
                    b'u' => url = token.string(),
                    b'n' => title = token.string(),
                    _ => return Err(token.error("a field before the first node's `p`")),
                }
                continue;
            };
            match token.kind {
                b't' => node.tag = token.string(),
                b'i' => node.element = element_index(&token)?,
                b'a' => {
                    node.attrs.push((token.string(), String::new()));
                    named = true;
                }
                b'=' => {
                    if let Some((_, value)) = node.attrs.last_mut() {
                        *value = token.string();
                    }
                    named = false;
                }
                b'v' => node.value = Some(token.string()),
                b's' => node.select_value = Some(token.string()),
                b'k' => node.checked = Some(checked(&token)?),
                b'x' => node.text = Some(token.string()),
                _ => return Err(token.error("a field a snapshot node does not have")),
            }
        }
        if named {
            return Err(tokens.error("an attribute's name and value apart"));
        }
        if let Some(last) = nodes.last_mut() {
            settle(last);
        }
        // Pre-order puts every child after its parent, so one reverse pass sums the lengths.
        for index in (0..nodes.len()).rev() {
            if let Some(p) = nodes[index].parent {
                nodes[p].raw_len += nodes[index].raw_len;
            }
        }
        Ok(Dom {
            url,
            title,
            nodes,
            short_texts: std::cell::OnceCell::new(),
            by_element: std::cell::OnceCell::new(),
            by_short_text: std::cell::OnceCell::new(),
            named_controls: std::cell::OnceCell::new(),
            tables: Default::default(),
            rows: Default::default(),
        })
    }

    /// Reads a patch list in the wire format: each patch `i` its element's index first, then
    /// any of `v`, `s` and `k`, as a snapshot's node carries them.
    pub fn parse_patches(text: &str) -> Result<Vec<ValuePatch>, PatchError> {
        Dom::read_patches(text).map_err(|e| PatchError::Malformed(procguard_core::fill!("{}", e)))
    }

    fn read_patches(text: &str) -> wire::Result<Vec<ValuePatch>> {
        let mut tokens = Tokens::new(text);
        let mut patches: Vec<ValuePatch> = Vec::new();
        while let Some(token) = tokens.next()? {
            if token.kind == b'i' {
                patches.push(ValuePatch {
                    i: element_index(&token)?,
                    v: None,
                    sv: None,
                    k: None,
                });
                continue;
            }
            let Some(patch) = patches.last_mut() else {
                return Err(token.error("a patch starts with its element's `i`"));
            };
            match token.kind {
                b'v' => patch.v = Some(token.string()),
                b's' => patch.sv = Some(token.string()),
                b'k' => patch.k = Some(checked(&token)?),
                _ => return Err(token.error("a field a patch does not have")),
            }
        }
        Ok(patches)
    }

    /// The node of the element with index `element` (the snapshot's `i`).
    pub fn node_of_element(&self, element: u32) -> Option<usize> {
        let by_element = self.by_element.get_or_init(|| {
            let mut ids: Vec<usize> = Vec::new();
            for id in self.elements() {
                ids.push(id);
            }
            // The snapshot numbers elements in document order, so this is already sorted;
            // sorting keeps a hand-made snapshot searchable too.
            ids.sort_unstable_by_key(|&id| self.nodes[id].element);
            ids
        });
        let at = by_element
            .binary_search_by_key(&element, |&id| self.nodes[id].element)
            .ok()?;
        Some(by_element[at])
    }

    /// Sets the values, select values and checked states the patches carry, as a new
    /// snapshot would show them. All or nothing: if one patch names no control of the right
    /// kind, nothing changes.
    ///
    /// No other cache needs updating than the cart rows read (the rows that read a patched
    /// control are dropped): `raw_len` and the short texts are built from text nodes only,
    /// and a control's state is never part of any node's text (`push_text` and
    /// `build_short_texts` skip it), so they are the same as a fresh snapshot's.
    pub fn apply_patches(&mut self, patches: &[ValuePatch]) -> Result<(), PatchError> {
        let mut targets = Vec::with_capacity(patches.len());
        for patch in patches {
            // Only the state a snapshot gives the control (extension/snapshot.js): a value to
            // a text-like input, a textarea or a select, a select value to a select, a
            // checked state to a checkbox or radio. Anything else would make the patched Dom
            // differ from a new snapshot of the page.
            let fits = self.node_of_element(patch.i).filter(|&id| {
                let node = &self.nodes[id];
                let input_type = (node.tag == "input")
                    .then(|| node.attr("type").unwrap_or_default().to_ascii_lowercase());
                let choice = matches!(input_type.as_deref(), Some("checkbox" | "radio"));
                let valued = match input_type.as_deref() {
                    Some(kind) => !matches!(kind, "checkbox" | "radio" | "hidden" | "password"),
                    None => matches!(node.tag.as_str(), "textarea" | "select"),
                };
                (patch.v.is_none() || valued)
                    && (patch.sv.is_none() || node.tag == "select")
                    && (patch.k.is_none() || choice)
            });
            targets.push(fits.ok_or(PatchError::NotPatchable(patch.i))?);
        }
        self.rows.0.get_mut().retain(|row| {
            !row.reads
                .iter()
                .any(|&(from, to)| targets.iter().any(|&id| (from..=to).contains(&id)))
        });
        for (patch, id) in patches.iter().zip(targets) {
            let node = &mut self.nodes[id];
            if let Some(value) = &patch.v {
                node.value = Some(value.clone());
            }
            if let Some(value) = &patch.sv {
                node.select_value = Some(value.clone());
            }
            if let Some(checked) = patch.k {
                node.checked = Some(checked);
            }
        }
        Ok(())
    }

    /// Builds the caches that are otherwise built on first use (for tests comparing Doms; the
    /// readers ask for tables in the page's roots only).
    pub fn build_caches(&self) {
        self.short_text_index();
        self.node_of_element(0);
        self.named_controls();
        for root in self.roots() {
            crate::table::tables(self, root);
        }
    }

    /// The normalised text of a short node (`None` for containers over `SHORT_TEXT_MAX`).
    pub fn short_text(&self, id: usize) -> Option<&str> {
        self.short_texts.get_or_init(|| self.build_short_texts())[id].as_deref()
    }

    /// The controls inside `scope` whose own name (see `named_controls`) is `name` (already
    /// normalised as a label), or `name` for something ("Term for Visio Plan 2"), in
    /// document order.
    pub fn controls_named(&self, scope: usize, name: &str) -> Vec<usize> {
        let end = self.subtree_end(scope);
        let mut found = Vec::new();
        for &i in self.named_controls().get(name) {
            if (scope..=end).contains(&i) {
                found.push(i);
            }
        }
        found
    }

    /// The `named_controls` cache, built on first use.
    fn named_controls(&self) -> &procguard_core::fasthash::Groups<usize> {
        self.named_controls.get_or_init(|| {
            let mut out = procguard_core::fasthash::Groups::default();
            for (i, node) in self.nodes.iter().enumerate() {
                if !node.control {
                    continue;
                }
                for attr in ["aria-label", "placeholder", "title"] {
                    if let Some(own) = node.attr(attr).filter(|v| !v.trim().is_empty()) {
                        let name = crate::labels::normalise_label(own);
                        // "Quantity", or "Quantity for Visio Plan 2" (a control named for
                        // its line): found by "quantity" too.
                        let mut from = 0;
                        while let Some(at) = find_text(&name[from..], " for ") {
                            out.push(name[..from + at].to_string(), i);
                            from += at + 1;
                        }
                        out.push(name, i);
                        break;
                    }
                }
            }
            out
        })
    }

    /// The elements whose short text is `text` (not empty), in document order.
    pub fn with_short_text(&self, text: &str) -> Vec<usize> {
        self.with_short_text_where(text, &|t| t == text)
    }

    /// The index's run of elements from the first text not below `from` while `matches`
    /// holds, in index order: one loop for both searches (issue 8).
    pub fn with_short_text_where(&self, from: &str, matches: &dyn Fn(&str) -> bool) -> Vec<usize> {
        let (index, texts) = self.short_text_index();
        let start = index.partition_point(|&id| texts[id].as_deref() < Some(from));
        let mut ids = Vec::new();
        for &id in &index[start..] {
            if !texts[id].as_deref().is_some_and(matches) {
                break;
            }
            ids.push(id);
        }
        ids
    }

    /// The elements whose short text starts with `prefix` (and is not empty), in document
    /// order.
    pub fn with_short_text_starting(&self, prefix: &str) -> Vec<usize> {
        // Texts starting with `prefix` sort together, from the first one not below it.
        let mut ids = self.with_short_text_where(prefix, &|t| t.starts_with(prefix));
        ids.sort_unstable();
        ids
    }

    fn short_text_index(&self) -> (&[usize], &[Option<String>]) {
        let texts = self.short_texts.get_or_init(|| self.build_short_texts());
        let index = self.by_short_text.get_or_init(|| {
            let mut ids: Vec<usize> = Vec::new();
            for (id, text) in texts.iter().enumerate() {
                if !self.nodes[id].is_text() && text.as_deref().is_some_and(|t| !t.is_empty()) {
                    ids.push(id);
                }
            }
            // Equal texts in document order.
            ids.sort_unstable_by(|&a, &b| texts[a].cmp(&texts[b]).then(a.cmp(&b)));
            ids
        });
        (index, texts)
    }

    /// One pass from the leaves up: a node's text is its children's, so each short node's
    /// text is built from already-built children, never by walking its subtree again.
    fn build_short_texts(&self) -> Vec<Option<String>> {
        let mut raw: Vec<Option<String>> = vec![None; self.nodes.len()];
        for id in (0..self.nodes.len()).rev() {
            let node = &self.nodes[id];
            if node.raw_len > SHORT_TEXT_MAX {
                continue;
            }
            let mut text = String::new();
            if let Some(own) = &node.text {
                text.push_str(own);
            } else {
                let block = !is_inline(node);
                if block {
                    text.push(' ');
                }
                if !is_control(node) {
                    for &child in &node.children {
                        if let Some(child_text) = &raw[child] {
                            text.push_str(child_text);
                        }
                    }
                }
                if block {
                    text.push(' ');
                }
            }
            raw[id] = Some(text);
        }
        // An input button shows its value as its words ("Place Order" as `<input
        // type="submit">`), and an icon button (no words of its own) its `aria-label`, as a
        // screen reader names them; set after the loop above, so they are not their parent's.
        for (id, node) in self.nodes.iter().enumerate() {
            let wordless = raw[id]
                .as_deref()
                .is_some_and(|t| t.trim_ascii().is_empty());
            if wordless && crate::labels::is_button(self, id) {
                raw[id] = if node.tag == "input" {
                    node.value.clone()
                } else {
                    node.attr("aria-label").map(str::to_string)
                };
            }
        }
        // Normalised in place: a mapped `collect` is its own copy in the wasm (issue 8).
        for text in raw.iter_mut().flatten() {
            *text = crate::labels::normalise_label(text);
        }
        raw
    }

    pub fn node(&self, id: usize) -> &Node {
        &self.nodes[id]
    }

    /// The roots (nodes without a parent): the top document's body, normally one.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(|&i| self.nodes[i].parent.is_none())
    }

    /// Every element in document order.
    pub fn elements(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(|&i| !self.nodes[i].is_text())
    }

    /// The last node of `id`'s subtree (pre-order makes a subtree a contiguous range).
    pub fn subtree_end(&self, id: usize) -> usize {
        let mut end = id;
        while let Some(&last) = self.nodes[end].children.last() {
            end = last;
        }
        end
    }

    /// Elements inside `id` (not `id` itself), in document order.
    pub fn descendants(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.subtree_end(id);
        (id + 1..end + 1).filter(|&i| !self.nodes[i].is_text())
    }

    /// The elements inside `scope` (and `scope` itself when `with_scope`) that match `pred`,
    /// in document order. A `dyn` predicate: one loop in the content script's wasm for the
    /// readers' searches rather than one per caller (issue 8).
    pub fn select(
        &self,
        scope: usize,
        with_scope: bool,
        pred: &dyn Fn(&usize) -> bool,
    ) -> Vec<usize> {
        let mut found = Vec::new();
        for i in self.scope_range(scope, with_scope) {
            if self.in_selection(scope, i) && pred(&i) {
                found.push(i);
            }
        }
        found
    }

    /// The first element `select` would give.
    pub fn select_first(
        &self,
        scope: usize,
        with_scope: bool,
        pred: &dyn Fn(&usize) -> bool,
    ) -> Option<usize> {
        self.scope_range(scope, with_scope)
            .find(|&i| self.in_selection(scope, i) && pred(&i))
    }

    /// The first control (`is_control`) inside `scope`, or `scope` itself when `with_scope`:
    /// one search for the readers' many callers (a closure each was its own function in the
    /// content wasm, issue 8).
    pub fn first_control(&self, scope: usize, with_scope: bool) -> Option<usize> {
        self.scope_range(scope, with_scope)
            .find(|&i| self.in_selection(scope, i) && self.nodes[i].control)
    }

    /// The scope itself, whatever it is, and the elements inside it.
    fn in_selection(&self, scope: usize, i: usize) -> bool {
        i == scope || !self.nodes[i].is_text()
    }

    fn scope_range(&self, scope: usize, with_scope: bool) -> std::ops::Range<usize> {
        scope + usize::from(!with_scope)..self.subtree_end(scope) + 1
    }

    pub fn contains(&self, ancestor: usize, id: usize) -> bool {
        id >= ancestor && id <= self.subtree_end(ancestor)
    }

    /// Those of `ids` that hold none of the others: the deepest of each nest (a label's text
    /// element, not the wrappers whose text is the same), in their order.
    pub fn innermost(&self, ids: &[usize]) -> Vec<usize> {
        // Loops, not an adapter chain: each chain is its own copy in the content wasm.
        let mut out = Vec::new();
        'ids: for &id in ids {
            for &o in ids {
                if o != id && self.contains(id, o) {
                    continue 'ids;
                }
            }
            out.push(id);
        }
        out
    }

    /// The node's parent, its parent's parent, and so on up to the root.
    pub fn ancestors(&self, id: usize) -> Ancestors<'_> {
        self.ancestors_up_to(id, usize::MAX)
    }

    /// The first `levels` of `ancestors`: `ancestors(id).take(levels)` without a `Take` of
    /// its own in the wasm for the readers' every look a few levels up (issue 8).
    pub fn ancestors_up_to(&self, id: usize, levels: usize) -> Ancestors<'_> {
        Ancestors {
            nodes: &self.nodes,
            next: self.nodes[id].parent,
            left: levels,
        }
    }

    /// The element's shown text: descendant text joined, whitespace runs collapsed, trimmed.
    pub fn text(&self, id: usize) -> String {
        let mut out = String::new();
        self.push_text(id, &mut out);
        // Without the icons drawn at either end: "Visio Plan 2 ↗", "📦 Jane Roe", "▸ Email
        // Archiving" name a product, a person and a service as their words do.
        let words = value_words(&out);
        // A name cut short to fit its box ("Microsoft 365 Business…") whose tooltip holds
        // the whole of it: the tooltip's words.
        if let Some(shown) = words
            .strip_suffix("\u{2026}")
            .or_else(|| words.strip_suffix("..."))
        {
            if let Some(full) = self.nodes[id].attr("title") {
                let full = value_words(full);
                // `trim`, not `trim_end` (the words start with no space): one trimmer less in
                // the content wasm (issue 8).
                if full.len() > shown.len() && full.starts_with(shown.trim()) {
                    return full;
                }
            }
        }
        words
    }

    pub(crate) fn push_text(&self, id: usize, out: &mut String) {
        let node = &self.nodes[id];
        if let Some(text) = &node.text {
            out.push_str(text);
            return;
        }
        let block = !is_inline(node);
        if block {
            out.push(' ');
        }
        if is_control(node) {
            // A control's current value is not part of its container's text.
        } else {
            for &child in &node.children {
                self.push_text(child, out);
            }
        }
        if block {
            out.push(' ');
        }
    }

    /// Text directly inside the element (its own text nodes only), collapsed.
    pub fn own_text(&self, id: usize) -> String {
        let mut out = String::new();
        for &child in &self.nodes[id].children {
            if let Some(text) = &self.nodes[child].text {
                out.push_str(text);
            }
        }
        collapse_whitespace(&out)
    }

    /// The element with the given `id` attribute.
    pub fn by_id(&self, html_id: &str) -> Option<usize> {
        self.elements()
            .find(|&i| self.nodes[i].attr("id") == Some(html_id))
    }

    /// The first element (in document order, at or after `from`, inside `scope`) that has
    /// text of its own: the value shown after a label.
    pub fn first_text_leaf(&self, scope: usize, from: usize) -> Option<usize> {
        let end = self.subtree_end(scope);
        (from.max(scope)..end + 1).find(|&i| {
            let n = &self.nodes[i];
            !n.is_text() && !is_control(n) && self.has_own_text(i)
        })
    }

    /// Whether `own_text(id)` is not empty, without building it (asked of every node a
    /// search passes).
    pub fn has_own_text(&self, id: usize) -> bool {
        self.nodes[id].children.iter().any(|&child| {
            self.nodes[child]
                .text
                .as_deref()
                .is_some_and(|t| t.chars().any(|c| !is_blank(c) && !is_pictograph(c)))
        })
    }

    /// The closest ancestor-or-self matching `pred`. A `dyn` predicate: one copy of the walk
    /// in the content script's wasm rather than one per caller (issue 8).
    pub fn closest(&self, id: usize, pred: &dyn Fn(&Node) -> bool) -> Option<usize> {
        let mut at = Some(id);
        while let Some(i) = at {
            if pred(&self.nodes[i]) {
                return Some(i);
            }
            at = self.nodes[i].parent;
        }
        None
    }
}

/// Form controls and ARIA widgets whose value is what they show.
pub fn is_control(node: &Node) -> bool {
    node.control
}

fn opt_string(r: &mut Reader) -> json::Result<Option<String>> {
    if r.null() {
        Ok(None)
    } else {
        r.string().map(|s| Some(s.into_owned()))
    }
}

fn opt_bool(r: &mut Reader) -> json::Result<Option<bool>> {
    if r.null() {
        Ok(None)
    } else {
        r.bool().map(Some)
    }
}

/// The wire text of a snapshot written as JSON (`Dom::from_json`).
pub fn wire_of_json(text: &str) -> Result<String, SnapshotError> {
    json_to_wire(text).map_err(|e| SnapshotError(procguard_core::fill!("{}", e)))
}

fn json_to_wire(text: &str) -> json::Result<String> {
    let mut r = Reader::new(text);
    let mut head = String::new();
    let mut nodes = String::new();
    r.begin_object()?;
    while let Some(key) = r.next_key()? {
        match &*key {
            "url" => push_token(&mut head, 'u', &r.string()?),
            "title" => push_token(&mut head, 'n', &r.string()?),
            "nodes" => {
                r.begin_array()?;
                while r.next_item()? {
                    json_node_to_wire(&mut r, &mut nodes)?;
                }
            }
            _ => r.skip()?,
        }
    }
    r.finish()?;
    head.push_str(&nodes);
    Ok(head)
}

fn json_node_to_wire(r: &mut Reader, out: &mut String) -> json::Result<()> {
    let at = r.offset();
    let mut parent = None;
    let mut fields = String::new();
    r.begin_object()?;
    while let Some(key) = r.next_key()? {
        match &*key {
            "p" => parent = Some(r.i64()?),
            "t" | "x" => {
                if let Some(text) = opt_string(r)? {
                    push_token(&mut fields, key.as_bytes()[0] as char, &text);
                }
            }
            "i" => {
                if !r.null() {
                    push_token(&mut fields, 'i', &procguard_core::fill!("{}", r.u32()?));
                }
            }
            "v" | "sv" | "k" => json_state_to_wire(r, &key, &mut fields)?,
            "a" => {
                if !r.null() {
                    r.begin_object()?;
                    while let Some(name) = r.next_key()? {
                        push_token(&mut fields, 'a', &name);
                        push_token(&mut fields, '=', &r.string()?);
                    }
                }
            }
            _ => r.skip()?,
        }
    }
    let parent = parent.ok_or_else(|| r.error_at(at, "a node has no parent `p`"))?;
    push_token(out, 'p', &procguard_core::fill!("{}", parent));
    out.push_str(&fields);
    Ok(())
}

/// A control's state under its JSON key (`v`, `sv` or `k`, a node's and a patch's alike) as
/// its wire token.
fn json_state_to_wire(r: &mut Reader, key: &str, fields: &mut String) -> json::Result<()> {
    if key == "k" {
        if let Some(k) = opt_bool(r)? {
            push_token(fields, 'k', if k { "1" } else { "0" });
        }
    } else if let Some(text) = opt_string(r)? {
        push_token(fields, key.as_bytes()[0] as char, &text);
    }
    Ok(())
}

/// The wire text of a patch list written as JSON: `[{"i", "v"?, "sv"?, "k"?}]`, no other
/// keys (`Dom::parse_patches`).
pub fn patches_wire_of_json(text: &str) -> Result<String, PatchError> {
    json_patches_to_wire(text).map_err(|e| PatchError::Malformed(procguard_core::fill!("{}", e)))
}

fn json_patches_to_wire(text: &str) -> json::Result<String> {
    let mut r = Reader::new(text);
    let mut out = String::new();
    r.begin_array()?;
    while r.next_item()? {
        let at = r.offset();
        let mut i = None;
        let mut fields = String::new();
        r.begin_object()?;
        while let Some(key) = r.next_key()? {
            match &*key {
                "i" => i = Some(r.u32()?),
                "v" | "sv" | "k" => json_state_to_wire(&mut r, &key, &mut fields)?,
                other => {
                    let message = procguard_core::fill!(
                        "unknown field `{}`, expected `i`, `v`, `sv` or `k`",
                        other
                    );
                    return Err(r.error_at(at, message));
                }
            }
        }
        let i = i.ok_or_else(|| r.error_at(at, "missing field `i`"))?;
        push_token(&mut out, 'i', &procguard_core::fill!("{}", i));
        out.push_str(&fields);
    }
    r.finish()?;
    Ok(out)
}

/// `is_control` from the tag and attributes (which patches never change). A button that
/// opens a listbox is a select showing its choice (MUI 4's Select: `role="button"
/// aria-haspopup="listbox"`, where MUI 5 says `role="combobox"`).
fn control_by_markup(node: &Node) -> bool {
    matches!(node.tag.as_str(), "input" | "select" | "textarea")
        || matches!(
            node.role(),
            Some("combobox" | "textbox" | "listbox" | "spinbutton" | "radiogroup")
        )
        || is_editable(node)
        || node.attr("aria-haspopup") == Some("listbox")
}

/// Whether the element is editable text: `contenteditable` set bare, to "true" or to
/// "plaintext-only" (any case), as a browser reads it; "false" or no attribute is not.
pub fn is_editable(node: &Node) -> bool {
    node.attr("contenteditable").is_some_and(|v| {
        v.is_empty() || v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("plaintext-only")
    })
}

/// Whether `c` is a picture rather than a word: an arrow, a geometric shape, a dingbat, an
/// emoji, an icon font's private-use glyph ("↗", "●", "✔️", "🟢"), or a bullet ("•"): a
/// character that is no word character from the arrows on. Portals draw them beside a value
/// (a status's colour dot, a link's "opens elsewhere" arrow) and they are no part of it.
/// (Through `is_word_char`, not ranges of its own: issue 8.)
fn is_pictograph(c: char) -> bool {
    // (With the bullet, and the selectors that ask for an emoji's style: "✔️" is ✔ and
    // U+FE0F. Not the zero-width joiner: a name's own invisible characters stay as written.)
    (c >= '\u{2190}' && !is_word_char(c)) || matches!(c, '\u{2022}' | '\u{fe0e}' | '\u{fe0f}')
}

/// What `collapse_whitespace` collapses: whitespace (NBSP included) and zero-width spaces.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}'
}

/// Collapses each run of whitespace (including NBSP) to one space and trims.
pub fn collapse_whitespace(text: &str) -> String {
    collapse(text, false)
}

/// A value's words, as `collapse_whitespace` gives them, without the pictures drawn before
/// or after them: "● In Progress" and "🟢 High" are "In Progress" and "High".
pub fn value_words(text: &str) -> String {
    collapse(text, true)
}

/// One loop for both: a second pass over the characters, or `trim_matches` with a closure,
/// is a few hundred bytes more of the content script's wasm (issue 8).
#[inline(never)]
fn collapse(text: &str, without_pictures: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // Where the words end: after the last character that is no picture.
    let mut words_end = 0;
    for c in text.chars() {
        let picture = without_pictures && is_pictograph(c);
        if is_blank(c) || (picture && out.is_empty()) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
            if !picture {
                words_end = out.len();
            }
        }
    }
    out.truncate(words_end);
    out
}

#[cfg(test)]
pub(crate) mod build {
    //! Builds snapshots in tests from a tiny tree description, so readers can be tested
    //! natively on layouts that are not in the fixture set.
    use super::collapse_whitespace;
    use serde_json::{json, Value};

    pub enum T {
        E(&'static str, Vec<(&'static str, &'static str)>, Vec<T>),
        V(
            &'static str,
            Vec<(&'static str, &'static str)>,
            &'static str,
        ),
        /// A checkbox or radio with its checked state (`k`).
        C(Vec<(&'static str, &'static str)>, bool),
        X(&'static str),
    }

    pub fn snapshot(url: &str, root: T) -> String {
        let mut nodes = Vec::new();
        let mut count = 0u32;
        push(&mut nodes, &mut count, -1, &root);
        json!({"url": url, "title": "", "nodes": nodes}).to_string()
    }

    /// The snapshot `extension/snapshot.js` takes of `src`, a page written as HTML (from its
    /// `<body>`, else all of it), so that a test can state a layout as the page would: tags
    /// and quoted attributes, void elements, a select's selected options (else its first), a
    /// textarea's text, checked boxes, `&amp;`-style entities. Elements with `hidden` or
    /// `display:none` and scripts and styles are not shown, as in the browser.
    pub fn html(url: &str, src: &str) -> String {
        let body = src.find("<body").map_or(src, |at| &src[at..]);
        let mut nodes: Vec<Value> = Vec::new();
        let mut count = 0u32;
        // Open elements: (their position in `nodes`, tag); `None` for a hidden subtree.
        let mut open: Vec<(Option<usize>, String)> = Vec::new();
        let mut rest = body;
        let parent = |open: &[(Option<usize>, String)]| {
            open.last().map_or(Some(-1), |(at, _)| at.map(|a| a as i64))
        };
        while !rest.is_empty() {
            if let Some(comment) = rest.strip_prefix("<!--") {
                rest = &comment[comment.find("-->").expect("comment ends") + 3..];
            } else if let Some(close) = rest.strip_prefix("</") {
                let end = close.find('>').expect("tag ends");
                let tag = close[..end].trim().to_ascii_lowercase();
                rest = &close[end + 1..];
                if let Some(at) = open.iter().rposition(|(_, t)| *t == tag) {
                    open.truncate(at);
                }
            } else if rest.starts_with('<') && !rest.starts_with("<!") {
                let end = rest.find('>').expect("tag ends");
                let inner = rest[1..end].trim_end_matches('/');
                rest = &rest[end + 1..];
                let (tag, attrs) = tag_and_attrs(inner);
                let contents = |rest: &mut &str| {
                    let end = rest
                        .find(&procguard_core::fill!("</{}", tag))
                        .expect("element ends");
                    let text = &rest[..end];
                    *rest = &rest[end + rest[end..].find('>').unwrap() + 1..];
                    text.to_string()
                };
                let hidden = attrs.iter().any(|(k, v)| {
                    k == "hidden" || (k == "style" && v.replace(' ', "").contains("display:none"))
                });
                let shown_parent = parent(&open);
                if matches!(tag.as_str(), "script" | "style" | "head" | "title") {
                    contents(&mut rest);
                    continue;
                }
                let mut node = json!({"p": shown_parent.unwrap_or(-2), "t": tag, "i": count});
                let kept: serde_json::Map<String, Value> = attrs
                    .iter()
                    .filter(|(k, _)| k != "style")
                    .map(|(k, v)| (k.clone(), json!(v)))
                    .collect();
                if !kept.is_empty() {
                    node["a"] = Value::Object(kept);
                }
                let attr = |name: &str| attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v);
                let leaf = match tag.as_str() {
                    "input" => {
                        match attr("type").map(|t| t.to_ascii_lowercase()).as_deref() {
                            Some("checkbox" | "radio") => {
                                node["k"] = json!(attr("checked").is_some())
                            }
                            Some("hidden" | "password") => {}
                            _ => node["v"] = json!(attr("value").cloned().unwrap_or_default()),
                        }
                        true
                    }
                    "textarea" => {
                        node["v"] = json!(entities(&contents(&mut rest)));
                        true
                    }
                    "select" => {
                        let options = contents(&mut rest);
                        let mut texts = Vec::new();
                        let mut chosen = Vec::new();
                        for option in options.split("<option").skip(1) {
                            let end = option.find('>').unwrap();
                            let text = option[end + 1..].split('<').next().unwrap();
                            let (_, attrs) = tag_and_attrs(&option[..end]);
                            // Its `label` attribute, when it has one, is what is shown.
                            let label = attrs.iter().find(|(k, v)| k == "label" && !v.is_empty());
                            let text = match label {
                                Some((_, label)) => label.clone(),
                                None => collapse_whitespace(&entities(text)),
                            };
                            if attrs.iter().any(|(k, _)| k == "selected") {
                                chosen.push(text.clone());
                            }
                            texts.push(text);
                        }
                        if chosen.is_empty() {
                            chosen.extend(texts.first().cloned());
                        }
                        node["v"] = json!(chosen.join(", "));
                        true
                    }
                    "br" | "img" | "hr" | "meta" | "link" | "wbr" => true,
                    _ => false,
                };
                let shown = shown_parent.is_some() && !hidden;
                if shown {
                    nodes.push(node);
                    count += 1;
                }
                if !leaf {
                    open.push((shown.then_some(nodes.len() - 1), tag));
                }
            } else {
                // Past the first character, whatever its width: a text may start with "▾".
                let first = rest.chars().next().map_or(1, char::len_utf8);
                let end = rest[first..].find('<').map_or(rest.len(), |e| e + first);
                let text = entities(&rest[..end]);
                rest = &rest[end..];
                if let (Some(p), false) = (parent(&open), text.is_empty() || open.is_empty()) {
                    let shown = if text.trim().is_empty() {
                        " ".to_string()
                    } else {
                        text
                    };
                    nodes.push(json!({"p": p, "x": shown}));
                }
            }
        }
        json!({"url": url, "title": "", "nodes": nodes}).to_string()
    }

    fn tag_and_attrs(inner: &str) -> (String, Vec<(String, String)>) {
        let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
        let tag = inner[..name_end].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut rest = inner[name_end..].trim_start();
        while !rest.is_empty() {
            let name_end = rest
                .find(|c: char| c == '=' || c.is_whitespace())
                .unwrap_or(rest.len());
            let name = rest[..name_end].to_ascii_lowercase();
            rest = rest[name_end..].trim_start();
            let value = match rest.strip_prefix('=') {
                Some(after) => {
                    let after = after.trim_start();
                    let (value, tail) = match after.chars().next() {
                        Some(q @ ('"' | '\'')) => {
                            let end = after[1..].find(q).expect("quote ends") + 1;
                            (&after[1..end], &after[end + 1..])
                        }
                        _ => {
                            let end = after.find(char::is_whitespace).unwrap_or(after.len());
                            (&after[..end], &after[end..])
                        }
                    };
                    rest = tail.trim_start();
                    entities(value)
                }
                None => String::new(),
            };
            attrs.push((name, value));
        }
        (tag, attrs)
    }

    fn entities(text: &str) -> String {
        text.replace("&nbsp;", "\u{a0}")
            .replace("&#160;", "\u{a0}")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&times;", "\u{d7}")
            .replace("&mdash;", "\u{2014}")
            // snapshot.js drops the invisible soft hyphen and zero-width space.
            .replace("&shy;", "")
            .replace("&#8203;", "")
            .replace("&amp;", "&")
    }

    fn push(nodes: &mut Vec<Value>, count: &mut u32, parent: i64, t: &T) {
        let (tag, attrs, children, value) = match t {
            T::X(text) => {
                nodes.push(json!({"p": parent, "x": text}));
                return;
            }
            T::C(attrs, checked) => {
                let attrs: serde_json::Map<String, Value> = attrs
                    .iter()
                    .map(|(k, v)| (k.to_string(), json!(v)))
                    .collect();
                nodes.push(
                    json!({"p": parent, "t": "input", "i": *count, "a": attrs, "k": checked}),
                );
                *count += 1;
                return;
            }
            T::E(tag, attrs, children) => (tag, attrs, children.as_slice(), None),
            T::V(tag, attrs, value) => (tag, attrs, &[][..], Some(value)),
        };
        let me = nodes.len() as i64;
        let attrs: serde_json::Map<String, Value> = attrs
            .iter()
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect();
        let mut node = json!({"p": parent, "t": tag, "i": *count, "a": attrs});
        *count += 1;
        if let Some(value) = value {
            node["v"] = json!(value);
        }
        nodes.push(node);
        for child in children {
            push(nodes, count, me, child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::build::{snapshot, T::*};
    use super::*;

    /// The wire text as `extension/snapshot.js` writes it reads to the nodes it names, and a
    /// text that is not a snapshot is refused with what is wrong and where.
    #[test]
    fn a_wire_snapshot_reads_to_its_nodes_and_a_malformed_one_says_what_and_where() {
        let good = "uhttps://app.pax8.com/cart\u{1f}nCart\u{1f}p-1\u{1f}tbody\u{1f}i0\u{1f}\
                    p0\u{1f}tinput\u{1f}i1\u{1f}atype\u{1f}=number\u{1f}adisabled\u{1f}=\u{1f}v2\u{1f}\
                    p0\u{1f}tinput\u{1f}i2\u{1f}k1\u{1f}p0\u{1f}xVisio \u{1b}^ Plan\u{1f}";
        let dom = Dom::from_wire(good).unwrap();
        assert_eq!(
            (dom.url.as_str(), dom.title.as_str()),
            ("https://app.pax8.com/cart", "Cart")
        );
        assert_eq!(dom.nodes.len(), 4);
        assert_eq!(dom.nodes[0].children, [1, 2, 3]);
        let input = &dom.nodes[1];
        assert_eq!(
            input.attrs,
            [
                ("type".into(), "number".into()),
                ("disabled".into(), String::new())
            ]
        );
        assert_eq!((input.value.as_deref(), input.element), (Some("2"), 1));
        assert!(is_control(input) && input.is_disabled());
        assert_eq!(dom.nodes[2].checked, Some(true));
        assert_eq!(dom.nodes[3].text.as_deref(), Some("Visio \u{1e} Plan"));
        assert_eq!(dom.nodes[3].raw_len, "Visio \u{1e} Plan".len());
        for (bad, says) in [
            (
                "p0\u{1f}",
                "node 0 names parent 0, which does not precede it at byte 0",
            ),
            (
                "tdiv\u{1f}",
                "a field before the first node's `p` at byte 0",
            ),
            (
                "p-1\u{1f}atype\u{1f}",
                "an attribute's name and value apart at byte 10",
            ),
            (
                "p-1\u{1f}atype\u{1f}tdiv\u{1f}",
                "an attribute's name and value apart at byte 10",
            ),
            (
                "p-1\u{1f}=x\u{1f}",
                "an attribute's name and value apart at byte 4",
            ),
            ("p-1\u{1f}kx\u{1f}", "expected `1` or `0` at byte 4"),
            (
                "p-1\u{1f}i-2\u{1f}",
                "an element index out of range at byte 4",
            ),
            (
                "p-1\u{1f}qx\u{1f}",
                "a field a snapshot node does not have at byte 4",
            ),
            ("p-1\u{1f}xab", "the text ends inside a token at byte 4"),
        ] {
            let error = Dom::from_wire(bad).unwrap_err();
            assert_eq!(error.0, says, "{bad:?}");
        }
        let patches = Dom::parse_patches("i3\u{1f}v9\u{1f}i4\u{1f}k0\u{1f}s\u{1f}").unwrap();
        assert_eq!(patches.len(), 2);
        assert_eq!((patches[0].i, patches[0].v.as_deref()), (3, Some("9")));
        assert_eq!(
            (patches[1].k, patches[1].sv.as_deref()),
            (Some(false), Some(""))
        );
        assert!(Dom::parse_patches("").unwrap().is_empty());
        let error = Dom::parse_patches("v1\u{1f}").unwrap_err();
        assert_eq!(
            procguard_core::fill!("{}", error).as_str(),
            "patch is not readable: a patch starts with its element's `i` at byte 0"
        );
    }

    #[test]
    fn a_control_named_for_its_line_is_found_by_its_name_and_by_the_name_before_for() {
        let named = |name| V("input", vec![("type", "text"), ("aria-label", name)], "");
        let json = snapshot(
            "https://x/",
            E(
                "body",
                vec![],
                vec![
                    E(
                        "div",
                        vec![],
                        vec![named("Quantity for Visio Plan 2"), named("Term")],
                    ),
                    E(
                        "div",
                        vec![],
                        vec![named("Quantity"), named("Quantity forecast")],
                    ),
                    named("Date for renewal for Visio Plan 2"),
                    named("quantity  for  Teams"),
                ],
            ),
        );
        let dom = Dom::from_json(&json).unwrap();
        let inputs = dom.select(0, false, &|&i| dom.node(i).tag == "input");
        let ids = |scope, name| dom.controls_named(scope, name);
        // In document order, whole names and names for a line alike; never a longer word.
        assert_eq!(ids(0, "quantity"), vec![inputs[0], inputs[2], inputs[5]]);
        assert_eq!(ids(0, "quantity for visio plan 2"), vec![inputs[0]]);
        assert_eq!(ids(0, "quantity forecast"), vec![inputs[3]]);
        assert_eq!(ids(0, "date"), vec![inputs[4]]);
        assert_eq!(ids(0, "date for renewal"), vec![inputs[4]]);
        assert_eq!(ids(0, "date for renewal for visio plan 2"), vec![inputs[4]]);
        assert_eq!(ids(0, "term"), vec![inputs[1]]);
        assert!(ids(0, "quantity for").is_empty() && ids(0, "renewal").is_empty());
        // Inside a scope only.
        let second = dom.node(inputs[2]).parent.unwrap();
        assert_eq!(ids(second, "quantity"), vec![inputs[2]]);
    }

    /// `select`, `select_first` and `closest` answer what the iterator walks they replace
    /// answer: elements in document order inside the scope, the scope itself only when asked
    /// (even a text node), never the text nodes inside; the nearest ancestor-or-self.
    #[test]
    fn selections_answer_as_the_walks_over_descendants_and_ancestors() {
        let json = snapshot(
            "https://x/",
            E(
                "body",
                vec![],
                vec![
                    E(
                        "div",
                        vec![("class", "a")],
                        vec![X("one"), E("span", vec![("class", "a")], vec![])],
                    ),
                    X("two"),
                    E(
                        "p",
                        vec![("class", "b")],
                        vec![E("i", vec![("class", "a")], vec![X("three")])],
                    ),
                ],
            ),
        );
        let dom = Dom::from_json(&json).unwrap();
        for scope in 0..dom.nodes.len() {
            for with_scope in [false, true] {
                for class in ["a", "b", "none"] {
                    let pred = |&i: &usize| dom.node(i).has_class(class) || class == "none";
                    let walked: Vec<usize> = with_scope
                        .then_some(scope)
                        .into_iter()
                        .chain(dom.descendants(scope))
                        .filter(pred)
                        .collect();
                    assert_eq!(
                        dom.select(scope, with_scope, &pred),
                        walked,
                        "{scope} {class}"
                    );
                    assert_eq!(
                        dom.select_first(scope, with_scope, &pred),
                        walked.first().copied()
                    );
                }
            }
            let closest = std::iter::once(scope)
                .chain(dom.ancestors(scope))
                .find(|&i| dom.node(i).has_class("b"));
            assert_eq!(dom.closest(scope, &|n| n.has_class("b")), closest);
        }
    }

    #[test]
    fn text_separates_block_elements_but_not_inline_ones() {
        let json = snapshot(
            "https://x/",
            E(
                "div",
                vec![],
                vec![
                    E(
                        "p",
                        vec![],
                        vec![X("Visio"), E("b", vec![], vec![X("Plan")])],
                    ),
                    E("p", vec![], vec![X(" 2\u{a0}\n")]),
                ],
            ),
        );
        let dom = Dom::from_json(&json).unwrap();
        assert_eq!(dom.text(0), "VisioPlan 2");
    }

    /// A name cut short with an ellipsis whose tooltip holds the whole of it reads as the
    /// whole; a tooltip saying something else, or text not cut short, keeps the words shown.
    #[test]
    fn a_name_cut_short_reads_as_the_whole_name_its_tooltip_holds() {
        let dom = Dom::from_json(&build::html(
            "https://x/",
            r#"<body><div>
            <a title="Microsoft 365 Business Premium">Microsoft 365 Business…</a>
            <a title="Microsoft 365 Business Premium">Microsoft 365 Bus...</a>
            <a title="Open the product page">Microsoft 365 Business…</a>
            <a title="Microsoft 365 Business Premium">Microsoft 365 Business</a>
            <span>Read more…</span>
            </div></body>"#,
        ))
        .unwrap();
        let texts: Vec<String> = dom
            .elements()
            .filter(|&i| matches!(dom.node(i).tag.as_str(), "a" | "span"))
            .map(|i| dom.text(i))
            .collect();
        assert_eq!(
            texts,
            [
                "Microsoft 365 Business Premium",
                "Microsoft 365 Business Premium",
                "Microsoft 365 Business…",
                "Microsoft 365 Business",
                "Read more…",
            ]
        );
    }

    /// A line-break opportunity inside an address or a long word (`<wbr>`) joins its halves.
    #[test]
    fn a_word_break_opportunity_is_no_space() {
        let dom = Dom::from_json(&build::html(
            "https://x/",
            "<body><p>jane@<wbr>acmedental.<wbr>com</p></body>",
        ))
        .unwrap();
        assert_eq!(dom.text(0), "jane@acmedental.com");
    }

    #[test]
    fn a_parent_after_its_child_is_rejected() {
        let err = Dom::from_json(r#"{"url":"u","nodes":[{"p":1,"t":"div","i":0}]}"#).unwrap_err();
        assert!(err.to_string().contains("does not precede"));
    }

    /// Icons drawn at either end of a text (a link's "↗", an emoji, a bullet, a colour dot)
    /// are not its words; between words they stay. An element showing only an icon has no
    /// text of its own, so the value after a label is the words after the icon.
    #[test]
    fn icons_at_either_end_of_a_text_are_not_its_words() {
        let dom = Dom::from_json(&build::html(
            "https://x/",
            "<body><a>Visio Plan 2 <span>\u{2197}</span></a><li>\u{1F4E6} Jane Roe</li>\
             <td><i>\u{25b8}</i> Email Archiving</td><p>\u{2022} 10:05 AM \u{2192} 10:25 AM \u{2714}\u{fe0f}</p>\
             <p>Mimecast\u{2122} \u{2013} Gateway</p><p><span>Status</span><span>\u{25cf}</span><span>New</span></p></body>",
        ))
        .unwrap();
        let texts: Vec<String> = dom.nodes[0].children.iter().map(|&c| dom.text(c)).collect();
        assert_eq!(
            texts,
            [
                "Visio Plan 2",
                "Jane Roe",
                "Email Archiving",
                "10:05 AM \u{2192} 10:25 AM",
                "Mimecast\u{2122} \u{2013} Gateway",
                "Status\u{25cf}New",
            ]
        );
        let status = crate::labels::find_labels(&dom, 0, "Status")[0];
        let value = crate::labels::text_after_label(&dom, status);
        assert_eq!(value.map(|(_, v)| v).as_deref(), Some("New"));
    }

    #[test]
    fn whitespace_runs_collapse_to_one_space() {
        assert_eq!(collapse_whitespace("  a \n\t b\u{a0}\u{a0}c  "), "a b c");
    }
}
