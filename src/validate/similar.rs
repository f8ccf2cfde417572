//! Near-duplicate names among many: a prefix-filtered set-similarity join.
//!
//! Names become sets of lower-case word tokens. Two names are candidates when their
//! token sets have Jaccard similarity ≥ [`THRESHOLD`]; by the prefix-filtering principle
//! such sets share at least one token among their `|A| − ⌈t·|A|⌉ + 1` rarest ones, so
//! only pairs sharing a rare token are compared (an inverted index over those prefixes),
//! and a size filter drops pairs whose sizes alone rule the threshold out. For the 500
//! tasks of the scale-10 sample this compares a few hundred pairs instead of 125 000.
//!
//! A candidate is a near duplicate when it also differs only by up to [`MAX_ADDED`] added
//! words (one token sequence is a subsequence of the other: "Xây dựng CSDL đất đai" /
//! "Xây dựng CSDL về đất đai") or by word order (the same words, repeats counted). Names that substitute words
//! ("… lĩnh vực y tế" / "… lĩnh vực tư pháp") are parallel tasks, and a name with a
//! longer qualifier ("…" / "… – lĩnh vực y tế") a narrower one, not duplicates.

use std::collections::HashMap;

/// Minimum Jaccard similarity of the token sets.
pub const THRESHOLD: f64 = 0.8;

/// At most this many words added to the shorter name ("về", "của tỉnh", "vận hành"):
/// a longer qualifier ("– lĩnh vực y tế") narrows the task's scope on purpose.
pub const MAX_ADDED: usize = 2;

/// Lower-case word tokens of `text`.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
}

struct Record {
    /// Token ids in reading order.
    sequence: Vec<u32>,
    /// Distinct token ids, ascending.
    set: Vec<u32>,
    /// All token ids, ascending (the words with their repeats, in any order).
    bag: Vec<u32>,
}

fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        1.0
    } else {
        common as f64 / union as f64
    }
}

/// Whether `short` appears in `long` in order (not necessarily contiguously).
fn subsequence(short: &[u32], long: &[u32]) -> bool {
    let mut it = long.iter();
    short.iter().all(|t| it.any(|u| u == t))
}

fn prefix_len(size: usize) -> usize {
    if size == 0 {
        return 0;
    }
    let needed = (THRESHOLD * size as f64 - 1e-9).ceil() as usize;
    size - needed.min(size) + 1
}

/// For each name that nearly duplicates an earlier one: (earlier index, later index),
/// the earlier being the first such name. Blank names are ignored.
pub fn near_duplicates(names: &[&str]) -> Vec<(usize, usize)> {
    let mut ids: HashMap<String, u32> = HashMap::new();
    let records: Vec<Record> = names
        .iter()
        .map(|name| {
            let sequence: Vec<u32> = tokens(name)
                .map(|t| {
                    let next = ids.len() as u32;
                    *ids.entry(t).or_insert(next)
                })
                .collect();
            let mut bag = sequence.clone();
            bag.sort_unstable();
            let mut set = bag.clone();
            set.dedup();
            Record { sequence, set, bag }
        })
        .collect();
    let mut frequency = vec![0u32; ids.len()];
    for r in &records {
        for &t in &r.set {
            frequency[t as usize] += 1;
        }
    }
    // Each set's tokens from rarest to most frequent: the prefix holds the rare ones.
    let ordered: Vec<Vec<u32>> = records
        .iter()
        .map(|r| {
            let mut v = r.set.clone();
            v.sort_unstable_by_key(|&t| (frequency[t as usize], t));
            v
        })
        .collect();
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut seen = vec![usize::MAX; records.len()];
    let mut out = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let size = r.set.len();
        if size == 0 {
            continue;
        }
        let prefix = &ordered[i][..prefix_len(size)];
        let mut best: Option<usize> = None;
        for t in prefix {
            for &j in index.get(t).map(Vec::as_slice).unwrap_or(&[]) {
                if seen[j] == i {
                    continue;
                }
                seen[j] = i;
                let other = records[j].set.len();
                let (small, large) = (size.min(other), size.max(other));
                if (small as f64) < THRESHOLD * large as f64 - 1e-9 {
                    continue;
                }
                if best.is_some_and(|b| b < j) {
                    continue;
                }
                if jaccard(&r.set, &records[j].set) + 1e-9 < THRESHOLD {
                    continue;
                }
                let (a, b) = (&records[j], r);
                let same_words = a.bag == b.bag;
                let (short, long) = if a.sequence.len() <= b.sequence.len() {
                    (&a.sequence, &b.sequence)
                } else {
                    (&b.sequence, &a.sequence)
                };
                let added_words = long.len() - short.len() <= MAX_ADDED && subsequence(short, long);
                if same_words || added_words {
                    best = Some(j);
                }
            }
        }
        if let Some(j) = best {
            out.push((j, i));
        }
        for &t in prefix {
            index.entry(t).or_default().push(i);
        }
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
    fn prefix_filter_finds_every_pair_a_full_scan_finds() {
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
