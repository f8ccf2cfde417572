//! How values are read and written: numbers as drafters type them, a value with its unit
//! as the document prints it, periods and comparators in words.

use crate::model::{Comparator, Period};

/// The first and last year of the planning cycle: the five-year plan covers them, an
/// annual plan is for one of them.
pub const FIRST_YEAR: i32 = 2026;
pub const LAST_YEAR: i32 = 2030;

/// Whether `year` can carry an annual plan.
pub fn is_plan_year(year: i32) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&year)
}

/// Units written before the value ("cấp độ 3", "mức 2"), not after it.
pub const UNITS_BEFORE_VALUE: [&str; 2] = ["cấp độ", "mức"];

/// Units written right after the value, without a space ("95%").
pub const UNITS_JOINED: [&str; 1] = ["%"];

/// "95", "99,5", "99.5" or "95%" as a number.
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim().trim_end_matches('%').trim().replace(',', ".");
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A value without the unit the drafter may have typed into it ("80%" with unit "%" →
/// "80", "cấp độ 3" with unit "cấp độ" → "3"): the unit is written once, by the document.
pub fn bare_value<'a>(value: &'a str, unit: &str) -> &'a str {
    let (value, unit) = (value.trim(), unit.trim());
    if unit.is_empty() {
        return value;
    }
    value
        .strip_suffix(unit)
        .or_else(|| value.strip_prefix(unit))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .unwrap_or(value)
}

/// "95%", "cấp độ 4", "30 sáng kiến" — also when the value was typed with its unit.
pub fn value_with_unit(value: &str, unit: &str) -> String {
    let value = bare_value(value, unit);
    let unit = unit.trim();
    if unit.is_empty() {
        value.to_owned()
    } else if UNITS_JOINED.contains(&unit) {
        format!("{value}{unit}")
    } else if UNITS_BEFORE_VALUE.contains(&unit) {
        format!("{unit} {value}")
    } else {
        format!("{value} {unit}")
    }
}

/// "giai đoạn 2025–2027" or "năm 2026".
pub fn period_label(p: Period) -> String {
    match p {
        Period::Phase2025To2027 => "giai đoạn 2025–2027".to_owned(),
        Period::Phase2028To2030 => "giai đoạn 2028–2030".to_owned(),
        Period::Year(y) => format!("năm {y}"),
    }
}

/// How the document states a target: "đạt tối thiểu 95%".
pub fn comparator_phrase(c: Comparator) -> &'static str {
    match c {
        Comparator::AtLeast => "đạt tối thiểu",
        Comparator::Exactly => "đạt",
        Comparator::AtMost => "không quá",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_as_the_document_prints_them() {
        assert_eq!(value_with_unit("3", "cấp độ"), "cấp độ 3");
        assert_eq!(value_with_unit("2", " mức "), "mức 2");
        assert_eq!(value_with_unit("95", "%"), "95%");
        assert_eq!(value_with_unit("30", "sáng kiến"), "30 sáng kiến");
        assert_eq!(value_with_unit("7", ""), "7");
    }

    #[test]
    fn a_unit_typed_with_the_value_is_written_once() {
        assert_eq!(value_with_unit("80%", "%"), "80%");
        assert_eq!(value_with_unit(" 80 % ", "%"), "80%");
        assert_eq!(value_with_unit("cấp độ 3", "cấp độ"), "cấp độ 3");
        assert_eq!(value_with_unit("30 sáng kiến", "sáng kiến"), "30 sáng kiến");
        assert_eq!(value_with_unit("95", "%"), "95%");
        assert_eq!(bare_value("%", "%"), "%");
    }

    #[test]
    fn numbers_accept_a_decimal_comma_and_a_percent_sign() {
        assert_eq!(parse_number("99,5"), Some(99.5));
        assert_eq!(parse_number(" 95% "), Some(95.0));
        assert_eq!(parse_number("1e400"), None);
        assert_eq!(parse_number("nhiều"), None);
    }
}
