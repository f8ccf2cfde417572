//! Near-duplicate names among many, without comparing every pair.
//!
//! Names become sequences of lower-case word tokens. Two names are near duplicates when
//! their token sets have Jaccard similarity ≥ [`THRESHOLD`] and they differ only by word
//! order (the same words, repeats counted: "Hệ thống quản lý văn bản: nâng cấp" /
//! "Nâng cấp hệ thống quản lý văn bản") or by at most [`MAX_ADDED`] added words (one
//! sequence is a subsequence of the other: "Xây dựng CSDL đất đai" / "Xây dựng CSDL về
//! đất đai"). Names that substitute words ("… lĩnh vực y tế" / "… lĩnh vực tư pháp")
//! are parallel tasks, and a name with a longer qualifier ("…" / "… – lĩnh vực y tế") a
//! narrower one: not duplicates.
//!
//! Both cases put one name's token set inside the other's, and a set inside another
//! holds its rarest token there too. So the candidates for a name are the earlier names
//! holding its rarest token (it may be inside them) and the earlier names whose rarest
//! token it holds (they may be inside it), from two inverted indexes; only those are
//! checked. For the 500 tasks of the scale-10 sample that is a few thousand cheap
//! checks instead of 125 000 pairs.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Minimum Jaccard similarity of the token sets.
pub const THRESHOLD: f64 = 0.8;

/// At most this many words added to the shorter name ("về", "của tỉnh", "vận hành"):
/// a longer qualifier ("– lĩnh vực y tế") narrows the task's scope on purpose.
pub const MAX_ADDED: usize = 2;

/// Whether `c` is part of a word; Vietnamese letters are answered without the Unicode
/// tables.
fn word_char(c: char) -> bool {
    match c {
        '0'..='9' | 'a'..='z' | 'A'..='Z' => true,
        '\u{0}'..='\u{bf}' | '×' | '÷' => false,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Word tokens of `text` as typed (see [`near_duplicates`] for their case folding).
fn raw_tokens(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(|c: char| !word_char(c))
        .filter(|t| !t.is_empty())
}

/// Lower-case word tokens of `text`.
#[cfg(test)]
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    raw_tokens(text).map(str::to_lowercase)
}

/// A small, fast hasher for the token maps (FxHash's mixing): the keys are short
/// strings and integers from the plan, not attacker-chosen.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

struct Record {
    /// Token ids in reading order.
    sequence: Vec<u32>,
    /// Distinct token ids, ascending.
    set: Vec<u32>,
    /// All token ids, ascending (the words with their repeats, in any order).
    bag: Vec<u32>,
    /// The token of the set that the fewest names hold.
    rarest: u32,
}

/// Whether every element of `small` is in `large` (both ascending).
fn contained(small: &[u32], large: &[u32]) -> bool {
    let mut it = large.iter();
    small.iter().all(|t| it.any(|u| u == t))
}

/// Whether `short` appears in `long` in order (not necessarily contiguously).
fn subsequence(short: &[u32], long: &[u32]) -> bool {
    let mut it = long.iter();
    short.iter().all(|t| it.any(|u| u == t))
}

/// Whether two names are near duplicates (see the module docs).
fn near(a: &Record, b: &Record) -> bool {
    let (small, large) = if a.set.len() <= b.set.len() {
        (a, b)
    } else {
        (b, a)
    };
    // Jaccard of a set inside another is the ratio of their sizes.
    if (small.set.len() as f64) + 1e-9 < THRESHOLD * large.set.len() as f64
        || !contained(&small.set, &large.set)
    {
        return false;
    }
    if a.bag == b.bag {
        return true;
    }
    let (short, long) = if a.sequence.len() <= b.sequence.len() {
        (&a.sequence, &b.sequence)
    } else {
        (&b.sequence, &a.sequence)
    };
    long.len() - short.len() <= MAX_ADDED && subsequence(short, long)
}

/// For each name that nearly duplicates an earlier one: (earlier index, later index),
/// the earlier being the first such name. Blank names are ignored.
pub fn near_duplicates(names: &[&str]) -> Vec<(usize, usize)> {
    // Tokens as typed → id of their lower-case form; each distinct spelling is
    // lower-cased once.
    let mut raw: FxMap<&str, u32> = FxMap::default();
    let mut ids: FxMap<String, u32> = FxMap::default();
    let mut records: Vec<Record> = names
        .iter()
        .map(|name| {
            let sequence: Vec<u32> = raw_tokens(name)
                .map(|t| {
                    *raw.entry(t).or_insert_with(|| {
                        let next = ids.len() as u32;
                        *ids.entry(t.to_lowercase()).or_insert(next)
                    })
                })
                .collect();
            let mut bag = sequence.clone();
            bag.sort_unstable();
            let mut set = bag.clone();
            set.dedup();
            Record {
                sequence,
                set,
                bag,
                rarest: 0,
            }
        })
        .collect();
    let mut frequency = vec![0u32; ids.len()];
    for r in &records {
        for &t in &r.set {
            frequency[t as usize] += 1;
        }
    }
    for r in &mut records {
        r.rarest = r
            .set
            .iter()
            .copied()
            .min_by_key(|&t| (frequency[t as usize], t))
            .unwrap_or(0);
    }
    // Earlier names by each token they hold, and by their rarest token.
    let mut holding: FxMap<u32, Vec<usize>> = FxMap::default();
    let mut by_rarest: FxMap<u32, Vec<usize>> = FxMap::default();
    let mut out = Vec::new();
    let none: &[usize] = &[];
    for (i, r) in records.iter().enumerate() {
        if r.set.is_empty() {
            continue;
        }
        let inside_them = holding.get(&r.rarest).map_or(none, Vec::as_slice);
        let inside_me = r
            .set
            .iter()
            .flat_map(|t| by_rarest.get(t).map_or(none, Vec::as_slice));
        let first = inside_them
            .iter()
            .chain(inside_me)
            .copied()
            .filter(|&j| near(&records[j], r))
            .min();
        if let Some(j) = first {
            out.push((j, i));
        }
        for &t in &r.set {
            holding.entry(t).or_default().push(i);
        }
        by_rarest.entry(r.rarest).or_default().push(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_and_parallel_tasks() {
        let names = [
            "Xây dựng cơ sở dữ liệu đất đai của tỉnh",
            "Xây dựng cơ sở dữ liệu về đất đai của tỉnh",
            "Triển khai nền tảng học trực tuyến – lĩnh vực y tế",
            "Triển khai nền tảng học trực tuyến – lĩnh vực tư pháp",
            "Triển khai nền tảng học trực tuyến cho cán bộ, công chức, viên chức",
            "Triển khai nền tảng học trực tuyến cho cán bộ, công chức, viên chức – lĩnh vực y tế",
            "Nâng cấp Hệ thống quản lý văn bản và điều hành",
            "Hệ thống quản lý văn bản và điều hành: nâng cấp",
            "Xây dựng hệ thống giám sát môi trường số – lĩnh vực xây dựng",
            "Xây dựng hệ thống giám sát môi trường số – lĩnh vực môi trường",
            "",
            "Tập huấn kỹ năng số",
        ];
        assert_eq!(near_duplicates(&names), vec![(0, 1), (6, 7)]);
    }

    #[test]
    fn the_index_finds_every_pair_a_full_scan_finds() {
        // Names with many shared tokens, so that frequency ordering matters.
        let names: Vec<String> = (0..60)
            .map(|i| {
                let mut n = format!("Triển khai hệ thống số {} cho đơn vị {}", i % 7, i % 5);
                if i % 3 == 0 {
                    n.push_str(" năm 2026");
                }
                n
            })
            .collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let fast = near_duplicates(&refs);
        // The quadratic reference.
        let mut slow = Vec::new();
        let tok = |s: &str| -> Vec<String> { tokens(s).collect() };
        for i in 0..refs.len() {
            for j in 0..i {
                let (a, b) = (tok(refs[j]), tok(refs[i]));
                let mut sa = a.clone();
                sa.sort();
                sa.dedup();
                let mut sb = b.clone();
                sb.sort();
                sb.dedup();
                let common = sa.iter().filter(|t| sb.contains(t)).count();
                let jac = common as f64 / (sa.len() + sb.len() - common) as f64;
                let sub = |s: &[String], l: &[String]| {
                    let mut it = l.iter();
                    s.iter().all(|t| it.any(|u| u == t))
                };
                let added = if a.len() <= b.len() {
                    b.len() - a.len() <= MAX_ADDED && sub(&a, &b)
                } else {
                    a.len() - b.len() <= MAX_ADDED && sub(&b, &a)
                };
                let (mut ba, mut bb) = (a.clone(), b.clone());
                ba.sort();
                bb.sort();
                if jac + 1e-9 >= THRESHOLD && (ba == bb || added) {
                    slow.push((j, i));
                    break;
                }
            }
        }
        assert_eq!(fast, slow);
        assert!(!fast.is_empty());
    }
}
