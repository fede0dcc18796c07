//! Household surveys: satisfaction (target 90%) and health-knowledge awareness (target 80%). A
//! survey draws its households from the registry (a group, a zone, or a random sample of a size),
//! its answers are keyed one household at a time from the returned sheets (the latest keying
//! counts), and its rate — yes answers among the answers given — is shown against the target, in
//! all and by group, zone and question.

use chrono::NaiveDate;
use cw_domain::address::Address;
use cw_domain::rate::{permille, permille_text};
use cw_domain::review::{
    Survey, SurveyAnswerInput, SurveyHousehold, SurveyInput, SurveyKind, SurveyRate,
};
use cw_domain::{text, DomainError};
use cw_kernel::rng::Rng;
use cw_kernel::{CoreError, Ctx, IdArgs};
use cw_store::sql::column_at;
use rusqlite::{params, Connection, OptionalExtension};

/// The plans' questions of each kind.
pub fn default_questions(kind: SurveyKind) -> Vec<String> {
    let q: &[&str] = match kind {
        SurveyKind::Satisfaction => &[
            "您对社区街容街貌是否满意",
            "您对路面保洁是否满意",
            "您对公共场所卫生是否满意",
            "您对公厕卫生是否满意",
        ],
        SurveyKind::Knowledge => &[
            "是否知道吸烟及二手烟有害健康",
            "是否知道饭前便后要洗手",
            "是否知道蚊蝇鼠蟑会传播疾病",
            "是否知道儿童应按时接种疫苗",
            "是否知道生活垃圾要分类投放",
        ],
    };
    q.iter().map(|s| s.to_string()).collect()
}

/// Arguments of [`questions_of`].
#[derive(Debug, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SurveyKindArgs {
    pub kind: SurveyKind,
}

/// The plan's questions of a kind, for a new survey's form to start from (command).
pub fn questions_of(_ctx: &Ctx<'_>, a: SurveyKindArgs) -> Result<Vec<String>, CoreError> {
    Ok(default_questions(a.kind))
}

/// The target of a kind in permille.
fn target_of(kind: SurveyKind) -> i64 {
    match kind {
        SurveyKind::Satisfaction => 900,
        SurveyKind::Knowledge => 800,
    }
}

fn group_name(no: i32) -> String {
    format!(
        "第{}小组",
        ["一", "二", "三", "四"]
            .get((no - 1) as usize)
            .unwrap_or(&"?")
    )
}

/// Draws the households: active 住户 of the group or zone, all of them or `size` at random (the
/// same draw for the same survey number), in walking order.
fn draw(conn: &Connection, i: &SurveyInput, seed: u64) -> Result<(Vec<i64>, String), CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM parties WHERE status = '正常' AND kind = '住户'
           AND (?1 IS NULL OR group_no = ?1) AND (?2 IS NULL OR zone_id = ?2)
         ORDER BY address_sort, id",
    )?;
    let all: Vec<i64> = stmt
        .query_map(params![i.group_no, i.zone_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if all.is_empty() {
        return Err(DomainError::invalid("抽样范围", "这个范围内没有在册住户").into());
    }
    let mut scope = Vec::new();
    if let Some(g) = i.group_no {
        scope.push(group_name(g));
    }
    if let Some(z) = i.zone_id {
        let name: Option<String> = conn
            .query_row("SELECT name FROM zones WHERE id = ?1", [z], |r| r.get(0))
            .optional()?;
        scope.push(name.ok_or(CoreError::NotFound {
            what: "责任区",
            id: z.get(),
        })?);
    }
    let scope = if scope.is_empty() {
        "全社区".to_string()
    } else {
        scope.join("·")
    };
    let Some(size) = i.size else {
        return Ok((all.clone(), format!("{scope}全部 {} 户", all.len())));
    };
    if size < 1 {
        return Err(DomainError::invalid("抽样户数", "至少 1 户").into());
    }
    let size = (size as usize).min(all.len());
    let mut pool = all.clone();
    let mut rng = Rng(0xC0FF_EE00_5EED ^ seed);
    // A partial Fisher–Yates shuffle: the first `size` are the draw.
    for k in 0..size {
        let j = k + rng.below(pool.len() - k);
        pool.swap(k, j);
    }
    let mut picked: Vec<i64> = pool.into_iter().take(size).collect();
    let order: std::collections::HashMap<i64, usize> =
        all.iter().enumerate().map(|(n, id)| (*id, n)).collect();
    picked.sort_by_key(|id| order.get(id).copied().unwrap_or(usize::MAX));
    Ok((
        picked,
        format!("{scope}随机抽取 {size} 户（共 {} 户）", all.len()),
    ))
}

/// Starts a survey and draws its households.
pub fn create(ctx: &Ctx<'_>, i: SurveyInput) -> Result<Survey, CoreError> {
    let title = text::limited("调查名称", &text::required("调查名称", &i.title)?, 100)?;
    let questions: Vec<String> = if i.questions.iter().all(|q| q.trim().is_empty()) {
        default_questions(i.kind)
    } else {
        i.questions
            .iter()
            .map(|q| q.trim().to_string())
            .filter(|q| !q.is_empty())
            .collect()
    };
    if questions.len() > 20 {
        return Err(DomainError::invalid("问题", "最多 20 个问题").into());
    }
    let next_id: i64 =
        ctx.conn
            .query_row("SELECT coalesce(max(id), 0) + 1 FROM surveys", [], |r| {
                r.get(0)
            })?;
    let started = i.started_on.unwrap_or_else(|| ctx.clock.today());
    if started > ctx.clock.today() {
        return Err(DomainError::invalid("开始日期", "不能晚于今天").into());
    }
    let (sample, rule) = draw(ctx.conn, &i, next_id as u64)?;
    ctx.conn.execute(
        "INSERT INTO surveys (title, kind, target_permille, started_on, sample_rule, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![title, i.kind, target_of(i.kind), started, rule, ctx.now_text(), ctx.actor],
    )?;
    let id = ctx.conn.last_insert_rowid();
    for (n, q) in questions.iter().enumerate() {
        let q = text::limited("问题", q, 100)?;
        ctx.conn.execute(
            "INSERT INTO survey_questions (survey_id, seq, text) VALUES (?1, ?2, ?3)",
            params![id, n as i64 + 1, q],
        )?;
    }
    for (n, p) in sample.iter().enumerate() {
        ctx.conn.execute(
            "INSERT INTO survey_sample (survey_id, party_id, seq) VALUES (?1, ?2, ?3)",
            params![id, p, n as i64 + 1],
        )?;
    }
    let after = load(ctx.conn, id)?;
    ctx.audit("surveys", Some(id), None::<&Survey>, Some(&after))?;
    Ok(after)
}

/// A rate of yes answers, against the target.
fn rate(label: String, yes: i64, answered: i64, target: i64) -> SurveyRate {
    let p = permille(yes, answered);
    SurveyRate {
        label,
        yes,
        answered,
        rate: permille_text(p),
        met: p.is_some_and(|p| p >= target),
    }
}

/// One survey with its sample, answers and figures.
pub fn load(conn: &Connection, id: i64) -> Result<Survey, CoreError> {
    let head: Option<(String, SurveyKind, i64, NaiveDate, String)> = conn
        .query_row(
            "SELECT title, kind, target_permille, started_on, sample_rule FROM surveys WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    column_at(r, 1, "surveys", "kind")?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                ))
            },
        )
        .optional()?;
    let (title, kind, target, started_on, sample_rule) =
        head.ok_or(CoreError::NotFound { what: "调查", id })?;
    let mut q =
        conn.prepare_cached("SELECT text FROM survey_questions WHERE survey_id = ?1 ORDER BY seq")?;
    let questions: Vec<String> = q.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut h = conn.prepare_cached(
        "SELECT p.id, s.seq, p.name, p.street, p.number, p.building, p.unit, p.room, p.group_no, z.name,
           (SELECT a.answers FROM survey_answers a WHERE a.survey_id = s.survey_id AND a.party_id = p.id
              ORDER BY a.id DESC LIMIT 1)
         FROM survey_sample s JOIN parties p ON p.id = s.party_id LEFT JOIN zones z ON z.id = p.zone_id
         WHERE s.survey_id = ?1 ORDER BY s.seq",
    )?;
    let households: Vec<SurveyHousehold> = h
        .query_map([id], |r| {
            let address = Address {
                street: r.get(3)?,
                number: r.get(4)?,
                building: r.get(5)?,
                unit: r.get(6)?,
                room: r.get(7)?,
            };
            Ok(SurveyHousehold {
                party_id: r.get(0)?,
                seq: r.get(1)?,
                name: r.get(2)?,
                address: address.display(),
                group_no: r.get(8)?,
                zone_name: r.get(9)?,
                answers: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
            })
        })?
        .collect::<Result<_, _>>()?;
    let count = |hs: &[&SurveyHousehold], question: Option<usize>| -> (i64, i64) {
        let (mut yes, mut all) = (0, 0);
        for hh in hs {
            for (k, c) in hh.answers.chars().enumerate() {
                if question.is_some_and(|q| q != k) {
                    continue;
                }
                match c {
                    '1' => {
                        yes += 1;
                        all += 1
                    }
                    '0' => all += 1,
                    _ => {}
                }
            }
        }
        (yes, all)
    };
    let everyone: Vec<&SurveyHousehold> = households.iter().collect();
    let (yes, all) = count(&everyone, None);
    let mut groups: Vec<i32> = households.iter().filter_map(|h| h.group_no).collect();
    groups.sort_unstable();
    groups.dedup();
    let by_group = groups
        .iter()
        .map(|g| {
            let hs: Vec<&SurveyHousehold> = households
                .iter()
                .filter(|h| h.group_no == Some(*g))
                .collect();
            let (y, a) = count(&hs, None);
            rate(group_name(*g), y, a, target)
        })
        .collect();
    let mut zones: Vec<String> = households
        .iter()
        .filter_map(|h| h.zone_name.clone())
        .collect();
    zones.sort();
    zones.dedup();
    let by_zone = zones
        .iter()
        .map(|z| {
            let hs: Vec<&SurveyHousehold> = households
                .iter()
                .filter(|h| h.zone_name.as_deref() == Some(z.as_str()))
                .collect();
            let (y, a) = count(&hs, None);
            rate(z.clone(), y, a, target)
        })
        .collect();
    let by_question = questions
        .iter()
        .enumerate()
        .map(|(k, text)| {
            let (y, a) = count(&everyone, Some(k));
            rate(format!("{}. {text}", k + 1), y, a, target)
        })
        .collect();
    Ok(Survey {
        id,
        title,
        kind,
        target: permille_text(Some(target)),
        started_on,
        sample_rule,
        respondents: households
            .iter()
            .filter(|h| h.answers.contains(['0', '1']))
            .count() as i64,
        overall: rate("全部".into(), yes, all, target),
        by_group,
        by_zone,
        by_question,
        questions,
        households,
    })
}

/// Every survey, newest first (command).
pub fn list(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<Vec<Survey>, CoreError> {
    let mut stmt = ctx
        .conn
        .prepare_cached("SELECT id FROM surveys ORDER BY id DESC")?;
    let ids: Vec<i64> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter().map(|id| load(ctx.conn, id)).collect()
}

/// One survey (command).
pub fn get(ctx: &Ctx<'_>, a: IdArgs) -> Result<Survey, CoreError> {
    load(ctx.conn, a.id)
}

/// Keys one household's answers: one character per question (1, 0 or -), a household of the
/// sample only; keying again replaces what counts and keeps what was keyed before.
pub fn answer(ctx: &Ctx<'_>, a: SurveyAnswerInput) -> Result<Survey, CoreError> {
    let before = load(ctx.conn, a.id)?;
    let Some(hh) = before.households.iter().find(|h| h.party_id == a.party_id) else {
        return Err(DomainError::invalid("住户", "这户不在本次调查的抽样名单中").into());
    };
    let answers = a.answers.trim();
    if answers.chars().count() != before.questions.len()
        || !answers.chars().all(|c| matches!(c, '0' | '1' | '-'))
    {
        return Err(DomainError::invalid(
            "答案",
            format!(
                "{}：应为 {} 位，每位 1（是/满意）、0（否/不满意）或 -（未答）",
                hh.name,
                before.questions.len()
            ),
        )
        .into());
    }
    if !answers.contains(['0', '1']) {
        return Err(
            DomainError::invalid("答案", format!("{}：至少答了一题才算收回", hh.name)).into(),
        );
    }
    let day = a.answered_on.unwrap_or_else(|| ctx.clock.today());
    if day > ctx.clock.today() || day < before.started_on {
        return Err(DomainError::invalid("日期", "应在调查开始之后、今天之前").into());
    }
    ctx.conn.execute(
        "INSERT INTO survey_answers (survey_id, party_id, answers, answered_on, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![a.id, a.party_id, answers, day, ctx.now_text(), ctx.actor],
    )?;
    let after = load(ctx.conn, a.id)?;
    let was = serde_json::json!({ "party_id": a.party_id, "answers": hh.answers });
    let now = serde_json::json!({ "party_id": a.party_id, "answers": answers });
    ctx.audit("surveys", Some(a.id), Some(&was), Some(&now))?;
    Ok(after)
}
