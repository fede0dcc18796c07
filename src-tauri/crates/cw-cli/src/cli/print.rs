//! `print`: each printable document mapped onto its command, written to the file named by `--out`.

use super::args::PrintDoc;
use super::{actor, err, ext, resolve_zone, scope_args, write_output};
use cw_core::{App, ErrorDto};
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;

/// Makes document `doc` and writes it where it says.
pub(super) fn print(app: &App, doc: PrintDoc) -> Result<(), ErrorDto> {
    let call = |name: &str, args: Value| app.call(name, args, actor()).map_err(err);
    match doc {
        PrintDoc::Roster {
            staff,
            zone,
            group,
            role,
            out,
        } => {
            let zone_id = match zone {
                None => None,
                Some(z) => Some(resolve_zone(app, &z)?),
            };
            let args = json!({
                "target": if staff { "staff" } else { "households" },
                "zone_id": zone_id, "group_no": group, "role": role,
                "format": if ext(&out) == "xlsx" { "xlsx" } else { "pdf" },
            });
            write_output(call("print.roster", args)?, &out)?;
        }
        PrintDoc::Statements { month, worker, out } => {
            let args = json!({
                "month": month, "staff_id": worker,
                "format": if ext(&out) == "xlsx" { "xlsx" } else { "pdf" },
            });
            write_output(call("print.statements", args)?, &out)?;
        }
        PrintDoc::Payroll { month, out } => {
            let args = json!({
                "month": month,
                "format": if ext(&out) == "xlsx" { "xlsx" } else { "pdf" },
            });
            write_output(call("print.payroll", args)?, &out)?;
        }
        PrintDoc::Tools { worker, out } => {
            write_output(call("print.tools", json!({ "staff_id": worker }))?, &out)?
        }
        PrintDoc::Notices { month, worker, out } => write_output(
            call(
                "print.fine_notices",
                json!({ "month": month, "staff_id": worker }),
            )?,
            &out,
        )?,
        PrintDoc::Complaints { year, out } => {
            write_output(call("print.complaints", json!({ "year": year }))?, &out)?
        }
        PrintDoc::Meeting { id, record, out } => {
            let doc = if record {
                "print.meeting_record"
            } else {
                "print.meeting_signin"
            };
            write_output(call(doc, json!({ "id": id }))?, &out)?
        }
        PrintDoc::Attendance { month, out } => {
            write_output(call("print.attendance", json!({ "month": month }))?, &out)?
        }
        PrintDoc::FineReport { month, out } => {
            let args = json!({
                "month": month,
                "format": if ext(&out) == "xlsx" { "xlsx" } else { "pdf" },
            });
            write_output(call("print.fine_report", args)?, &out)?;
        }
        PrintDoc::Receipts { batch, out } => {
            write_output(call("print.receipts", json!({ "batch_id": batch }))?, &out)?
        }
        PrintDoc::Remittance { batch, out } => write_output(
            call("print.remittance", json!({ "batch_id": batch }))?,
            &out,
        )?,
        PrintDoc::Arrears { group, out } => {
            let format = if ext(&out) == "xlsx" { "xlsx" } else { "pdf" };
            let args = json!({ "group_no": group, "format": format });
            write_output(call("print.arrears", args)?, &out)?
        }
        PrintDoc::Gaps { out } => {
            let format = if ext(&out) == "xlsx" { "xlsx" } else { "pdf" };
            write_output(call("print.gaps", json!({ "format": format }))?, &out)?
        }
        PrintDoc::Progress { year, out } => {
            let format = if ext(&out) == "xlsx" { "xlsx" } else { "pdf" };
            let args = json!({ "year": year, "format": format });
            write_output(call("print.progress", args)?, &out)?
        }
        PrintDoc::Pledges {
            scope,
            mark_printed,
            out,
        } => {
            let job = app
                .call_json("pledges.batch_start", scope_args(app, &scope)?, actor())
                .map_err(err)?;
            let id = json!({ "job_id": job["job_id"] });
            write_output(call("pledges.batch_pdf", id.clone())?, &out)?;
            if mark_printed {
                write_output(call("pledges.batch_confirm", id)?, Path::new(""))?;
            } else {
                say!(
                    "打印任务 {}：{} 份责任书；打印完成后在办公台确认，或加 --mark-printed",
                    job["job_id"],
                    job["total"]
                );
            }
        }
        PrintDoc::Outstanding { scope, out } => {
            let mut args = scope_args(app, &scope)?;
            args["format"] = json!(if ext(&out) == "xlsx" { "xlsx" } else { "pdf" });
            write_output(call("pledges.outstanding", args)?, &out)?;
        }
    }
    Ok(())
}
