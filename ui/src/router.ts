import { createRouter, createWebHashHistory } from 'vue-router'

// Hash history works under Tauri's custom protocol and the loopback server alike.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'dashboard', component: () => import('./views/DashboardView.vue'), meta: { title: '首页' } },
    { path: '/households', name: 'households', component: () => import('./views/HouseholdsView.vue'), meta: { title: '住户与门店' } },
    { path: '/staff', name: 'staff', component: () => import('./views/StaffView.vue'), meta: { title: '人员' } },
    { path: '/zones', name: 'zones', component: () => import('./views/ZonesView.vue'), meta: { title: '责任区' } },
    { path: '/groups', name: 'groups', component: () => import('./views/GroupsView.vue'), meta: { title: '收费小组' } },
    { path: '/import', name: 'import', component: () => import('./views/ImportView.vue'), meta: { title: '导入' } },
    { path: '/backups', name: 'backups', component: () => import('./views/BackupsView.vue'), meta: { title: '备份' } },
    { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue'), meta: { title: '设置' } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : ''
  document.title = title && to.name !== 'dashboard' ? `${title} - 创卫办公台` : '创卫办公台'
})
