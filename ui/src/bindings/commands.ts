// Generated from the command table (cw-core `commands::typescript`) by `cargo test`. Do not edit.

import type { Account } from './Account'
import type { AccountInput } from './AccountInput'
import type { AccountUpdate } from './AccountUpdate'
import type { AdjustInput } from './AdjustInput'
import type { Allowed } from './Allowed'
import type { ArchiveArgs } from './ArchiveArgs'
import type { ArrearsArgs } from './ArrearsArgs'
import type { ArrearsRow } from './ArrearsRow'
import type { AssessmentSettings } from './AssessmentSettings'
import type { AssessmentSettingsInput } from './AssessmentSettingsInput'
import type { AttachArgs } from './AttachArgs'
import type { Attachment } from './Attachment'
import type { AttachmentAddArgs } from './AttachmentAddArgs'
import type { AttachmentArgs } from './AttachmentArgs'
import type { AttachmentCount } from './AttachmentCount'
import type { AttachmentCountsArgs } from './AttachmentCountsArgs'
import type { AttachmentIdArgs } from './AttachmentIdArgs'
import type { AttachmentOwnerArgs } from './AttachmentOwnerArgs'
import type { AttachmentThumb } from './AttachmentThumb'
import type { AttachmentWithdrawArgs } from './AttachmentWithdrawArgs'
import type { AttendanceFill } from './AttendanceFill'
import type { AttendanceInput } from './AttendanceInput'
import type { AttendanceSheet } from './AttendanceSheet'
import type { AuthStatus } from './AuthStatus'
import type { AwardYearArgs } from './AwardYearArgs'
import type { BackupInfo } from './BackupInfo'
import type { BackupPreview } from './BackupPreview'
import type { Batch } from './Batch'
import type { BatchArgs } from './BatchArgs'
import type { BatchInput } from './BatchInput'
import type { BatchJob } from './BatchJob'
import type { BatchQuery } from './BatchQuery'
import type { BinderArgs } from './BinderArgs'
import type { BookEventArgs } from './BookEventArgs'
import type { BookInput } from './BookInput'
import type { BookQuery } from './BookQuery'
import type { CampaignPhase } from './CampaignPhase'
import type { CampaignPlan } from './CampaignPlan'
import type { CampaignTask } from './CampaignTask'
import type { CampaignYearArgs } from './CampaignYearArgs'
import type { ChangePasswordArgs } from './ChangePasswordArgs'
import type { CheckResult } from './CheckResult'
import type { CloseInput } from './CloseInput'
import type { CommandLine } from './CommandLine'
import type { Compensation } from './Compensation'
import type { CompensationTotal } from './CompensationTotal'
import type { Complaint } from './Complaint'
import type { ComplaintFigures } from './ComplaintFigures'
import type { ComplaintFiguresArgs } from './ComplaintFiguresArgs'
import type { ComplaintInput } from './ComplaintInput'
import type { ComplaintQuery } from './ComplaintQuery'
import type { ComplaintRegisterArgs } from './ComplaintRegisterArgs'
import type { ComplaintStepInput } from './ComplaintStepInput'
import type { ConfirmOutcome } from './ConfirmOutcome'
import type { CorrectArgs } from './CorrectArgs'
import type { CorrectInspectionArgs } from './CorrectInspectionArgs'
import type { CreateToArgs } from './CreateToArgs'
import type { DailyArgs } from './DailyArgs'
import type { DailyDocArgs } from './DailyDocArgs'
import type { DailyRow } from './DailyRow'
import type { Dashboard } from './Dashboard'
import type { DemoArgs } from './DemoArgs'
import type { DemoOutcome } from './DemoOutcome'
import type { EncryptedBackup } from './EncryptedBackup'
import type { ExemptParty } from './ExemptParty'
import type { Exemption } from './Exemption'
import type { ExemptionInput } from './ExemptionInput'
import type { ExportArgs } from './ExportArgs'
import type { ExportLogPage } from './ExportLogPage'
import type { ExportLogQuery } from './ExportLogQuery'
import type { FeeBatchArgs } from './FeeBatchArgs'
import type { FeeSettings } from './FeeSettings'
import type { FeeStandard } from './FeeStandard'
import type { FeeYearArgs } from './FeeYearArgs'
import type { Fine } from './Fine'
import type { FineBatchArgs } from './FineBatchArgs'
import type { FineId } from './FineId'
import type { FineInput } from './FineInput'
import type { FineNotice } from './FineNotice'
import type { FineNoticeQuery } from './FineNoticeQuery'
import type { FinePage } from './FinePage'
import type { FinePayment } from './FinePayment'
import type { FineQuery } from './FineQuery'
import type { FineReport } from './FineReport'
import type { FormArgs } from './FormArgs'
import type { FormInput } from './FormInput'
import type { FormatArgs } from './FormatArgs'
import type { GrantArgs } from './GrantArgs'
import type { Group } from './Group'
import type { HistoryArgs } from './HistoryArgs'
import type { HistoryEntry } from './HistoryEntry'
import type { Household } from './Household'
import type { HouseholdInput } from './HouseholdInput'
import type { HouseholdQuery } from './HouseholdQuery'
import type { IdArgs } from './IdArgs'
import type { ImportArgs } from './ImportArgs'
import type { ImportOutcome } from './ImportOutcome'
import type { ImportPreview } from './ImportPreview'
import type { InspectArgs } from './InspectArgs'
import type { InspectOutcome } from './InspectOutcome'
import type { Inspection } from './Inspection'
import type { InspectionInput } from './InspectionInput'
import type { InspectionQuery } from './InspectionQuery'
import type { IssueInput } from './IssueInput'
import type { JobArgs } from './JobArgs'
import type { JsonValue } from './serde_json/JsonValue'
import type { LeaderArgs } from './LeaderArgs'
import type { LeaveArgs } from './LeaveArgs'
import type { Leaving } from './Leaving'
import type { LoginArgs } from './LoginArgs'
import type { MarkArgs } from './MarkArgs'
import type { Meeting } from './Meeting'
import type { MeetingInput } from './MeetingInput'
import type { MeetingQuery } from './MeetingQuery'
import type { MonthArgs } from './MonthArgs'
import type { MonthStatus } from './MonthStatus'
import type { NameArgs } from './NameArgs'
import type { NoArgs } from './NoArgs'
import type { Notice } from './Notice'
import type { NoticeArgs } from './NoticeArgs'
import type { NoticeDocArgs } from './NoticeDocArgs'
import type { NoticeQuery } from './NoticeQuery'
import type { OnDateArgs } from './OnDateArgs'
import type { Options } from './Options'
import type { OutstandingArgs } from './OutstandingArgs'
import type { Page } from './Page'
import type { PartyArgs } from './PartyArgs'
import type { PartyYearArgs } from './PartyYearArgs'
import type { PassphraseStatus } from './PassphraseStatus'
import type { PatrolArgs } from './PatrolArgs'
import type { PatrolGap } from './PatrolGap'
import type { PayRule } from './PayRule'
import type { PayRuleInput } from './PayRuleInput'
import type { PayerArgs } from './PayerArgs'
import type { PayerOption } from './PayerOption'
import type { PaymentInput } from './PaymentInput'
import type { PaymentVoidArgs } from './PaymentVoidArgs'
import type { PayrollArgs } from './PayrollArgs'
import type { PhaseInput } from './PhaseInput'
import type { PickedArgs } from './PickedArgs'
import type { PickedFolder } from './PickedFolder'
import type { PledgeDetail } from './PledgeDetail'
import type { PledgeQuery } from './PledgeQuery'
import type { PledgeRow } from './PledgeRow'
import type { PledgeTemplate } from './PledgeTemplate'
import type { PrivacySettings } from './PrivacySettings'
import type { PrivacyView } from './PrivacyView'
import type { Progress } from './Progress'
import type { ProgressArgs } from './ProgressArgs'
import type { ProgressDocArgs } from './ProgressDocArgs'
import type { ProposedFine } from './ProposedFine'
import type { Publicity } from './Publicity'
import type { PublicityInput } from './PublicityInput'
import type { PublicityQuery } from './PublicityQuery'
import type { PublicityTotal } from './PublicityTotal'
import type { QuickArgs } from './QuickArgs'
import type { QuickMatch } from './QuickMatch'
import type { Quote } from './Quote'
import type { QuoteArgs } from './QuoteArgs'
import type { RankingRow } from './RankingRow'
import type { RateArgs } from './RateArgs'
import type { RateDocArgs } from './RateDocArgs'
import type { RateReport } from './RateReport'
import type { RatesArgs } from './RatesArgs'
import type { ReactivateArgs } from './ReactivateArgs'
import type { ReasonArgs } from './ReasonArgs'
import type { Receipt } from './Receipt'
import type { ReceiptBook } from './ReceiptBook'
import type { ReceiptForm } from './ReceiptForm'
import type { ReceiptNumberArgs } from './ReceiptNumberArgs'
import type { ReceiptPrintArgs } from './ReceiptPrintArgs'
import type { ReceiptQuery } from './ReceiptQuery'
import type { RecordArgs } from './RecordArgs'
import type { ReinspectArgs } from './ReinspectArgs'
import type { RemitInput } from './RemitInput'
import type { ReopenArgs } from './ReopenArgs'
import type { Repayment } from './Repayment'
import type { RepaymentInput } from './RepaymentInput'
import type { RepaymentQuery } from './RepaymentQuery'
import type { ReportArgs } from './ReportArgs'
import type { ResetPasswordArgs } from './ResetPasswordArgs'
import type { RestoreArgs } from './RestoreArgs'
import type { RestoreFromArgs } from './RestoreFromArgs'
import type { RestoreOutcome } from './RestoreOutcome'
import type { RetentionDue } from './RetentionDue'
import type { RetentionOutcome } from './RetentionOutcome'
import type { RetentionSettings } from './RetentionSettings'
import type { RevokeArgs } from './RevokeArgs'
import type { RosterArgs } from './RosterArgs'
import type { SafetyStatus } from './SafetyStatus'
import type { ScanArgs } from './ScanArgs'
import type { ScheduleVersion } from './ScheduleVersion'
import type { ScheduleVersionInput } from './ScheduleVersionInput'
import type { SecuritySettings } from './SecuritySettings'
import type { SelfCheck } from './SelfCheck'
import type { SelfCheckInput } from './SelfCheckInput'
import type { SelfCheckQuery } from './SelfCheckQuery'
import type { SerialRow } from './SerialRow'
import type { SessionInfo } from './SessionInfo'
import type { SetPassphraseArgs } from './SetPassphraseArgs'
import type { Settings } from './Settings'
import type { SetupArgs } from './SetupArgs'
import type { ShopHistory } from './ShopHistory'
import type { ShopInspection } from './ShopInspection'
import type { ShopInspectionQuery } from './ShopInspectionQuery'
import type { SigningRates } from './SigningRates'
import type { Staff } from './Staff'
import type { StaffArgs } from './StaffArgs'
import type { StaffInput } from './StaffInput'
import type { StaffQuery } from './StaffQuery'
import type { StandardArgs } from './StandardArgs'
import type { StandardInput } from './StandardInput'
import type { StandardVersion } from './StandardVersion'
import type { StandardVersionInput } from './StandardVersionInput'
import type { Statement } from './Statement'
import type { StatementArgs } from './StatementArgs'
import type { StatementsArgs } from './StatementsArgs'
import type { StatusArgs } from './StatusArgs'
import type { SuggestArgs } from './SuggestArgs'
import type { Suggestion } from './Suggestion'
import type { Survey } from './Survey'
import type { SurveyAnswerInput } from './SurveyAnswerInput'
import type { SurveyInput } from './SurveyInput'
import type { SurveyKindArgs } from './SurveyKindArgs'
import type { TaskCreate } from './TaskCreate'
import type { TaskInput } from './TaskInput'
import type { TemplateArgs } from './TemplateArgs'
import type { TemplateInput } from './TemplateInput'
import type { TodayWork } from './TodayWork'
import type { Tool } from './Tool'
import type { ToolEnd } from './ToolEnd'
import type { ToolInput } from './ToolInput'
import type { ToolQuery } from './ToolQuery'
import type { ToolsDocArgs } from './ToolsDocArgs'
import type { UnlockArgs } from './UnlockArgs'
import type { UpdateArgs } from './UpdateArgs'
import type { WithdrawArgs } from './WithdrawArgs'
import type { Words } from './Words'
import type { WordsArgs } from './WordsArgs'
import type { Zone } from './Zone'
import type { ZoneInput } from './ZoneInput'
import type { ZoneQuery } from './ZoneQuery'

/** Every command that returns data: its arguments and its result. */
export interface Commands {
  /** 新增账号（主任） */
  'accounts.create': { args: AccountInput; result: Account }
  /** 查看账号（主任） */
  'accounts.get': { args: IdArgs; result: Account }
  /** 账号列表（主任） */
  'accounts.list': { args: JsonValue; result: Array<Account> }
  /** 重设他人密码（主任） */
  'accounts.reset_password': { args: ResetPasswordArgs; result: null }
  /** 修改、停用账号（主任） */
  'accounts.update': { args: AccountUpdate; result: Account }
  /** 读取考核设置 */
  'assessment.settings.get': { args: JsonValue; result: AssessmentSettings }
  /** 修改考核设置 */
  'assessment.settings.update': { args: AssessmentSettingsInput; result: AssessmentSettings }
  /** 上传照片或扫描件 */
  'attachments.add': { args: AttachmentAddArgs; result: Attachment }
  /** 各记录的附件数 */
  'attachments.counts': { args: AttachmentCountsArgs; result: Array<AttachmentCount> }
  /** 查看附件 */
  'attachments.list': { args: AttachmentOwnerArgs; result: Array<Attachment> }
  /** 附件缩略图 */
  'attachments.thumb': { args: AttachmentIdArgs; result: AttachmentThumb }
  /** 撤回误传的附件 */
  'attachments.withdraw': { args: AttachmentWithdrawArgs; result: Attachment }
  /** 按罚款记录填旷工、其余填出勤 */
  'attendance.fill': { args: AttendanceFill; result: AttendanceSheet }
  /** 录入出勤 */
  'attendance.set': { args: AttendanceInput; result: AttendanceSheet }
  /** 月度出勤表 */
  'attendance.sheet': { args: MonthArgs; result: AttendanceSheet }
  /** 查看一条记录的修改历史 */
  'audit.history': { args: HistoryArgs; result: Array<HistoryEntry> }
  /** 修改自己的密码 */
  'auth.change_password': { args: ChangePasswordArgs; result: null }
  /** 锁屏 */
  'auth.lock': { args: JsonValue; result: null }
  /** 登录 */
  'auth.login': { args: LoginArgs; result: SessionInfo }
  /** 退出登录 */
  'auth.logout': { args: JsonValue; result: null }
  /** 首次使用：建立主任账号 */
  'auth.setup': { args: SetupArgs; result: SessionInfo }
  /** 登录状态 */
  'auth.status': { args: JsonValue; result: AuthStatus }
  /** 输入密码解锁 */
  'auth.unlock': { args: UnlockArgs; result: SessionInfo }
  /** 发放年终先进奖励 */
  'awards.grant': { args: GrantArgs; result: Fine }
  /** 年度保洁员排名 */
  'awards.ranking': { args: AwardYearArgs; result: Array<RankingRow> }
  /** 立即备份 */
  'backups.create': { args: NoArgs; result: BackupInfo }
  /** 加密备份到本次选择的文件夹（如 U 盘） */
  'backups.create_to': { args: CreateToArgs; result: EncryptedBackup }
  /** 备份列表 */
  'backups.list': { args: NoArgs; result: Array<BackupInfo> }
  /** 所选文件夹里的加密备份 */
  'backups.list_in': { args: PickedArgs; result: Array<EncryptedBackup> }
  /** 设置备份密码（加密备份到 U 盘等文件夹的副本） */
  'backups.passphrase.set': { args: SetPassphraseArgs; result: PassphraseStatus }
  /** 备份密码是否已设置 */
  'backups.passphrase.status': { args: NoArgs; result: PassphraseStatus }
  /** 选择备份文件夹（没有系统对话框时：仅供测试服务） */
  'backups.pick_folder': { args: NoArgs; result: PickedFolder }
  /** 预览备份的内容 */
  'backups.preview': { args: NameArgs; result: BackupPreview }
  /** 从备份恢复（先保留当前文件） */
  'backups.restore': { args: RestoreArgs; result: RestoreOutcome }
  /** 从所选文件夹的加密备份恢复（需备份密码，先保留当前文件） */
  'backups.restore_from': { args: RestoreFromArgs; result: RestoreOutcome }
  /** 数据文件状态（是否损坏、最近的完好备份） */
  'backups.status': { args: NoArgs; result: SafetyStatus }
  /** 检查一个备份 */
  'backups.verify': { args: NameArgs; result: CheckResult }
  /** 修改创卫阶段（日期、目标） */
  'campaign.phases.update': { args: PhaseInput; result: CampaignPhase }
  /** 创卫阶段与工作清单 */
  'campaign.plan': { args: CampaignYearArgs; result: CampaignPlan }
  /** 创卫进度（首页图表） */
  'campaign.progress': { args: ProgressArgs; result: Progress }
  /** 按实施方案建立本年度创卫阶段 */
  'campaign.setup': { args: CampaignYearArgs; result: CampaignPlan }
  /** 新增阶段工作清单项 */
  'campaign.tasks.create': { args: TaskCreate; result: CampaignTask }
  /** 移除工作清单项 */
  'campaign.tasks.remove': { args: IdArgs; result: CampaignTask }
  /** 登记工作清单项完成情况 */
  'campaign.tasks.update': { args: TaskInput; result: CampaignTask }
  /** 今日待办 */
  'campaign.today': { args: JsonValue; result: TodayWork }
  /** 检查数据文件（结构、引用、审计链） */
  'check.run': { args: NoArgs; result: CheckResult }
  /** 登记投诉举报 */
  'complaints.create': { args: ComplaintInput; result: Complaint }
  /** 投诉举报统计 */
  'complaints.figures': { args: ComplaintFiguresArgs; result: ComplaintFigures }
  /** 查看投诉 */
  'complaints.get': { args: IdArgs; result: Complaint }
  /** 投诉举报登记 */
  'complaints.list': { args: ComplaintQuery; result: Array<Complaint> }
  /** 登记投诉的核实、处理、答复或办结 */
  'complaints.step': { args: ComplaintStepInput; result: Complaint }
  /** 首页统计 */
  'dashboard.summary': { args: JsonValue; result: Dashboard }
  /** 生成演示社区（仅限空数据库） */
  'demo.generate': { args: DemoArgs; result: DemoOutcome }
  /** 数据导出记录 */
  'exports.log': { args: ExportLogQuery; result: ExportLogPage }
  /** 欠费名单 */
  'fees.arrears': { args: ArrearsArgs; result: Page<ArrearsRow> }
  /** 结账后调整（退款或短款） */
  'fees.batches.adjust': { args: AdjustInput; result: Batch }
  /** 收费批次结账 */
  'fees.batches.close': { args: CloseInput; result: Batch }
  /** 查看收费批次 */
  'fees.batches.get': { args: IdArgs; result: Batch }
  /** 收费批次列表 */
  'fees.batches.list': { args: BatchQuery; result: Array<Batch> }
  /** 开始收费批次 */
  'fees.batches.open': { args: BatchInput; result: Batch }
  /** 收费批次上解 */
  'fees.batches.remit': { args: RemitInput; result: Batch }
  /** 查看收据本 */
  'fees.books.get': { args: IdArgs; result: ReceiptBook }
  /** 发放收据本 */
  'fees.books.issue': { args: BookEventArgs; result: ReceiptBook }
  /** 收据本列表 */
  'fees.books.list': { args: BookQuery; result: Page<ReceiptBook> }
  /** 收据号作废或遗失 */
  'fees.books.mark': { args: MarkArgs; result: ReceiptBook }
  /** 登记收据本 */
  'fees.books.register': { args: BookInput; result: ReceiptBook }
  /** 交回收据本 */
  'fees.books.return': { args: BookEventArgs; result: ReceiptBook }
  /** 收据本号码状态 */
  'fees.books.serials': { args: IdArgs; result: Array<SerialRow> }
  /** 收费人员赔偿台账 */
  'fees.compensations.list': { args: StaffArgs; result: Array<Compensation> }
  /** 收费人员赔偿合计 */
  'fees.compensations.totals': { args: JsonValue; result: Array<CompensationTotal> }
  /** 收费日报 */
  'fees.daily': { args: DailyArgs; result: Array<DailyRow> }
  /** 新增减免 */
  'fees.exemptions.create': { args: ExemptionInput; result: Exemption }
  /** 减免列表 */
  'fees.exemptions.list': { args: FeeYearArgs; result: Array<Exemption> }
  /** 减免户名单 */
  'fees.exemptions.parties': { args: FeeYearArgs; result: Array<ExemptParty> }
  /** 撤销减免 */
  'fees.exemptions.revoke': { args: RevokeArgs; result: Exemption }
  /** 收据版式（票据种类）列表 */
  'fees.forms.list': { args: JsonValue; result: Array<ReceiptForm> }
  /** 新建或修改收据版式及各项位置 */
  'fees.forms.save': { args: FormInput; result: ReceiptForm }
  /** 按批次查找缴费人 */
  'fees.payers': { args: PayerArgs; result: Array<PayerOption> }
  /** 收缴率 */
  'fees.rate': { args: RateArgs; result: RateReport }
  /** 按收据号（扫描二维码）找到收据 */
  'fees.receipts.find': { args: ReceiptNumberArgs; result: Receipt }
  /** 查看收据 */
  'fees.receipts.get': { args: IdArgs; result: Receipt }
  /** 开收据 */
  'fees.receipts.issue': { args: IssueInput; result: Receipt }
  /** 收据列表 */
  'fees.receipts.list': { args: ReceiptQuery; result: Array<Receipt> }
  /** 按标准计算应收 */
  'fees.receipts.quote': { args: QuoteArgs; result: Quote }
  /** 登记补打收据 */
  'fees.receipts.reprint': { args: ReasonArgs; result: Receipt }
  /** 缴费月份与金额的默认值 */
  'fees.receipts.suggest': { args: SuggestArgs; result: Suggestion }
  /** 作废收据 */
  'fees.receipts.void': { args: ReasonArgs; result: Receipt }
  /** 登记收费人员还款 */
  'fees.repayments.create': { args: RepaymentInput; result: Repayment }
  /** 收费人员还款列表 */
  'fees.repayments.list': { args: RepaymentQuery; result: Array<Repayment> }
  /** 读取收据打印设置 */
  'fees.settings.get': { args: JsonValue; result: FeeSettings }
  /** 修改收据打印设置 */
  'fees.settings.update': { args: FeeSettings; result: FeeSettings }
  /** 新增收费标准 */
  'fees.standards.create': { args: StandardInput; result: FeeStandard }
  /** 收费标准列表 */
  'fees.standards.list': { args: JsonValue; result: Array<FeeStandard> }
  /** 金额转大写 */
  'fees.words': { args: WordsArgs; result: Words }
  /** 罚款缴纳通知（不领工资的人员） */
  'fine_notices.list': { args: FineNoticeQuery; result: Array<FineNotice> }
  /** 登记罚款缴纳 */
  'fine_notices.pay': { args: PaymentInput; result: FinePayment }
  /** 作废罚款缴纳记录（须填原因） */
  'fine_notices.void_payment': { args: PaymentVoidArgs; result: FinePayment }
  /** 录入罚款 */
  'fines.create': { args: FineInput; result: Fine }
  /** 连续录入多条罚款 */
  'fines.create_batch': { args: FineBatchArgs; result: Array<Fine> }
  /** 查看罚款记录 */
  'fines.get': { args: FineId; result: Fine }
  /** 罚款记录列表 */
  'fines.list': { args: FineQuery; result: FinePage }
  /** 冲销已结账月份的罚款 */
  'fines.reverse': { args: CorrectArgs; result: Fine }
  /** 作废罚款（未结账月份） */
  'fines.void': { args: CorrectArgs; result: Fine }
  /** 收费小组列表 */
  'groups.list': { args: JsonValue; result: Array<Group> }
  /** 指定收费小组组长 */
  'groups.set_leader': { args: LeaderArgs; result: Group }
  /** 新增住户、门店或单位 */
  'households.create': { args: HouseholdInput; result: Household }
  /** 查看住户、门店或单位 */
  'households.get': { args: IdArgs; result: Household }
  /** 住户、门店与单位列表 */
  'households.list': { args: HouseholdQuery; result: Page<Household> }
  /** 住户迁出、门店关闭或恢复 */
  'households.set_status': { args: StatusArgs; result: Household }
  /** 修改住户、门店或单位 */
  'households.update': { args: UpdateArgs<HouseholdInput>; result: Household }
  /** 导入文件（全部成功才写入） */
  'import.commit': { args: ImportArgs; result: ImportOutcome }
  /** 预览导入文件（不写入） */
  'import.preview': { args: ImportArgs; result: ImportPreview }
  /** 更正检查结果（须填原因） */
  'inspections.correct': { args: CorrectInspectionArgs; result: Inspection }
  /** 登记检查及其罚款 */
  'inspections.create': { args: InspectionInput; result: Inspection }
  /** 查看检查记录 */
  'inspections.get': { args: FineId; result: Inspection }
  /** 检查记录列表 */
  'inspections.list': { args: InspectionQuery; result: Page<Inspection> }
  /** 巡查不足报表 */
  'inspections.patrol_report': { args: PatrolArgs; result: Array<PatrolGap> }
  /** 检查拟罚款项 */
  'inspections.propose': { args: InspectionInput; result: Array<ProposedFine> }
  /** 登记会议记录 */
  'meetings.create': { args: MeetingInput; result: Meeting }
  /** 会议记录 */
  'meetings.list': { args: MeetingQuery; result: Array<Meeting> }
  /** 修改会议记录 */
  'meetings.update': { args: UpdateArgs<MeetingInput>; result: Meeting }
  /** 全部操作的清单 */
  'meta.commands': { args: JsonValue; result: Array<CommandLine> }
  /** 表单可选项 */
  'meta.options': { args: JsonValue; result: Options }
  /** 月度结账 */
  'months.close': { args: MonthArgs; result: MonthStatus }
  /** 月份结账状态 */
  'months.list': { args: JsonValue; result: Array<MonthStatus> }
  /** 反结账（须填原因） */
  'months.reopen': { args: ReopenArgs; result: MonthStatus }
  /** 某月结账状态 */
  'months.status': { args: MonthArgs; result: MonthStatus }
  /** 新增计薪规则版本 */
  'pay_rules.add': { args: PayRuleInput; result: PayRule }
  /** 计薪规则的全部版本 */
  'pay_rules.versions': { args: JsonValue; result: Array<PayRule> }
  /** 上传已签责任书的扫描件或照片 */
  'pledges.attach': { args: AttachArgs; result: PledgeRow }
  /** 取消打印任务 */
  'pledges.batch_cancel': { args: JobArgs; result: BatchJob }
  /** 确认责任书已打印 */
  'pledges.batch_confirm': { args: JobArgs; result: ConfirmOutcome }
  /** 查看打印任务 */
  'pledges.batch_get': { args: JobArgs; result: BatchJob }
  /** 排版一批责任书（进度） */
  'pledges.batch_layout': { args: JobArgs; result: BatchJob }
  /** 准备批量打印责任书（编号） */
  'pledges.batch_start': { args: BatchArgs; result: BatchJob }
  /** 查看一户的责任书及其记录 */
  'pledges.get': { args: PartyYearArgs; result: PledgeDetail }
  /** 责任书签订情况列表 */
  'pledges.list': { args: PledgeQuery; result: Page<PledgeRow> }
  /** 快速登记：按编号或姓名找到要登记的住户 */
  'pledges.quick': { args: QuickArgs; result: QuickMatch }
  /** 责任书签订率 */
  'pledges.rates': { args: RatesArgs; result: SigningRates }
  /** 登记责任书签订、拒签或作废 */
  'pledges.record': { args: RecordArgs; result: PledgeRow }
  /** 扫描责任书二维码，登记为已签订 */
  'pledges.scan_signed': { args: ScanArgs; result: PledgeRow }
  /** 读取门前三包责任书文本 */
  'pledges.template.get': { args: JsonValue; result: PledgeTemplate }
  /** 修改门前三包责任书文本（存为新版本） */
  'pledges.template.update': { args: TemplateInput; result: PledgeTemplate }
  /** 谁能看到特殊身份标签 */
  'privacy.get': { args: JsonValue; result: PrivacyView }
  /** 设置谁能看到特殊身份标签 */
  'privacy.update': { args: PrivacySettings; result: PrivacyView }
  /** 登记宣传活动 */
  'publicity.create': { args: PublicityInput; result: Publicity }
  /** 宣传活动记录 */
  'publicity.list': { args: PublicityQuery; result: Array<Publicity> }
  /** 宣传活动统计 */
  'publicity.totals': { args: PublicityQuery; result: Array<PublicityTotal> }
  /** 撤回宣传记录（须填原因） */
  'publicity.withdraw': { args: WithdrawArgs; result: Publicity }
  /** 一家门店的检查与整改记录 */
  'rectify.history': { args: PartyArgs; result: ShopHistory }
  /** 登记门店检查（可下发限期整改通知书） */
  'rectify.inspect': { args: InspectArgs; result: InspectOutcome }
  /** 门店检查记录 */
  'rectify.inspections': { args: ShopInspectionQuery; result: Array<ShopInspection> }
  /** 整改通知书列表 */
  'rectify.notices': { args: NoticeQuery; result: Array<Notice> }
  /** 登记整改复查 */
  'rectify.reinspect': { args: ReinspectArgs; result: Notice }
  /** 已迁出、已关闭户的匿名化日期 */
  'retention.due': { args: JsonValue; result: Array<RetentionDue> }
  /** 到期的迁出户、关闭门店匿名化 */
  'retention.pseudonymise': { args: JsonValue; result: RetentionOutcome }
  /** 设置个人信息保留期限 */
  'retention.set_settings': { args: RetentionSettings; result: RetentionSettings }
  /** 个人信息保留期限 */
  'retention.settings': { args: JsonValue; result: RetentionSettings }
  /** 新增考核细则版本 */
  'schedule.create_version': { args: ScheduleVersionInput; result: ScheduleVersion }
  /** 某日施行的考核细则 */
  'schedule.current': { args: OnDateArgs; result: ScheduleVersion }
  /** 考核细则的全部版本 */
  'schedule.versions': { args: JsonValue; result: Array<ScheduleVersion> }
  /** 读取锁屏设置 */
  'security.get': { args: JsonValue; result: SecuritySettings }
  /** 修改锁屏设置（主任） */
  'security.update': { args: SecuritySettings; result: SecuritySettings }
  /** 登记对照标准自查 */
  'selfchecks.create': { args: SelfCheckInput; result: SelfCheck }
  /** 查看自查 */
  'selfchecks.get': { args: IdArgs; result: SelfCheck }
  /** 对照标准自查记录 */
  'selfchecks.list': { args: SelfCheckQuery; result: Array<SelfCheck> }
  /** 读取社区设置 */
  'settings.get': { args: JsonValue; result: Settings }
  /** 修改社区设置 */
  'settings.update': { args: Settings; result: Settings }
  /** 新增人员 */
  'staff.create': { args: StaffInput; result: Staff }
  /** 人员离职（辞工通知不足时扣发一周工资） */
  'staff.deactivate': { args: LeaveArgs; result: Leaving }
  /** 查看人员 */
  'staff.get': { args: IdArgs; result: Staff }
  /** 人员列表 */
  'staff.list': { args: StaffQuery; result: Page<Staff> }
  /** 人员复职 */
  'staff.reactivate': { args: ReactivateArgs; result: Staff }
  /** 修改人员 */
  'staff.update': { args: UpdateArgs<StaffInput>; result: Staff }
  /** 新增创建标准版本 */
  'standard.create_version': { args: StandardVersionInput; result: StandardVersion }
  /** 卫生社区创建标准 */
  'standard.current': { args: StandardArgs; result: StandardVersion }
  /** 月度考核结算（预览） */
  'statements.month': { args: StatementArgs; result: Array<Statement> }
  /** 月度罚款汇总（预览） */
  'statements.report': { args: StatementArgs; result: FineReport }
  /** 录入调查答案 */
  'surveys.answer': { args: SurveyAnswerInput; result: Survey }
  /** 新建入户调查（抽样） */
  'surveys.create': { args: SurveyInput; result: Survey }
  /** 入户调查的默认问题 */
  'surveys.default_questions': { args: SurveyKindArgs; result: Array<string> }
  /** 查看入户调查 */
  'surveys.get': { args: IdArgs; result: Survey }
  /** 入户调查 */
  'surveys.list': { args: JsonValue; result: Array<Survey> }
  /** 领用保洁工具 */
  'tools.issue': { args: ToolInput; result: Tool }
  /** 保洁工具领用登记 */
  'tools.list': { args: ToolQuery; result: Array<Tool> }
  /** 保洁工具遗失（照价赔偿） */
  'tools.lose': { args: ToolEnd; result: Tool }
  /** 归还保洁工具 */
  'tools.return': { args: ToolEnd; result: Tool }
  /** 新增责任区 */
  'zones.create': { args: ZoneInput; result: Zone }
  /** 停用责任区 */
  'zones.deactivate': { args: IdArgs; result: Zone }
  /** 查看责任区 */
  'zones.get': { args: IdArgs; result: Zone }
  /** 责任区列表 */
  'zones.list': { args: ZoneQuery; result: Array<Zone> }
  /** 启用责任区 */
  'zones.reactivate': { args: IdArgs; result: Zone }
  /** 修改责任区 */
  'zones.update': { args: UpdateArgs<ZoneInput>; result: Zone }
}

/** Every command that makes a file (PDF, .xlsx): its arguments. */
export interface Documents {
  /** 导出已结束年度的收费和罚款归档（只读） */
  'archive.year': ArchiveArgs
  /** 打开附件 */
  'attachments.file': AttachmentIdArgs
  /** 导出住户、门店与单位 */
  'export.households': ExportArgs<HouseholdQuery>
  /** 导出人员名单 */
  'export.staff': ExportArgs<StaffQuery>
  /** 导出责任区 */
  'export.zones': ExportArgs<ZoneQuery>
  /** 下载导入模板 */
  'import.template': TemplateArgs
  /** 取回责任书扫描件 */
  'pledges.attachment': AttachmentArgs
  /** 生成批量责任书 PDF */
  'pledges.batch_pdf': JobArgs
  /** 打印责任书未签户清单 */
  'pledges.outstanding': OutstandingArgs
  /** 打印欠费名单 */
  'print.arrears': RateDocArgs
  /** 打印出勤表 */
  'print.attendance': MonthArgs
  /** 打印批次与上解报表 */
  'print.batches': FormatArgs
  /** 打印迎检资料汇编 */
  'print.binder': BinderArgs
  /** 打印收缴率 */
  'print.collection_rate': RateDocArgs
  /** 打印收费人员赔偿台账 */
  'print.compensations': FormatArgs
  /** 打印投诉举报处理台账 */
  'print.complaints': ComplaintRegisterArgs
  /** 打印收费日报 */
  'print.daily': DailyDocArgs
  /** 打印罚款缴纳通知单 */
  'print.fine_notices': NoticeDocArgs
  /** 打印罚款月报 */
  'print.fine_report': ReportArgs
  /** 打印收据缺号报告 */
  'print.gaps': FormatArgs
  /** 打印会议记录 */
  'print.meeting_record': IdArgs
  /** 打印会议签到表 */
  'print.meeting_signin': IdArgs
  /** 打印催缴通知 */
  'print.notices': RateArgs
  /** 打印工资发放表 */
  'print.payroll': PayrollArgs
  /** 打印创卫工作进度报告 */
  'print.progress': ProgressDocArgs
  /** 打印收据 */
  'print.receipt': ReceiptPrintArgs
  /** 打印收据校准页 */
  'print.receipt_calibration': JsonValue
  /** 打印收据版式校准页（预印票据各项位置） */
  'print.receipt_form_calibration': FormArgs
  /** 连续打印批次收据 */
  'print.receipts': FeeBatchArgs
  /** 打印上解单 */
  'print.remittance': FeeBatchArgs
  /** 打印花名册 */
  'print.roster': RosterArgs
  /** 打印月度考核结算单 */
  'print.statements': StatementsArgs
  /** 打印调查结果 */
  'print.survey_result': IdArgs
  /** 打印入户调查表 */
  'print.survey_sheets': IdArgs
  /** 打印保洁工具领用登记表 */
  'print.tools': ToolsDocArgs
  /** 打印限期整改通知书 */
  'rectify.notice_pdf': NoticeArgs
}

/** Who may run each command through the UI, as the table declares it. */
export const allowedTo: Record<keyof Commands | keyof Documents, Allowed> = {
  'accounts.create': 'Head',
  'accounts.get': 'Head',
  'accounts.list': 'Head',
  'accounts.reset_password': 'Head',
  'accounts.update': 'Head',
  'archive.year': 'Account',
  'assessment.settings.get': 'Account',
  'assessment.settings.update': 'Head',
  'attachments.add': 'Account',
  'attachments.counts': 'Account',
  'attachments.file': 'Account',
  'attachments.list': 'Account',
  'attachments.thumb': 'Account',
  'attachments.withdraw': 'Account',
  'attendance.fill': 'Account',
  'attendance.set': 'Account',
  'attendance.sheet': 'Account',
  'audit.history': 'Account',
  'auth.change_password': 'Account',
  'auth.lock': 'Account',
  'auth.login': 'Public',
  'auth.logout': 'Account',
  'auth.setup': 'Public',
  'auth.status': 'Public',
  'auth.unlock': 'Account',
  'awards.grant': 'Account',
  'awards.ranking': 'Account',
  'backups.create': 'Account',
  'backups.create_to': 'Account',
  'backups.list': 'Account',
  'backups.list_in': 'Account',
  'backups.passphrase.set': 'Head',
  'backups.passphrase.status': 'Account',
  'backups.pick_folder': 'Account',
  'backups.preview': 'Account',
  'backups.restore': 'Head',
  'backups.restore_from': 'Head',
  'backups.status': 'Public',
  'backups.verify': 'Account',
  'campaign.phases.update': 'Account',
  'campaign.plan': 'Account',
  'campaign.progress': 'Account',
  'campaign.setup': 'Account',
  'campaign.tasks.create': 'Account',
  'campaign.tasks.remove': 'Account',
  'campaign.tasks.update': 'Account',
  'campaign.today': 'Account',
  'check.run': 'Account',
  'complaints.create': 'Account',
  'complaints.figures': 'Account',
  'complaints.get': 'Account',
  'complaints.list': 'Account',
  'complaints.step': 'Account',
  'dashboard.summary': 'Account',
  'demo.generate': 'Account',
  'export.households': 'Account',
  'export.staff': 'Account',
  'export.zones': 'Account',
  'exports.log': 'Head',
  'fees.arrears': 'Account',
  'fees.batches.adjust': 'Head',
  'fees.batches.close': 'Account',
  'fees.batches.get': 'Account',
  'fees.batches.list': 'Account',
  'fees.batches.open': 'Account',
  'fees.batches.remit': 'Account',
  'fees.books.get': 'Account',
  'fees.books.issue': 'Account',
  'fees.books.list': 'Account',
  'fees.books.mark': 'Account',
  'fees.books.register': 'Account',
  'fees.books.return': 'Account',
  'fees.books.serials': 'Account',
  'fees.compensations.list': 'Account',
  'fees.compensations.totals': 'Account',
  'fees.daily': 'Account',
  'fees.exemptions.create': 'Account',
  'fees.exemptions.list': 'Account',
  'fees.exemptions.parties': 'Account',
  'fees.exemptions.revoke': 'Account',
  'fees.forms.list': 'Account',
  'fees.forms.save': 'Account',
  'fees.payers': 'Account',
  'fees.rate': 'Account',
  'fees.receipts.find': 'Account',
  'fees.receipts.get': 'Account',
  'fees.receipts.issue': 'Account',
  'fees.receipts.list': 'Account',
  'fees.receipts.quote': 'Account',
  'fees.receipts.reprint': 'Account',
  'fees.receipts.suggest': 'Account',
  'fees.receipts.void': 'Account',
  'fees.repayments.create': 'Account',
  'fees.repayments.list': 'Account',
  'fees.settings.get': 'Account',
  'fees.settings.update': 'Account',
  'fees.standards.create': 'Head',
  'fees.standards.list': 'Account',
  'fees.words': 'Account',
  'fine_notices.list': 'Account',
  'fine_notices.pay': 'Account',
  'fine_notices.void_payment': 'Account',
  'fines.create': 'Account',
  'fines.create_batch': 'Account',
  'fines.get': 'Account',
  'fines.list': 'Account',
  'fines.reverse': 'Account',
  'fines.void': 'Account',
  'groups.list': 'Account',
  'groups.set_leader': 'Account',
  'households.create': 'Account',
  'households.get': 'Account',
  'households.list': 'Account',
  'households.set_status': 'Account',
  'households.update': 'Account',
  'import.commit': 'Account',
  'import.preview': 'Account',
  'import.template': 'Account',
  'inspections.correct': 'Account',
  'inspections.create': 'Account',
  'inspections.get': 'Account',
  'inspections.list': 'Account',
  'inspections.patrol_report': 'Account',
  'inspections.propose': 'Account',
  'meetings.create': 'Account',
  'meetings.list': 'Account',
  'meetings.update': 'Account',
  'meta.commands': 'Account',
  'meta.options': 'Account',
  'months.close': 'Account',
  'months.list': 'Account',
  'months.reopen': 'Head',
  'months.status': 'Account',
  'pay_rules.add': 'Head',
  'pay_rules.versions': 'Account',
  'pledges.attach': 'Account',
  'pledges.attachment': 'Account',
  'pledges.batch_cancel': 'Account',
  'pledges.batch_confirm': 'Account',
  'pledges.batch_get': 'Account',
  'pledges.batch_layout': 'Account',
  'pledges.batch_pdf': 'Account',
  'pledges.batch_start': 'Account',
  'pledges.get': 'Account',
  'pledges.list': 'Account',
  'pledges.outstanding': 'Account',
  'pledges.quick': 'Account',
  'pledges.rates': 'Account',
  'pledges.record': 'Account',
  'pledges.scan_signed': 'Account',
  'pledges.template.get': 'Account',
  'pledges.template.update': 'Account',
  'print.arrears': 'Account',
  'print.attendance': 'Account',
  'print.batches': 'Account',
  'print.binder': 'Account',
  'print.collection_rate': 'Account',
  'print.compensations': 'Account',
  'print.complaints': 'Account',
  'print.daily': 'Account',
  'print.fine_notices': 'Account',
  'print.fine_report': 'Account',
  'print.gaps': 'Account',
  'print.meeting_record': 'Account',
  'print.meeting_signin': 'Account',
  'print.notices': 'Account',
  'print.payroll': 'Account',
  'print.progress': 'Account',
  'print.receipt': 'Account',
  'print.receipt_calibration': 'Account',
  'print.receipt_form_calibration': 'Account',
  'print.receipts': 'Account',
  'print.remittance': 'Account',
  'print.roster': 'Account',
  'print.statements': 'Account',
  'print.survey_result': 'Account',
  'print.survey_sheets': 'Account',
  'print.tools': 'Account',
  'privacy.get': 'Account',
  'privacy.update': 'Head',
  'publicity.create': 'Account',
  'publicity.list': 'Account',
  'publicity.totals': 'Account',
  'publicity.withdraw': 'Account',
  'rectify.history': 'Account',
  'rectify.inspect': 'Account',
  'rectify.inspections': 'Account',
  'rectify.notice_pdf': 'Account',
  'rectify.notices': 'Account',
  'rectify.reinspect': 'Account',
  'retention.due': 'Account',
  'retention.pseudonymise': 'Account',
  'retention.set_settings': 'Account',
  'retention.settings': 'Account',
  'schedule.create_version': 'Head',
  'schedule.current': 'Account',
  'schedule.versions': 'Account',
  'security.get': 'Account',
  'security.update': 'Head',
  'selfchecks.create': 'Account',
  'selfchecks.get': 'Account',
  'selfchecks.list': 'Account',
  'settings.get': 'Account',
  'settings.update': 'Account',
  'staff.create': 'Account',
  'staff.deactivate': 'Account',
  'staff.get': 'Account',
  'staff.list': 'Account',
  'staff.reactivate': 'Account',
  'staff.update': 'Account',
  'standard.create_version': 'Head',
  'standard.current': 'Account',
  'statements.month': 'Account',
  'statements.report': 'Account',
  'surveys.answer': 'Account',
  'surveys.create': 'Account',
  'surveys.default_questions': 'Account',
  'surveys.get': 'Account',
  'surveys.list': 'Account',
  'tools.issue': 'Account',
  'tools.list': 'Account',
  'tools.lose': 'Account',
  'tools.return': 'Account',
  'zones.create': 'Account',
  'zones.deactivate': 'Account',
  'zones.get': 'Account',
  'zones.list': 'Account',
  'zones.reactivate': 'Account',
  'zones.update': 'Account',
}
