//! The content script's allocator: a free list per power-of-two size class over memory the
//! module grows in 64 KB pages.
//!
//! Why not std's dlmalloc: it is 7 KB of every content-script module (issue 8: the payload),
//! for boundary tags, bins and coalescing that a page's reads do not need. A read allocates
//! and frees the same shapes again and again (the snapshot's nodes, the page, the findings,
//! the result), so a block freed to its class is what the next read of that size takes: the
//! memory of 1,000 re-reads is that of the first (`./build.sh bench` measures it). The price
//! is up to half of each block rounded up, and memory freed in one class is not reused by
//! another; the content script keeps one page's snapshot, so that stays small. The worker and
//! the extension pages, which keep up to 16, keep dlmalloc.
//!
//! No block has a header: Rust gives `dealloc` the layout it allocated with, and the class
//! follows from it. Single-threaded (wasm without threads), like the module.

use std::alloc::Layout;
use std::ptr;

/// Classes 2^3 (8 bytes, a free-list link) to 2^31.
const MIN_SHIFT: u32 = 3;
const CLASSES: usize = 32;
/// Blocks are aligned to their class size up to this, so that any block of a class serves
/// any request of it; a request for more alignment (none in procguard) is given a block of
/// its own, never taken from a free list.
const BLOCK_ALIGN: usize = 4096;
pub const PAGE: usize = 65_536;

/// The allocator's state, over memory that `grow` extends.
pub struct Classes {
    free: [*mut u8; CLASSES],
    /// The unused end of the last memory grown: `bump..end`.
    bump: usize,
    end: usize,
}

impl Classes {
    pub const fn new() -> Classes {
        Classes {
            free: [ptr::null_mut(); CLASSES],
            bump: 0,
            end: 0,
        }
    }

    /// The class of a layout: the smallest power of two holding its size and alignment.
    fn class(layout: Layout) -> usize {
        let size = layout.size().max(layout.align()).max(1 << MIN_SHIFT);
        (usize::BITS - (size - 1).leading_zeros()) as usize
    }

    /// A block for `layout`, or null when `grow` (which adds `pages` of 64 KB and answers the
    /// address where they start) cannot give more memory.
    ///
    /// # Safety
    /// `grow` must hand out memory nothing else uses, as wasm's `memory.grow` does.
    pub unsafe fn alloc(
        &mut self,
        layout: Layout,
        grow: impl FnOnce(usize) -> Option<usize>,
    ) -> *mut u8 {
        let class = Self::class(layout);
        if class >= CLASSES {
            return ptr::null_mut();
        }
        let over_aligned = layout.align() > BLOCK_ALIGN;
        let head = self.free[class];
        if !head.is_null() && !over_aligned {
            // The link to the next free block is kept in the block's first word.
            self.free[class] = *(head as *mut *mut u8);
            return head;
        }
        let size = 1usize << class;
        let align = if over_aligned {
            layout.align()
        } else {
            size.min(BLOCK_ALIGN)
        };
        let mut start = (self.bump + align - 1) & !(align - 1);
        if start + size > self.end {
            let pages = (size + align).div_ceil(PAGE);
            let Some(base) = grow(pages) else {
                return ptr::null_mut();
            };
            if base != self.end {
                // Not after the last block: start over there (the rest is left unused).
                self.bump = base;
            }
            self.end = base + pages * PAGE;
            start = (self.bump + align - 1) & !(align - 1);
        }
        self.bump = start + size;
        start as *mut u8
    }

    /// Gives a block back to its class.
    ///
    /// # Safety
    /// `block` came from `alloc` (or `realloc`) of this allocator with `layout`.
    pub unsafe fn dealloc(&mut self, block: *mut u8, layout: Layout) {
        let class = Self::class(layout);
        *(block as *mut *mut u8) = self.free[class];
        self.free[class] = block;
    }

    /// The block resized: the same block while the size stays in its class.
    ///
    /// # Safety
    /// As `dealloc`, and `new_size` rounded to `layout.align()` does not overflow.
    pub unsafe fn realloc(
        &mut self,
        block: *mut u8,
        layout: Layout,
        new_size: usize,
        grow: impl FnOnce(usize) -> Option<usize>,
    ) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        if Self::class(new_layout) == Self::class(layout) {
            return block;
        }
        let moved = self.alloc(new_layout, grow);
        if !moved.is_null() {
            ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
            self.dealloc(block, layout);
        }
        moved
    }
}

impl Default for Classes {
    fn default() -> Classes {
        Classes::new()
    }
}

#[cfg(all(target_arch = "wasm32", feature = "content"))]
mod global {
    use std::alloc::{GlobalAlloc, Layout};
    use std::cell::UnsafeCell;

    use super::{Classes, PAGE};

    struct ContentAllocator(UnsafeCell<Classes>);

    // The module runs on one thread (wasm without the threads proposal).
    unsafe impl Sync for ContentAllocator {}

    fn grow(pages: usize) -> Option<usize> {
        let before = core::arch::wasm32::memory_grow(0, pages);
        (before != usize::MAX).then(|| before * PAGE)
    }

    unsafe impl GlobalAlloc for ContentAllocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            (*self.0.get()).alloc(layout, grow)
        }

        unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
            (*self.0.get()).dealloc(block, layout)
        }

        unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            (*self.0.get()).realloc(block, layout, new_size, grow)
        }
    }

    #[global_allocator]
    static ALLOCATOR: ContentAllocator = ContentAllocator(UnsafeCell::new(Classes::new()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Memory for the allocator under test: `grow` hands out the arena's pages in turn.
    struct Arena {
        memory: Vec<u8>,
        used: usize,
    }

    impl Arena {
        fn new(pages: usize) -> Arena {
            Arena {
                memory: vec![0; (pages + 1) * PAGE],
                used: 0,
            }
        }

        fn grow(&mut self) -> impl FnOnce(usize) -> Option<usize> + '_ {
            move |pages| {
                // Page-aligned, as wasm memory is.
                let base = (self.memory.as_ptr() as usize).next_multiple_of(PAGE);
                let limit = self.memory.as_ptr() as usize + self.memory.len();
                let start = base + self.used * PAGE;
                if start + pages * PAGE > limit {
                    return None;
                }
                self.used += pages;
                Some(start)
            }
        }
    }

    /// A small deterministic generator (xorshift), so that a failure replays.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: u64) -> usize {
            (self.next() % n) as usize
        }
    }

    struct Live {
        block: *mut u8,
        layout: Layout,
        fill: u8,
    }

    fn random_layout(rng: &mut Rng) -> Layout {
        let size = match rng.below(10) {
            0..=5 => 1 + rng.below(64),
            6..=8 => 1 + rng.below(4096),
            _ => 1 + rng.below(300_000),
        };
        let align = 1 << rng.below(6); // up to 32: over-aligned requests too
        Layout::from_size_align(size, align).unwrap()
    }

    /// Checks that the live blocks are aligned, inside the arena, apart, and hold what was
    /// written into them.
    fn check(live: &[Live]) {
        let mut ranges: Vec<(usize, usize)> = live
            .iter()
            .map(|l| (l.block as usize, l.block as usize + l.layout.size()))
            .collect();
        ranges.sort();
        for pair in ranges.windows(2) {
            assert!(pair[0].1 <= pair[1].0, "blocks overlap: {pair:?}");
        }
        for l in live {
            assert_eq!(l.block as usize % l.layout.align(), 0, "{:?}", l.layout);
            let bytes = unsafe { std::slice::from_raw_parts(l.block, l.layout.size()) };
            assert!(bytes.iter().all(|&b| b == l.fill), "{:?}", l.layout);
        }
    }

    /// A workload of allocations, frees and resizes, with `seed`'s choices.
    unsafe fn workload(classes: &mut Classes, arena: &mut Arena, seed: u64, live: &mut Vec<Live>) {
        let mut rng = Rng(seed);
        for step in 0..3_000 {
            match rng.below(3) {
                0 | 1 if live.len() < 200 => {
                    let layout = random_layout(&mut rng);
                    let block = classes.alloc(layout, arena.grow());
                    assert!(!block.is_null(), "step {step}");
                    let fill = (step % 251) as u8;
                    ptr::write_bytes(block, fill, layout.size());
                    live.push(Live {
                        block,
                        layout,
                        fill,
                    });
                }
                0 => {
                    let l = live.swap_remove(rng.below(live.len() as u64));
                    classes.dealloc(l.block, l.layout);
                }
                _ if !live.is_empty() => {
                    let at = rng.below(live.len() as u64);
                    let l = &mut live[at];
                    let new_size = random_layout(&mut rng).size();
                    let block = classes.realloc(l.block, l.layout, new_size, arena.grow());
                    assert!(!block.is_null(), "step {step}");
                    l.block = block;
                    l.layout = Layout::from_size_align(new_size, l.layout.align()).unwrap();
                    ptr::write_bytes(block, l.fill, new_size);
                }
                _ => {}
            }
            if step % 500 == 0 {
                check(live);
            }
        }
        check(live);
    }

    #[test]
    fn blocks_never_overlap_keep_their_alignment_and_content_across_resizes() {
        for seed in [1, 7, 0x9e37_79b9, 12_345_678_901] {
            let mut arena = Arena::new(2_000);
            let mut classes = Classes::new();
            let mut live = Vec::new();
            unsafe {
                workload(&mut classes, &mut arena, seed, &mut live);
                for l in live.drain(..) {
                    classes.dealloc(l.block, l.layout);
                }
            }
        }
    }

    #[test]
    fn the_same_work_again_takes_no_more_memory() {
        let mut arena = Arena::new(2_000);
        let mut classes = Classes::new();
        let mut used = Vec::new();
        for _ in 0..5 {
            let mut live = Vec::new();
            unsafe {
                workload(&mut classes, &mut arena, 42, &mut live);
                for l in live.drain(..) {
                    classes.dealloc(l.block, l.layout);
                }
            }
            used.push(arena.used);
        }
        assert!(
            used.windows(2).all(|w| w[0] == w[1]),
            "pages grown after each run: {used:?}"
        );
    }

    #[test]
    fn a_request_too_large_or_beyond_the_memory_is_refused_with_null() {
        let mut arena = Arena::new(4);
        let mut classes = Classes::new();
        unsafe {
            let huge = Layout::from_size_align(usize::MAX / 2, 1).unwrap();
            assert!(classes.alloc(huge, arena.grow()).is_null());
            let big = Layout::from_size_align(5 * PAGE, 8).unwrap();
            assert!(classes.alloc(big, arena.grow()).is_null());
            // And what fits still comes.
            let small = Layout::from_size_align(100, 8).unwrap();
            assert!(!classes.alloc(small, arena.grow()).is_null());
        }
    }
}
