//! The plan's phases for a campaign year (plan 1 §6), with their checklists: what a year starts
//! from before the clerk edits it.

use super::types::TargetKind;
use chrono::NaiveDate;

/// One default phase: sequence, name, (month, day) start and end in the campaign year (the last
/// phase ends before the next Spring Festival), target and goal, and its checklist.
pub struct DefaultPhase {
    pub seq: i32,
    pub name: &'static str,
    pub target: TargetKind,
    pub goal: &'static str,
    pub tasks: &'static [&'static str],
}

/// The four phases of plan 1 §6.
pub const PHASES: &[DefaultPhase] = &[
    DefaultPhase {
        seq: 1,
        name: "宣传发动阶段",
        target: TargetKind::Signing,
        goal: "建立健全创卫组织机构，层层召开创卫工作会议，发放宣传资料；签订“门前三包”卫生责任状，签订率达100%；购置保洁工具，招聘保洁人员。",
        tasks: &[
            "建立健全创卫组织机构（领导小组及办公室）",
            "召开创卫工作会议（党员、组长、居民代表会议）",
            "发放宣传资料，全面部署创卫工作",
            "分组对居民住户和租赁门面调查摸底",
            "签订“门前三包”卫生责任状（签订率100%）",
            "购置保洁工具（板车、扫把、铲子等）",
            "招聘保洁人员，签订招聘协议",
        ],
    },
    DefaultPhase {
        seq: 2,
        name: "组织实施阶段",
        target: TargetKind::None,
        goal: "对保洁人员进行岗前培训、分工，划分责任区，安排上岗试用；配合市镇两级清整占道经营；按上级要求布置永久性标语。",
        tasks: &[
            "保洁人员岗前培训",
            "分工、划分责任区，安排上岗试用",
            "更换试用不合格人员",
            "配合市镇两级清整占道经营（加强木材市场管理）",
            "按上级要求布置永久性标语",
        ],
    },
    DefaultPhase {
        seq: 3,
        name: "上门收费阶段",
        target: TargetKind::Collection,
        goal: "根据市人民政府的收费标准，分组组织人员上门收费，收费率达100%。",
        tasks: &[
            "按市政府文件确定收费标准和减免对象",
            "领取经管站印发的票据，加盖社区公章",
            "分组上门收费（社区干部到场）",
            "票据和现金及时上解",
        ],
    },
    DefaultPhase {
        seq: 4,
        name: "巩固提高阶段",
        target: TargetKind::None,
        goal: "对照检查标准，组织领导小组成员对辖区保洁状况检查，对存在的问题及时整改，迎接上级各部门的检查。",
        tasks: &[
            "领导小组对照检查标准检查辖区保洁状况",
            "对存在的问题限期整改并复查",
            "迎接上级各部门检查",
        ],
    },
];

/// Spring Festival (正月初一) of the years the app will meet; later years fall back to 31 January.
const SPRING_FESTIVAL: &[(i32, u32, u32)] = &[
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
    (2031, 1, 23),
    (2032, 2, 11),
    (2033, 1, 31),
    (2034, 2, 19),
    (2035, 2, 8),
];

/// The day before the Spring Festival of `year`.
pub fn spring_festival_eve(year: i32) -> Option<NaiveDate> {
    let (m, d) = SPRING_FESTIVAL
        .iter()
        .find(|(y, _, _)| *y == year)
        .map(|(_, m, d)| (*m, *d))
        .unwrap_or((2, 1));
    NaiveDate::from_ymd_opt(year, m, d)?.pred_opt()
}

/// The dates of default phase `seq` in campaign `year`: 7/5–8/15, 8/16–8/30, 9/1–12/31, and
/// 1/1 of the next year to the eve of its Spring Festival.
pub fn dates(year: i32, seq: i32) -> Option<(NaiveDate, NaiveDate)> {
    let d = |y: i32, m: u32, day: u32| NaiveDate::from_ymd_opt(y, m, day);
    match seq {
        1 => Some((d(year, 7, 5)?, d(year, 8, 15)?)),
        2 => Some((d(year, 8, 16)?, d(year, 8, 30)?)),
        3 => Some((d(year, 9, 1)?, d(year, 12, 31)?)),
        4 => Some((d(year + 1, 1, 1)?, spring_festival_eve(year + 1)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_phase_ends_on_the_eve_of_the_next_spring_festival() {
        let (from, to) = dates(2026, 4).unwrap();
        assert_eq!(from, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        assert_eq!(to, NaiveDate::from_ymd_opt(2027, 2, 5).unwrap());
    }

    #[test]
    fn the_default_phases_follow_each_other_without_a_gap_but_one_day() {
        let (_, e1) = dates(2026, 1).unwrap();
        let (s2, e2) = dates(2026, 2).unwrap();
        let (s3, _) = dates(2026, 3).unwrap();
        assert_eq!(s2, e1.succ_opt().unwrap());
        // 8/31 falls between the plan's phase 2 (to 8/30) and phase 3 (from 9/1).
        assert_eq!((s3 - e2).num_days(), 2);
    }
}
