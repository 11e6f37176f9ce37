//! Dates as people read them: "March 2024", "3 days ago". Computed from Unix seconds with
//! integer arithmetic, so the server and the browser print the same thing.

use crate::i18n::I18n;

const DAY: i64 = 86_400;

/// (year, month 1–12) of a Unix time.
pub fn year_month(unix: i64) -> (i64, u32) {
    let (year, month, _) = civil(unix);
    (year, month)
}

/// "23 نوفمبر 2026" / "23 November 2026".
pub fn full_date(i18n: I18n, unix: i64) -> String {
    let (_, _, day) = civil(unix);
    format!("{day} {}", month_year(i18n, unix))
}

/// (year, month 1–12, day 1–31) of a Unix time, by Howard Hinnant's days-to-civil
/// algorithm.
fn civil(unix: i64) -> (i64, u32, u32) {
    let z = unix.div_euclid(DAY) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

/// "مارس 2024" / "March 2024".
pub fn month_year(i18n: I18n, unix: i64) -> String {
    let (year, month) = year_month(unix);
    let month_name = i18n.t(&format!("month-{month}"));
    i18n.t_with(
        "month-date",
        &[
            ("month", month_name.into()),
            ("year", year.to_string().into()),
        ],
    )
}

/// "منذ 3 أيام" / "3 days ago", relative to `as_of` (the server's clock at render).
pub fn days_ago(i18n: I18n, then: i64, as_of: i64) -> String {
    let days = u64::try_from((as_of - then).max(0) / DAY).unwrap_or(0);
    i18n.count("days-ago", days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(year_month(0), (1970, 1));
        assert_eq!(year_month(951_782_400), (2000, 2)); // 2000-02-29
        assert_eq!(year_month(1_709_251_200), (2024, 3)); // 2024-03-01
        assert_eq!(year_month(1_798_761_599), (2026, 12)); // 2026-12-31T23:59:59
        assert_eq!(civil(951_782_400), (2000, 2, 29));
        assert_eq!(civil(1_798_761_599), (2026, 12, 31));
        assert_eq!(civil(1_709_251_200), (2024, 3, 1));
    }
}
