use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Block;

/// Section V: the responsibilities of one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    pub id: String,
    /// e.g. "Sở Khoa học và Công nghệ".
    pub unit: String,
    pub duties: Vec<Block>,
}

/// One line of "Nơi nhận", without the leading "- " and the final ";".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Recipient(pub String);

/// Who signs, as the closing block shows it (Nghị định 30, ô 7).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// The capacity lines above the position, outermost first:
    /// [TM. ỦY BAN NHÂN DÂN] or [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH] or [KT. BỘ TRƯỞNG].
    #[serde(default)]
    pub capacities: Vec<SigningCapacity>,
    /// Chức vụ of the signer, e.g. "CHỦ TỊCH", "THỨ TRƯỞNG".
    pub position: String,
    /// Họ và tên, without academic titles.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SigningCapacity {
    pub authority: SigningAuthority,
    /// The body or head signed for, e.g. "ỦY BAN NHÂN DÂN", "BỘ TRƯỞNG".
    pub on_behalf_of: String,
}

/// The signing prefixes of Nghị định 30.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum SigningAuthority {
    /// Thay mặt (a collective body)
    #[serde(rename = "TM.")]
    ThayMat,
    /// Ký thay (a deputy for the head)
    #[serde(rename = "KT.")]
    KyThay,
    /// Quyền (acting head)
    #[serde(rename = "Q.")]
    Quyen,
    /// Thừa lệnh
    #[serde(rename = "TL.")]
    ThuaLenh,
    /// Thừa ủy quyền
    #[serde(rename = "TUQ.")]
    ThuaUyQuyen,
}

impl SigningAuthority {
    pub fn prefix(self) -> &'static str {
        match self {
            SigningAuthority::ThayMat => "TM.",
            SigningAuthority::KyThay => "KT.",
            SigningAuthority::Quyen => "Q.",
            SigningAuthority::ThuaLenh => "TL.",
            SigningAuthority::ThuaUyQuyen => "TUQ.",
        }
    }
}

impl SigningCapacity {
    /// e.g. "TM. ỦY BAN NHÂN DÂN".
    pub fn line(&self) -> String {
        format!("{} {}", self.authority.prefix(), self.on_behalf_of)
    }
}
