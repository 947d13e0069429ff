//! The hash of the evaluation's maps: the records and the cart's products by name, looked up
//! once or more per cart line. std's SipHash resists collisions chosen by an attacker, which
//! these keys (the technician's own page and directory) cannot be, and it was 4 % of
//! `evaluate` on the faulty 200-line cart (issue 8). This is the multiply-rotate hash of
//! rustc's `FxHasher`, written out here rather than added as a dependency.

use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with the fast hash; made with `default()` rather than `new()`.
pub type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Items grouped by a text key, in the order their keys were first met: the customer's
/// records by product, the last result's findings by check and item, the page's anchors by
/// field. Every grouping shares the one key map type (each map type is a hash table's code
/// in the content script's module: issue 8).
pub struct Groups<T> {
    keys: FastMap<String, usize>,
    groups: Vec<Vec<T>>,
}

impl<T> Default for Groups<T> {
    fn default() -> Self {
        Groups {
            keys: FastMap::default(),
            groups: Vec::new(),
        }
    }
}

impl<T> Groups<T> {
    /// Adds `item` to the group of `key`; returns the group's place.
    pub fn push(&mut self, key: String, item: T) -> usize {
        let next = self.groups.len();
        let at = *self.keys.entry(key).or_insert(next);
        if at == next {
            self.groups.push(Vec::new());
        }
        self.groups[at].push(item);
        at
    }

    /// The items of `key`, in the order pushed.
    pub fn get(&self, key: &str) -> &[T] {
        self.place(key).map_or(&[], |at| &self.groups[at])
    }

    pub fn contains(&self, key: &str) -> bool {
        self.keys.contains_key(key)
    }

    /// The place of `key`'s group.
    pub fn place(&self, key: &str) -> Option<usize> {
        self.keys.get(key).copied()
    }

    pub fn group_mut(&mut self, place: usize) -> &mut Vec<T> {
        &mut self.groups[place]
    }

    /// Each key with its items, in no set order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &[T])> {
        self.keys
            .iter()
            .map(|(key, &at)| (key, self.groups[at].as_slice()))
    }

    /// Every item, group by group.
    pub fn all(&self) -> impl Iterator<Item = &T> {
        self.groups.iter().flatten()
    }
}

#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The last word's top byte (free: at most 7 bytes are left) is their count, so
            // that `ab` and `ab\0` differ.
            let mut last = [0; 8];
            last[..rest.len()].copy_from_slice(rest);
            last[7] = rest.len() as u8;
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_equal_and_different_keys_differ() {
        let hash = |text: &str| {
            let mut hasher = FastHasher::default();
            std::hash::Hash::hash(text, &mut hasher);
            hasher.finish()
        };
        assert_eq!(hash("visio plan 2"), hash("visio plan 2"));
        assert_ne!(hash("visio plan 2"), hash("visio plan 1"));
        // The length suffix `str` hashes keeps a prefix apart from the whole.
        assert_ne!(hash("visio plan"), hash("visio plan\0\0"));
        let mut map: FastMap<String, usize> = FastMap::default();
        for (at, key) in ["a", "b", "ab", "ba", ""].into_iter().enumerate() {
            map.insert(key.to_string(), at);
        }
        assert_eq!((map["ab"], map["ba"], map[""]), (2, 3, 4));
    }
}
