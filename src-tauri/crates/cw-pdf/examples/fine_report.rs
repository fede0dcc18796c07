//! Times a month's fine report at ten times the scale (17,005 detail lines, about 560 landscape
//! pages), shaped like `print.fine_report` in cw-core: a summary table, then the detail with its
//! header on every page, numbered "第 N 页 / 共 M 页" through the whole document.
//!
//! `cargo run --release -p cw-pdf --example fine_report -- [runs] [out.pdf]`
//! prints the median of `runs` renders (default 7) split into laying out the pages and saving
//! the PDF, and writes the last PDF to `out.pdf` when given.
#![allow(clippy::disallowed_methods)] // a measuring tool, not the app: plain file calls

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use cw_pdf::{render_pages, section_pages, Align, Column, DocInfo, PdfError, TableDoc};

const LINES: usize = 17_005;

const SURNAMES: [&str; 16] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
];
const GIVEN: [&str; 12] = [
    "建国", "秀英", "志强", "丽娟", "伟", "芳", "德明", "桂兰", "海燕", "国庆", "玉珍", "春生",
];
const ZONES: [&str; 10] = [
    "黄山路东段",
    "黄山路西段",
    "石马山农贸市场",
    "滨江花园小区",
    "新村一巷",
    "新村二巷",
    "人民路北段",
    "工业园南门",
    "学府路",
    "老街片区",
];
const OFFENCES: [(&str, &str); 8] = [
    ("B1", "路面烟头、纸屑 30 分钟未清"),
    ("B2", "路沿石泥土未清"),
    ("B4", "门店垃圾未按时收集"),
    ("B6", "清扫垃圾未及时归堆"),
    ("B7", "绿化带内留有垃圾袋"),
    ("C1", "未穿工作服作业"),
    ("A3", "上班时间坐岗聊天"),
    (
        "B5",
        "普扫未按时完成，督查时路面仍有大量落叶和垃圾，已拍照留存",
    ),
];

fn name(i: usize) -> String {
    format!("{}{}", SURNAMES[i % 16], GIVEN[(i / 16) % 12])
}

fn yuan(fen: usize) -> String {
    let y = fen / 100;
    let grouped = if y >= 1000 {
        format!("{},{:03}", y / 1000, y % 1000)
    } else {
        y.to_string()
    };
    format!("¥{grouped}.{:02}", fen % 100)
}

fn docs() -> (TableDoc, TableDoc) {
    let printed_at = NaiveDate::from_ymd_opt(2026, 11, 29)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .unwrap_or_default();
    let col = |h: &str, w: f32, al: Align| Column::new(h, w, al);
    let summary = TableDoc {
        title: "2026年11月罚款月报".into(),
        community: "石马山镇黄山社区居委会".into(),
        subtitle: Some(format!(
            "共 {LINES} 笔　合计 ¥1,020,300.00（罚款与扣发，减当月冲销；奖励不计）"
        )),
        columns: vec![
            col("汇总方式", 8.0, Align::Center),
            col("名称", 30.0, Align::Left),
            col("笔数", 6.0, Align::Center),
            col("金额", 10.0, Align::Right),
        ],
        rows: (0..60)
            .map(|i| {
                let (by, what) = match i % 3 {
                    0 => ("按人员", name(i)),
                    1 => ("按责任区", ZONES[i % 10].to_string()),
                    _ => ("按考核项目", OFFENCES[i % 8].1.to_string()),
                };
                vec![by.into(), what, (i * 7 + 3).to_string(), yuan(i * 12_345)]
            })
            .collect(),
        landscape: false,
        printed_at,
        footer_note: Some("审计校验码：3fa2c9e01b7d44aa".into()),
    };
    let detail = TableDoc {
        title: "2026年11月罚款明细".into(),
        community: "石马山镇黄山社区居委会".into(),
        subtitle: Some(format!("共 {LINES} 笔　合计 ¥1,020,300.00")),
        columns: vec![
            col("序号", 4.0, Align::Center),
            col("日期", 11.0, Align::Center),
            col("姓名", 6.0, Align::Left),
            col("责任区", 9.0, Align::Left),
            col("编号", 4.5, Align::Center),
            col("考核内容", 24.0, Align::Left),
            col("数量", 4.0, Align::Center),
            col("金额", 8.0, Align::Right),
            col("记录人", 6.0, Align::Left),
            col("备注", 8.0, Align::Left),
        ],
        rows: (0..LINES)
            .map(|i| {
                let (code, offence) = OFFENCES[(i * 7) % 8];
                let count = 1 + i % 3;
                vec![
                    (i + 1).to_string(),
                    format!("2026年11月{}日", 1 + i % 30),
                    name(i * 31 + 7),
                    ZONES[(i / 3) % 10].to_string(),
                    code.to_string(),
                    offence.to_string(),
                    count.to_string(),
                    yuan(count * 5_000),
                    name(i / 40),
                    if i % 97 == 0 {
                        format!("冲销第 {} 号", 900_000 + i)
                    } else {
                        "罚款".to_string()
                    },
                ]
            })
            .collect(),
        landscape: true,
        printed_at,
        footer_note: Some(
            "合计 ¥1,020,300.00　　制表人：____________　　审核人：____________".into(),
        ),
    };
    (summary, detail)
}

/// CPU time of the whole process so far, all threads (Linux, 10 ms ticks), so a busy shared
/// machine shows in the wall time only.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which ends with ')'): utime and stime are the 12th and
    // 13th of them.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> Result<(), PdfError> {
    let mut args = std::env::args().skip(1);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(7);
    let out = args.next();
    let (summary, detail) = docs();
    // The font is parsed once per process, as in the app; not part of a report's time.
    cw_pdf::fonts::font()?;
    let info = DocInfo {
        title: summary.title.clone(),
        created: summary.printed_at,
    };
    let (mut layout, mut save, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let mut cpu = Vec::new();
    let mut bytes = Vec::new();
    let mut page_count = 0;
    for _ in 0..runs.max(1) {
        let c0 = cpu_time();
        let t0 = Instant::now();
        let mut pages = section_pages(&summary)?;
        pages.extend(section_pages(&detail)?);
        page_count = pages.len();
        let t1 = Instant::now();
        bytes = render_pages(&info, pages)?;
        let t2 = Instant::now();
        if let (Some(a), Some(b)) = (c0, cpu_time()) {
            cpu.push(b - a);
        }
        layout.push(t1 - t0);
        save.push(t2 - t1);
        total.push(t2 - t0);
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let cpu_ms = if cpu.is_empty() {
        "?".to_string()
    } else {
        format!("{:.1}", ms(median(cpu)))
    };
    println!(
        "fine report: {LINES} lines, {page_count} pages, {} bytes ({:.0} B/page); median of {} runs: total {:.1} ms (layout {:.1} ms, save {:.1} ms), on the CPU {cpu_ms} ms",
        bytes.len(),
        bytes.len() as f64 / page_count as f64,
        total.len(),
        ms(median(total)),
        ms(median(layout)),
        ms(median(save)),
    );
    if let Some(path) = out {
        std::fs::write(&path, &bytes).map_err(|e| PdfError::Render(e.to_string()))?;
    }
    Ok(())
}
