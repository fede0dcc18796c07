// Starts the real loopback server (the built `chuangwei` binary) on a free port
// over a fresh database in a temp dir, and stops it again.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

function fromRoot(p) {
  return path.isAbsolute(p) ? p : path.resolve(repoRoot, p)
}

// `prepare(dbPath, bin)`, if given, runs before the server starts (e.g. to damage the file).
// `pickDir: true` stands in for the desktop's folder dialog, which a browser has not got: the
// server is started with CW_TEST_PICK_DIR, and 选择文件夹… then picks `<dir>/usb` (returned as
// `usb`). Only whoever starts the server can set it; a page can never name a folder.
export async function startServer({ timeoutMs = 60_000, prepare, pickDir = false } = {}) {
  const bin = fromRoot(process.env.CW_BIN || 'target/debug/chuangwei')
  const dist = fromRoot(process.env.CW_UI_DIST || 'ui/dist')
  if (!existsSync(bin)) throw new Error(`server binary not found: ${bin} (build it or set CW_BIN)`)
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error(`UI not built: ${dist} (run npm run build in ui/ or set CW_UI_DIST)`)

  const dir = mkdtempSync(path.join(tmpdir(), 'cw-e2e-'))
  if (prepare) await prepare(path.join(dir, 'e2e.db'), bin)
  const usb = pickDir ? path.join(dir, 'usb') : null
  if (usb) mkdirSync(usb)
  const env = usb ? { ...process.env, CW_TEST_PICK_DIR: usb } : process.env
  const child = spawn(bin, ['--db', path.join(dir, 'e2e.db'), 'serve', '--port', '0', '--ui', dist], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  })
  let output = ''
  child.stderr.on('data', (d) => (output += d))

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not report its port within ${timeoutMs} ms:\n${output}`)), timeoutMs)
    child.stdout.on('data', (d) => {
      output += d
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited early with code ${code}:\n${output}`))
    })
  })

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true })
  }

  return { url, dir, bin, db: path.join(dir, 'e2e.db'), usb, stop, log: () => output }
}
