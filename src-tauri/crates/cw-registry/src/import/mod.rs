//! Importing staff and households from .xlsx or .csv: preview first, then all-or-nothing.
//!
//! Matching keys, so that importing the same file twice creates no duplicates:
//! - households, shops and units: the 编号 column when filled (it must exist); otherwise the same
//!   类型 + 名称 + address (街道, 门牌号, 楼栋, 单元, 房号). A match is updated, or left as is when equal.
//! - staff: 姓名 + 电话 (an empty phone matches a person of that name with no phone).

mod columns;
mod households;
mod staff;

pub use households::HEADERS as HOUSEHOLD_HEADERS;
pub use staff::HEADERS as STAFF_HEADERS;

use base64::Engine;
use cw_kernel::{CoreError, Ctx, FileOut, RowError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportTarget {
    /// 人员.
    Staff,
    /// 住户、门店与单位.
    Households,
}

/// An imported file as the UI sends it.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct ImportArgs {
    pub target: ImportTarget,
    pub file_name: String,
    /// The file's bytes, base64.
    pub data_base64: String,
}

/// What will happen to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum ImportAction {
    #[serde(rename = "新增")]
    Create,
    #[serde(rename = "更新")]
    Update,
    #[serde(rename = "不变")]
    Unchanged,
}

/// One row of the preview.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportRowPreview {
    pub row: usize,
    pub action: ImportAction,
    pub name: String,
    /// e.g. the address, or the roles.
    pub detail: String,
}

/// The preview: counts, every error, and the rows (the first 500).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub target: ImportTarget,
    pub file_name: String,
    pub total_rows: usize,
    pub to_create: usize,
    pub to_update: usize,
    pub unchanged: usize,
    /// Headers in the file that were not used.
    pub ignored_columns: Vec<String>,
    pub errors: Vec<RowError>,
    pub rows: Vec<ImportRowPreview>,
}

/// What an import did.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportOutcome {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// A planned import: what each row will do, or every error found.
pub struct Plan<Op> {
    pub rows: Vec<(ImportRowPreview, Op)>,
    pub errors: Vec<RowError>,
    pub ignored: Vec<String>,
}

fn sheet(args: &ImportArgs) -> Result<cw_tabular::Sheet, CoreError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(args.data_base64.trim())
        .map_err(|_| CoreError::BadArgs("文件内容不是有效的 base64".into()))?;
    Ok(cw_tabular::read_table(&args.file_name, &bytes)?)
}

fn summarize<Op>(args: &ImportArgs, plan: Plan<Op>) -> ImportPreview {
    let count = |a: ImportAction| plan.rows.iter().filter(|(r, _)| r.action == a).count();
    ImportPreview {
        target: args.target,
        file_name: args.file_name.clone(),
        total_rows: plan.rows.len()
            + plan
                .errors
                .iter()
                .map(|e| e.row)
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
        to_create: count(ImportAction::Create),
        to_update: count(ImportAction::Update),
        unchanged: count(ImportAction::Unchanged),
        ignored_columns: plan.ignored,
        errors: plan.errors,
        rows: plan.rows.into_iter().take(500).map(|(r, _)| r).collect(),
    }
}

/// Reads and checks a file and says what importing it would do; writes nothing.
pub fn preview(ctx: &Ctx<'_>, args: ImportArgs) -> Result<ImportPreview, CoreError> {
    let sheet = sheet(&args)?;
    Ok(match args.target {
        ImportTarget::Staff => summarize(&args, staff::plan(ctx.conn, &sheet)?),
        ImportTarget::Households => summarize(&args, households::plan(ctx.conn, &sheet)?),
    })
}

/// Imports a file: every row is checked first, and any error writes nothing at all.
pub fn commit(ctx: &Ctx<'_>, args: ImportArgs) -> Result<ImportOutcome, CoreError> {
    let sheet = sheet(&args)?;
    match args.target {
        ImportTarget::Staff => {
            let plan = staff::plan(ctx.conn, &sheet)?;
            if !plan.errors.is_empty() {
                return Err(CoreError::Import(plan.errors));
            }
            staff::apply(ctx, plan)
        }
        ImportTarget::Households => {
            let plan = households::plan(ctx.conn, &sheet)?;
            if !plan.errors.is_empty() {
                return Err(CoreError::Import(plan.errors));
            }
            households::apply(ctx, plan)
        }
    }
}

/// Arguments of [`template`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct TemplateArgs {
    pub target: ImportTarget,
}

/// An .xlsx with the expected headers and one example row.
pub fn template(_ctx: &Ctx<'_>, a: TemplateArgs) -> Result<FileOut, CoreError> {
    let (name, headers, example) = match a.target {
        ImportTarget::Staff => ("人员导入模板", staff::HEADERS, staff::EXAMPLE),
        ImportTarget::Households => ("住户导入模板", households::HEADERS, households::EXAMPLE),
    };
    let sheet = cw_tabular::XlsxSheet {
        sheet_name: name.to_string(),
        title: None,
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows: vec![example
            .iter()
            .map(|c| cw_tabular::Cell::Text(c.to_string()))
            .collect()],
        widths: None,
    };
    Ok(FileOut {
        file_name: format!("{name}.xlsx"),
        mime: crate::exports::XLSX_MIME.to_string(),
        bytes: cw_tabular::write_xlsx(&[sheet])?,
        warnings: Vec::new(),
    })
}

/// What the import does with one row, given the checked values `C` of a record.
pub enum Op<C> {
    Create(C),
    Update(i64, C),
    Unchanged,
}

/// Writes a plan that has no errors through the registry's own insert and replace.
pub fn apply<C, R>(
    ctx: &Ctx<'_>,
    plan: Plan<Op<C>>,
    insert: fn(&Ctx<'_>, &C) -> Result<i64, CoreError>,
    replace: fn(&Ctx<'_>, i64, &C) -> Result<R, CoreError>,
) -> Result<ImportOutcome, CoreError> {
    let mut out = ImportOutcome {
        created: 0,
        updated: 0,
        unchanged: 0,
    };
    for (_, op) in plan.rows {
        match op {
            Op::Create(c) => {
                insert(ctx, &c)?;
                out.created += 1;
            }
            Op::Update(id, c) => {
                replace(ctx, id, &c)?;
                out.updated += 1;
            }
            Op::Unchanged => out.unchanged += 1,
        }
    }
    Ok(out)
}

fn plan_failed<Op>(errors: Vec<RowError>) -> Plan<Op> {
    Plan {
        rows: Vec::new(),
        errors,
        ignored: Vec::new(),
    }
}
