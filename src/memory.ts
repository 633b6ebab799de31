// Keeping the heap of a long lint small. A large text is linted window by window, and each window
// leaves a parse tree's worth of garbage; V8 lets garbage pile up to about four times the live heap
// before it collects (an 8 MB file peaked at 400 MB of RSS with 60 MB live). Between windows the
// engine asks for a full collection once the heap has grown well past what was live after the last
// one. Node has no API for that: as jest's leak detector does, `--expose-gc` is switched on just long
// enough to create a context whose `gc` function collects the whole heap, and switched off again.
import {getHeapStatistics, setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'

/** Heap used below which no collection is asked for (V8 is left alone for normal texts). */
const FLOOR = 128 * 1024 * 1024
/**
 * Growth past the live heap allowed between collections. A fixed amount, not a multiple of the live
 * heap: a large text's first pass keeps its windows' name readings (tens of megabytes) for the
 * second, and twice that live heap let the peak pass 300 MB of RSS.
 */
const HEADROOM = 64 * 1024 * 1024

let collector: (() => void) | null | undefined

function gc(): (() => void) | null {
  if (collector !== undefined) return collector
  try {
    setFlagsFromString('--expose-gc')
    const found = runInNewContext('gc') as unknown
    collector = typeof found === 'function' ? (found as () => void) : null
  } catch {
    collector = null
  } finally {
    try {
      setFlagsFromString('--no-expose-gc')
    } catch {
      // The flag stays on: harmless.
    }
  }
  return collector
}

/** A bound on the heap across many steps of one job: call `step()` between steps (windows). */
export class HeapBudget {
  private live = 0

  step(): void {
    const used = getHeapStatistics().used_heap_size
    if (used < Math.max(FLOOR, this.live + HEADROOM)) return
    const collect = gc()
    if (!collect) return
    collect()
    this.live = getHeapStatistics().used_heap_size
  }
}
