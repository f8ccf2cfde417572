//! Line breaking over measured clusters (a cluster is what cannot be split: usually one
//! character and its glyph).
//!
//! # How this matches LibreOffice
//!
//! LibreOffice Writer breaks lines **greedily** (first fit, `SwTextGuess::Guess`): it fills
//! the line with as much text as fits, then backs up to the last break opportunity given by
//! the ICU line-break iterator (UAX #14 rules). Spaces at the end of a line do not count
//! against the width: they hang into the margin. A word longer than the whole line is moved
//! to a line of its own and cut there between characters. Justification then spreads the
//! line's free space evenly over its blanks (U+0020), except on the last line of the
//! paragraph (lines ended by a manual break are stretched too, as Word does: LibreOffice
//! follows Word there for DOCX files).
//!
//! [`BreakStrategy::Greedy`] does exactly that with UAX #14 opportunities from
//! `unicode-linebreak` and widths from HarfBuzz-compatible shaping, so the same words end
//! the same lines; it is the default because page-for-page fidelity with LibreOffice's
//! rendering of our DOCX is the goal. [`BreakStrategy::TotalFit`] (Knuth–Plass style:
//! minimum total squared slack over the paragraph) gives more even spacing but breaks
//! differently from LibreOffice on most long paragraphs (see `tests/pdf_engine.rs`, which
//! measures both against LibreOffice), so it is only there for comparison and for
//! content that is never exported to DOCX.

use serde::{Deserialize, Serialize};

/// How lines are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum BreakStrategy {
    /// First fit, like LibreOffice and Word.
    #[default]
    Greedy,
    /// Minimum sum of squared slack over all lines but the last.
    TotalFit,
}

/// A measured cluster.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cluster {
    pub width: f64,
    /// A blank (U+0020): hangs at line end, stretches when justifying.
    pub is_space: bool,
    /// A line may end after this cluster (UAX #14 allowed break).
    pub break_after: bool,
    /// Room kept free at the end of the line while this cluster is fitted. LibreOffice
    /// keeps 1/12 of the portion's height free for an italic portion that runs to the
    /// end of the paragraph (`SwTextGuess::Guess`: room for the slant's overhang), so its
    /// lines wrap about 1.1 pt (12 pt text) earlier; measured: an italic portion followed
    /// by more text on the line gets no such room.
    pub reserve: f64,
}

/// A line as a range of clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRange {
    pub start: usize,
    /// End of the visible content: trailing blanks excluded.
    pub content_end: usize,
    /// Where the next line starts.
    pub end: usize,
    /// The line was cut inside a word because the word alone is wider than the line.
    pub forced: bool,
}

/// Tolerance when comparing widths: LibreOffice measures in 1/8640 in device units, far
/// below this, so only float noise is absorbed.
const EPS: f64 = 1e-6;

/// Breaks `clusters` into lines. `available(i)` is the width of line `i` (the first line of
/// a paragraph is shorter or longer by the first-line indent). An empty input gives no
/// lines; the caller decides what an empty paragraph looks like.
pub fn break_lines(
    clusters: &[Cluster],
    available: &dyn Fn(usize) -> f64,
    strategy: BreakStrategy,
) -> Vec<LineRange> {
    match strategy {
        BreakStrategy::Greedy => greedy(clusters, available),
        BreakStrategy::TotalFit => {
            total_fit(clusters, available).unwrap_or_else(|| greedy(clusters, available))
        }
    }
}

/// Content end of `[start, end)`: the end with trailing blanks removed.
fn content_end(clusters: &[Cluster], start: usize, end: usize) -> usize {
    let mut e = end;
    while e > start && clusters[e - 1].is_space {
        e -= 1;
    }
    e
}

fn greedy(clusters: &[Cluster], available: &dyn Fn(usize) -> f64) -> Vec<LineRange> {
    let n = clusters.len();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < n {
        let avail = available(lines.len());
        let mut width = 0.0;
        let mut last_break: Option<usize> = None;
        let mut end = n;
        let mut forced = false;
        for (i, c) in clusters.iter().enumerate().skip(start) {
            width += c.width;
            // Blanks hang: they never make a line overflow.
            if !c.is_space && width > avail - c.reserve + EPS {
                match last_break {
                    Some(b) => end = b,
                    None => {
                        // The word does not fit on an empty line: cut it before the
                        // cluster that overflows, keeping at least one cluster per line.
                        end = i.max(start + 1);
                        forced = true;
                    }
                }
                break;
            }
            if c.break_after && i + 1 < n {
                last_break = Some(i + 1);
            }
        }
        // Blanks after the cut belong to this line (they hang), not to the next one.
        while end < n && clusters[end].is_space && !forced {
            end += 1;
        }
        lines.push(LineRange {
            start,
            content_end: content_end(clusters, start, end),
            end,
            forced,
        });
        start = end;
    }
    lines
}

/// Knuth–Plass style total fit without stretch limits: every allowed break is a candidate,
/// a line's cost is its squared slack (the last line is free), overfull lines are
/// forbidden. Returns `None` when some word alone is wider than its line (the greedy
/// breaker then cuts it).
fn total_fit(clusters: &[Cluster], available: &dyn Fn(usize) -> f64) -> Option<Vec<LineRange>> {
    let n = clusters.len();
    if n == 0 {
        return Some(Vec::new());
    }
    // Candidate line starts: 0 and every position after an allowed break.
    let mut starts = vec![0usize];
    for (i, c) in clusters.iter().enumerate() {
        if c.break_after && i + 1 < n {
            starts.push(i + 1);
        }
    }
    let mut prefix = vec![0.0; n + 1];
    for (i, c) in clusters.iter().enumerate() {
        prefix[i + 1] = prefix[i] + c.width;
    }
    let m = starts.len();
    // best[j] = (cost, previous start index, line number) for a line starting at starts[j].
    let mut best: Vec<Option<(f64, usize, usize)>> = vec![None; m + 1];
    best[0] = Some((0.0, usize::MAX, 0));
    let ends: Vec<usize> = starts[1..]
        .iter()
        .copied()
        .chain(std::iter::once(n))
        .collect();
    for j in 0..m {
        let Some((cost_j, _, line_no)) = best[j] else {
            continue;
        };
        let avail = available(line_no);
        let s = starts[j];
        for (k, &e) in ends.iter().enumerate().skip(j) {
            let ce = content_end(clusters, s, e);
            let w = prefix[ce] - prefix[s];
            if w > avail + EPS {
                break;
            }
            let last = e == n;
            let slack = avail - w;
            let cost = cost_j + if last { 0.0 } else { slack * slack };
            let target = k + 1;
            if best[target].is_none_or(|(c, _, _)| cost < c) {
                best[target] = Some((cost, j, line_no + 1));
            }
        }
    }
    best[m]?;
    let mut lines = Vec::new();
    let mut t = m;
    while t > 0 {
        let (_, j, _) = best[t]?;
        let s = starts[j];
        let e = ends[t - 1];
        lines.push(LineRange {
            start: s,
            content_end: content_end(clusters, s, e),
            end: e,
            forced: false,
        });
        t = j;
    }
    lines.reverse();
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of the given widths separated by blanks of width 1.
    fn words(ws: &[f64]) -> Vec<Cluster> {
        let mut v = Vec::new();
        for (i, w) in ws.iter().enumerate() {
            v.push(Cluster {
                width: *w,
                is_space: false,
                break_after: false,
                reserve: 0.0,
            });
            if i + 1 < ws.len() {
                v.push(Cluster {
                    width: 1.0,
                    is_space: true,
                    break_after: true,
                    reserve: 0.0,
                });
            }
        }
        v
    }

    #[test]
    fn greedy_fills_lines_and_hangs_blanks() {
        let c = words(&[4.0, 4.0, 4.0, 4.0]);
        let lines = break_lines(&c, &|_| 9.0, BreakStrategy::Greedy);
        // "4 4" = 9 fits exactly; the blank after it hangs.
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].start, 0);
        assert_eq!(lines[0].content_end, 3);
        assert_eq!(lines[0].end, 4);
        assert_eq!(lines[1].start, 4);
        assert_eq!(lines[1].end, 7);
    }

    #[test]
    fn reserve_wraps_earlier() {
        let mut c = words(&[4.0, 4.0]);
        assert_eq!(break_lines(&c, &|_| 9.0, BreakStrategy::Greedy).len(), 1);
        c.iter_mut().for_each(|c| c.reserve = 0.5);
        let lines = break_lines(&c, &|_| 9.0, BreakStrategy::Greedy);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].content_end, 1);
    }

    #[test]
    fn first_line_width_differs() {
        let c = words(&[4.0, 4.0, 4.0]);
        let lines = break_lines(
            &c,
            &|i| if i == 0 { 5.0 } else { 9.0 },
            BreakStrategy::Greedy,
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].content_end, 1);
    }

    #[test]
    fn overlong_word_is_cut_on_its_own_line() {
        let mut c = words(&[2.0]);
        c.push(Cluster {
            width: 1.0,
            is_space: true,
            break_after: true,
            reserve: 0.0,
        });
        for _ in 0..25 {
            c.push(Cluster {
                width: 1.0,
                is_space: false,
                break_after: false,
                reserve: 0.0,
            });
        }
        let lines = break_lines(&c, &|_| 10.0, BreakStrategy::Greedy);
        assert_eq!(lines[0].content_end, 1, "short word alone first");
        assert!(lines[1].forced);
        assert_eq!(lines[1].end - lines[1].start, 10);
        assert_eq!(lines.last().unwrap().end, c.len());
        let total: usize = lines.iter().map(|l| l.end - l.start).sum();
        assert_eq!(total, c.len());
    }

    #[test]
    fn zero_width_lines_still_progress() {
        let c = words(&[3.0, 3.0]);
        let lines = break_lines(&c, &|_| 0.0, BreakStrategy::Greedy);
        assert!(lines.iter().all(|l| l.end > l.start));
        assert_eq!(lines.last().unwrap().end, c.len());
        let lines = break_lines(&c, &|_| 0.0, BreakStrategy::TotalFit);
        assert_eq!(lines.last().unwrap().end, c.len());
    }

    #[test]
    fn total_fit_evens_out_lines() {
        // Width 10. Greedy: "6 1" / "4" / "6" / "10", slack² 4 + 36 + 16 = 56.
        // Total fit: "6" / "1 4" / "6" / "10", slack² 16 + 16 + 16 = 48.
        let c = words(&[6.0, 1.0, 4.0, 6.0, 10.0]);
        let greedy = break_lines(&c, &|_| 10.0, BreakStrategy::Greedy);
        let tf = break_lines(&c, &|_| 10.0, BreakStrategy::TotalFit);
        assert_eq!(greedy.len(), 4);
        assert_eq!(tf.len(), 4);
        assert_eq!(greedy[0].content_end, 3);
        assert_eq!(tf[0].content_end, 1);
    }
}
