//! The progress report as a workbook: the same figures as the PDF, a sheet each (phases, per
//! group, per zone, the two weekly trends, fines and inspections, the checklist).

use super::progress_lines::{group_lines, month_label, phase_rows, zone_lines, Line};
use crate::figures::{self, Progress, GROUPS};
use crate::permille_text;
use crate::phases::ordinal;
use cw_fees::rates::group_name;
use cw_kernel::CoreError;
use cw_pdf::format_date_cn;
use cw_tabular::{Cell, XlsxSheet};

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt(v: Option<i64>) -> Cell {
    v.map(|v| text(permille_text(Some(v))))
        .unwrap_or(Cell::Empty)
}

fn strs(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

/// The report's workbook.
pub fn xlsx(p: &Progress) -> Result<Vec<u8>, CoreError> {
    let sheets = vec![
        phases_sheet(p),
        lines_sheet(
            "按收费小组",
            "目标与实际（按收费小组）",
            "收费小组",
            &group_lines(p),
        ),
        lines_sheet(
            "按责任区",
            "目标与实际（按责任区）",
            "责任区",
            &zone_lines(p),
        ),
        trend_sheet("签订率趋势", &p.signing_trend),
        trend_sheet("收缴率趋势", &p.collection_trend),
        monthly_sheet(p),
        checklist_sheet(p),
    ];
    Ok(cw_tabular::write_xlsx(&sheets)?)
}

/// 阶段: the phases, as on the PDF's first page.
fn phases_sheet(p: &Progress) -> XlsxSheet {
    XlsxSheet {
        sheet_name: "阶段".into(),
        title: Some(format!(
            "{}年创卫工作进度　截至{}　当前：{}",
            p.year,
            format_date_cn(p.as_of),
            p.plan.current_text
        )),
        headers: strs(&["阶段", "起止日期", "目标", "实际", "清单完成", "状态"]),
        rows: phase_rows(p)
            .into_iter()
            .map(|r| r.into_iter().map(Cell::Text).collect())
            .collect(),
        widths: None,
    }
}

/// Targets against actuals, one row a line, `first` heading the label column.
fn lines_sheet(name: &str, title: &str, first: &str, lines: &[Line<'_>]) -> XlsxSheet {
    XlsxSheet {
        sheet_name: name.into(),
        title: Some(title.into()),
        headers: strs(&[
            first,
            "应签",
            "已签",
            "拒签",
            "未签",
            "签订率",
            "应缴户数",
            "缴清",
            "收缴率",
            "欠收金额",
        ]),
        rows: lines.iter().map(line_row).collect(),
        widths: None,
    }
}

/// A line as cells; a side without figures is left empty.
fn line_row(l: &Line<'_>) -> Vec<Cell> {
    let mut row = vec![text(l.label.clone())];
    match l.signing {
        Some(s) => row.extend([
            Cell::Int(s.due),
            Cell::Int(s.signed),
            Cell::Int(s.refused),
            Cell::Int(s.outstanding),
            text(s.rate_text.clone()),
        ]),
        None => row.extend([
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]),
    }
    match l.collection {
        Some(c) => row.extend([
            Cell::Int(c.expected_parties),
            Cell::Int(c.paid),
            text(c.rate.clone()),
            Cell::Money(c.owed.clone()),
        ]),
        None => row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]),
    }
    row
}

/// A weekly rate: the community and each group.
fn trend_sheet(name: &str, points: &[figures::TrendPoint]) -> XlsxSheet {
    let mut headers = vec!["日期".to_string(), "全社区".to_string()];
    headers.extend(GROUPS.iter().map(|g| group_name(Some(*g))));
    XlsxSheet {
        sheet_name: name.into(),
        title: Some(format!("{name}（每周，截至当天）")),
        headers,
        rows: points
            .iter()
            .map(|p| {
                let mut r = vec![Cell::Date(p.date.to_string()), opt(p.overall)];
                r.extend(p.groups.iter().map(|g| opt(*g)));
                r
            })
            .collect(),
        widths: None,
    }
}

/// 罚款与检查: each month's fines, by category too, and its inspections.
fn monthly_sheet(p: &Progress) -> XlsxSheet {
    let mut headers = strs(&["月份", "罚款笔数", "罚款金额"]);
    headers.extend(p.fine_categories.iter().cloned());
    headers.extend(strs(&["检查达标", "检查不达标"]));
    XlsxSheet {
        sheet_name: "罚款与检查".into(),
        title: Some("罚款（按类别）与检查（每月）".into()),
        headers,
        rows: p
            .fines_by_month
            .iter()
            .zip(&p.inspections)
            .map(|(f, i)| {
                let mut r = vec![
                    text(month_label(&f.month)),
                    Cell::Int(f.count),
                    Cell::Money(f.total.clone()),
                ];
                for c in &p.fine_categories {
                    r.push(
                        f.by_category
                            .iter()
                            .find(|t| &t.name == c)
                            .map(|t| Cell::Money(t.amount.clone()))
                            .unwrap_or(Cell::Empty),
                    );
                }
                r.extend([Cell::Int(i.passed), Cell::Int(i.failed)]);
                r
            })
            .collect(),
        widths: None,
    }
}

/// 工作清单: every phase's tasks.
fn checklist_sheet(p: &Progress) -> XlsxSheet {
    XlsxSheet {
        sheet_name: "工作清单".into(),
        title: Some("阶段工作清单".into()),
        headers: strs(&["阶段", "工作内容", "完成日期", "佐证材料"]),
        rows: p
            .plan
            .phases
            .iter()
            .flat_map(|ph| {
                ph.tasks.iter().map(move |t| {
                    vec![
                        text(ordinal(ph.seq)),
                        text(t.title.clone()),
                        t.done_on
                            .map(|d| Cell::Date(d.to_string()))
                            .unwrap_or_else(|| text("未完成")),
                        text(t.evidence.clone()),
                    ]
                })
            })
            .collect(),
        widths: None,
    }
}
