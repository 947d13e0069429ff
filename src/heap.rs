//! The content script's allocator: blocks in power-of-two size classes, each class a free
//! list, carved from the end of linear memory.
//!
//! Why not std's (dlmalloc): it is 7 KB of the module before compression (about 2.5 KB
//! gzip, issue 8's size budget), and the content script does not need what it buys. Its
//! allocations are a page's snapshot, the read page and the findings, made again on each
//! read in the same sizes, so a block freed by one read is taken again by the next: linear
//! memory stops growing once a page has been read (the bench measures it after 10 and 1,000
//! reads). What a size class wastes (under half a block) is the price; the snapshot of a
//! 200-line cart is 0.3 MB. The extension pages' build keeps dlmalloc: the worker imports
//! directories of many megabytes, whose blocks this allocator would keep for ever.
//!
//! [`Classes`] is the bookkeeping alone, over memory it is handed by a `grow` function, so
//! that native tests can check it over a buffer.

/// The smallest block: two pointers on a 64-bit host, so a free block holds its list link.
const MIN_SHIFT: u32 = 4;
/// Classes 16 B .. 2 GB: more than a wasm32 memory holds.
const CLASSES: usize = 28;
/// Blocks are aligned to their size up to this, so a block of any class serves any request
/// it fits with an alignment of at most the smaller of the two.
const MAX_ALIGN: usize = 4096;

/// Free lists and the untouched end of the memory handed out so far.
pub struct Classes {
    /// The first free block of each class (0: none); each free block's first word holds the
    /// next.
    free: [usize; CLASSES],
    /// Start and end of the memory not yet carved into blocks.
    top: usize,
    end: usize,
}

impl Classes {
    pub const fn new() -> Self {
        Classes {
            free: [0; CLASSES],
            top: 0,
            end: 0,
        }
    }

    /// The class of a request: the smallest power of two holding `size` and `align`, or
    /// `None` when no class does or the alignment is more than blocks have.
    fn class(size: usize, align: usize) -> Option<usize> {
        if align > MAX_ALIGN {
            return None;
        }
        let block = size
            .max(align)
            .max(1 << MIN_SHIFT)
            .checked_next_power_of_two()?;
        let class = (block.trailing_zeros() - MIN_SHIFT) as usize;
        (class < CLASSES).then_some(class)
    }

    /// A block for `size` bytes aligned to `align`, or null. `grow(bytes)` must hand out at
    /// least that many more bytes of memory and say where they start and how many they are
    /// (`None`: no more).
    ///
    /// # Safety
    /// Every region `grow` returns must be writable memory that nothing else uses, its start
    /// and length multiples of 16.
    pub unsafe fn alloc(
        &mut self,
        size: usize,
        align: usize,
        grow: impl FnOnce(usize) -> Option<(usize, usize)>,
    ) -> *mut u8 {
        let Some(class) = Self::class(size, align) else {
            return core::ptr::null_mut();
        };
        let head = self.free[class];
        if head != 0 {
            self.free[class] = *(head as *const usize);
            return head as *mut u8;
        }
        let block = 1usize << (class as u32 + MIN_SHIFT);
        let align = block.min(MAX_ALIGN);
        let mut start = self.top.next_multiple_of(align);
        // Checked: on wasm32 a block of the largest classes past the first 2 GB would wrap.
        if start.checked_add(block).is_none_or(|stop| stop > self.end) {
            let Some((at, len)) = block.checked_add(align).and_then(grow) else {
                return core::ptr::null_mut();
            };
            if at != self.end {
                // Not after what we had (the first call): what was left there stays unused.
                self.top = at;
            }
            self.end = at + len;
            start = self.top.next_multiple_of(align);
        }
        // The gap left by aligning becomes free blocks, the largest that fit, so that small
        // blocks between large ones are not lost.
        let mut at = self.top;
        while at < start {
            let mut shift = at.trailing_zeros().min(usize::BITS - 1);
            while at + (1 << shift) > start {
                shift -= 1;
            }
            self.push(at, (shift - MIN_SHIFT) as usize);
            at += 1 << shift;
        }
        self.top = start + block;
        start as *mut u8
    }

    /// Gives back a block [`alloc`](Self::alloc) returned for this size and alignment.
    ///
    /// # Safety
    /// `ptr` must come from `alloc` on this value with the same `size` and `align`, and not
    /// be used again.
    pub unsafe fn free(&mut self, ptr: *mut u8, size: usize, align: usize) {
        if let Some(class) = Self::class(size, align) {
            self.push(ptr as usize, class);
        }
    }

    /// Whether a block for `old` bytes also holds `new` bytes (same class): realloc keeps it.
    pub fn same_block(old: usize, new: usize, align: usize) -> bool {
        Self::class(old, align) == Self::class(new, align)
    }

    unsafe fn push(&mut self, at: usize, class: usize) {
        *(at as *mut usize) = self.free[class];
        self.free[class] = at;
    }
}

impl Default for Classes {
    fn default() -> Self {
        Self::new()
    }
}

/// [`Classes`] over the module's linear memory, as the global allocator of the content
/// script's build (see `lib.rs`). wasm here is single-threaded, so one `Classes` in a cell
/// is safe.
#[cfg(target_arch = "wasm32")]
pub struct Heap(core::cell::UnsafeCell<Classes>);

#[cfg(target_arch = "wasm32")]
// SAFETY: the module runs on one thread (no shared memory), so nothing reaches the cell
// from two threads.
unsafe impl Sync for Heap {}

#[cfg(target_arch = "wasm32")]
impl Heap {
    pub const fn new() -> Self {
        Heap(core::cell::UnsafeCell::new(Classes::new()))
    }
}

#[cfg(target_arch = "wasm32")]
fn grow_memory(bytes: usize) -> Option<(usize, usize)> {
    const PAGE: usize = 65536;
    let pages = bytes.div_ceil(PAGE);
    let old = core::arch::wasm32::memory_grow(0, pages);
    (old != usize::MAX).then(|| (old * PAGE, pages * PAGE))
}

#[cfg(target_arch = "wasm32")]
// SAFETY: blocks come from memory grown for this allocator alone, and each is handed out
// once until freed (`Classes`).
unsafe impl core::alloc::GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: core::alloc::Layout) -> *mut u8 {
        (*self.0.get()).alloc(layout.size(), layout.align(), grow_memory)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: core::alloc::Layout) {
        (*self.0.get()).free(ptr, layout.size(), layout.align())
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: core::alloc::Layout, new: usize) -> *mut u8 {
        if Classes::same_block(layout.size(), new, layout.align()) {
            return ptr;
        }
        let moved = self.alloc(core::alloc::Layout::from_size_align_unchecked(
            new,
            layout.align(),
        ));
        if !moved.is_null() {
            core::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new));
            self.dealloc(ptr, layout);
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A memory of `size` bytes at a 4096-aligned address, handed out from its start.
    struct Arena {
        buf: Vec<u8>,
        base: usize,
        used: usize,
        grows: usize,
    }

    impl Arena {
        fn new(size: usize) -> Self {
            let buf = vec![0u8; size + MAX_ALIGN];
            let base = (buf.as_ptr() as usize).next_multiple_of(MAX_ALIGN);
            Arena {
                buf,
                base,
                used: 0,
                grows: 0,
            }
        }

        /// Hands out whole 4 KB pages, as wasm hands out whole 64 KB ones.
        fn grow(&mut self, bytes: usize) -> Option<(usize, usize)> {
            let bytes = bytes.next_multiple_of(4096);
            if self.used + bytes > self.buf.len() - MAX_ALIGN {
                return None;
            }
            self.grows += 1;
            let at = self.base + self.used;
            self.used += bytes;
            Some((at, bytes))
        }
    }

    fn alloc(c: &mut Classes, a: &mut Arena, size: usize, align: usize) -> usize {
        unsafe { c.alloc(size, align, |n| a.grow(n)) as usize }
    }

    fn alloc_some(c: &mut Classes, a: &mut Arena, size: usize, align: usize) -> usize {
        let p = alloc(c, a, size, align);
        assert_ne!(p, 0, "allocation of {size} bytes failed");
        p
    }

    /// A little generator, so that the test needs no crate: xorshift.
    fn next(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    #[test]
    fn live_blocks_are_aligned_and_never_overlap_over_random_allocations_and_frees() {
        let mut a = Arena::new(64 << 20);
        let mut c = Classes::new();
        let mut live: Vec<(usize, usize, usize)> = Vec::new();
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let r = next(&mut seed);
            if r.is_multiple_of(3) && !live.is_empty() {
                let (p, s, al) = live.swap_remove((r / 3) as usize % live.len());
                unsafe { c.free(p as *mut u8, s, al) };
                continue;
            }
            let size = match r % 7 {
                0 => (r >> 8) as usize % 70_000,
                _ => (r >> 8) as usize % 300,
            };
            let align = 1 << ((r >> 40) % 6);
            let p = alloc_some(&mut c, &mut a, size, align);
            assert_eq!(
                p % align,
                0,
                "{size} bytes at {p:#x} not aligned to {align}"
            );
            assert!(
                p >= a.base && p + size <= a.base + a.used,
                "block outside the memory"
            );
            for &(q, t, _) in &live {
                assert!(
                    p + size.max(1) <= q || q + t.max(1) <= p,
                    "{p:#x}+{size} overlaps {q:#x}+{t}"
                );
            }
            live.push((p, size, align));
        }
    }

    #[test]
    fn memory_stops_growing_when_the_same_allocations_are_made_again() {
        let mut a = Arena::new(64 << 20);
        let mut c = Classes::new();
        let sizes: Vec<usize> = (0..500)
            .map(|i| (i * 7919) % 5000 + (i % 50) * 1000)
            .collect();
        let mut used_after = Vec::new();
        let mut grows_after = Vec::new();
        for _round in 0..10 {
            let blocks: Vec<(usize, usize)> = sizes
                .iter()
                .map(|&s| (alloc_some(&mut c, &mut a, s, 8), s))
                .collect();
            for (p, s) in blocks.into_iter().rev() {
                unsafe { c.free(p as *mut u8, s, 8) };
            }
            used_after.push(a.used);
            grows_after.push(a.grows);
        }
        assert!(
            used_after.windows(2).all(|w| w[0] == w[1]),
            "memory grew: {used_after:?}"
        );
        assert!(
            grows_after.windows(2).all(|w| w[0] == w[1]),
            "grown after the first round"
        );
        assert!(
            used_after[0] < 4 * sizes.iter().sum::<usize>(),
            "more than 4 bytes a byte"
        );
    }

    #[test]
    fn a_freed_block_is_the_next_one_of_its_class() {
        let mut a = Arena::new(1 << 20);
        let mut c = Classes::new();
        let p = alloc_some(&mut c, &mut a, 100, 8);
        unsafe { c.free(p as *mut u8, 100, 8) };
        assert_eq!(
            alloc(&mut c, &mut a, 120, 4),
            p,
            "same class (128 B), same block"
        );
        assert_ne!(
            alloc(&mut c, &mut a, 100, 8),
            p,
            "a live block is not handed out twice"
        );
    }

    #[test]
    fn requests_no_class_holds_get_null() {
        let mut a = Arena::new(1 << 20);
        let mut c = Classes::new();
        assert_eq!(alloc(&mut c, &mut a, usize::MAX - 8, 8), 0);
        assert_eq!(alloc(&mut c, &mut a, 64, 8192), 0, "alignment above 4096");
        assert_eq!(
            alloc(&mut c, &mut a, 2 << 20, 8),
            0,
            "more than the memory has"
        );
        assert_ne!(
            alloc(&mut c, &mut a, 64, 8),
            0,
            "a failure leaves the allocator usable"
        );
    }

    #[test]
    fn realloc_within_a_class_keeps_the_block() {
        assert!(Classes::same_block(33, 64, 8));
        assert!(!Classes::same_block(64, 65, 8));
        assert!(Classes::same_block(0, 16, 1));
    }
}
