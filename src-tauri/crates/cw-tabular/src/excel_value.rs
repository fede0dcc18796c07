//! Spreadsheet cell values as the text the clerk expects: whole numbers without ".0" or
//! exponent (a phone number stays "13812345678"), floats rounded to Excel's 15 significant
//! digits, dates as "2026-09-01", booleans as TRUE/FALSE, errors as "#N/A".

use calamine::{Data, DataRef, ExcelDateTime};

/// Text of a cell read through calamine's streaming xlsx reader.
pub(crate) fn data_ref_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => float_text(*f),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => bool_text(*b),
        DataRef::DateTime(dt) => datetime_text(dt),
        DataRef::DateTimeIso(s) => iso_text(s),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// Text of a cell read through calamine's range API (.xls, .xlsb, .ods).
pub(crate) fn data_text(v: &Data) -> String {
    match v {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::String(s) => s.clone(),
        Data::Bool(b) => bool_text(*b),
        Data::DateTime(dt) => datetime_text(dt),
        Data::DateTimeIso(s) => iso_text(s),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

fn bool_text(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.to_string()
}

/// A number as Excel displays it in a General cell, but never in scientific notation: whole
/// numbers print all their digits, others are rounded to 15 significant digits (which removes
/// binary noise such as 0.30000000000000004).
pub(crate) fn float_text(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        // Exact: every integer below 2^53 is representable and prints without ".0".
        return format!("{f:.0}");
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    let s = format!("{rounded}");
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// A date cell as "2026-09-01", with the time when there is one ("2026-09-01 08:30" or with
/// seconds), a pure time as "08:30"; durations as "[h]:mm:ss".
fn datetime_text(dt: &ExcelDateTime) -> String {
    if dt.is_duration() {
        let secs = (dt.as_f64() * 86_400.0).round();
        if !secs.is_finite() {
            return String::new();
        }
        let secs = secs as i64;
        let sign = if secs < 0 { "-" } else { "" };
        let secs = secs.abs();
        return format!(
            "{sign}{}:{:02}:{:02}",
            secs / 3600,
            (secs / 60) % 60,
            secs % 60
        );
    }
    let serial = dt.as_f64();
    if !serial.is_finite() || serial < 0.0 {
        return float_text(serial);
    }
    let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
    // Round to the nearest second; Excel stores times as fractions of a day.
    let (h, mi, s) = if ms >= 500 {
        let total = u32::from(h) * 3600 + u32::from(mi) * 60 + u32::from(s) + 1;
        if total >= 86_400 {
            (23, 59, 59)
        } else {
            (total / 3600, (total / 60) % 60, total % 60)
        }
    } else {
        (u32::from(h), u32::from(mi), u32::from(s))
    };
    let time = if s == 0 {
        format!("{h:02}:{mi:02}")
    } else {
        format!("{h:02}:{mi:02}:{s:02}")
    };
    if serial < 1.0 {
        return time;
    }
    let date = format!("{y:04}-{mo:02}-{d:02}");
    if h == 0 && mi == 0 && s == 0 {
        date
    } else {
        format!("{date} {time}")
    }
}

/// ODS gives ISO strings; midnight times are dropped so dates read as "2026-09-01".
fn iso_text(s: &str) -> String {
    s.strip_suffix("T00:00:00")
        .unwrap_or(s)
        .replacen('T', " ", 1)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn a_phone_number_float_keeps_all_its_digits() {
        assert_eq!(float_text(13_812_345_678.0), "13812345678");
        assert_eq!(float_text(12.0), "12");
        assert_eq!(float_text(-3.0), "-3");
    }

    #[test]
    fn floats_are_rounded_to_what_excel_shows() {
        assert_eq!(float_text(0.1 + 0.2), "0.3");
        assert_eq!(float_text(1234.5), "1234.5");
        assert_eq!(float_text(1e20), "100000000000000000000");
        assert_eq!(float_text(110_101_199_001_011_234.0), "110101199001011000");
    }

    #[test]
    fn date_serials_become_iso_dates() {
        let d = ExcelDateTime::new(46266.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(datetime_text(&d), "2026-09-01");
        let dt = ExcelDateTime::new(46266.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(datetime_text(&dt), "2026-09-01 12:00");
        let t = ExcelDateTime::new(0.25, ExcelDateTimeType::DateTime, false);
        assert_eq!(datetime_text(&t), "06:00");
    }
}
