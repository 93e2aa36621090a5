//! Dates written in text, in the common shapes of English, German, French and Spanish
//! pages, turned into ISO 8601.

use super::lexicon::month_number;
use regex::Regex;
use std::sync::LazyLock;

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?").expect("valid"));
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([a-zäéû]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2})[:.](\d{2})\s*([ap])?\.?m?\.?)?")
        .expect("valid")
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?([a-zäéû]{3,10})\.?,?\s+(\d{4})(?:,?\s+(\d{1,2})[:.](\d{2}))?",
    )
    .expect("valid")
});

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d./])(\d{1,2})([./])(\d{1,2})[./](\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?(?:$|[^\d./])")
        .expect("valid")
});
static YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])(\d{4})(?:/(\d{1,2})/(\d{1,2})|年(\d{1,2})月(\d{1,2})日)(?:$|[^\d])").expect("valid")
});

/// The first date in `text`, as ISO 8601 (`2025-12-17` or `2025-12-17T17:44:46`).
pub fn parse_date(text: &str) -> Option<String> {
    // Every shape has a year of four ASCII digits (a year of other digits does not parse):
    // a text without one is no date, and the patterns need not even be compiled.
    if !text.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    if let Some(c) = ISO.captures(text) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        return iso(n(1)? as i32, n(2)?, n(3)?, n(4).zip(n(5)).map(|(h, m)| (h, m, n(6).unwrap_or(0))));
    }
    if let Some(c) = MONTH_FIRST.captures(text) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let month = month_number(&c[1])?;
        let pm = c.get(6).is_some_and(|m| m.as_str().eq_ignore_ascii_case("p"));
        let time = n(4).zip(n(5)).map(|(h, m)| (if pm && h < 12 { h + 12 } else { h }, m, 0));
        return iso(n(3)? as i32, month, n(2)?, time);
    }
    if let Some(c) = DAY_FIRST.captures(text) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let month = month_number(&c[2])?;
        return iso(n(3)? as i32, month, n(1)?, n(4).zip(n(5)).map(|(h, m)| (h, m, 0)));
    }
    if let Some(c) = NUMERIC.captures(text) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (first, second) = (n(1)?, n(3)?);
        // "25.09.2025" is day first (German, French, Spanish pages); "09/25/2025" is month
        // first unless its first number cannot be a month ("13/11/2025").
        let day_first = &c[2] == "." || first > 12;
        let (month, day) = if day_first { (second, first) } else { (first, second) };
        return iso(n(4)? as i32, month, day, n(5).zip(n(6)).map(|(h, m)| (h, m, 0)));
    }
    if let Some(c) = YEAR_FIRST.captures(text) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        return iso(n(1)? as i32, n(2).or(n(4))?, n(3).or(n(5))?, None);
    }
    None
}

fn iso(year: i32, month: u32, day: u32, time: Option<(u32, u32, u32)>) -> Option<String> {
    let date = chrono::NaiveDate::from_ymd_opt(year, month, day)?;
    match time {
        Some((h, m, s)) => Some(date.and_hms_opt(h, m, s)?.format("%Y-%m-%dT%H:%M:%S").to_string()),
        None => Some(date.format("%Y-%m-%d").to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_common_shapes() {
        assert_eq!(parse_date("2025-12-17 17:44:46").as_deref(), Some("2025-12-17T17:44:46"));
        assert_eq!(parse_date("November 20, 2019").as_deref(), Some("2019-11-20"));
        assert_eq!(parse_date("Updated Nov. 3, 2019 at 5:07 pm ET").as_deref(), Some("2019-11-03T17:07:00"));
        assert_eq!(parse_date("3 March 2021").as_deref(), Some("2021-03-03"));
        assert_eq!(parse_date("17. Dezember 2025").as_deref(), Some("2025-12-17"));
        assert_eq!(parse_date("2025-02-30"), None);
        assert_eq!(parse_date("Thu, 09/25/2025 - 11:38").as_deref(), Some("2025-09-25"));
        assert_eq!(parse_date("13/11/2025 09:21:40").as_deref(), Some("2025-11-13T09:21:00"));
        assert_eq!(parse_date("Stand: 25.09.2025").as_deref(), Some("2025-09-25"));
        assert_eq!(parse_date("2025/09/04").as_deref(), Some("2025-09-04"));
        assert_eq!(parse_date("2025年9月4日").as_deref(), Some("2025-09-04"));
        assert_eq!(parse_date("3 hours ago"), None);
        assert_eq!(parse_date("no date here"), None);
    }
}
