// What a CLI run does with suppressions and baselines: finds each file's fingerprint suppressions
// before anything is linted (an invalid sidecar stops the run before a file is fixed), hands them
// to the engine with each job, and at the end turns the results into the report: unused
// suppression entries added (`--report-unused-suppressions`), then the baseline written
// (`--write-baseline`) or applied (`--baseline`, `--report-fixed`).
import {existsSync} from 'node:fs'
import path from 'node:path'
import {applyBaseline, createBaseline, formatBaseline, readBaseline, BaselineError, type Baseline} from '../baseline.js'
import type {Config} from '../config.js'
import type {SuppressionJob} from '../jobs.js'
import type {LintResult} from '../reporters/result.js'
import {createSuppressionLookup, SuppressionUsage, type LoadedSuppression} from '../suppress.js'
import {hash} from './cache.js'
import {InputError} from './read.js'
import {writeNewFileAtomically} from './write.js'

export interface FilterOptions {
  baseline?: string
  writeBaseline?: string
  reportFixed?: boolean
  reportUnusedSuppressions?: boolean
}

export interface FilterIO {
  cwd: string
  stderr: {write(chunk: string): unknown}
}

export class FindingFilters {
  private readonly lookup = createSuppressionLookup()
  private readonly usage = new SuppressionUsage()
  private readonly entries = new Map<string, LoadedSuppression[]>()

  private constructor(
    private readonly options: FilterOptions,
    private readonly io: FilterIO,
    private readonly baseline: Baseline | undefined
  ) {}

  /** Checks the flags and reads the baseline, before any file is read: a bad one is one line and exit 2. */
  static open(options: FilterOptions, io: FilterIO): FindingFilters {
    if (options.baseline && options.writeBaseline) throw new InputError(options.writeBaseline, 'cannot be written while --baseline filters the run; write it in a run of its own')
    if (options.reportFixed && !options.baseline) throw new InputError('--report-fixed', 'needs --baseline FILE')
    let baseline: Baseline | undefined
    if (options.baseline) {
      try {
        baseline = readBaseline(path.resolve(io.cwd, options.baseline), options.baseline)
      } catch (error) {
        if (error instanceof BaselineError) throw new InputError(error.file, error.problem)
        throw error
      }
    }
    return new FindingFilters(options, io, baseline)
  }

  /** Finds a file's fingerprint suppressions (config and sidecar); call for every file before linting any. */
  prepare(filePath: string, config: Config): void {
    const file = path.resolve(this.io.cwd, filePath)
    if (!this.entries.has(file)) this.entries.set(file, this.lookup.for(file, config))
  }

  /** What the engine needs for a file: its entries as plain data, and whether to report unused directives. */
  job(filePath: string, config: Config): SuppressionJob {
    this.prepare(filePath, config)
    const entries = this.entries.get(path.resolve(this.io.cwd, filePath))!
    return {
      ...(entries.length > 0 ? {suppressions: entries.map(({fingerprint, rule}) => ({fingerprint, rule}))} : {}),
      ...(this.options.reportUnusedSuppressions ? {reportUnusedSuppressions: true} : {})
    }
  }

  /** Extra cache key for a file: its results depend on its suppressions and the unused-directive flag too. */
  cacheKey(filePath: string, config: Config): string {
    const job = this.job(filePath, config)
    return job.suppressions || job.reportUnusedSuppressions ? `.${hash(JSON.stringify(job))}` : ''
  }

  /** Notes which of a file's entries its result used. */
  record(filePath: string, result: Pick<LintResult, 'usedSuppressions'>): void {
    const entries = this.entries.get(path.resolve(this.io.cwd, filePath))
    if (entries) this.usage.record(entries, result.usedSuppressions)
  }

  /**
   * The report's results: unused entries added, then the baseline written or applied. With
   * `problems` (files that could not be read or linted) the baseline is not written: it would miss
   * their findings, and the next run would report them all as new.
   */
  async finish(results: LintResult[], problems: string[] = []): Promise<LintResult[]> {
    let finished = results
    if (this.options.reportUnusedSuppressions) {
      const unused = this.usage.unused(this.lookup.sources).map((result) => ({...result, path: this.shown(result.path)}))
      finished = [...finished, ...unused].sort((a, b) => a.path.localeCompare(b.path))
    }
    if (this.options.writeBaseline && problems.length > 0) {
      problems.push(`${this.options.writeBaseline}: baseline not written, since not every file could be linted`)
    } else if (this.options.writeBaseline) {
      const file = path.resolve(this.io.cwd, this.options.writeBaseline)
      const keyOf = this.keyOf(file)
      const baseline = createBaseline(finished, keyOf)
      await writeNewFileAtomically(file, Buffer.from(formatBaseline(baseline)))
      const count = Object.values(baseline.files).reduce((sum, entries) => sum + entries.length, 0)
      const files = Object.keys(baseline.files).length
      this.io.stderr.write(`newslint: wrote ${count} finding${count === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} to the baseline ${this.options.writeBaseline}\n`)
      // Everything found is in the baseline now: nothing is new.
      return applyBaseline(finished, baseline, {keyOf})
    }
    if (this.baseline) {
      const file = path.resolve(this.io.cwd, this.options.baseline!)
      const folder = path.dirname(file)
      return applyBaseline(finished, this.baseline, {
        keyOf: this.keyOf(file),
        reportFixed: this.options.reportFixed,
        // A file the baseline lists that is gone: all its findings are fixed. One that exists but was not linted says nothing.
        gone: (key) => (key.startsWith('<') || existsSync(path.resolve(folder, key)) ? undefined : this.shown(path.resolve(folder, key)))
      })
    }
    return finished
  }

  /** Baseline keys: paths relative to the baseline file's folder, `/`-separated, so the file moves with the project. */
  private keyOf(baselineFile: string): (resultPath: string) => string {
    const folder = path.dirname(baselineFile)
    return (resultPath) => (resultPath.startsWith('<') ? resultPath : path.relative(folder, path.resolve(this.io.cwd, resultPath)).split(path.sep).join('/'))
  }

  /** A path as the CLI shows it: relative to the working folder when inside it. */
  private shown(file: string): string {
    const relative = path.relative(this.io.cwd, file)
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file
  }
}
