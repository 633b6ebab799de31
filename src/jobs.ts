// The two kinds of work a run hands out, as plain data, so the same jobs run in this thread or in
// worker threads (and could cross machines): collect a file's folder facts, or lint (and fix) it.
import type {Config} from './config.js'
import {fix, lint, survey, type FolderFacts, type HeldLint} from './engine.js'
import {toLintResult, type LintResult} from './reporters/result.js'
import type {SuppressionEntry} from './suppress.js'

export interface CollectJob {
  kind: 'collect'
  path: string
  text: string
  config: Config
}

export interface LintJob {
  kind: 'lint'
  path: string
  text: string
  config: Config
  facts?: FolderFacts
  fix: boolean
  /** Fingerprint suppressions of this file (see `LintOptions.suppressions`). */
  suppressions?: SuppressionEntry[]
  reportUnusedSuppressions?: boolean
}

/** The suppression settings of a lint job, as the executor passes them on. */
export type SuppressionJob = Pick<LintJob, 'suppressions' | 'reportUnusedSuppressions'>

export interface LintOutcome {
  /** The report, without the text (the caller has it). */
  result: Omit<LintResult, 'text'>
  /** The fixed text, when fixing changed it. */
  output?: string
}

/**
 * What the collect jobs of this thread kept for the lint jobs of the same files (see `survey`): a
 * file's lint then parses nothing again. Both executors send a file's lint job to the thread that
 * ran its collect job. Bounded, first come first kept: lint jobs come in the order of the collect
 * jobs, so a file past the bound is simply linted whole, as without holding. What no lint job takes
 * (a file whose report came from the cache) goes with `releaseHeld`.
 */
const held = new Map<string, HeldLint>()
let heldChars = 0
/** At most this many files, of this many UTF-16 code units in all (their findings and name readings stay too). */
const HOLD_FILES = 3000
const HOLD_CHARS = 12_000_000

export async function runCollect(job: Omit<CollectJob, 'kind'>): Promise<FolderFacts> {
  const hold = held.size < HOLD_FILES && heldChars + job.text.length <= HOLD_CHARS && !held.has(job.path)
  const surveyed = await survey(job.text, {filePath: job.path, config: job.config}, hold)
  if (surveyed.held) {
    held.set(job.path, surveyed.held)
    heldChars += job.text.length
  }
  return surveyed.facts
}

/** Drops whatever collect jobs kept and no lint job took (files that failed or came from the cache). */
export function releaseHeld(): void {
  held.clear()
  heldChars = 0
}

function takeHeld(path: string): HeldLint | undefined {
  const found = held.get(path)
  if (found) {
    held.delete(path)
    heldChars -= found.text.length
  }
  return found
}

export async function runLint(job: Omit<LintJob, 'kind'>): Promise<LintOutcome> {
  const options = {
    filePath: job.path,
    config: job.config,
    facts: job.facts,
    suppressions: job.suppressions,
    reportUnusedSuppressions: job.reportUnusedSuppressions,
    held: takeHeld(job.path)
  }
  if (job.fix) {
    const fixed = await fix(job.text, options)
    return {result: withoutText(toLintResult(fixed.file, job.path)), ...(fixed.changed ? {output: fixed.output} : {})}
  }
  return {result: withoutText(toLintResult(await lint(job.text, options), job.path))}
}

function withoutText({text: _text, ...rest}: LintResult): Omit<LintResult, 'text'> {
  return rest
}
