//! The households list sorted by zone, one page at a time: the parties are counted per zone and
//! only the zones the page falls in are read, in walking order.
//!
//! Zone and party live in two tables, so no index gives "zone name, then walking order" over all
//! 200,000 parties of the ten-times community; sorting them all for one page took 75 ms.

use super::sql::Filter;
use cw_kernel::CoreError;
use rusqlite::types::Value;
use rusqlite::Connection;

/// The ids of one page of `f`'s parties in the order `z.name IS NULL, z.name [DESC],
/// p.address_sort, p.id`, and the count of all of them.
pub fn page_ids(
    conn: &Connection,
    f: &Filter,
    desc: bool,
    (size, offset): (i64, i64),
) -> Result<(Vec<i64>, i64), CoreError> {
    // Zone names are unique, so the zones' order is total and each zone's parties stay together.
    let mut counts: Vec<(Option<String>, Option<i64>, i64)> = conn
        .prepare(&format!(
            "SELECT z.name, p.zone_id, count(*) FROM parties p LEFT JOIN zones z ON z.id = p.zone_id{}
             GROUP BY p.zone_id",
            f.sql()
        ))?
        .query_map(rusqlite::params_from_iter(f.params.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    counts.sort_by(|a, b| {
        let by_name = a.0.cmp(&b.0);
        let by_name = if desc { by_name.reverse() } else { by_name };
        // Parties without a zone come last in either direction.
        a.0.is_none().cmp(&b.0.is_none()).then(by_name)
    });
    let total = counts.iter().map(|c| c.2).sum();
    let mut ids = Vec::new();
    let mut skip = offset;
    for (_, zone, count) in counts {
        if ids.len() as i64 >= size {
            break;
        }
        if skip >= count {
            skip -= count;
            continue;
        }
        let mut params: Vec<Value> = f.params.clone();
        let zone_clause = match zone {
            Some(z) => {
                params.push(Value::Integer(z));
                "p.zone_id = ?"
            }
            None => "p.zone_id IS NULL",
        };
        let clause = match f.sql() {
            s if s.is_empty() => format!(" WHERE {zone_clause}"),
            s => format!("{s} AND {zone_clause}"),
        };
        let want = size - ids.len() as i64;
        let mut stmt = conn.prepare(&format!(
            "SELECT p.id FROM parties p{clause} ORDER BY p.address_sort, p.id LIMIT {want} OFFSET {skip}"
        ))?;
        let got = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?;
        for id in got {
            ids.push(id?);
        }
        skip = 0;
    }
    Ok((ids, total))
}
