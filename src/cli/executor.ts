// Runs jobs in this thread or on a pool of worker threads (tinypool), with the same results.
import {existsSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Config} from '../config.js'
import type {FolderFacts} from '../engine.js'
import {runCollect, runLint, type LintOutcome, type SuppressionJob} from '../jobs.js'
import {packageRoot} from '../paths.js'
import type {WorkerTask} from '../worker.js'

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
  return {
    threads: 0,
    collect: async (filePath, text, config) => runCollect({path: filePath, text, config}),
    lint: (filePath, text, config, facts, fix, suppression) => runLint({path: filePath, text, config, facts, fix, ...suppression}),
    close: async () => {}
  }
}

function poolExecutor(threads: number): Executor {
  // Imported only for a pool: a run of a few files in this thread never loads tinypool.
  const started = import('tinypool').then(({default: Tinypool}) => new Tinypool({filename: pathToFileURL(WORKER_FILE).href, minThreads: threads, maxThreads: threads}))
  // A pool that cannot start fails the jobs that wait for it, not the process before they do.
  started.catch(() => {})
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
    collect: async (filePath, text, config) => (await started).run({kind: 'collect', path: filePath, text, configKey: keyOf(config)} satisfies WorkerTask) as Promise<FolderFacts>,
    lint: async (filePath, text, config, facts, fix, suppression) => {
      const shared = facts && Object.keys(facts).length > 0 ? share(facts) : undefined
      const task: WorkerTask = {kind: 'lint', path: filePath, text, configKey: keyOf(config), fix, factsKey: shared?.key, facts: shared?.buffer, suppression}
      return (await started).run(task) as Promise<LintOutcome>
    },
    close: async () => (await started).destroy()
  }
}
