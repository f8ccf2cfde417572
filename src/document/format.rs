//! How numbers, dates and periods are written in an administrative text.

use chrono::{Datelike, NaiveDate};

use crate::model::{MonthYear, Period};

// The value-with-unit wording lives in the vocabulary; the document uses it from here.
pub use crate::vocabulary::{bare_value, value_with_unit};

/// "Hà Nội, ngày 05 tháng 3 năm 2026" (Nghị định 30, Phụ lục I). Without a date, blanks
/// for the clerk to fill in.
pub fn place_and_date(place: &str, date: Option<NaiveDate>) -> String {
    let place = if place.trim().is_empty() {
        "……"
    } else {
        place.trim()
    };
    format!("{place}, {}", date_in_words(date))
}

/// "ngày 05 tháng 3 năm 2026": day < 10 padded, month padded only for 1 and 2; without a
/// date, blanks for the clerk to fill in.
pub fn date_in_words(date: Option<NaiveDate>) -> String {
    match date {
        Some(d) => format!(
            "ngày {:02} tháng {} năm {}",
            d.day(),
            month_in_date(d.month()),
            d.year()
        ),
        None => "ngày      tháng      năm 20…".to_owned(),
    }
}

/// Months 1 and 2 are written "01", "02"; others without padding.
pub fn month_in_date(month: u32) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

/// "01/4/2025", "11/01/2024": a date written with slashes, as in citations, appendix
/// notes and messages — the same padding as the header date (day < 10, months 1–2).
pub fn numeric_date(date: NaiveDate) -> String {
    format!(
        "{:02}/{}/{}",
        date.day(),
        month_in_date(date.month()),
        date.year()
    )
}

/// "12.345,5": thousands with ".", decimals with ",".
pub fn amount(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let rounded = (value * 10.0).round() / 10.0;
    let whole = rounded.trunc().abs() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    let tenth = ((rounded - rounded.trunc()).abs() * 10.0).round() as u64;
    if tenth > 0 {
        out.push(',');
        out.push_str(&tenth.to_string());
    }
    if rounded < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// "03/2026 - 12/2027", or one month when start and end agree.
pub fn month_range(start: Option<MonthYear>, end: Option<MonthYear>) -> String {
    let my = |m: MonthYear| format!("{:02}/{}", m.month, m.year);
    match (start, end) {
        (Some(s), Some(e)) if s == e => my(s),
        (Some(s), Some(e)) => format!("{} - {}", my(s), my(e)),
        (Some(s), None) => format!("Từ {}", my(s)),
        (None, Some(e)) => format!("Đến {}", my(e)),
        (None, None) => String::new(),
    }
}

/// The column header of a target period: "Đến năm 2027", "Năm 2026".
pub fn period_heading(period: Period) -> String {
    match period {
        Period::Year(y) => format!("Năm {y}"),
        p => format!(
            "Giai đoạn {} (đến năm {})",
            p.to_string().replace('-', " - "),
            p.end_year()
        ),
    }
}

/// Roman numerals for section numbers and appendix labels.
pub fn roman(n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Vietnamese letters for điểm: a, b, c, d, đ, e, …
pub fn letter(n: usize) -> String {
    const LETTERS: [&str; 23] = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s",
        "t", "u", "v", "x", "y",
    ];
    let i = n.saturating_sub(1);
    let mut out = LETTERS[i % LETTERS.len()].to_owned();
    if i >= LETTERS.len() {
        out.push_str(&(i / LETTERS.len()).to_string());
    }
    out
}

/// Upper case as the decree writes headings (Vietnamese letters have simple mappings).
pub fn upper(text: &str) -> String {
    text.to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_decree() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            place_and_date("Hà Nội", d(2026, 3, 5)),
            "Hà Nội, ngày 05 tháng 3 năm 2026"
        );
        assert_eq!(
            place_and_date("Huế", d(2026, 2, 15)),
            "Huế, ngày 15 tháng 02 năm 2026"
        );
        assert_eq!(
            place_and_date("Huế", d(2025, 12, 29)),
            "Huế, ngày 29 tháng 12 năm 2025"
        );
        assert_eq!(
            place_and_date("Huế", d(2026, 1, 1)),
            "Huế, ngày 01 tháng 01 năm 2026"
        );
        let n = |y, m, day| numeric_date(NaiveDate::from_ymd_opt(y, m, day).unwrap());
        assert_eq!(n(2025, 4, 1), "01/4/2025");
        assert_eq!(n(2024, 1, 11), "11/01/2024");
        assert_eq!(n(2024, 12, 22), "22/12/2024");
    }

    #[test]
    fn numbers() {
        assert_eq!(amount(1234567.25), "1.234.567,3");
        assert_eq!(amount(500.0), "500");
        assert_eq!(amount(0.0), "0");
        assert_eq!(amount(-1500.5), "-1.500,5");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
        assert_eq!(letter(1), "a");
        assert_eq!(letter(5), "đ");
        assert_eq!(letter(24), "a1");
    }
}
