//! The clerk's words for what the code calls by English names: the Chinese label of a field (for
//! the history drawer and for messages about bad arguments) and the display name of an actor
//! (命令行 for the command line, 系统 for the system, an account's display name).

use rusqlite::{Connection, OptionalExtension};

/// The Chinese label of a field as records and arguments name it; `None` for a field the clerk
/// never sees (internal ids, keys, derived counts) or does not know yet.
pub fn field_label(field: &str) -> Option<&'static str> {
    Some(match field {
        // Registry.
        "code" => "编号",
        "party_code" => "住户编号",
        "kind" => "类型",
        "name" => "名称",
        "contact" => "联系人",
        "phone" => "电话",
        "address" | "address_text" => "地址",
        "zone_id" | "zone_name" | "zone_ids" | "zone_names" => "责任区",
        "group_no" => "收费小组",
        "fee_category" | "category" => "类别",
        "tags" | "tag" => "标签",
        "note" => "备注",
        "status" => "状态",
        "party_status" => "住户状态",
        "roles" | "role" => "角色",
        "is_group_leader" => "小组组长",
        "hire_date" => "入职日期",
        "leave_date" => "离职日期",
        "base_wage" => "月基本工资",
        "boundary" => "范围",
        "supervisor_id" | "supervisor_name" => "监管人员",
        "cleaner_ids" | "cleaner_names" => "保洁员",
        "active" => "启用",
        "leader_id" | "leader_name" => "组长",
        "no" => "小组",
        "street" => "街道",
        "number" => "编号",
        "building" => "楼栋",
        "unit" => "单元",
        "room" => "房号",
        "community_name" => "社区名称",
        "street_office" => "街道办事处",
        "seal_text" => "印章文字",
        "campaign_year" => "创卫年度",
        "username" => "用户名",
        "display_name" => "姓名",
        "password" | "new_password" | "old_password" => "密码",
        // Assessment.
        "staff_id" | "staff_name" => "人员",
        "item_code" => "细则条目",
        "offence" => "事项",
        "unit_amount" => "单价",
        "count" => "数量",
        "amount" => "金额",
        "date" => "日期",
        "month" => "月份",
        "time" => "时间",
        "observed" => "现场情况",
        "recorded_by" | "recorded_by_name" => "记录人",
        "minutes" => "分钟数",
        "correction" => "更正",
        "reason" => "原因",
        "inspector" | "inspector_id" | "inspector_name" => "检查人",
        "result" => "结果",
        "findings" => "检查情况",
        "fine_ids" => "罚款",
        "closed" => "已结账",
        "history" => "记录",
        "action" => "操作",
        "at" => "时间",
        "actor" => "操作人",
        "fine_count" => "罚款笔数",
        "deductions" => "扣款合计",
        "awards" => "奖励合计",
        "effective_date" => "生效日期",
        "year" => "年度",
        // Pledges and rectification.
        "pledge_id" | "pledge_number" => "责任书编号",
        "signed_on" => "签订日期",
        "signer" => "签字人",
        "collector_id" => "收回干部",
        "collector_name" => "收回干部",
        "print_count" => "打印次数",
        "has_attachment" => "扫描件",
        "party_id" | "party_name" => "住户",
        "issued_on" => "下发日期",
        "deadline" => "整改期限",
        "requirements" => "整改要求",
        "reinspections" => "复查",
        "inspected_on" => "检查日期",
        "passed" => "合格",
        "outcome" => "结果",
        "notice_id" | "notice_number" => "整改通知书",
        "scope" => "范围",
        "done" => "已完成",
        "state" => "状态",
        "total" => "合计",
        "q" => "查找内容",
        "on_date" => "日期",
        "as_of" => "截至日期",
        // Fees.
        "batch_id" => "收费批次",
        "book_id" | "book_no" => "收据本",
        "serial" => "收据号",
        "first_serial" => "起始号",
        "last_serial" => "终止号",
        "received_on" => "领用日期",
        "source" => "来源",
        "holder_id" | "holder_name" => "持有人",
        "returned" => "已交回",
        "returned_on" => "交回日期",
        "issued" => "已开",
        "void" => "作废",
        "lost" => "遗失",
        "unused" => "未用",
        "payer_name" => "缴费人",
        "period_from" => "起始月份",
        "period_to" => "截止月份",
        "months" => "月数",
        "standard" => "应收金额",
        "override_reason" => "改价原因",
        "amount_words" => "大写金额",
        "collector_ids" | "collector_names" => "收费员",
        "cadre_id" | "cadre_name" => "到场干部",
        "issued_at" => "开票时间",
        "void_reason" => "作废原因",
        "reprints" => "补打次数",
        "receipt_count" => "收据张数",
        "void_count" => "作废张数",
        "closing" => "结账",
        "remittance" => "上解",
        "expected" => "应收",
        "counted" => "实点",
        "counterfeit" => "假币",
        "counterfeit_note" => "假币说明",
        "denominations" => "面额清点",
        "face" => "面额",
        "shortage" => "短款",
        "overage" => "长款",
        "closed_at" => "结账时间",
        "remitted_on" => "上解日期",
        "receiver" => "接收人",
        "monthly" => "月标准",
        "effective_from" => "起始月份",
        "basis" => "依据",
        "approval" => "批准文件",
        "approved_on" => "批准日期",
        "revoked" => "已撤销",
        // Campaign.
        "seq" => "序号",
        "starts_on" => "开始日期",
        "ends_on" => "结束日期",
        "target_kind" => "目标类型",
        "target_permille" => "目标",
        "goal" => "目标说明",
        "title" => "工作内容",
        "done_on" => "完成日期",
        "evidence" => "佐证材料",
        "phase_id" => "阶段",
        "format" => "格式",
        "page" => "页码",
        "page_size" => "每页条数",
        "id" => "编号",
        // People and pay (issue 17).
        "leave_kind" => "离职方式",
        "notice_date" => "提出辞工日期",
        "from_month" => "起始月份",
        "wage_basis" => "折算方式",
        "leave_paid" => "请假计薪",
        "notice_days" => "辞工提前天数",
        "mark" => "出勤",
        "price" => "价格",
        "ended_on" => "归还/遗失日期",
        "fine_id" => "罚款编号",
        "charged" => "已照价赔偿",
        "paid_on" => "缴款日期",
        "slip_no" => "收据号",
        // 迎检 (issue 18).
        "channel" => "来源",
        "content" => "内容",
        "place" => "地点",
        "reporter" => "举报人",
        "reporter_phone" => "举报人电话",
        "major" => "重大投诉",
        "verified" => "核实结果",
        "closed_on" => "办结日期",
        "steps" => "处理过程",
        "text" => "说明",
        "held_on" => "会议日期",
        "topic" => "议题",
        "chair" => "主持人",
        "proceedings" => "会议记录",
        "attendees" => "参会人员",
        "area" => "方面",
        "points" => "分值",
        "score" => "得分",
        "checked_on" => "自查日期",
        "checked_by" => "自查人",
        "answers" => "答案",
        "sample_rule" => "抽样",
        "started_on" => "开始日期",
        "questions" => "问题",
        "withdrawn" => "撤回原因",
        "caption" => "说明",
        "years" => "保留年限",
        "file_name" => "文件名",
        "bytes" => "文件大小（字节）",
        "width" => "宽（像素）",
        "height" => "高（像素）",
        "input" => "内容",
        "items" => "明细",
        _ => return None,
    })
}

/// The label of a field, or the field itself when it has none (so a message still names it).
pub fn field_label_or_name(field: &str) -> String {
    field_label(field).map_or_else(|| field.to_string(), str::to_string)
}

/// How an actor recorded in the audit trail or an event reads: 命令行, 系统, an account's
/// display name, or the name as recorded when it is none of these.
pub fn actor_name(conn: &Connection, actor: &str) -> String {
    match actor {
        "cli" => "命令行".into(),
        "system" | "" => "系统".into(),
        _ => conn
            .query_row(
                "SELECT display_name FROM accounts WHERE username = ?1 COLLATE NOCASE",
                [actor],
                |r| r.get::<_, String>(0),
            )
            .optional()
            .ok()
            .flatten()
            .unwrap_or_else(|| actor.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_and_the_system_have_chinese_names() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE accounts (username TEXT, display_name TEXT);
             INSERT INTO accounts VALUES ('zhuren', '黄主任');",
        )
        .unwrap();
        assert_eq!(actor_name(&conn, "cli"), "命令行");
        assert_eq!(actor_name(&conn, "system"), "系统");
        assert_eq!(actor_name(&conn, "ZhuRen"), "黄主任");
        assert_eq!(actor_name(&conn, "someone"), "someone");
    }

    #[test]
    fn fields_the_clerk_reads_have_chinese_labels() {
        for f in ["reason", "address_text", "code", "group_no", "base_wage"] {
            let l = field_label(f).unwrap();
            assert!(l.chars().all(|c| c > '\u{2e80}'), "{f}: {l}");
        }
        assert_eq!(field_label("search_key"), None);
    }
}
