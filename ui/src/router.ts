import { createRouter, createWebHashHistory } from 'vue-router'
import { may } from './session'
import { allowedTo } from './bindings/commands'

function isCommand(name: string): name is keyof typeof allowedTo {
  return name in allowedTo
}
import { inRecovery } from './areas/backups/status'

// Hash history works under Tauri's custom protocol and the loopback server alike.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'dashboard', component: () => import('./areas/campaign/DashboardView.vue'), meta: { title: '首页' } },
    { path: '/campaign', name: 'campaign', component: () => import('./areas/campaign/CampaignView.vue'), meta: { title: '阶段与清单' } },
    { path: '/households', name: 'households', component: () => import('./areas/registry/HouseholdsView.vue'), meta: { title: '住户与门店' } },
    { path: '/staff', name: 'staff', component: () => import('./areas/registry/StaffView.vue'), meta: { title: '人员' } },
    { path: '/tools', name: 'tools', component: () => import('./areas/tools/ToolsView.vue'), meta: { title: '保洁工具' } },
    { path: '/zones', name: 'zones', component: () => import('./areas/registry/ZonesView.vue'), meta: { title: '责任区' } },
    { path: '/groups', name: 'groups', component: () => import('./areas/registry/GroupsView.vue'), meta: { title: '收费小组' } },
    { path: '/pledges', name: 'pledges', component: () => import('./areas/pledges/PledgesView.vue'), meta: { title: '门前三包' } },
    { path: '/rectification', name: 'rectification', component: () => import('./areas/pledges/RectificationView.vue'), meta: { title: '门店整改' } },
    { path: '/import', name: 'import', component: () => import('./areas/registry/ImportView.vue'), meta: { title: '导入' } },
    { path: '/accounts', name: 'accounts', component: () => import('./areas/auth/AccountsView.vue'), meta: { title: '账号', needs: 'accounts.list' } },
    { path: '/fines', name: 'fines', component: () => import('./areas/assessment/FinesView.vue'), meta: { title: '罚款' } },
    { path: '/inspections', name: 'inspections', component: () => import('./areas/assessment/InspectionsView.vue'), meta: { title: '检查' } },
    { path: '/schedule', name: 'schedule', component: () => import('./areas/assessment/ScheduleView.vue'), meta: { title: '考核细则' } },
    { path: '/attendance', name: 'attendance', component: () => import('./areas/assessment/AttendanceView.vue'), meta: { title: '出勤表' } },
    { path: '/statements', name: 'statements', component: () => import('./areas/assessment/StatementsView.vue'), meta: { title: '月度结算' } },
    { path: '/fees/batches', name: 'fee-batches', component: () => import('./areas/fees/BatchListView.vue'), meta: { title: '收费批次' } },
    { path: '/fees/batches/:id', name: 'fee-batch', component: () => import('./areas/fees/BatchDetailView.vue'), meta: { title: '收费批次' } },
    { path: '/fees/books', name: 'fee-books', component: () => import('./areas/fees/ReceiptBooksView.vue'), meta: { title: '收据本' } },
    { path: '/fees/rates', name: 'fee-rates', component: () => import('./areas/fees/FeeRatesView.vue'), meta: { title: '收缴率与欠费' } },
    { path: '/fees/compensations', name: 'fee-compensations', component: () => import('./areas/fees/CompensationsView.vue'), meta: { title: '收费人员赔偿' } },
    { path: '/fees/standards', name: 'fee-standards', component: () => import('./areas/fees/FeeStandardsView.vue'), meta: { title: '收费标准' } },
    { path: '/self-check', name: 'self-check', component: () => import('./areas/review/SelfCheckView.vue'), meta: { title: '对照标准自查' } },
    { path: '/complaints', name: 'complaints', component: () => import('./areas/review/ComplaintsView.vue'), meta: { title: '投诉举报' } },
    { path: '/meetings', name: 'meetings', component: () => import('./areas/review/MeetingsView.vue'), meta: { title: '会议记录' } },
    { path: '/surveys', name: 'surveys', component: () => import('./areas/review/SurveysView.vue'), meta: { title: '入户调查' } },
    { path: '/publicity', name: 'publicity', component: () => import('./areas/review/PublicityView.vue'), meta: { title: '宣传活动' } },
    { path: '/backups', name: 'backups', component: () => import('./areas/backups/BackupsView.vue'), meta: { title: '备份' } },
    { path: '/export-log', name: 'export-log', component: () => import('./areas/settings/ExportLogView.vue'), meta: { title: '数据导出记录', needs: 'exports.log' } },
    { path: '/settings', name: 'settings', component: () => import('./areas/settings/SettingsView.vue'), meta: { title: '设置' } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

// A clerk never lands on the head's pages (e.g. after the head signs out on one).
router.beforeEach((to) => {
  if (inRecovery()) return to.path === '/backups' ? true : { path: '/backups' }
  const needs = to.meta.needs
  return typeof needs === 'string' && isCommand(needs) && !may(needs) ? { path: '/' } : true
})

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : ''
  document.title = title && to.name !== 'dashboard' ? `${title} - 创卫办公台` : '创卫办公台'
})
