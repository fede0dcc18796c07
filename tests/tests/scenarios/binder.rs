//! Scenarios of the 迎检资料汇编: its contents name the page each section starts on (read back
//! with pdftotext), every section is a bookmark, the photos are in it, and its period is kept.

use crate::common::{has_tool, pdf_text, TestApp};
use serde_json::json;

/// The demo community's binder and its pages as text.
fn demo_binder(t: &TestApp, args: serde_json::Value) -> (cw_core::FileOut, Option<Vec<String>>) {
    let f = t.file("print.binder", args);
    let text = pdf_text(t, &f.bytes, "binder.pdf", &["-layout"])
        .map(|s| s.split('\u{c}').map(str::to_string).collect());
    (f, text)
}

/// The contents page's lines: (title, page).
fn contents(page: &str) -> Vec<(String, usize)> {
    page.lines()
        .filter_map(|l| {
            let l = l.trim();
            let (title, n) = l.rsplit_once(' ')?;
            let n: usize = n.trim().parse().ok()?;
            let title = title.trim();
            title.contains('、').then(|| (title.to_string(), n))
        })
        .collect()
}

#[test]
fn the_contents_name_the_page_each_section_starts_on_and_every_page_says_its_section() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let (f, pages) = demo_binder(&t, json!({}));
    assert!(
        f.file_name.starts_with("迎检资料汇编-20260101-20261129"),
        "{}",
        f.file_name
    );
    let Some(pages) = pages else { return };
    assert!(pages[0].contains("迎检资料汇编") && pages[0].contains("2026年1月1日至2026年11月29日"));
    let toc = contents(&pages[1]);
    let titles: Vec<&str> = toc.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(titles.len(), 11, "{titles:?}");
    for want in [
        "会议记录",
        "对照标准自查",
        "投诉举报处理",
        "入户调查结果",
        "阶段工作清单",
        "整改通知书",
    ] {
        assert!(
            titles.iter().any(|s| s.contains(want)),
            "{want} not in {titles:?}"
        );
    }
    // Each section starts on the page the contents give, and runs until the next one starts.
    let printed = pages.iter().filter(|p| !p.trim().is_empty()).count();
    for (i, (title, start)) in toc.iter().enumerate() {
        let end = toc.get(i + 1).map_or(printed, |(_, n)| n - 1);
        assert!(*start >= 3 && *start <= end, "{title}: {start}..{end}");
        for n in *start..=end {
            // pdftotext -layout writes the ideographic space as spaces.
            let page = pages[n - 1]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                page.contains(&format!("迎检资料汇编 {title}")),
                "page {n} should be in {title}: {}",
                page.chars().take(80).collect::<String>()
            );
            assert!(
                page.contains(&format!("第 {n} 页 / 共 {printed} 页")),
                "page {n} footer"
            );
        }
    }
    let bytes = String::from_utf8_lossy(&f.bytes);
    assert!(bytes.contains("/PageMode/UseOutlines"));
    // Cover, contents and each section: one bookmark each.
    assert_eq!(bytes.matches("/Dest[").count(), 2 + toc.len());
}

#[test]
fn the_latest_self_checks_photos_and_the_meetings_sign_in_scans_are_printed_in_the_binder() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let (f, pages) = demo_binder(&t, json!({}));
    let bytes = String::from_utf8_lossy(&f.bytes);
    let images = bytes.matches("/Subtype/Image").count();
    assert!(images >= 10, "{images} photos");
    let Some(pages) = pages else { return };
    let evidence = pages
        .iter()
        .find(|p| p.contains("自查佐证照片（按方面）"))
        .expect("an evidence page");
    assert!(evidence.contains("市容环境卫生"), "{evidence}");
    assert!(pages.iter().any(|p| p.contains("会议签到表和照片")));
    // No phone number leaves the office in the binder.
    let phone = regex_free_phone(&pages.join("\n"));
    assert!(phone.is_none(), "a phone number printed: {phone:?}");
    if has_tool("qpdf") {
        let path = t.dir.path().join("binder.pdf");
        let out = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// The first run of 11 digits starting with 1 (a mobile number), if any.
fn regex_free_phone(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(11).find_map(|w| {
        let s: String = w.iter().collect();
        (w[0] == '1' && w.iter().all(char::is_ascii_digit)).then_some(s)
    })
}

#[test]
fn a_binder_for_a_period_leaves_out_the_meetings_outside_it() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let all = t.ok("meetings.list", json!({}));
    let meetings = all.as_array().unwrap();
    assert!(meetings.len() >= 2);
    let (_, whole) = demo_binder(&t, json!({}));
    let (_, october) = demo_binder(&t, json!({ "from": "2026-10-01", "to": "2026-10-31" }));
    let (Some(whole), Some(october)) = (whole, october) else {
        return;
    };
    let count = |pages: &[String]| {
        pages
            .iter()
            .find_map(|p| {
                let i = p.find("共 ")?;
                if !p.contains("会议记录") {
                    return None;
                }
                let rest = &p[i + "共 ".len()..];
                let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
                p[..i].contains("至").then(|| n.parse::<usize>().ok())?
            })
            .unwrap()
    };
    let in_october = meetings
        .iter()
        .filter(|m| m["held_on"].as_str().unwrap().starts_with("2026-10"))
        .count();
    assert_eq!(count(&whole), meetings.len());
    assert_eq!(count(&october), in_october);
    assert!(october[0].contains("2026年10月1日至2026年10月31日"));
}

#[test]
fn a_binder_period_that_runs_backwards_or_past_today_is_refused() {
    let t = TestApp::new();
    let back = t.fails(
        "print.binder",
        json!({ "from": "2026-11-01", "to": "2026-10-01" }),
    );
    assert!(back.message.contains("起始日期"), "{}", back.message);
    let ahead = t.fails("print.binder", json!({ "to": "2026-12-31" }));
    assert!(ahead.message.contains("截止日期"), "{}", ahead.message);
}
