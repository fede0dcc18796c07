// One collection batch as its page shows it: the batch, its receipts, and the receipt books its
// collectors hold (the next serial comes from them), loaded together.
import { computed, ref, type Ref } from 'vue'
import { call } from '../../api'
import type { Batch } from '../../bindings/Batch'
import type { Receipt } from '../../bindings/Receipt'
import type { ReceiptBook } from '../../bindings/ReceiptBook'
import { useRequest } from '../../composables/useRequest'

/** The two adjustments a closed batch records. */
export type AdjustKind = '退款' | '短款'

export function useBatch(id: Ref<number>) {
  const batch = ref<Batch | null>(null)
  const receipts = ref<Receipt[]>([])
  const books = ref<ReceiptBook[]>([])
  const closed = computed(() => batch.value?.closing !== null && batch.value?.closing !== undefined)
  const request = useRequest()

  async function load(): Promise<void> {
    await request.run(async () => {
      const b = await call('fees.batches.get', { id: id.value })
      batch.value = b
      receipts.value = await call('fees.receipts.list', { batch_id: id.value })
      // Only the books the batch's collectors hold with serials left (the list pages all books).
      const held = await Promise.all(
        b.collector_ids.map((cid) => call('fees.books.list', { holder_id: cid, status: '在用', page_size: 100 })),
      )
      books.value = held.flatMap((p) => p.items)
    })
  }

  return { batch, receipts, books, closed, load }
}
