// The 备份 page end to end: back up now, check a backup, restore it with a preview and a
// confirmation (and see the data go back), the CLI refused while the server holds the file,
// a damaged file at start: the banner, read-only, and the offered backup restored; and a
// backup to a USB stick: the head sets the passphrase, the copy is encrypted, a wrong
// passphrase restores nothing and the right one brings the data back.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { startServer } from './lib/server.js'
import { apiCall, launchBrowser, openPage, shot, signIn } from './lib/browser.js'
import { byTestId, fill, goTo, scenarioSteps } from './lib/ui.js'
import { expectText } from './lib/wait.js'

let browser

const tokens = new Map()

/** The CLI as a clerk would run it beside the server; a hung call fails the test instead of the run. */
const runCli = (bin, args) => spawnSync(bin, args, { encoding: 'utf8', timeout: 60_000 })

/** Calls the server directly as the signed-in head (signing in, or setting up, on first use). */
async function api(server, name, args = {}) {
  if (!tokens.has(server.url)) tokens.set(server.url, await signIn(server.url))
  return apiCall(server.url, name, args, tokens.get(server.url))
}

const zone = (name) => ({ name, kind: '街道', boundary: '' })
const zoneNames = async (server) => (await api(server, 'zones.list', { include_inactive: true })).map((z) => z.name).sort()

before(async () => {
  browser = await launchBrowser()
}, { timeout: 60_000 })

after(async () => {
  await browser?.close().catch(() => {})
}, { timeout: 30_000 })

test('backups and restore', { timeout: 240_000 }, async (t) => {
  const server = await startServer()
  try {
    await api(server, 'zones.create', zone('黄山路东段'))
    const { page, problems } = await openPage(browser, server.url)
    const step = scenarioSteps(t, () => page)

    await step('backs up now and checks the backup', async () => {
      await goTo(page, 'backups', '备份')
      await byTestId(page, 'backup-now').click()
      await page.locator('.el-message--success', { hasText: '已备份' }).waitFor()
      const rows = byTestId(page, 'backups-table').locator('.el-table__body-wrapper tbody tr')
      // The list reloads after the message: an automatic backup made at sign-in may show until then.
      await expectText(rows.first(), /手动/, { what: 'the newest backup' })
      await expectText(rows.first(), /责任区 1/, { what: 'the newest backup' })
      await byTestId(page, 'verify-0').click()
      await byTestId(page, 'verdict-0').filter({ hasText: '完好' }).waitFor()
      await byTestId(page, 'check-now').click()
      await byTestId(page, 'check-result').filter({ hasText: '检查通过' }).waitFor()
      await shot(page, 'backups-01-list')
    })

    await step('restores a backup after a preview and a confirmation', async () => {
      await api(server, 'zones.create', zone('建设路'))
      assert.deepEqual(await zoneNames(server), ['建设路', '黄山路东段'])
      const list = await api(server, 'backups.list')
      const manual = list.findIndex((b) => b.reason === 'manual')
      await page.reload()
      await byTestId(page, `restore-${manual}`).click()
      await byTestId(page, 'preview-ok').waitFor()
      await shot(page, 'backups-02-preview')
      await byTestId(page, 'restore-confirm').click()
      await page.locator('.el-message-box__btns button', { hasText: '恢复' }).click()
      await page.locator('.el-message--success', { hasText: '已恢复' }).waitFor()
      assert.deepEqual(await zoneNames(server), ['黄山路东段'])
      const after = await api(server, 'backups.list')
      assert.ok(after.some((b) => b.reason === 'before-restore'), 'the current file was kept first')
    })

    await step('a failed backup shows on every screen until one succeeds', async () => {
      const folder = path.join(server.dir, 'backups')
      renameSync(folder, `${folder}-aside`)
      writeFileSync(folder, 'not a folder')
      await byTestId(page, 'backup-now').click()
      await page.locator('.el-message--error').first().waitFor()
      await goTo(page, 'zones', '责任区')
      const banner = byTestId(page, 'backup-failed-banner')
      await expectText(banner, /备份没有成功/, { timeout: 30_000 })
      await shot(page, 'backups-03-failed-banner')
      await goTo(page, 'households', '住户与门店')
      await banner.waitFor()
      rmSync(folder)
      renameSync(`${folder}-aside`, folder)
      await byTestId(page, 'backup-failed-go').click()
      await page.locator('.page-header .title', { hasText: '备份' }).waitFor()
      await byTestId(page, 'backup-now').click()
      await page.locator('.el-message--success', { hasText: '已备份' }).waitFor()
      await banner.waitFor({ state: 'detached', timeout: 30_000 })
    })

    await step('the command line cannot write while the server holds the file', async () => {
      const write = runCli(server.bin, ['--db', server.db, 'call', 'zones.create', JSON.stringify(zone('乙'))])
      assert.notEqual(write.status, 0)
      assert.match(write.stderr, /正在使用/)
      const read = runCli(server.bin, ['--db', server.db, 'call', 'zones.list', '{}'])
      assert.equal(read.status, 0, read.stderr)
      assert.match(read.stdout, /黄山路东段/)
    })
    // The failed backup's refusal (HTTP 500) is logged by the browser; nothing else may be.
    assert.deepEqual(problems.filter((p) => !/status of 500/.test(p)), [])
  } finally {
    await server.stop()
  }
})

test('a damaged file at start', { timeout: 240_000 }, async (t) => {
  const server = await startServer({
    prepare: async (db, bin) => {
      execFileSync(bin, ['--db', db, 'call', 'zones.create', JSON.stringify(zone('黄山路东段'))], { timeout: 60_000 })
      execFileSync(bin, ['--db', db, 'backup'], { timeout: 60_000 })
      const bytes = readFileSync(db)
      bytes.write('garbage garbage!', 0, 'latin1')
      writeFileSync(db, bytes)
    },
  })
  try {
    // The accounts are inside the damaged file: recovery needs no sign-in.
    const { page } = await openPage(browser, server.url, { signIn: false })
    const step = scenarioSteps(t, () => page)
    await step('shows the banner and offers the last good backup', async () => {
      await expectText(byTestId(page, 'damaged-banner'), /不是 SQLite/)
      await shot(page, 'backups-03-damaged')
      await byTestId(page, 'damaged-restore').click()
      await byTestId(page, 'preview-ok').waitFor()
      await byTestId(page, 'restore-confirm').click()
      await page.locator('.el-message-box__btns button', { hasText: '恢复' }).click()
      await page.locator('.el-message--success', { hasText: '已恢复' }).waitFor()
      assert.deepEqual(await zoneNames(server), ['黄山路东段'])
      const status = await apiCall(server.url, 'backups.status')
      assert.equal(status.damaged, null)
    })
  } finally {
    await server.stop()
  }
})

test('an encrypted backup to a USB stick', { timeout: 240_000 }, async (t) => {
  // The server offers one folder to 选择文件夹… (the browser has no folder dialog).
  const server = await startServer({ pickDir: true })
  try {
    await api(server, 'zones.create', zone('黄山路东段'))
    const { page, problems } = await openPage(browser, server.url)
    const step = scenarioSteps(t, () => page)
    const pass = '长江黄河-2026'

    await step('the head sets the backup passphrase', async () => {
      await goTo(page, 'backups', '备份')
      await expectText(byTestId(page, 'passphrase-status'), /未设置/)
      await byTestId(page, 'passphrase-open').click()
      await fill(page, 'passphrase-new', 'short')
      await fill(page, 'passphrase-confirm', 'short')
      await byTestId(page, 'passphrase-save').click()
      await page.locator('.el-message--error', { hasText: '至少要 8 个字符' }).waitFor()
      await fill(page, 'passphrase-new', pass)
      await fill(page, 'passphrase-confirm', pass)
      await byTestId(page, 'passphrase-save').click()
      await expectText(byTestId(page, 'passphrase-status'), /已设置/)
    })

    await step('backs up to the picked folder, encrypted', async () => {
      await byTestId(page, 'backup-pick-folder').click()
      await expectText(byTestId(page, 'backup-folder'), /usb/)
      await fill(page, 'backup-passphrase', pass)
      await byTestId(page, 'backup-to').click()
      await page.locator('.el-message--success', { hasText: '已加密备份' }).waitFor()
      const rows = byTestId(page, 'offsite-table').locator('.el-table__body-wrapper tbody tr')
      await expectText(rows.first(), /\.db\.age/, { what: 'the encrypted backup' })
      const names = readdirSync(server.usb).filter((n) => n.endsWith('.db.age'))
      assert.equal(names.length, 1, `${names}`)
      const head = readFileSync(path.join(server.usb, names[0])).subarray(0, 21).toString('latin1')
      assert.equal(head, 'age-encryption.org/v1')
      await shot(page, 'backups-04-usb')
    })

    await step('a wrong passphrase restores nothing; the right one brings the data back', async () => {
      await api(server, 'zones.create', zone('建设路'))
      await byTestId(page, 'offsite-restore-0').click()
      await fill(page, 'offsite-restore-passphrase', '长江黄河-2025')
      await byTestId(page, 'offsite-restore-confirm').click()
      await page.locator('.el-message-box__btns button', { hasText: '恢复' }).click()
      await page.locator('.el-message--error', { hasText: '备份密码不正确' }).waitFor()
      assert.deepEqual(await zoneNames(server), ['建设路', '黄山路东段'])
      await fill(page, 'offsite-restore-passphrase', pass)
      await byTestId(page, 'offsite-restore-confirm').click()
      await page.locator('.el-message-box__btns button', { hasText: '恢复' }).click()
      await page.locator('.el-message--success', { hasText: '已恢复' }).waitFor()
      assert.deepEqual(await zoneNames(server), ['黄山路东段'])
    })
    // The refusals (HTTP 4xx) are logged by the browser; nothing else may be.
    assert.deepEqual(problems.filter((p) => !/status of 4\d\d/.test(p)), [])
  } finally {
    await server.stop()
  }
})
