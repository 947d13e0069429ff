//! The content script's allocator: one free list per power-of-two size class.
//!
//! Why not std's dlmalloc: it is 9 KB of the content module (issue 8, the module's size),
//! and the content script needs none of what it buys. Its allocations are small and
//! repeat: every edit reads and judges the page again with the same shapes, so a block
//! freed by one evaluation is taken again by the next and memory stops growing after the
//! first (the benchmark's memory figure: 1,000 re-evaluations against 10). Rounding to
//! powers of two costs up to half of each block, a price paid in kilobytes on a page.
//!
//! The arithmetic is [`Pools`], over any source of fresh memory ([`Grow`]), so that native
//! tests can run it on an arena; the wasm build feeds it `memory.grow`.

use core::alloc::Layout;

/// Where fresh memory comes from: at least `bytes` more, as `(start, length)`.
pub trait Grow {
    fn grow(&mut self, bytes: usize) -> Option<(usize, usize)>;
}

/// The largest alignment a block gets: blocks are aligned to their size up to this.
const MAX_ALIGN: usize = 4096;
/// Class k holds blocks of `1 << k` bytes; the smallest holds a free-list link.
const MIN_CLASS: u32 = 3;
const CLASSES: usize = usize::BITS as usize;

pub struct Pools<G> {
    /// The first free block of each class; each free block's first word links the next.
    free: [usize; CLASSES],
    /// Fresh memory not yet carved into blocks: `top..end`.
    top: usize,
    end: usize,
    grow: G,
}

/// The class of a layout: the power of two that holds its size and alignment.
fn class_of(layout: Layout) -> Option<u32> {
    if layout.align() > MAX_ALIGN {
        return None;
    }
    let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    let size = size.checked_next_power_of_two()?;
    Some(size.trailing_zeros())
}

impl<G: Grow> Pools<G> {
    pub const fn new(grow: G) -> Self {
        Pools {
            free: [0; CLASSES],
            top: 0,
            end: 0,
            grow,
        }
    }

    /// # Safety
    /// The caller owns the returned block until it gives it back with `dealloc`.
    pub unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout) else {
            return core::ptr::null_mut();
        };
        let head = self.free[class as usize];
        if head != 0 {
            self.free[class as usize] = *(head as *const usize);
            return head as *mut u8;
        }
        self.carve(1 << class)
    }

    /// A new block from fresh memory, aligned to its size (up to `MAX_ALIGN`).
    fn carve(&mut self, size: usize) -> *mut u8 {
        let align = size.min(MAX_ALIGN);
        loop {
            let start = (self.top + align - 1) & !(align - 1);
            if let Some(after) = start.checked_add(size) {
                if after <= self.end {
                    self.top = after;
                    return start as *mut u8;
                }
            }
            let Some((start, len)) = size.checked_add(align).and_then(|n| self.grow.grow(n)) else {
                return core::ptr::null_mut();
            };
            // Fresh memory that does not follow ours: what is left of ours is given up
            // (it cannot happen in the content script, which alone grows its memory).
            if start != self.end {
                self.top = start;
            }
            self.end = start + len;
        }
    }

    /// # Safety
    /// `ptr` came from `alloc` (or `realloc`) of this pool with this `layout`.
    pub unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        if let Some(class) = class_of(layout) {
            *(ptr as *mut usize) = self.free[class as usize];
            self.free[class as usize] = ptr as usize;
        }
    }

    /// # Safety
    /// As `dealloc`; `new_size` is not zero and, rounded to `layout.align()`, fits `isize`.
    pub unsafe fn realloc(&mut self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = Layout::from_size_align_unchecked(new_size, layout.align());
        // A block already holds every size of its class.
        if class_of(new) == class_of(layout) {
            return ptr;
        }
        let moved = self.alloc(new);
        if !moved.is_null() {
            core::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        moved
    }
}

/// The wasm build's global allocator: [`Pools`] over `memory.grow`.
#[cfg(target_arch = "wasm32")]
pub mod wasm {
    use super::{Grow, Pools};
    use core::alloc::{GlobalAlloc, Layout};
    use core::cell::UnsafeCell;

    pub struct MemoryGrow;

    impl Grow for MemoryGrow {
        fn grow(&mut self, bytes: usize) -> Option<(usize, usize)> {
            const PAGE: usize = 65536;
            let pages = bytes.div_ceil(PAGE);
            let before = core::arch::wasm32::memory_grow(0, pages);
            (before != usize::MAX).then_some((before * PAGE, pages * PAGE))
        }
    }

    pub struct Allocator(UnsafeCell<Pools<MemoryGrow>>);

    // The content script's wasm runs on one thread (no shared memory, no workers).
    unsafe impl Sync for Allocator {}

    impl Allocator {
        pub const fn new() -> Self {
            Allocator(UnsafeCell::new(Pools::new(MemoryGrow)))
        }
    }

    unsafe impl GlobalAlloc for Allocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            (*self.0.get()).alloc(layout)
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            (*self.0.get()).dealloc(ptr, layout)
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            (*self.0.get()).realloc(ptr, layout, new_size)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fresh memory from one arena, in 64 KiB pages like `memory.grow`.
    struct Arena {
        base: usize,
        used: usize,
        cap: usize,
    }

    impl Grow for Arena {
        fn grow(&mut self, bytes: usize) -> Option<(usize, usize)> {
            let len = bytes.div_ceil(65536) * 65536;
            if self.used + len > self.cap {
                return None;
            }
            let start = self.base + self.used;
            self.used += len;
            Some((start, len))
        }
    }

    fn arena(cap: usize) -> (Pools<Arena>, Vec<u8>) {
        let mut memory = vec![0u8; cap + 65536];
        // Page-aligned like wasm memory.
        let base = (memory.as_mut_ptr() as usize + 65535) & !65535;
        (Pools::new(Arena { base, used: 0, cap }), memory)
    }

    /// A small deterministic generator (xorshift): the same workload every round.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    /// One round of a page evaluation's shape: many small blocks, some large, some grown,
    /// most given back; the live ones are checked for overlap by their fill bytes.
    fn round(pools: &mut Pools<Arena>, seed: u64) {
        let mut rng = Rng(seed);
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        for step in 0..4000u32 {
            let roll = rng.next();
            if roll.is_multiple_of(3) && !live.is_empty() {
                let (ptr, layout, fill) = live.swap_remove((roll as usize / 3) % live.len());
                unsafe {
                    let bytes = core::slice::from_raw_parts(ptr, layout.size());
                    assert!(
                        bytes.iter().all(|&b| b == fill),
                        "a live block was overwritten"
                    );
                    pools.dealloc(ptr, layout);
                }
                continue;
            }
            let size = match roll % 10 {
                0 => 1 + (roll >> 8) as usize % 70_000,
                1..=3 => 1 + (roll >> 8) as usize % 600,
                _ => 1 + (roll >> 8) as usize % 48,
            };
            let align = 1usize << ((roll >> 40) % 5);
            let layout = Layout::from_size_align(size, align).unwrap();
            let fill = step as u8;
            unsafe {
                let mut ptr = pools.alloc(layout);
                assert!(!ptr.is_null());
                assert_eq!(ptr as usize % align, 0, "misaligned block for {layout:?}");
                let mut layout = layout;
                if roll.is_multiple_of(7) {
                    // Grown like a Vec: what was written moves with it.
                    ptr.write_bytes(fill, size);
                    let new_size = size * 2 + 3;
                    ptr = pools.realloc(ptr, layout, new_size);
                    assert!(!ptr.is_null());
                    let kept = core::slice::from_raw_parts(ptr, size);
                    assert!(kept.iter().all(|&b| b == fill), "realloc lost the contents");
                    layout = Layout::from_size_align(new_size, align).unwrap();
                }
                ptr.write_bytes(fill, layout.size());
                live.push((ptr, layout, fill));
            }
        }
        for (ptr, layout, fill) in live {
            unsafe {
                let bytes = core::slice::from_raw_parts(ptr, layout.size());
                assert!(
                    bytes.iter().all(|&b| b == fill),
                    "a live block was overwritten"
                );
                pools.dealloc(ptr, layout);
            }
        }
    }

    #[test]
    fn blocks_are_aligned_and_never_overlap() {
        let (mut pools, _memory) = arena(256 << 20);
        for seed in 1u64..6 {
            round(&mut pools, seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        }
    }

    #[test]
    fn memory_stops_growing_when_the_same_work_repeats() {
        let (mut pools, _memory) = arena(256 << 20);
        round(&mut pools, 42);
        let after_one = pools.grow.used;
        for _ in 0..20 {
            round(&mut pools, 42);
        }
        assert_eq!(
            pools.grow.used, after_one,
            "repeating the same work took more memory"
        );
    }

    #[test]
    fn a_block_grown_within_its_class_stays_in_place() {
        let (mut pools, _memory) = arena(1 << 20);
        let layout = Layout::from_size_align(40, 8).unwrap();
        unsafe {
            let ptr = pools.alloc(layout);
            assert_eq!(pools.realloc(ptr, layout, 64), ptr);
            let moved = pools.realloc(ptr, Layout::from_size_align(64, 8).unwrap(), 65);
            assert_ne!(moved, ptr);
        }
    }

    #[test]
    fn a_request_the_pools_cannot_meet_is_refused_not_wrapped() {
        let (mut pools, _memory) = arena(1 << 20);
        unsafe {
            let too_aligned = Layout::from_size_align(8, 8192).unwrap();
            assert!(pools.alloc(too_aligned).is_null());
            let too_large = Layout::from_size_align(4 << 20, 8).unwrap();
            assert!(pools.alloc(too_large).is_null());
        }
    }
}
