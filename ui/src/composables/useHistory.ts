// Opens the 修改历史 drawer for a record of a list.
import { reactive } from 'vue'

export function useHistory(entity: string) {
  const history = reactive({ visible: false, entity, id: null as number | null, title: '' })
  function showHistory(id: number, title: string) {
    history.id = id
    history.title = title
    history.visible = true
  }
  return { history, showHistory }
}
