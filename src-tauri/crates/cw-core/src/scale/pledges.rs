//! The scale community's 门前三包 pledges for 2026: one per party, most signed, some printed and
//! waiting, a few not yet printed — each with its first status event and audit row.

use super::bulk::{insert, AuditWriter};
use super::people::People;
use cw_kernel::rng::Rng;
use cw_kernel::{CoreError, Ctx};
use rusqlite::params;
use serde_json::json;

/// Writes the pledges.
pub fn generate(ctx: &Ctx<'_>, rng: &mut Rng, p: &People) -> Result<(), CoreError> {
    let mut audit = AuditWriter::new(ctx.conn, ctx.actor, ctx.command)?;
    let template = cw_pledges::template::current_id(ctx.conn)?;
    for (n, party) in p.parties.iter().enumerate() {
        let seq = n as i64 + 1;
        let number = format!("MQ-2026-{seq:05}");
        let roll = rng.below(100);
        let (status, signed_on, signer, collector) = if roll < 85 {
            // A signed form is collected by a cadre (pledges::collecting_cadre).
            let collectors = &p.cadres[party.group as usize - 1];
            let on = format!("2026-07-{:02}", 6 + rng.below(25));
            (
                "已签订",
                Some(on),
                party.contact.as_str(),
                Some(collectors[rng.below(collectors.len())]),
            )
        } else if roll < 95 {
            ("已打印", None, "", None)
        } else {
            ("未打印", None, "", None)
        };
        let at = "2026-07-05 09:00:00";
        let printed = i64::from(status != "未打印");
        let id = insert(
            ctx.conn,
            "INSERT INTO pledges (number, year, seq, party_id, template_id, status, signed_on, signer, collector_id,
               print_count, created_at, updated_at)
             VALUES (?1, 2026, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            params![number, seq, party.id, template, status, signed_on, signer, collector, printed, at],
        )?;
        insert(
            ctx.conn,
            "INSERT INTO pledge_events (pledge_id, at, actor, status, on_date, signer, collector_id, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '')",
            params![id, at, ctx.actor, status, signed_on, signer, collector],
        )?;
        let after = json!({"id": id, "number": number, "party_id": party.id, "status": status, "signed_on": signed_on});
        audit.created(at, "pledges", id, &after.to_string())?;
    }
    Ok(())
}
