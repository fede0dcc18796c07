//! Times each part of the home screen's figures (`campaign.progress`, `campaign.today`) and the
//! pledge screens on a scale database, to find which part costs what (issue 8):
//! `home_profile path/to/scale10.db [runs]`. Read-only: it never writes to the file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a profiling tool: a failure should stop it loudly

use chrono::NaiveDate;
use cw_core::campaign::figures;
use cw_core::domain::FixedClock;
use cw_core::pledges::rates as pledge_rates;
use cw_core::pledges::records::{self, PledgeQuery};
use cw_core::pledges::{PledgeStatus, Scope};
use cw_core::Ctx;
use rusqlite::{Connection, OpenFlags};
use std::time::Instant;

fn time<T>(what: &str, runs: usize, mut f: impl FnMut() -> T) {
    std::hint::black_box(f());
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            std::hint::black_box(f());
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(f64::total_cmp);
    println!(
        "{what}: median {:.1} ms, max {:.1} ms",
        t[t.len() / 2],
        t[t.len() - 1]
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("home_profile DB [runs]");
    let runs: usize = args.get(2).map(|r| r.parse().unwrap()).unwrap_or(3);
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let clock = FixedClock(
        NaiveDate::from_ymd_opt(2026, 11, 29)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    );
    let ctx = Ctx::new(&conn, &clock, "profile", "profile");
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let plan = cw_core::campaign::phases::load_plan(&conn, 2026, today).unwrap();
    let first = plan.phases.first().unwrap().starts_on;
    let fee_start = plan.phases[2].starts_on;
    let sweeks = figures::weekly(first, today);
    let cweeks = figures::weekly(fee_start, today);
    let months = figures::months_between(first, today);
    println!(
        "signing weeks {}, collection weeks {}, months {}",
        sweeks.len(),
        cweeks.len(),
        months.len()
    );
    time("campaign.progress (all)", runs, || {
        figures::progress(&ctx, Default::default()).unwrap()
    });
    time("  signing now (pledges.rates, kept counts)", runs, || {
        pledge_rates::compute(&conn, 2026, None, &Scope::default()).unwrap()
    });
    time("  signing now, reading every party (before)", runs, || {
        pledge_rates::compute_many_by_party(&conn, 2026, &[None], &Scope::default()).unwrap()
    });
    let days: Vec<Option<NaiveDate>> = sweeks.iter().copied().map(Some).collect();
    time("  signing trend (kept counts)", runs, || {
        pledge_rates::compute_many(&conn, 2026, &days, &Scope::default()).unwrap()
    });
    time(
        "  signing trend, reading every party (before)",
        runs,
        || pledge_rates::compute_many_by_party(&conn, 2026, &days, &Scope::default()).unwrap(),
    );
    time("  collection by group", runs, || {
        figures::collection(&ctx, "group", None).unwrap()
    });
    time("  collection by zone", runs, || {
        figures::collection(&ctx, "zone", None).unwrap()
    });
    time(
        "  collection trend, parties counted once (as the dashboard does)",
        runs,
        || {
            cw_core::fees::rates::rate_as_of_days(
                &ctx,
                cw_core::fees::rates::RateArgs {
                    by: Some("group".into()),
                    ..Default::default()
                },
                &cweeks,
            )
            .unwrap()
        },
    );
    time("  collection trend, one rate a week", runs, || {
        for d in &cweeks {
            figures::collection(&ctx, "group", Some(*d)).unwrap();
        }
    });
    time("  fine chart (kept totals)", runs, || {
        cw_core::campaign::fine_chart::fine_chart(&conn, &months).unwrap()
    });
    time("  fine chart from the fine reports (before)", runs, || {
        cw_core::campaign::fine_chart::fine_chart_by_report(&ctx, &months).unwrap()
    });
    time("  inspections (all months)", runs, || {
        for m in &months {
            figures::inspections_count(
                &ctx,
                m,
                cw_core::domain::assessment::InspectionResult::Pass,
            )
            .unwrap();
            figures::inspections_count(
                &ctx,
                m,
                cw_core::domain::assessment::InspectionResult::Fail,
            )
            .unwrap();
        }
    });
    time("campaign.today (all)", runs, || {
        cw_core::campaign::today::today(&ctx, serde_json::Value::Null).unwrap()
    });
    time("  refused count", runs, || {
        records::list(
            &ctx,
            PledgeQuery {
                status: Some(PledgeStatus::Refused),
                page_size: Some(1),
                ..Default::default()
            },
        )
        .unwrap()
    });
    time("  open batches", runs, || {
        cw_core::fees::batches::list(
            &ctx,
            cw_core::fees::batches::BatchQuery {
                group_no: None,
                open_only: true,
                limit: Some(2000),
            },
        )
        .unwrap()
    });
    time("pledges.list printed, group 3", runs, || {
        records::list(
            &ctx,
            PledgeQuery {
                status: Some(PledgeStatus::Printed),
                scope: Scope {
                    group_no: Some(3),
                    ..Default::default()
                },
                ..Default::default()
            },
        )
        .unwrap()
    });
    time("pledges.list search wwcs", runs, || {
        records::list(
            &ctx,
            PledgeQuery {
                q: "wwcs".into(),
                ..Default::default()
            },
        )
        .unwrap()
    });
}
