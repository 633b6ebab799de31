// Preloaded (`node --import`) into a `--fix` run by the kill trials: renames happen one at a time,
// `NEWSLINT_SLOW_RENAME_MS` apart, so the write phase of a small folder lasts long enough for a kill
// to land inside it on any machine. Only the timing changes; the writer's code path is the real one.
import {rename} from 'node:fs/promises'
import {setWriteFs} from '../src/cli/write.js'

const gap = Number(process.env.NEWSLINT_SLOW_RENAME_MS ?? 25)
let queue: Promise<unknown> = Promise.resolve()

setWriteFs({
  rename: (from, to) => {
    const turn = queue.then(() => new Promise((resolve) => setTimeout(resolve, gap))).then(() => rename(from, to))
    queue = turn.catch(() => {})
    return turn
  }
})
