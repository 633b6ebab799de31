// A worker thread of the pool: runs jobs with rules and dictionaries loaded once per thread.
// Configs and folder facts arrive with every job; each is decoded once per thread and reused, so
// the engine's per-config pipeline cache (keyed by object identity) keeps working across jobs.
import {loadPlugins, type Config} from './config.js'
import type {FolderFacts} from './engine.js'
import {runCollect, runLint, type LintOutcome, type SuppressionJob} from './jobs.js'

export interface WorkerTask {
  kind: 'collect' | 'lint'
  path: string
  text: string
  configKey: string
  fix?: boolean
  factsKey?: string
  /** UTF-8 JSON of the merged facts in shared memory: handed to every thread without a copy. */
  facts?: SharedArrayBuffer
  suppression?: SuppressionJob
}

const configs = new Map<string, Config>()
let factsKey: string | undefined
let facts: FolderFacts | undefined

/** A job's result, or its failure's message (one job failing fails its file only, not its batch). */
export type WorkerOutcome = {result: FolderFacts | LintOutcome} | {error: string}

let previous: Promise<unknown> = Promise.resolve()

/**
 * Runs a batch of jobs in order, after the batch before it: the executor keeps two batches in a
 * thread (see src/cli/executor.ts), and piscina starts both at once, which would interleave their
 * jobs at every await and keep two parse trees alive.
 */
export default function runBatch(tasks: WorkerTask[]): Promise<WorkerOutcome[]> {
  const done = previous.then(() => runInOrder(tasks))
  previous = done.catch(() => {})
  return done
}

async function runInOrder(tasks: WorkerTask[]): Promise<WorkerOutcome[]> {
  const outcomes: WorkerOutcome[] = []
  for (const task of tasks) {
    try {
      outcomes.push({result: await run(task)})
    } catch (error) {
      outcomes.push({error: String((error as Error)?.message ?? error)})
    }
  }
  return outcomes
}

async function run(task: WorkerTask): Promise<FolderFacts | LintOutcome> {
  let config = configs.get(task.configKey)
  if (!config) configs.set(task.configKey, (config = JSON.parse(task.configKey) as Config))
  // The config names its plugins by path: each thread imports them once, as the main thread did.
  await loadPlugins(config)
  if (task.kind === 'collect') return runCollect({path: task.path, text: task.text, config})
  if (task.factsKey !== factsKey) {
    factsKey = task.factsKey
    facts = task.facts ? (JSON.parse(Buffer.from(task.facts).toString('utf8')) as FolderFacts) : undefined
  }
  return runLint({path: task.path, text: task.text, config, facts, fix: Boolean(task.fix), ...task.suppression})
}
