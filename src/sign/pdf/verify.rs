//! Checking the signatures of a PDF (ISO 32000-1 §12.8.1, ETSI EN 319 142-1): each
//! signature's /ByteRange must cover the whole file but its own /Contents, and the CMS
//! inside must sign those bytes; bytes after the last signed revision are reported.
//! Certificate chains are not checked against trusted roots (offline).

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use lopdf::Dictionary;

use super::cms;
use super::parse::Revision;
use crate::sign::{
    vietnam_time, CertificateSummary, SignError, SignatureReport, SignatureStatus, VerifyReport,
};

/// Verifies every signature of `pdf`.
pub fn verify(pdf: &[u8]) -> Result<VerifyReport, SignError> {
    let revision = Revision::load(pdf)?;
    let mut signatures: Vec<(usize, SignatureReport)> = revision
        .signature_fields()
        .into_iter()
        .filter_map(|field| field.value)
        .filter(|value| value.has(b"ByteRange") || value.has(b"Contents"))
        .map(|value| check_signature(pdf, &revision, &value))
        .collect::<Result<_, _>>()?;
    if signatures.is_empty() {
        return Err(SignError::NotSigned);
    }
    // In signing order: each later revision covers more of the file.
    signatures.sort_by_key(|(end, _)| *end);
    let covered = signatures.last().map_or(0, |(end, _)| *end);
    let document_problem = (covered < pdf.len()).then(|| {
        format!(
            "Văn bản đã bị sửa sau khi ký: {} byte cuối tệp không được chữ ký nào bảo vệ.",
            pdf.len() - covered
        )
    });
    Ok(VerifyReport {
        signatures: signatures.into_iter().map(|(_, report)| report).collect(),
        document_problem,
    })
}

/// One signature dictionary's report, and where its covered bytes end.
fn check_signature(
    pdf: &[u8],
    revision: &Revision,
    value: &Dictionary,
) -> Result<(usize, SignatureReport), SignError> {
    let time_m = revision
        .get(value, b"M")
        .and_then(|m| m.as_str().ok())
        .and_then(pdf_date);
    let broken = |reason: &str, end: usize| {
        Ok((
            end,
            SignatureReport {
                signer: None,
                signing_time: time_m,
                status: SignatureStatus::Broken(reason.to_string()),
                notes: Vec::new(),
            },
        ))
    };
    let Some([a, b, c, d]) = byte_range(revision, value) else {
        return broken("Vùng dữ liệu được ký (/ByteRange) không hợp lệ.", 0);
    };
    let end = c.saturating_add(d);
    if a != 0 || b >= c || end > pdf.len() {
        return broken("Vùng dữ liệu được ký (/ByteRange) không hợp lệ.", 0);
    }
    // The gap must be exactly this dictionary's /Contents hex string.
    let declared = revision
        .get(value, b"Contents")
        .and_then(|c| c.as_str().ok());
    let Some(contents) = hex_string(&pdf[b..c]).filter(|bytes| Some(bytes.as_slice()) == declared)
    else {
        return broken(
            "Phần không được ký của tệp không đúng là chữ ký (/Contents).",
            end,
        );
    };
    let mut signed = pdf[..b].to_vec();
    signed.extend_from_slice(&pdf[c..end]);
    let check = match cms::check(&contents, &signed) {
        Ok(check) => check,
        Err(reason) => return broken(&reason, end),
    };
    let signing_time = time_m.or_else(|| check.signing_time.map(vietnam_time));
    Ok((
        end,
        SignatureReport {
            signer: check.signer.as_ref().map(CertificateSummary::of),
            signing_time,
            status: match check.problem {
                None => SignatureStatus::Valid,
                Some(reason) => SignatureStatus::Broken(reason),
            },
            notes: Vec::new(),
        },
    ))
}

fn byte_range(revision: &Revision, value: &Dictionary) -> Option<[usize; 4]> {
    let array = revision.get(value, b"ByteRange")?.as_array().ok()?;
    let numbers: Vec<usize> = array
        .iter()
        .map(|o| o.as_i64().ok().and_then(|n| usize::try_from(n).ok()))
        .collect::<Option<_>>()?;
    numbers.try_into().ok()
}

/// The bytes of a hex string `<…>` that spans all of `raw` (§7.3.4.3), or `None`.
fn hex_string(raw: &[u8]) -> Option<Vec<u8>> {
    let inner = raw.strip_prefix(b"<")?.strip_suffix(b">")?;
    let digits: Vec<u8> = inner
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .map(|b| char::from(b).to_digit(16).map(|d| d as u8))
        .collect::<Option<_>>()?;
    Some(
        digits
            .chunks(2)
            .map(|pair| pair[0] << 4 | pair.get(1).copied().unwrap_or(0))
            .collect(),
    )
}

/// A PDF date `D:YYYYMMDDHHmmSS+HH'mm'` (§7.9.4) in Vietnam time; missing parts default.
fn pdf_date(raw: &[u8]) -> Option<DateTime<FixedOffset>> {
    let text = std::str::from_utf8(raw).ok()?;
    let text = text.strip_prefix("D:").unwrap_or(text);
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 4 {
        return None;
    }
    // Missing parts default to January 1st, 00:00:00.
    let full: String = digits
        .chars()
        .chain("00000101000000".chars().skip(digits.len()))
        .take(14)
        .collect();
    let local = NaiveDateTime::parse_from_str(&full, "%Y%m%d%H%M%S").ok()?;
    let rest = &text[digits.len()..];
    let offset_seconds = match rest.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let numbers: Vec<i32> = rest[1..]
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .filter_map(|s| s.parse().ok())
                .collect();
            let seconds = numbers.first().copied().unwrap_or(0) * 3600
                + numbers.get(1).copied().unwrap_or(0) * 60;
            if sign == '-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => 0,
    };
    let offset = FixedOffset::east_opt(offset_seconds)?;
    let instant: DateTime<Utc> = local.and_local_timezone(offset).single()?.to_utc();
    Some(vietnam_time(instant))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_are_read_in_vietnam_time() {
        let t = pdf_date(b"D:20260105083000+07'00'").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-01-05T08:30:00+07:00");
        let t = pdf_date(b"D:20260105013000Z").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-01-05T08:30:00+07:00");
        assert!(pdf_date(b"D:20").is_none());
        assert!(pdf_date(b"D:2026").is_some());
        assert!(pdf_date("D:2026١".as_bytes()).is_some());
    }

    #[test]
    fn hex_strings_must_span_the_gap() {
        assert_eq!(hex_string(b"<0a 1B>"), Some(vec![0x0a, 0x1b]));
        assert_eq!(hex_string(b"<abc>"), Some(vec![0xab, 0xc0]));
        assert_eq!(hex_string(b"<0g>"), None);
        assert_eq!(hex_string(b"0a>"), None);
    }
}
