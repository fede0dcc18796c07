//! Test helpers: sample documents, and inspection of PDFs with poppler/qpdf when installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDateTime;

use crate::{Align, Column, TableDoc};

/// Whether a command-line tool can be started; prints a note when it cannot.
pub fn tool(name: &str) -> bool {
    let flag = if name == "qpdf" { "--version" } else { "-v" };
    let ok = Command::new(name).arg(flag).output().is_ok();
    if !ok {
        eprintln!("note: `{name}` is not installed; skipping that part of the check");
    }
    ok
}

/// A PDF written to a temporary directory (removed on drop).
pub struct PdfFile {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

/// Writes `bytes` to a temp file; `CW_PDF_KEEP=dir` also copies it there for a human to look at.
pub fn write(name: &str, bytes: &[u8]) -> std::io::Result<PdfFile> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&path, bytes)?;
    if let Ok(keep) = std::env::var("CW_PDF_KEEP") {
        std::fs::write(Path::new(&keep).join(format!("{name}.pdf")), bytes)?;
    }
    Ok(PdfFile { _dir: dir, path })
}

fn run(cmd: &str, args: &[&str], file: &Path) -> Option<(bool, String)> {
    if !tool(cmd) {
        return None;
    }
    let out = Command::new(cmd).args(args).arg(file).output().ok()?;
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Some((out.status.success(), text))
}

/// The text of each page, via `pdftotext -layout`; `None` if the tool is missing.
pub fn pdftotext_pages(file: &PdfFile) -> Option<Vec<String>> {
    if !tool("pdftotext") {
        return None;
    }
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file.path)
        .arg("-")
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

/// The first page rasterised by `pdftoppm -r <dpi> -png` beside the PDF; `None` if the tool is
/// missing or failed.
pub fn pdftoppm_first_page(file: &PdfFile, dpi: u32) -> Option<PathBuf> {
    if !tool("pdftoppm") {
        return None;
    }
    let stem = file.path.with_extension("");
    let status = Command::new("pdftoppm")
        .args([
            "-r",
            &dpi.to_string(),
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
        ])
        .arg(&file.path)
        .arg(&stem)
        .status()
        .ok()?;
    let png = stem.with_extension("png");
    (status.success() && png.exists()).then_some(png)
}

/// `pdffonts` output; `None` if the tool is missing.
pub fn pdffonts(file: &PdfFile) -> Option<String> {
    run("pdffonts", &[], &file.path).map(|(_, t)| t)
}

/// `pdfinfo` output; `None` if the tool is missing.
pub fn pdfinfo(file: &PdfFile) -> Option<String> {
    run("pdfinfo", &[], &file.path).map(|(_, t)| t)
}

/// `qpdf --check` success and output; `None` if the tool is missing.
pub fn qpdf_check(file: &PdfFile) -> Option<(bool, String)> {
    run("qpdf", &["--check"], &file.path)
}

/// 2026-11-29 09:30, the print time used throughout the tests.
pub fn printed_at() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 29)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .unwrap_or_default()
}

const SURNAMES: [&str; 10] = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"];
const GIVEN: [&str; 8] = ["建国", "秀英", "志强", "丽娟", "伟", "芳", "德明", "桂兰"];
const NOTES: [&str; 4] = [
    "",
    "租户，房东住城东",
    "沿街商铺，门前三包责任书已签订（2026年3月）",
    "独居老人，需上门收费；联系人为其女儿，电话见备注簿第 3 页。",
];

/// A household roster with `rows` rows, some with long notes that wrap.
pub fn roster(rows: usize) -> TableDoc {
    TableDoc {
        title: "住户花名册".into(),
        community: "石马山镇黄山社区居委会".into(),
        subtitle: Some(format!("责任区：黄山路东段　共 {rows} 户")),
        columns: vec![
            Column::new("序号", 0.6, Align::Center),
            Column::new("户主", 1.1, Align::Left),
            Column::new("门牌地址", 2.6, Align::Left),
            Column::new("联系电话", 1.5, Align::Center),
            Column::new("人口", 0.6, Align::Right),
            Column::new("备注", 2.4, Align::Left),
        ],
        rows: (0..rows)
            .map(|i| {
                vec![
                    (i + 1).to_string(),
                    format!("{}{}", SURNAMES[i % 10], GIVEN[(i / 10) % 8]),
                    format!(
                        "黄山路东段 {} 号 {} 单元 {} 室",
                        i / 12 + 1,
                        i % 3 + 1,
                        101 + i % 6
                    ),
                    format!("138{:08}", 1_000_000 + i * 7919),
                    (i % 5 + 1).to_string(),
                    NOTES[i % 4].to_string(),
                ]
            })
            .collect(),
        landscape: false,
        printed_at: printed_at(),
        footer_note: Some("制表人：__________　　审核人：__________　　（本表一式两份）".into()),
    }
}
