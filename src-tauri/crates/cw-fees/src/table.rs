//! The fee commands: standards, exemptions, receipt books, batches, receipts, rates and documents.

use crate::{
    adjustments, batches, books, compensations, documents, forms, rates, receipt_numbers, receipts,
    repayments, settings, standards,
};
use cw_kernel::cmd;
use cw_kernel::commands::CommandInfo;

/// The fee commands.
pub static TABLE: &[CommandInfo] = &[
    cmd!("fees.words", Read, "金额转大写", crate::words),
    cmd!("fees.standards.list", Read, "收费标准列表", standards::list),
    cmd!(
        "fees.standards.create",
        Write,
        "新增收费标准",
        standards::create
    )
    .head("修改收费标准"),
    cmd!(
        "fees.exemptions.list",
        Read,
        "减免列表",
        standards::exemptions
    ),
    cmd!(
        "fees.exemptions.create",
        Write,
        "新增减免",
        standards::create_exemption
    ),
    cmd!(
        "fees.exemptions.revoke",
        Write,
        "撤销减免",
        standards::revoke_exemption
    ),
    cmd!(
        "fees.exemptions.parties",
        Read,
        "减免户名单",
        standards::exempt_parties
    ),
    cmd!("fees.books.list", Read, "收据本列表", books::list),
    cmd!("fees.books.get", Read, "查看收据本", books::get),
    cmd!("fees.books.serials", Read, "收据本号码状态", books::serials),
    cmd!("fees.books.register", Write, "登记收据本", books::register),
    cmd!("fees.books.issue", Write, "发放收据本", books::issue),
    cmd!("fees.books.return", Write, "交回收据本", books::hand_back),
    cmd!("fees.books.mark", Write, "收据号作废或遗失", books::mark),
    cmd!("fees.batches.list", Read, "收费批次列表", batches::list),
    cmd!("fees.batches.get", Read, "查看收费批次", batches::get),
    cmd!("fees.batches.open", Write, "开始收费批次", batches::open),
    cmd!("fees.batches.close", Write, "收费批次结账", batches::close).backs_up("batch-close"),
    cmd!("fees.batches.remit", Write, "收费批次上解", batches::remit),
    cmd!(
        "fees.batches.adjust",
        Write,
        "结账后调整（退款或短款）",
        adjustments::adjust
    )
    .head("登记已结账批次的调整"),
    cmd!(
        "fees.repayments.list",
        Read,
        "收费人员还款列表",
        repayments::list
    ),
    cmd!(
        "fees.repayments.create",
        Write,
        "登记收费人员还款",
        repayments::create
    ),
    cmd!(
        "fees.compensations.list",
        Read,
        "收费人员赔偿台账",
        compensations::list
    ),
    cmd!(
        "fees.compensations.totals",
        Read,
        "收费人员赔偿合计",
        compensations::totals
    ),
    cmd!("fees.receipts.list", Read, "收据列表", receipts::list),
    cmd!("fees.receipts.get", Read, "查看收据", receipts::get),
    cmd!(
        "fees.receipts.find",
        Read,
        "按收据号（扫描二维码）找到收据",
        receipt_numbers::find
    ),
    cmd!(
        "fees.receipts.quote",
        Read,
        "按标准计算应收",
        receipts::quote
    ),
    cmd!(
        "fees.receipts.issue",
        Write,
        "开收据",
        receipts::issue_receipt
    ),
    cmd!("fees.receipts.void", Write, "作废收据", receipts::void),
    cmd!(
        "fees.receipts.suggest",
        Read,
        "缴费月份与金额的默认值",
        receipts::suggest
    ),
    cmd!("fees.payers", Read, "按批次查找缴费人", receipts::payers),
    cmd!(
        "fees.receipts.reprint",
        Write,
        "登记补打收据",
        receipts::reprint
    ),
    cmd!("fees.rate", Read, "收缴率", rates::rate),
    cmd!("fees.arrears", Read, "欠费名单", rates::arrears),
    cmd!("fees.daily", Read, "收费日报", rates::daily),
    cmd!("fees.settings.get", Read, "读取收据打印设置", settings::get),
    cmd!(
        "fees.forms.list",
        Read,
        "收据版式（票据种类）列表",
        forms::list
    ),
    cmd!(
        "fees.forms.save",
        Write,
        "新建或修改收据版式及各项位置",
        forms::save
    ),
    cmd!(
        "fees.settings.update",
        Write,
        "修改收据打印设置",
        settings::update
    ),
    cmd!(
        "print.receipt",
        Document,
        "打印收据",
        documents::receipt::receipt
    ),
    cmd!(
        "print.receipts",
        Document,
        "连续打印批次收据",
        documents::receipt::batch_receipts
    ),
    cmd!(
        "print.receipt_calibration",
        Document,
        "打印收据校准页",
        documents::calibration::calibration
    ),
    cmd!(
        "print.receipt_form_calibration",
        Document,
        "打印收据版式校准页（预印票据各项位置）",
        documents::calibration::form_calibration
    ),
    cmd!(
        "print.remittance",
        Document,
        "打印上解单",
        documents::remittance_slip::remittance_slip
    ),
    cmd!(
        "print.notices",
        Document,
        "打印催缴通知",
        documents::notices::notices
    ),
    cmd!(
        "print.arrears",
        Document,
        "打印欠费名单",
        documents::lists::arrears
    ),
    cmd!(
        "print.collection_rate",
        Document,
        "打印收缴率",
        documents::lists::rate
    ),
    cmd!(
        "print.daily",
        Document,
        "打印收费日报",
        documents::lists::daily
    ),
    cmd!(
        "print.batches",
        Document,
        "打印批次与上解报表",
        documents::lists::batches
    ),
    cmd!(
        "print.gaps",
        Document,
        "打印收据缺号报告",
        documents::lists::gaps
    ),
    cmd!(
        "print.compensations",
        Document,
        "打印收费人员赔偿台账",
        documents::lists::compensations
    ),
];
