import { createRouter, createWebHashHistory } from 'vue-router'
import { may } from './session'
import { allowedTo } from './bindings/commands'

function isCommand(name: string): name is keyof typeof allowedTo {
  return name in allowedTo
}
import { inRecovery } from './components/backups/status'

// Hash history works under Tauri's custom protocol and the loopback server alike.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'dashboard', component: () => import('./views/DashboardView.vue'), meta: { title: '首页' } },
    { path: '/campaign', name: 'campaign', component: () => import('./views/CampaignView.vue'), meta: { title: '阶段与清单' } },
    { path: '/households', name: 'households', component: () => import('./views/HouseholdsView.vue'), meta: { title: '住户与门店' } },
    { path: '/staff', name: 'staff', component: () => import('./views/StaffView.vue'), meta: { title: '人员' } },
    { path: '/zones', name: 'zones', component: () => import('./views/ZonesView.vue'), meta: { title: '责任区' } },
    { path: '/groups', name: 'groups', component: () => import('./views/GroupsView.vue'), meta: { title: '收费小组' } },
    { path: '/pledges', name: 'pledges', component: () => import('./views/PledgesView.vue'), meta: { title: '门前三包' } },
    { path: '/rectification', name: 'rectification', component: () => import('./views/RectificationView.vue'), meta: { title: '门店整改' } },
    { path: '/import', name: 'import', component: () => import('./views/ImportView.vue'), meta: { title: '导入' } },
    { path: '/accounts', name: 'accounts', component: () => import('./views/AccountsView.vue'), meta: { title: '账号', needs: 'accounts.list' } },
    { path: '/fines', name: 'fines', component: () => import('./views/FinesView.vue'), meta: { title: '罚款' } },
    { path: '/inspections', name: 'inspections', component: () => import('./views/InspectionsView.vue'), meta: { title: '检查' } },
    { path: '/schedule', name: 'schedule', component: () => import('./views/ScheduleView.vue'), meta: { title: '考核细则' } },
    { path: '/statements', name: 'statements', component: () => import('./views/StatementsView.vue'), meta: { title: '月度结算' } },
    { path: '/fees/batches', name: 'fee-batches', component: () => import('./views/BatchListView.vue'), meta: { title: '收费批次' } },
    { path: '/fees/batches/:id', name: 'fee-batch', component: () => import('./views/BatchDetailView.vue'), meta: { title: '收费批次' } },
    { path: '/fees/books', name: 'fee-books', component: () => import('./views/ReceiptBooksView.vue'), meta: { title: '收据本' } },
    { path: '/fees/rates', name: 'fee-rates', component: () => import('./views/FeeRatesView.vue'), meta: { title: '收缴率与欠费' } },
    { path: '/fees/compensations', name: 'fee-compensations', component: () => import('./views/CompensationsView.vue'), meta: { title: '收费人员赔偿' } },
    { path: '/fees/standards', name: 'fee-standards', component: () => import('./views/FeeStandardsView.vue'), meta: { title: '收费标准' } },
    { path: '/backups', name: 'backups', component: () => import('./views/BackupsView.vue'), meta: { title: '备份' } },
    { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue'), meta: { title: '设置' } },
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
