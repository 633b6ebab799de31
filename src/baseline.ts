// Baselines: the findings a desk has accepted, so CI fails only on new ones. A baseline records, per
// file, the fingerprints of its findings (src/fingerprint.ts) with the rule, an excerpt and the
// message, so a reviewer can read its diff. Comparing a run with it keeps only the findings whose
// fingerprint it does not hold, matched by count: the same finding twice needs two entries.
import {readFileSync} from 'node:fs'
import type {ValidateFunction} from 'ajv'
import {createAjv} from './data.js'
import type {FixedFinding, LintResult} from './reporters/result.js'
import {withFingerprints} from './reporters/result.js'
import {describeSchemaErrors, jsonPath} from './schema-errors.js'

export const BASELINE_VERSION = 1

export interface BaselineEntry {
  fingerprint: string
  rule: string
  /** The matched text, white space collapsed, cut at EXCERPT_LENGTH characters: for reviewers. */
  excerpt: string
  message: string
}

export interface Baseline {
  version: typeof BASELINE_VERSION
  /** Entries by file path (relative to the baseline file, `/`-separated, as the CLI writes them). */
  files: Record<string, BaselineEntry[]>
}

/** A baseline file that is missing or malformed: one line naming the file. */
export class BaselineError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string
  ) {
    super(`${file}: ${problem}`)
    this.name = 'BaselineError'
  }
}

const EXCERPT_LENGTH = 80

/** A baseline of every finding in `results`; `keyOf` turns a result's path into the baseline's key for it. */
export function createBaseline(results: readonly LintResult[], keyOf: (resultPath: string) => string = (resultPath) => resultPath): Baseline {
  const files: Record<string, BaselineEntry[]> = {}
  for (const result of results) {
    const {messages, text} = withFingerprints(result)
    if (messages.length === 0) continue
    const entries = (files[keyOf(result.path)] ??= [])
    for (const message of messages) {
      entries.push({
        fingerprint: message.fingerprint!,
        rule: message.ruleId,
        excerpt: excerptOf(message.actual ?? text.slice(message.start, message.end)),
        message: message.message
      })
    }
  }
  return {version: BASELINE_VERSION, files}
}

/**
 * The baseline as its file holds it: files sorted by path, each file's entries by rule, excerpt and
 * fingerprint (not by position, which moves with every edit), two-space JSON: it diffs well in git.
 */
export function formatBaseline(baseline: Baseline): string {
  const files: Record<string, BaselineEntry[]> = {}
  for (const key of Object.keys(baseline.files).sort(compare)) {
    const entries = baseline.files[key]!
    if (entries.length === 0) continue
    files[key] = [...entries]
      .sort((a, b) => compare(a.rule, b.rule) || compare(a.excerpt, b.excerpt) || compare(a.fingerprint, b.fingerprint))
      .map(({fingerprint, rule, excerpt, message}) => ({fingerprint, rule, excerpt, message}))
  }
  return `${JSON.stringify({version: BASELINE_VERSION, files}, null, 2)}\n`
}

export interface BaselineOptions {
  /** The baseline's key for a result's path (default: the path itself). */
  keyOf?: (resultPath: string) => string
  /** Also list the baseline findings that are gone, in each result's `fixed`. Default false. */
  reportFixed?: boolean
  /**
   * For `reportFixed`: a baseline key no result has, mapped to the path of a result to report its
   * entries under (the file was deleted), or undefined to leave it out (it was not linted this run).
   */
  gone?: (key: string) => string | undefined
}

/**
 * Compares results with a baseline: each result keeps only the findings the baseline does not
 * hold (matched by rule and fingerprint, by count), and with `reportFixed` lists in `fixed` the
 * baseline's entries for it that matched nothing.
 */
export function applyBaseline(results: readonly LintResult[], baseline: Baseline, options: BaselineOptions = {}): LintResult[] {
  const keyOf = options.keyOf ?? ((resultPath: string) => resultPath)
  const seen = new Set<string>()
  const compared = results.map((given) => {
    const result = withFingerprints(given)
    const key = keyOf(result.path)
    seen.add(key)
    const remaining = new Map<string, BaselineEntry[]>()
    for (const entry of baseline.files[key] ?? []) {
      const id = `${entry.rule}\u0000${entry.fingerprint}`
      remaining.set(id, [...(remaining.get(id) ?? []), entry])
    }
    const messages = result.messages.filter((message) => {
      const left = remaining.get(`${message.ruleId}\u0000${message.fingerprint}`)
      return !left?.shift()
    })
    const compared: LintResult = {...result, messages}
    if (options.reportFixed) {
      const fixed = [...remaining.values()].flat().map(toFixed)
      if (fixed.length > 0) compared.fixed = fixed
    }
    return compared
  })
  if (options.reportFixed && options.gone) {
    for (const [key, entries] of Object.entries(baseline.files).sort(([a], [b]) => compare(a, b))) {
      if (seen.has(key) || entries.length === 0) continue
      const where = options.gone(key)
      if (where !== undefined) compared.push({path: where, text: '', messages: [], fixed: entries.map(toFixed)})
    }
  }
  return compared
}

/** Parses a baseline file's text; anything but a baseline is a `BaselineError` naming `file`. */
export function parseBaseline(text: string, file: string): Baseline {
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new BaselineError(file, `invalid JSON: ${(error as Error).message.split('\n')[0]}`)
  }
  const shape = value as {version?: unknown; files?: unknown} | null
  if (!shape || typeof shape !== 'object' || Array.isArray(shape) || shape.version !== BASELINE_VERSION || !shape.files) {
    throw new BaselineError(file, `not a newslint baseline (expected {"version": ${BASELINE_VERSION}, "files": {…}}, as --write-baseline writes it)`)
  }
  validate ??= createAjv({allErrors: true, strict: false}).compile(BASELINE_SCHEMA)
  if (!validate(value)) {
    const {path, problem} = describeSchemaErrors(validate.errors ?? [], value)
    throw new BaselineError(file, `${jsonPath(path)}: ${problem}`)
  }
  return value as Baseline
}

/** Reads a baseline file; `name` is how the error names it (default: the path). */
export function readBaseline(file: string, name = file): Baseline {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new BaselineError(name, `cannot read the baseline (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  return parseBaseline(text, name)
}

let validate: ValidateFunction | undefined

const BASELINE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'files'],
  properties: {
    version: {const: BASELINE_VERSION},
    files: {
      type: 'object',
      additionalProperties: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['fingerprint', 'rule'],
          properties: {
            fingerprint: {type: 'string', minLength: 1},
            rule: {type: 'string', minLength: 1},
            excerpt: {type: 'string'},
            message: {type: 'string'}
          }
        }
      }
    }
  }
}

function toFixed(entry: BaselineEntry): FixedFinding {
  return {fingerprint: entry.fingerprint, ruleId: entry.rule, message: entry.message ?? '', excerpt: entry.excerpt ?? ''}
}

function excerptOf(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim()
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
