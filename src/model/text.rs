use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A run of text with the only two character styles a Kế hoạch uses.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Run {
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
}

/// Text made of runs. Serialised as a list of runs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct RichText(pub Vec<Run>);

impl RichText {
    pub fn plain(text: impl Into<String>) -> Self {
        RichText(vec![Run::plain(text)])
    }

    /// The text without styles.
    pub fn to_plain(&self) -> String {
        self.0.iter().map(|r| r.text.as_str()).collect()
    }

    pub fn is_blank(&self) -> bool {
        self.0.iter().all(|r| r.text.trim().is_empty())
    }
}

impl From<&str> for RichText {
    fn from(s: &str) -> Self {
        RichText::plain(s)
    }
}

/// The bullet marks of administrative texts: "-" then "+".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BulletLevel {
    /// "- "
    Dash,
    /// "+ "
    Plus,
}

impl BulletLevel {
    pub fn mark(self) -> &'static str {
        match self {
            BulletLevel::Dash => "-",
            BulletLevel::Plus => "+",
        }
    }
}

/// One block of section content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum Block {
    Paragraph {
        text: RichText,
    },
    Bullet {
        level: BulletLevel,
        text: RichText,
    },
    /// A run-in heading: a bold line of its own that titles the paragraphs after it
    /// ("1. Mục đích", "Tồn tại, hạn chế:"), kept on their page and listed in the
    /// document outline below the numbered headings.
    Heading {
        text: RichText,
    },
}

impl Block {
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block::Paragraph {
            text: RichText::plain(text),
        }
    }

    pub fn dash(text: impl Into<String>) -> Self {
        Block::Bullet {
            level: BulletLevel::Dash,
            text: RichText::plain(text),
        }
    }

    pub fn plus(text: impl Into<String>) -> Self {
        Block::Bullet {
            level: BulletLevel::Plus,
            text: RichText::plain(text),
        }
    }

    pub fn heading(text: impl Into<String>) -> Self {
        Block::Heading {
            text: RichText::plain(text),
        }
    }

    pub fn text(&self) -> &RichText {
        match self {
            Block::Paragraph { text } | Block::Bullet { text, .. } | Block::Heading { text } => {
                text
            }
        }
    }
}
