//! Batch printing in steps the UI can show and cancel.
//!
//! 1. `pledges.batch_start` (write) numbers every pledge the batch needs and stores the job: its
//!    pledges in walking order (`Address::sort_key`). Numbers are kept by reprints.
//! 2. `pledges.batch_layout` lays out `limit` pledges from `offset` and reports progress; the laid-out
//!    pages wait in memory for step 3. The UI calls it chunk by chunk, so it can stop at any time.
//! 3. `pledges.batch_pdf` assembles the one PDF (laying out whatever step 2 did not, so the CLI
//!    may skip step 2), both copies of every pledge.
//! 4. The clerk confirms the paper came out: `pledges.batch_confirm` marks the pledges 已打印.
//!    Generating the file marks nothing — a jammed printer must not make doors look visited.
//!    `pledges.batch_cancel` drops the job instead.

use super::documents::pledge_form::{pages, FormData};
use super::records::{self, RecordArgs};
use super::{template, year_or_current, PledgeStatus, Scope};
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{DocInfo, Page};
use cw_registry::{households, settings};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use ts_rs::TS;

/// Arguments of [`batch_start`]: a scope (all unsigned, unrefused pledges in it) or parties.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct BatchArgs {
    #[ts(optional = nullable)]
    pub year: Option<i32>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub scope: Scope,
    /// Print exactly these parties (a single pledge or a reprint), whatever their status.
    #[ts(optional = nullable)]
    pub party_ids: Vec<i64>,
}

/// A print job and how far it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BatchJob {
    pub job_id: i64,
    /// 第一小组, 黄山路东段, …
    pub scope: String,
    /// Pledges in the job.
    pub total: i64,
    /// Pledges laid out so far.
    pub done: i64,
    /// 待确认, 已确认, 已取消.
    pub state: String,
}

/// Arguments naming a job; `offset`/`limit` for a layout step.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct JobArgs {
    #[ts(optional = nullable)]
    pub job_id: i64,
    #[ts(optional = nullable)]
    pub offset: i64,
    #[ts(optional = nullable)]
    pub limit: Option<i64>,
}

/// Laid-out pages per (database, job), each slot with the pledge it belongs to.
type Slots = Vec<Option<(i64, Vec<Page>)>>;
static LAID_OUT: Mutex<BTreeMap<(String, i64), Slots>> = Mutex::new(BTreeMap::new());
/// Jobs kept in memory at most; older ones are laid out again if asked for.
const KEEP_JOBS: usize = 4;

fn cache_key(conn: &Connection, job: i64) -> (String, i64) {
    (conn.path().unwrap_or("").to_string(), job)
}

fn job(conn: &Connection, id: i64) -> Result<BatchJob, CoreError> {
    let (scope, total, state): (String, i64, String) = conn
        .query_row(
            "SELECT scope, total, state FROM pledge_print_jobs WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(CoreError::NotFound {
            what: "打印任务",
            id,
        })?;
    let done = LAID_OUT
        .lock()
        .ok()
        .and_then(|c| {
            c.get(&cache_key(conn, id))
                .map(|s| s.iter().filter(|x| x.is_some()).count() as i64)
        })
        .unwrap_or(0);
    Ok(BatchJob {
        job_id: id,
        scope,
        total,
        done,
        state,
    })
}

fn items(conn: &Connection, id: i64) -> Result<Vec<i64>, CoreError> {
    let mut stmt = conn.prepare(
        "SELECT pledge_id FROM pledge_print_job_items WHERE job_id = ?1 ORDER BY position",
    )?;
    let ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// Numbers the pledges of a batch and stores the job in walking order.
pub fn batch_start(ctx: &Ctx<'_>, a: BatchArgs) -> Result<BatchJob, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    let (party_ids, scope_text) = if a.party_ids.is_empty() {
        let q = records::PledgeQuery {
            scope: a.scope.clone(),
            ..Default::default()
        };
        let ids: Vec<i64> = records::all_matching(ctx.conn, year, &q)?
            .into_iter()
            .filter(|r| matches!(r.status, PledgeStatus::NotPrinted | PledgeStatus::Printed))
            .map(|r| r.party_id)
            .collect();
        (ids, a.scope.describe(ctx.conn)?)
    } else {
        let mut rows = Vec::new();
        for id in &a.party_ids {
            rows.push(records::row(ctx.conn, year, *id)?);
        }
        let sorted: Vec<i64> = sort_walking(ctx.conn, &a.party_ids)?;
        let text = match rows.as_slice() {
            [one] => one.name.clone(),
            _ => format!("选定的 {} 户", rows.len()),
        };
        (sorted, text)
    };
    if party_ids.is_empty() {
        return Err(CoreError::Conflict(format!(
            "{scope_text}没有需要打印的责任书（未签订且未拒签的都已签订或拒签）"
        )));
    }
    let mut pledge_ids = Vec::with_capacity(party_ids.len());
    for p in &party_ids {
        pledge_ids.push(records::ensure(ctx, *p, year)?);
    }
    ctx.conn.execute(
        "INSERT INTO pledge_print_jobs (scope, total, state, created_at) VALUES (?1, ?2, '待确认', ?3)",
        params![scope_text, pledge_ids.len() as i64, ctx.now_text()],
    )?;
    let job_id = ctx.conn.last_insert_rowid();
    let mut stmt = ctx.conn.prepare(
        "INSERT INTO pledge_print_job_items (job_id, position, pledge_id) VALUES (?1, ?2, ?3)",
    )?;
    for (i, id) in pledge_ids.iter().enumerate() {
        stmt.execute(params![job_id, i as i64, id])?;
    }
    let out = job(ctx.conn, job_id)?;
    ctx.audit(
        "pledge_print_jobs",
        Some(job_id),
        None::<&BatchJob>,
        Some(&out),
    )?;
    Ok(out)
}

/// Parties in walking order (the stored `Address::sort_key`).
fn sort_walking(conn: &Connection, ids: &[i64]) -> Result<Vec<i64>, CoreError> {
    let mut keyed = Vec::with_capacity(ids.len());
    for id in ids {
        let key: String = conn
            .query_row(
                "SELECT address_sort FROM parties WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(CoreError::NotFound {
                what: "住户",
                id: *id,
            })?;
        keyed.push((key, *id));
    }
    keyed.sort();
    keyed.dedup();
    Ok(keyed.into_iter().map(|(_, id)| id).collect())
}

/// Lays out both copies of each pledge; templates are loaded once each.
fn lay_out(ctx: &Ctx<'_>, pledge_ids: &[i64]) -> Result<Vec<Vec<Page>>, CoreError> {
    let conn = ctx.conn;
    let s = settings::get(ctx, serde_json::Value::Null)?;
    let mut templates = HashMap::new();
    let mut out = Vec::with_capacity(pledge_ids.len());
    for id in pledge_ids {
        let (year, party_id, template_id) = records::pledge_party(conn, *id)?;
        let number: String =
            conn.query_row("SELECT number FROM pledges WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
        let t = match templates.entry(template_id) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(template::load(conn, template_id)?),
        };
        let party = households::load(conn, party_id)?;
        out.push(pages(&FormData {
            number: &number,
            year,
            party: &party,
            template: t,
            settings: &s,
        })?);
    }
    Ok(out)
}

/// Lays out the next chunk of a job and reports progress.
pub fn batch_layout(ctx: &Ctx<'_>, a: JobArgs) -> Result<BatchJob, CoreError> {
    let j = job(ctx.conn, a.job_id)?;
    if j.state != "待确认" {
        return Err(CoreError::Conflict(format!("打印任务{}", j.state)));
    }
    let ids = items(ctx.conn, a.job_id)?;
    let start = a.offset.clamp(0, ids.len() as i64) as usize;
    let end = (start + a.limit.unwrap_or(25).clamp(1, 500) as usize).min(ids.len());
    let chunk = &ids[start..end];
    let laid = lay_out(ctx, chunk)?;
    let key = cache_key(ctx.conn, a.job_id);
    {
        let mut cache = LAID_OUT
            .lock()
            .map_err(|_| CoreError::Internal("打印缓存不可用".into()))?;
        if !cache.contains_key(&key) && cache.len() >= KEEP_JOBS {
            if let Some(oldest) = cache.keys().next().cloned() {
                cache.remove(&oldest);
            }
        }
        let slots = cache.entry(key).or_insert_with(|| vec![None; ids.len()]);
        if slots.len() != ids.len() {
            *slots = vec![None; ids.len()];
        }
        for ((slot, id), pages) in slots[start..end].iter_mut().zip(chunk).zip(laid) {
            *slot = Some((*id, pages));
        }
    }
    job(ctx.conn, a.job_id)
}

/// The job's one PDF: both copies of every pledge, in walking order.
pub fn batch_pdf(ctx: &Ctx<'_>, a: JobArgs) -> Result<FileOut, CoreError> {
    let j = job(ctx.conn, a.job_id)?;
    if j.state == "已取消" {
        return Err(CoreError::Conflict("打印任务已取消".into()));
    }
    let ids = items(ctx.conn, a.job_id)?;
    let cached = LAID_OUT
        .lock()
        .map_err(|_| CoreError::Internal("打印缓存不可用".into()))?
        .remove(&cache_key(ctx.conn, a.job_id))
        .unwrap_or_default();
    let mut all = Vec::with_capacity(ids.len() * 2);
    for (i, id) in ids.iter().enumerate() {
        match cached.get(i) {
            Some(Some((cid, pages))) if cid == id => all.extend(pages.iter().cloned()),
            _ => all.extend(lay_out(ctx, &[*id])?.into_iter().flatten()),
        }
    }
    let title = format!("门前三包责任书-{}", j.scope);
    ctx.record_export("门前三包责任书", ids.len(), true);
    let rendered = cw_pdf::render_pages_lenient(
        &DocInfo {
            title: title.clone(),
            created: ctx.clock.now(),
        },
        all,
    )?;
    Ok(FileOut::pdf(format!("{title}.pdf"), &title, rendered))
}

/// What a confirmation did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConfirmOutcome {
    pub job: BatchJob,
    /// Pledges now marked 已打印 (reprints counted).
    pub marked: i64,
    /// Pledges signed, refused or voided since the job was made, left as they are.
    pub skipped: i64,
}

fn finish(ctx: &Ctx<'_>, id: i64, state: &str) -> Result<BatchJob, CoreError> {
    let before = job(ctx.conn, id)?;
    if before.state != "待确认" {
        return Err(CoreError::Conflict(format!("打印任务{}", before.state)));
    }
    ctx.conn.execute(
        "UPDATE pledge_print_jobs SET state = ?2, finished_at = ?3 WHERE id = ?1",
        params![id, state, ctx.now_text()],
    )?;
    if let Ok(mut c) = LAID_OUT.lock() {
        c.remove(&cache_key(ctx.conn, id));
    }
    let after = job(ctx.conn, id)?;
    ctx.audit("pledge_print_jobs", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}

/// The clerk confirms the batch came out of the printer: its pledges become 已打印.
pub fn batch_confirm(ctx: &Ctx<'_>, a: JobArgs) -> Result<ConfirmOutcome, CoreError> {
    let ids = items(ctx.conn, a.job_id)?;
    let job = finish(ctx, a.job_id, "已确认")?;
    let (mut marked, mut skipped) = (0, 0);
    for id in ids {
        let (year, party_id, _) = records::pledge_party(ctx.conn, id)?;
        let status: PledgeStatus =
            ctx.conn
                .query_row("SELECT status FROM pledges WHERE id = ?1", [id], |r| {
                    cw_store::sql::column_at(r, 0, "pledges", "status")
                })?;
        if matches!(status, PledgeStatus::NotPrinted | PledgeStatus::Printed) {
            records::record(
                ctx,
                RecordArgs {
                    party_id,
                    year: Some(year),
                    status: PledgeStatus::Printed,
                    on_date: None,
                    signer: String::new(),
                    collector_id: None,
                    reason: String::new(),
                },
            )?;
            marked += 1;
        } else {
            skipped += 1;
        }
    }
    Ok(ConfirmOutcome {
        job,
        marked,
        skipped,
    })
}

/// Drops a job (the clerk cancelled, or the paper never came out); nothing is marked printed.
pub fn batch_cancel(ctx: &Ctx<'_>, a: JobArgs) -> Result<BatchJob, CoreError> {
    finish(ctx, a.job_id, "已取消")
}

/// A job's state and progress.
pub fn batch_get(ctx: &Ctx<'_>, a: JobArgs) -> Result<BatchJob, CoreError> {
    job(ctx.conn, a.job_id)
}
