// Runs jobs in this thread or on worker threads (piscina), with the same results. A file's lint
// job goes to the thread that ran its collect job, which kept its findings so far (see `survey`).
import {existsSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import pLimit from 'p-limit'
import type {Config} from '../config.js'
import type {FolderFacts} from '../engine.js'
import {releaseHeld, runCollect, runLint, type LintOutcome, type SuppressionJob} from '../jobs.js'
import {packageRoot} from '../paths.js'
import type {WorkerOutcome, WorkerTask} from '../worker.js'

export interface Executor {
  readonly threads: number
  /** Starts the threads now rather than at the first job (so they load the rules meanwhile). */
  start(): void
  collect(path: string, text: string, config: Config): Promise<FolderFacts>
  lint(path: string, text: string, config: Config, facts: FolderFacts | undefined, fix: boolean, suppression?: SuppressionJob): Promise<LintOutcome>
  close(): Promise<void>
}

/** Below this many files, starting threads costs more than it saves. */
export const POOL_THRESHOLD = 24

const WORKER_FILE = path.join(packageRoot, 'dist', 'src', 'worker.js')

/**
 * `workers`: how many threads lint (0 or 1: this thread only), or undefined to decide from the
 * cores and the file count. In a pool this thread is one of them, unless `streaming`: then it only
 * reads the input and writes the results, so that a stream never waits on it.
 */
export function createExecutor(fileCount: number, workers?: number, {streaming = false} = {}): Executor {
  const cores = os.availableParallelism()
  const threads = workers ?? (cores > 1 && fileCount >= POOL_THRESHOLD ? Math.min(cores, Math.ceil(fileCount / 8)) : 0)
  // Workers run the compiled engine; from source (tests without a build) everything stays here.
  return threads > 1 && existsSync(WORKER_FILE) ? poolExecutor(threads, !streaming) : inThread()
}

function inThread(): Executor {
  // One job at a time: jobs interleave at their awaits otherwise, and every job in flight keeps its
  // parse tree alive through the young generation's collections (a second of copying on 2,000 files).
  const oneAtATime = pLimit(1)
  return {
    threads: 0,
    start: () => {},
    collect: (filePath, text, config) => oneAtATime(() => runCollect({path: filePath, text, config})),
    lint: (filePath, text, config, facts, fix, suppression) => oneAtATime(() => runLint({path: filePath, text, config, facts, fix, ...suppression})),
    close: async () => releaseHeld()
  }
}

/** Jobs sent to a thread in one message, at most; a thread has at most two messages in hand. */
export const BATCH = 16
export const BATCHES_IN_HAND = 2

/**
 * `threads` lanes, each a one-thread pool, so that a file's lint job can go where its collect job
 * ran (see `Dispatcher`). With `thisThreadLints`, this thread is one of the lanes: left to read
 * files and wait, it sat idle most of a folder run while every worker thread paid V8's warm-up and
 * its own copy of the rules (on 2 cores and 2,000 files: 4% faster, 3% less CPU, 65 MB less
 * memory). A stream is the other way round: with this thread linting, 10,000 --ndjson records took
 * 15% longer and peak memory grew 1.3 times from 2,000 records, against 1.1 with worker threads only.
 */
function poolExecutor(threads: number, thisThreadLints: boolean): Executor {
  // Imported only for a pool: a run of a few files in this thread never loads piscina. Its task
  // timing is off: it would read the clock around every batch for histograms nobody reads. Both
  // batches in hand are in the thread (the thread runs them one after the other, see src/worker.ts):
  // with one, the thread waited for this one to hand it the next, a fifth of the second pass.
  let starting: Promise<Dispatcher> | undefined
  const started = (): Promise<Dispatcher> => {
    if (!starting) {
      // The engine is loaded in this thread only when it lints.
      starting = Promise.all([import('piscina'), thisThreadLints ? import('../worker.js') : undefined]).then(
        ([{Piscina}, worker]) =>
          new Dispatcher([
            ...(worker ? [thisThread(worker.default)] : []),
            ...Array.from({length: thisThreadLints ? threads - 1 : threads}, () => new Piscina({filename: pathToFileURL(WORKER_FILE).href, minThreads: 1, maxThreads: 1, concurrentTasksPerWorker: BATCHES_IN_HAND, recordTiming: false}))
          ])
      )
      // A pool that cannot start fails the jobs that wait for it, not the process before they do.
      starting.catch(() => {})
    }
    return starting
  }
  const threadOf = new Map<string, Thread>()
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
      const {thread, result} = await (await started()).run({kind: 'collect', path: filePath, text, configKey: keyOf(config)})
      threadOf.set(filePath, thread)
      return result as FolderFacts
    },
    lint: async (filePath, text, config, facts, fix, suppression) => {
      const shared = facts && Object.keys(facts).length > 0 ? share(facts) : undefined
      const task: WorkerTask = {kind: 'lint', path: filePath, text, configKey: keyOf(config), fix, factsKey: shared?.key, facts: shared?.buffer, suppression}
      const thread = threadOf.get(filePath)
      threadOf.delete(filePath)
      return (await (await started()).run(task, thread)).result as LintOutcome
    },
    start: () => void started(),
    close: async () => {
      // Threads never started (every file from the cache) have nothing to stop.
      if (starting) await (await starting).close()
    }
  }
}

/**
 * This thread as one of the pool's: it runs its jobs one at a time as a worker thread would (the
 * same `runBatch`), and before each job lets the event loop run, so that files are read and the
 * worker threads get their next batches while this one lints.
 */
export function thisThread(runBatch: (tasks: WorkerTask[]) => Promise<WorkerOutcome[]>): BatchRunner {
  return {
    run: async (tasks) => {
      const outcomes: WorkerOutcome[] = []
      for (const task of tasks) {
        await new Promise((resolve) => setImmediate(resolve))
        outcomes.push(...(await runBatch([task])))
      }
      return outcomes
    },
    // What its collect jobs kept for lint jobs that never came (files answered from the cache).
    destroy: async () => releaseHeld()
  }
}

interface Queued {
  task: WorkerTask
  resolve(done: {thread: Thread; result: unknown}): void
  reject(error: Error): void
}

/** What the dispatcher needs of a one-thread pool (piscina's, or a test's). */
export interface BatchRunner {
  run(tasks: WorkerTask[]): Promise<unknown>
  destroy(): Promise<void>
}

export interface Thread {
  readonly pool: BatchRunner
  /** Jobs only this thread may run: lint jobs of files whose collect job it ran. */
  readonly own: Queued[]
  inHand: number
}

/**
 * Hands jobs to the threads as they can take them: a thread with a batch less than it may hold
 * takes its own jobs first, then the next ones anyone may run. Choosing a thread when a job was
 * queued (by the text each had to get through) left one thread idle at the end of a pass while
 * the other, which had had less of the CPU, finished its share. Near the end of the open jobs the
 * batches shrink, so that the threads run out of work together.
 */
export class Dispatcher {
  private readonly threads: Thread[]
  private readonly open: Queued[] = []
  private dispatching = false

  constructor(pools: BatchRunner[]) {
    this.threads = pools.map((pool) => ({pool, own: [], inHand: 0}))
  }

  /** Runs a job on `thread`, or on whichever thread takes it; says which thread that was. */
  run(task: WorkerTask, thread?: Thread): Promise<{thread: Thread; result: unknown}> {
    return new Promise((resolve, reject) => {
      ;(thread ? thread.own : this.open).push({task, resolve, reject})
      this.schedule()
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.pool.destroy()))
  }

  /** Dispatches once the jobs queued in this turn are all in, so that they leave in full batches. */
  private schedule(): void {
    if (this.dispatching) return
    this.dispatching = true
    queueMicrotask(() => {
      this.dispatching = false
      this.dispatch()
    })
  }

  /** A batch to each thread with room in turn, so that the last open jobs are shared out evenly. */
  private dispatch(): void {
    let sent = true
    while (sent) {
      sent = false
      for (const thread of this.threads) {
        if (thread.inHand >= BATCHES_IN_HAND) continue
        const batch = this.take(thread)
        if (batch.length === 0) continue
        this.send(thread, batch)
        sent = true
      }
    }
  }

  private take(thread: Thread): Queued[] {
    const batch = thread.own.splice(0, BATCH)
    if (batch.length < BATCH && this.open.length > 0) {
      const share = Math.ceil(this.open.length / (this.threads.length * BATCHES_IN_HAND))
      batch.push(...this.open.splice(0, Math.min(BATCH - batch.length, share)))
    }
    return batch
  }

  private send(thread: Thread, batch: Queued[]): void {
    thread.inHand++
    ;(thread.pool.run(batch.map((queued) => queued.task)) as Promise<WorkerOutcome[]>)
      .then(
        (outcomes) =>
          batch.forEach((queued, index) => {
            const outcome = outcomes[index]!
            if ('error' in outcome) queued.reject(new Error(outcome.error))
            else queued.resolve({thread, result: outcome.result})
          }),
        (error: Error) => batch.forEach((queued) => queued.reject(error))
      )
      .finally(() => {
        thread.inHand--
        this.dispatch()
      })
  }
}
