// Runs jobs in this thread or on worker threads (piscina), with the same results. A file's lint
// job goes to the thread that ran its collect job, which kept its findings so far (see `survey`).
import {existsSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import pLimit from 'p-limit'
import type {Piscina} from 'piscina'
import type {Config} from '../config.js'
import type {FolderFacts} from '../engine.js'
import {releaseHeld, runCollect, runLint, type LintOutcome, type SuppressionJob} from '../jobs.js'
import {packageRoot} from '../paths.js'
import type {WorkerOutcome, WorkerTask} from '../worker.js'

export interface Executor {
  readonly threads: number
  collect(path: string, text: string, config: Config): Promise<FolderFacts>
  lint(path: string, text: string, config: Config, facts: FolderFacts | undefined, fix: boolean, suppression?: SuppressionJob): Promise<LintOutcome>
  close(): Promise<void>
}

/** Below this many files, starting threads costs more than it saves. */
export const POOL_THRESHOLD = 24

const WORKER_FILE = path.join(packageRoot, 'dist', 'src', 'worker.js')

/** `workers`: a count, 0 for this thread only, or undefined to decide from the cores and the file count. */
export function createExecutor(fileCount: number, workers?: number): Executor {
  const cores = os.availableParallelism()
  const threads = workers ?? (cores > 1 && fileCount >= POOL_THRESHOLD ? Math.min(cores, Math.ceil(fileCount / 8)) : 0)
  // Workers run the compiled engine; from source (tests without a build) everything stays here.
  return threads > 0 && existsSync(WORKER_FILE) ? poolExecutor(threads) : inThread()
}

function inThread(): Executor {
  // One job at a time: jobs interleave at their awaits otherwise, and every job in flight keeps its
  // parse tree alive through the young generation's collections (a second of copying on 2,000 files).
  const oneAtATime = pLimit(1)
  return {
    threads: 0,
    collect: (filePath, text, config) => oneAtATime(() => runCollect({path: filePath, text, config})),
    lint: (filePath, text, config, facts, fix, suppression) => oneAtATime(() => runLint({path: filePath, text, config, facts, fix, ...suppression})),
    close: async () => releaseHeld()
  }
}

/** Jobs sent to a thread in one message, at most; a thread has at most two messages in hand. */
const BATCH = 16
const BATCHES_IN_HAND = 2

/**
 * One single-thread pool per thread (a lane), so that a file's lint job can go where its collect job
 * ran. A collect job takes the lane with the least text to get through; a lint job, its file's
 * lane. Jobs go in batches: whatever waits while a thread is busy leaves in one message, which saves
 * the per-message costs without holding any job back.
 */
function poolExecutor(threads: number): Executor {
  // Imported only for a pool: a run of a few files in this thread never loads piscina. Its task
  // timing is off: it would read the clock around every batch for histograms nobody reads.
  const started = import('piscina').then(({Piscina}) =>
    Array.from({length: threads}, () => new Lane(new Piscina({filename: pathToFileURL(WORKER_FILE).href, minThreads: 1, maxThreads: 1, recordTiming: false})))
  )
  // A pool that cannot start fails the jobs that wait for it, not the process before they do.
  started.catch(() => {})
  const laneOf = new Map<string, Lane>()
  const run = async (task: WorkerTask, lane?: Lane) => {
    const lanes = await started
    const chosen = lane ?? lanes.reduce((best, next) => (next.load < best.load ? next : best))
    return {lane: chosen, result: await chosen.run(task)}
  }
  const configKeys = new WeakMap<Config, string>()
  const keyOf = (config: Config) => {
    let key = configKeys.get(config)
    if (!key) configKeys.set(config, (key = JSON.stringify(config)))
    return key
  }
  const sharedFacts = new WeakMap<FolderFacts, {key: string; buffer: SharedArrayBuffer}>()
  let factsCount = 0
  const share = (facts: FolderFacts) => {
    let shared = sharedFacts.get(facts)
    if (!shared) {
      const bytes = Buffer.from(JSON.stringify(facts), 'utf8')
      const buffer = new SharedArrayBuffer(bytes.length)
      new Uint8Array(buffer).set(bytes)
      shared = {key: String(++factsCount), buffer}
      sharedFacts.set(facts, shared)
    }
    return shared
  }
  return {
    threads,
    collect: async (filePath, text, config) => {
      const {lane, result} = await run({kind: 'collect', path: filePath, text, configKey: keyOf(config)})
      laneOf.set(filePath, lane)
      return result as FolderFacts
    },
    lint: async (filePath, text, config, facts, fix, suppression) => {
      const shared = facts && Object.keys(facts).length > 0 ? share(facts) : undefined
      const task: WorkerTask = {kind: 'lint', path: filePath, text, configKey: keyOf(config), fix, factsKey: shared?.key, facts: shared?.buffer, suppression}
      const lane = laneOf.get(filePath)
      laneOf.delete(filePath)
      return (await run(task, lane)).result as LintOutcome
    },
    close: async () => {
      await Promise.all((await started).map((lane) => lane.pool.destroy()))
    }
  }
}

interface Queued {
  task: WorkerTask
  resolve(result: unknown): void
  reject(error: Error): void
}

class Lane {
  private readonly queue: Queued[] = []
  private inHand = 0
  /**
   * UTF-16 code units of the texts of the jobs queued or in hand: articles differ in length, and
   * lanes balanced by job count finished the first pass apart, one waiting for the other.
   */
  load = 0

  constructor(readonly pool: Piscina) {}

  run(task: WorkerTask): Promise<unknown> {
    const size = task.text.length
    this.load += size
    return new Promise((resolve, reject) => {
      this.queue.push({task, resolve, reject})
      this.send()
    }).finally(() => (this.load -= size))
  }

  private send(): void {
    while (this.inHand < BATCHES_IN_HAND && this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH)
      this.inHand++
      ;(this.pool.run(batch.map((queued) => queued.task)) as Promise<WorkerOutcome[]>)
        .then(
          (outcomes) =>
            batch.forEach((queued, index) => {
              const outcome = outcomes[index]!
              if ('error' in outcome) queued.reject(new Error(outcome.error))
              else queued.resolve(outcome.result)
            }),
          (error: Error) => batch.forEach((queued) => queued.reject(error))
        )
        .finally(() => {
          this.inHand--
          this.send()
        })
    }
  }
}
