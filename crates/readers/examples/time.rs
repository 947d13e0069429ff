//! Development aid: times the readers on a snapshot file, natively: parsing it, the first
//! read (which builds the Dom's caches), and a re-read after a patch of one control value
//! (what `check_patch` does before judging), with the heap a kept Dom holds.
//!
//!   cargo run --release -p procguard-readers --example time -- SNAPSHOT.json
//!
//! The snapshot comes from `tests/browser/dump-snapshot.mjs` (a 200-line cart: the page of
//! `bigCart(200)` of tests/browser/harness.mjs, snapshotted the same way). The first text
//! input labelled "Quantity" is the one patched. Medians of many runs.
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use procguard_readers::{Dom, ValuePatch};

/// Counts the bytes in use, to tell what a kept Dom costs.
struct Counting;
static IN_USE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        IN_USE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded as is to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut(usize) -> T) -> f64 {
    let samples = (0..runs)
        .map(|run| {
            let start = Instant::now();
            std::hint::black_box(f(run));
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    median(samples)
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: time SNAPSHOT.json");
    let text = std::fs::read_to_string(&path).expect("readable snapshot file");
    let runs = 50;

    let parse = time(runs, |_| Dom::from_json(&text).expect("a snapshot"));
    let first_read = median(
        (0..runs)
            .map(|_| {
                let dom = Dom::from_json(&text).expect("a snapshot");
                let start = Instant::now();
                std::hint::black_box(procguard_readers::read(&dom));
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect(),
    );

    let before = IN_USE.load(Ordering::Relaxed);
    let mut dom = Dom::from_json(&text).expect("a snapshot");
    let reading = procguard_readers::read(&dom);
    let kept_bytes = IN_USE.load(Ordering::Relaxed) - before;
    let quantity = dom
        .nodes
        .iter()
        .find(|n| n.tag == "input" && n.attr("aria-label") == Some("Quantity"))
        .map(|n| n.element);
    let re_read = time(runs * 4, |run| {
        if let Some(i) = quantity {
            let patch = ValuePatch {
                i,
                v: Some((20 + run % 50).to_string()),
                sv: None,
                k: None,
            };
            dom.apply_patches(&[patch]).expect("a control");
        }
        procguard_readers::read(&dom)
    });
    println!(
        "nodes {}, lines {:?}: parse {parse:.2} ms, first read {first_read:.2} ms, patch and re-read {re_read:.3} ms (medians); a kept Dom after a read holds {:.1} MB",
        dom.nodes.len(),
        reading
            .and_then(|r| r.page)
            .and_then(|p| match p {
                procguard_core::Page::Pax8Cart(cart) => cart.lines.map(|l| l.len()),
                _ => None,
            }),
        kept_bytes as f64 / 1e6,
    );
}
