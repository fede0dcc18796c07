// Export and print buttons: run a file command, tell the clerk where it went.
import { ref } from 'vue'
import { inTauri, saveFile, type ArgsOf, type DocumentName } from '../api'
import type { Documents } from '../bindings/commands'
import { showError, showSuccess } from '../notify'

export function useFileAction() {
  const busy = ref(false)
  async function run<N extends DocumentName>(name: N, ...args: ArgsOf<Documents[N]>): Promise<string | null> {
    busy.value = true
    try {
      const saved = await saveFile(name, ...args)
      if (saved) showSuccess(inTauri() ? `已保存：${saved}` : `已下载：${saved}`)
      return saved
    } catch (e) {
      showError(e)
      return null
    } finally {
      busy.value = false
    }
  }
  return { busy, run }
}
