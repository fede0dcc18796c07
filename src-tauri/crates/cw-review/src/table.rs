//! The 迎检 commands: the complaint register, its figures and its printed ledger; the meetings;
//! publicity; the standard and the self-checks against it; the household surveys.

use crate::{
    complaints, documents, figures, meeting_docs, meetings, publicity, self_checks, survey_docs,
    surveys,
};
use cw_kernel::cmd;
use cw_kernel::commands::CommandInfo;

/// The 迎检 commands.
pub static TABLE: &[CommandInfo] = &[
    cmd!("complaints.list", Read, "投诉举报登记", complaints::list),
    cmd!("complaints.get", Read, "查看投诉", complaints::get),
    cmd!(
        "complaints.create",
        Write,
        "登记投诉举报",
        complaints::create
    ),
    cmd!(
        "complaints.step",
        Write,
        "登记投诉的核实、处理、答复或办结",
        complaints::step
    ),
    cmd!("complaints.figures", Read, "投诉举报统计", figures::figures),
    cmd!(
        "print.complaints",
        Document,
        "打印投诉举报处理台账",
        documents::register_doc
    ),
    cmd!("meetings.list", Read, "会议记录", meetings::list),
    cmd!("meetings.create", Write, "登记会议记录", meetings::create),
    cmd!("meetings.update", Write, "修改会议记录", meetings::update),
    cmd!(
        "print.meeting_signin",
        Document,
        "打印会议签到表",
        meeting_docs::signin_doc
    ),
    cmd!(
        "print.meeting_record",
        Document,
        "打印会议记录",
        meeting_docs::record_doc
    ),
    cmd!(
        "standard.current",
        Read,
        "卫生社区创建标准",
        self_checks::current
    ),
    cmd!(
        "standard.create_version",
        Write,
        "新增创建标准版本",
        self_checks::create_version
    )
    .head("修改卫生社区创建标准"),
    cmd!(
        "selfchecks.list",
        Read,
        "对照标准自查记录",
        self_checks::list
    ),
    cmd!("selfchecks.get", Read, "查看自查", self_checks::get),
    cmd!(
        "selfchecks.create",
        Write,
        "登记对照标准自查",
        self_checks::create
    ),
    cmd!("surveys.list", Read, "入户调查", surveys::list),
    cmd!(
        "surveys.default_questions",
        Read,
        "入户调查的默认问题",
        surveys::questions_of
    ),
    cmd!("surveys.get", Read, "查看入户调查", surveys::get),
    cmd!(
        "surveys.create",
        Write,
        "新建入户调查（抽样）",
        surveys::create
    ),
    cmd!("surveys.answer", Write, "录入调查答案", surveys::answer),
    cmd!(
        "print.survey_sheets",
        Document,
        "打印入户调查表",
        survey_docs::sheets_doc
    ),
    cmd!(
        "print.survey_result",
        Document,
        "打印调查结果",
        survey_docs::result_doc
    ),
    cmd!("publicity.list", Read, "宣传活动记录", publicity::list),
    cmd!("publicity.totals", Read, "宣传活动统计", publicity::totals),
    cmd!("publicity.create", Write, "登记宣传活动", publicity::create),
    cmd!(
        "publicity.withdraw",
        Write,
        "撤回宣传记录（须填原因）",
        publicity::withdraw
    ),
];
