//! The hash of the evaluation's maps: the records and the cart's products by name, looked up
//! once or more per cart line. std's SipHash resists collisions chosen by an attacker, which
//! these keys (the technician's own page and directory) cannot be, and it was 4 % of
//! `evaluate` on the faulty 200-line cart (issue 8). This is the multiply-rotate hash of
//! rustc's `FxHasher`, written out here rather than added as a dependency.

/// Text keys numbered in the order first met (0, 1, 2…): the one hash table of the
/// evaluation and of the content script's engine. An open-addressing table of the keys'
/// numbers, written out rather than std's `HashMap`, whose code was 3.3 KB of each content
/// module before compression for one map type (issue 8); as fast on these keys.
#[derive(Default, Debug, Clone, PartialEq)]
pub struct KeyIndex {
    keys: Vec<String>,
    /// Each slot 0 (empty) or a key's number + 1; a power of two long, at most half full,
    /// probed from the key's hash onwards.
    slots: Vec<u32>,
}

impl KeyIndex {
    /// The slot holding `key`, else the empty slot where it would go.
    fn slot(&self, key: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = home(key, mask);
        loop {
            let n = self.slots[at] as usize;
            if n == 0 || self.keys[n - 1] == key {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// `key`'s number, if it has one.
    pub fn get(&self, key: &str) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        (self.slots[self.slot(key)] as usize).checked_sub(1)
    }

    /// `key`'s number, given it if new (`true`).
    pub fn insert(&mut self, key: String) -> (usize, bool) {
        if (self.keys.len() + 1) * 2 > self.slots.len() {
            // Twice as many slots, each key placed again (keys differ: each finds a free one).
            self.slots = vec![0; (self.slots.len() * 2).max(16)];
            for n in 1..self.keys.len() + 1 {
                let at = self.slot(&self.keys[n - 1]);
                self.slots[at] = n as u32;
            }
        }
        let at = self.slot(&key);
        match self.slots[at] as usize {
            0 => {
                self.keys.push(key);
                self.slots[at] = self.keys.len() as u32;
                (self.keys.len() - 1, true)
            }
            n => (n - 1, false),
        }
    }

    /// The keys, by number.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }
}

/// Items grouped by a text key, in the order their keys were first met: the customer's
/// records by product, the last result's findings by check and item, the page's anchors by
/// field.
#[derive(Debug, Clone, PartialEq)]
pub struct Groups<T> {
    keys: KeyIndex,
    groups: Vec<Vec<T>>,
}

impl<T> Default for Groups<T> {
    fn default() -> Self {
        Groups {
            keys: KeyIndex::default(),
            groups: Vec::new(),
        }
    }
}

impl<T> Groups<T> {
    /// Adds `item` to the group of `key`; returns the group's place.
    pub fn push(&mut self, key: String, item: T) -> usize {
        let (at, new) = self.keys.insert(key);
        if new {
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
        self.keys.get(key).is_some()
    }

    /// The place of `key`'s group.
    pub fn place(&self, key: &str) -> Option<usize> {
        self.keys.get(key)
    }

    pub fn group_mut(&mut self, place: usize) -> &mut Vec<T> {
        &mut self.groups[place]
    }

    /// Each key with its items, in the order first met.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &[T])> {
        self.keys
            .keys()
            .iter()
            .zip(self.groups.iter().map(Vec::as_slice))
    }

    /// The groups of items, in the order their keys were first met. A slice of groups for
    /// the caller's two loops, not a flattened iterator: each flattening is a copy of its own
    /// in the content wasm (issue 8).
    pub fn groups(&self) -> &[Vec<T>] {
        &self.groups
    }
}

/// The slot where `key`'s probe starts: from the hash's high bits. A multiply mixes each
/// bit of its input into the bits above it only, so the low bits of the last word's product
/// depend on little more than the key's last bytes: "Product 1" to "Product 200" started at
/// a dozen slots, and looking up a 200-line cart's names was a quarter of a re-read.
fn home(key: &str, mask: usize) -> usize {
    (hash(key.as_bytes()) >> 32) as usize & mask
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

fn add(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(5) ^ word).wrapping_mul(SEED)
}

/// The key's hash, word by word.
fn hash(bytes: &[u8]) -> u64 {
    let mut hash = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        hash = add(hash, u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
    }
    // The last word's top byte (free: at most 7 bytes are left) is their count, so that `ab`
    // and `ab\0` differ.
    let rest = chunks.remainder();
    let mut last = [0; 8];
    last[..rest.len()].copy_from_slice(rest);
    last[7] = rest.len() as u8;
    add(hash, u64::from_le_bytes(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_equal_and_different_keys_differ() {
        assert_eq!(hash(b"visio plan 2"), hash(b"visio plan 2"));
        assert_ne!(hash(b"visio plan 2"), hash(b"visio plan 1"));
        // The count in the last word keeps a prefix apart from the whole.
        assert_ne!(hash(b"visio plan"), hash(b"visio plan\0\0"));
        assert_ne!(hash(b""), hash(b"\0"));
    }

    #[test]
    fn keys_are_numbered_in_the_order_first_met_through_every_growth() {
        let mut index = KeyIndex::default();
        assert_eq!(index.get("a"), None);
        let keys: Vec<String> = (0..1000).map(|n| format!("product {n}")).collect();
        for (n, key) in keys.iter().enumerate() {
            assert_eq!(index.insert(key.clone()), (n, true));
            assert_eq!(index.insert(key.clone()), (n, false));
        }
        for (n, key) in keys.iter().enumerate() {
            assert_eq!(index.get(key), Some(n));
        }
        assert_eq!(index.get("product 1000"), None);
        assert_eq!(index.get(""), None);
        assert_eq!(index.insert(String::new()), (1000, true));
        assert_eq!(index.keys().len(), 1001);
    }

    /// How far each key was placed from its probe's start, at most.
    fn longest_probe(index: &KeyIndex) -> usize {
        let mask = index.slots.len() - 1;
        (0..index.slots.len())
            .filter(|&at| index.slots[at] != 0)
            .map(|at| {
                let key = &index.keys[index.slots[at] as usize - 1];
                (at + index.slots.len() - home(key, mask)) & mask
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn keys_that_differ_only_in_their_last_bytes_start_their_probes_apart() {
        // A generated cart's names, and names sharing their first words: numbered, or told
        // apart by their last letters.
        let sets: [Vec<String>; 3] = [
            (1..=200).map(|n| format!("Product {n}")).collect(),
            (1..=500)
                .map(|n| format!("microsoft365businesspremium{n}"))
                .collect(),
            (b'a'..=b'z')
                .flat_map(|a| {
                    (b'a'..=b'z').map(move |b| format!("visio plan {}{}", a as char, b as char))
                })
                .collect(),
        ];
        for keys in sets {
            let mut index = KeyIndex::default();
            for key in &keys {
                index.insert(key.clone());
            }
            // At most half full, a hash that spreads them probes a few slots; the low bits of
            // the hash (the last bytes' product) probed up to a third of the table.
            let longest = longest_probe(&index);
            assert!(
                longest <= 24,
                "{} keys like {:?}: a probe of {longest} slots",
                keys.len(),
                keys[0]
            );
        }
    }

    #[test]
    fn groups_keep_items_by_key_in_the_order_pushed() {
        let mut groups = Groups::default();
        assert_eq!(groups.push("b".into(), 1), 0);
        assert_eq!(groups.push("a".into(), 2), 1);
        assert_eq!(groups.push("b".into(), 3), 0);
        assert_eq!(groups.get("b"), &[1, 3]);
        assert_eq!(groups.get("c"), &[] as &[i32]);
        assert!(groups.contains("a") && !groups.contains("c"));
        let all: Vec<(&String, &[i32])> = groups.iter().collect();
        assert_eq!(
            all,
            vec![
                (&"b".to_string(), &[1, 3][..]),
                (&"a".to_string(), &[2][..])
            ]
        );
    }
}
