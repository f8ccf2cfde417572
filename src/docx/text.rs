//! Text as Word holds it. The characters are those of the document model
//! ([`final_text`]; a document built elsewhere than `document::build` goes through the
//! same rule, which returns final text borrowed); a line break becomes Word's break
//! element.

pub(super) use crate::document::final_text;

/// One piece of a run's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece<'a> {
    Text(&'a str),
    /// A line break inside the paragraph (`w:br`).
    Break,
}

/// Splits final text into text and breaks.
pub(super) fn pieces(text: &str) -> impl Iterator<Item = Piece<'_>> {
    text.split('\n').enumerate().flat_map(|(i, part)| {
        let line_break = (i > 0).then_some(Piece::Break);
        let text = (!part.is_empty()).then_some(Piece::Text(part));
        line_break.into_iter().chain(text)
    })
}

/// Escapes text for an XML element or attribute value (the parts this module writes
/// itself), on one line: breaks become spaces.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in final_text(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_are_pieces() {
        let got: Vec<Piece> = pieces("\nmột\nhai\n\nba\n").collect();
        assert_eq!(
            got,
            vec![
                Piece::Break,
                Piece::Text("một"),
                Piece::Break,
                Piece::Text("hai"),
                Piece::Break,
                Piece::Break,
                Piece::Text("ba"),
                Piece::Break,
            ]
        );
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}\n\t"),
            "a&lt;b&gt;&amp;&quot;c&apos;  "
        );
    }
}
