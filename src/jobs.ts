// The two kinds of work a run hands out, as plain data, so the same jobs run in this thread or in
// worker threads (and could cross machines): collect a file's folder facts, or lint (and fix) it.
import type {Config} from './config.js'
import {collectFacts, fix, lint, type FolderFacts} from './engine.js'
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

export function runCollect(job: Omit<CollectJob, 'kind'>): FolderFacts {
  return collectFacts(job.text, {filePath: job.path, config: job.config})
}

export async function runLint(job: Omit<LintJob, 'kind'>): Promise<LintOutcome> {
  const options = {
    filePath: job.path,
    config: job.config,
    facts: job.facts,
    suppressions: job.suppressions,
    reportUnusedSuppressions: job.reportUnusedSuppressions
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
