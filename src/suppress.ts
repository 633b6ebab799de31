// Suppressions: findings an editor has marked as deliberate. Two kinds:
// - comment directives in the text (`<!-- newslint-disable rule -->`, `-enable`, `-disable-line`,
//   `-disable-next-line`), read from the text itself, so they work in Markdown, HTML and plain text;
// - fingerprint entries, each with a reason, in the config (`suppressions`) or in the nearest
//   `.newslint-suppress.json` sidecar at or above the article's folder.
// The engine applies both right after the rules run, before the fix loop reads the fixes, so a
// suppressed finding is neither reported nor fixed, and the editor, the CLI and the Node API agree.
import {existsSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import type {ValidateFunction} from 'ajv'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import type {VFileMessage} from 'vfile-message'
import {CONFIG_NAME, ConfigError, hostileJson, type Config} from './config.js'
import {createAjv} from './data.js'
import {fingerprints} from './fingerprint.js'
import type {LintMessage, LintResult} from './reporters/result.js'
import type {Fix} from './rule.js'
import {describeSchemaErrors, jsonPath} from './schema-errors.js'
import {SUPPRESS_FILE, suppressFileSchema, type Suppression} from './suppression-schema.js'

export {SUPPRESS_FILE, type Suppression} from './suppression-schema.js'

/** The rule id of the warnings `--report-unused-suppressions` adds. */
export const UNUSED_SUPPRESSION = 'unused-suppression'
const UNUSED_URL = 'https://github.com/newslint/newslint#baselines-and-suppressions'

// --- comment directives ------------------------------------------------------------------------

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line'

export interface Directive {
  kind: DirectiveKind
  /** The rule ids it names, with their offsets; empty: every rule. */
  rules: Array<{id: string; start: number; end: number}>
  /** The whole comment, `<!--` to `-->`. */
  start: number
  end: number
}

// A comment that opens with `newslint-<kind>`; it may not run into another comment. Anything after
// ` -- ` is a description for the reader (`<!-- newslint-disable-next-line spelling -- a quote -->`).
const DIRECTIVE = /<!--\s*newslint-(disable-next-line|disable-line|disable|enable)(?=\s|-->)((?:(?!<!--)[\s\S])*?)-->/g

/** The newslint directives of a text, in text order. */
export function parseDirectives(text: string): Directive[] {
  if (!text.includes('newslint-')) return []
  const found: Directive[] = []
  DIRECTIVE.lastIndex = 0
  for (let match = DIRECTIVE.exec(text); match; match = DIRECTIVE.exec(text)) {
    const body = match[2]!
    const end = match.index + match[0].length
    const bodyStart = end - 3 - body.length
    const list = body.split(/(?:^|\s)--(?:\s|$)/)[0]!
    const rules = [...list.matchAll(/[^\s,]+/g)].map((rule) => ({id: rule[0], start: bodyStart + rule.index, end: bodyStart + rule.index + rule[0].length}))
    found.push({kind: match[1] as DirectiveKind, rules, start: match.index, end})
  }
  return found
}

// --- the suppression step ----------------------------------------------------------------------

/** A fingerprint suppression as the engine needs it (see `SuppressionLookup` for where they come from). */
export interface SuppressionEntry {
  fingerprint: string
  rule: string
}

export interface SuppressOptions {
  /** Fingerprint suppressions that apply to this file. */
  entries?: readonly SuppressionEntry[]
  /** Add an `unused-suppression` warning for each directive (or rule named in one) that suppressed nothing. */
  reportUnused?: boolean
  /** The rule ids newslint knows, so a directive naming another is reported as such. */
  ruleIds?: ReadonlySet<string>
}

/**
 * The engine's suppression step, on a file the rules have just run on: drops findings about the
 * directive comments themselves (so no rule reports or removes `<!-- newslint-… -->`), stamps every
 * finding's fingerprint (computed before anything is suppressed, so suppressing one of two identical
 * findings does not renumber the other), removes the suppressed findings, records which entries
 * were used in `file.data.newslint.usedSuppressions`, and optionally reports unused directives.
 */
export function suppress(file: VFile, text: string, options: SuppressOptions = {}): void {
  const directives = parseDirectives(text)
  const entries = options.entries ?? []
  let messages = file.messages
  if (directives.length > 0) {
    messages = messages.filter((message) => !aboutDirective(message, text, directives))
    // A finding next to a directive may propose a fix (a whole-line removal) that would take the directive with it.
    for (const message of messages) if (message.fix && directives.some((directive) => overlaps(message.fix!, directive))) message.fix = null
  }
  const context = directives.length > 0 ? blankDirectives(text, directives) : text
  const prints = fingerprints(text, messages.map((message) => ({...spanOf(message), ruleId: message.ruleId, actual: message.actual})), {context})
  messages.forEach((message, index) => (message.fingerprint = prints[index]))
  if (directives.length === 0 && entries.length === 0) {
    file.messages = messages
    return
  }

  const starts = lineStarts(text)
  const used = new Set<string>()
  const usedEntries = new Set<number>()
  const kept: VFileMessage[] = []
  for (const message of messages) {
    // A rule that crashed is newslint's problem, not a finding: no suppression hides it.
    if (message.messageId === 'rule-failure') {
      kept.push(message)
      continue
    }
    const ruleId = message.ruleId ?? ''
    const {start} = spanOf(message)
    const by = directiveFor(directives, starts, ruleId, start)
    if (by) {
      used.add(`${by.index}:${by.rule}`)
      continue
    }
    const entry = entries.findIndex((candidate) => candidate.fingerprint === message.fingerprint && candidate.rule === ruleId)
    if (entry !== -1) {
      usedEntries.add(entry)
      continue
    }
    kept.push(message)
  }
  file.messages = kept
  if (entries.length > 0) (file.data.newslint ??= {text}).usedSuppressions = [...usedEntries].sort((a, b) => a - b)
  if (options.reportUnused) reportUnusedDirectives(file, text, directives, used, options.ruleIds)
}

/** The directive that suppresses a finding of `ruleId` starting at `start`, and under which rule key it was used. */
function directiveFor(directives: readonly Directive[], starts: readonly number[], ruleId: string, start: number): {index: number; rule: string} | undefined {
  const line = lineOf(starts, start)
  const names = (directive: Directive) => directive.rules.length === 0 || directive.rules.some((rule) => rule.id === ruleId)
  const key = (directive: Directive) => (directive.rules.length === 0 ? '*' : ruleId)
  // Line directives first: they are the more specific.
  for (const [index, directive] of directives.entries()) {
    if (!names(directive)) continue
    if (directive.kind === 'disable-line' && line >= lineOf(starts, directive.start) && line <= lineOf(starts, directive.end)) return {index, rule: key(directive)}
    if (directive.kind === 'disable-next-line' && line === lineOf(starts, directive.end) + 1) return {index, rule: key(directive)}
  }
  // A block: the last disable or enable before the finding that concerns its rule decides.
  let last: number | undefined
  for (const [index, directive] of directives.entries()) {
    if (directive.end > start) break
    if ((directive.kind === 'disable' || directive.kind === 'enable') && names(directive)) last = index
  }
  if (last === undefined || directives[last]!.kind !== 'disable') return undefined
  return {index: last, rule: key(directives[last]!)}
}

function reportUnusedDirectives(file: VFile, text: string, directives: readonly Directive[], used: ReadonlySet<string>, ruleIds: ReadonlySet<string> | undefined): void {
  const spans: Array<{start: number; end: number; reason: string; messageId: string}> = []
  for (const [index, directive] of directives.entries()) {
    // An `enable` suppresses nothing by design.
    if (directive.kind === 'enable') continue
    const name = `newslint-${directive.kind}`
    if (directive.rules.length === 0) {
      if (!used.has(`${index}:*`)) spans.push({start: directive.start, end: directive.end, reason: `Unused suppression: this \`${name}\` comment suppressed nothing`, messageId: 'unusedDirective'})
      continue
    }
    for (const rule of directive.rules) {
      if (used.has(`${index}:${rule.id}`)) continue
      const unknown = ruleIds && !ruleIds.has(rule.id)
      spans.push({
        start: rule.start,
        end: rule.end,
        reason: unknown
          ? `Unused suppression: \`${rule.id}\` in this \`${name}\` comment is not a newslint rule`
          : `Unused suppression: \`${rule.id}\` in this \`${name}\` comment suppressed nothing`,
        messageId: unknown ? 'unknownRule' : 'unusedRule'
      })
    }
  }
  if (spans.length === 0) return
  const place = location(text)
  const prints = fingerprints(text, spans.map((span) => ({...span, ruleId: UNUSED_SUPPRESSION})))
  for (const [index, span] of spans.entries()) {
    const message = file.message(span.reason, {
      place: {start: pointAt(place, span.start), end: pointAt(place, span.end)},
      ruleId: UNUSED_SUPPRESSION,
      source: 'newslint'
    })
    message.fatal = false
    message.actual = text.slice(span.start, span.end)
    message.messageId = span.messageId
    message.url = UNUSED_URL
    message.fix = null
    message.fingerprint = prints[index]
  }
}

/** Whether a finding is about a directive comment itself: its span, less white space, lies inside one. */
function aboutDirective(message: VFileMessage, text: string, directives: readonly Directive[]): boolean {
  if (!message.place) return false
  let {start, end} = spanOf(message)
  while (start < end && /\s/.test(text[start]!)) start++
  while (end > start && /\s/.test(text[end - 1]!)) end--
  return directives.some((directive) => start >= directive.start && end <= directive.end)
}

function overlaps(fix: Fix, directive: Directive): boolean {
  return fix.start < directive.end && fix.end > directive.start
}

/** The text with every directive blanked out (same length), so neighbourhoods ignore them. */
function blankDirectives(text: string, directives: readonly Directive[]): string {
  let result = ''
  let cursor = 0
  for (const directive of directives) {
    // Line breaks stay, so a multi-line directive keeps the lines around it apart.
    result += text.slice(cursor, directive.start) + text.slice(directive.start, directive.end).replace(/[^\n]/g, ' ')
    cursor = directive.end
  }
  return result + text.slice(cursor)
}

function spanOf(message: VFileMessage): {start: number; end: number} {
  const place = message.place
  const start = place && 'start' in place ? place.start.offset : place?.offset
  const end = place && 'start' in place ? place.end.offset : place?.offset
  return {start: start ?? 0, end: end ?? start ?? 0}
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1)
  return starts
}

/** 0-based line of an offset. */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (starts[middle]! <= offset) low = middle
    else high = middle - 1
  }
  return low
}

function pointAt(place: ReturnType<typeof location>, offset: number): Point {
  const point = place.toPoint(offset)
  return point ? {line: point.line, column: point.column, offset} : {line: 1, column: 1, offset}
}

// --- fingerprint entries: the config and the sidecar ---------------------------------------------

/** An entry with where it was read: the sidecar or config that lists it, and its index there. */
export interface LoadedSuppression extends Suppression {
  source: string
  index: number
}

/** A sidecar or config that holds entries. */
export interface SuppressionSource {
  file: string
  /** Folder its entries' `path`s are relative to. */
  baseDir: string
  entries: LoadedSuppression[]
}

export interface SuppressionLookup {
  /**
   * The entries that apply to a file: its config's `suppressions`, then those of the nearest
   * `.newslint-suppress.json` at or above its folder. Throws `ConfigError` for an invalid sidecar.
   */
  for(filePath: string, config: Config): LoadedSuppression[]
  /** Every sidecar and config with entries that a lookup has read, by file. */
  readonly sources: ReadonlyMap<string, SuppressionSource>
}

/**
 * Finds and reads suppression entries, caching sidecars for the lookup's lifetime: make one per run
 * (the CLI) or per lint (the language server, where files change under it).
 */
export function createSuppressionLookup(): SuppressionLookup {
  const sidecars = new Map<string, string | undefined>()
  const sources = new Map<string, SuppressionSource>()
  const fromConfig = new WeakMap<Config, SuppressionSource[]>()

  const nearestSidecar = (dir: string): string | undefined => {
    const visited: string[] = []
    let found: string | undefined
    for (let current = dir; ; current = path.dirname(current)) {
      if (sidecars.has(current)) {
        found = sidecars.get(current)
        break
      }
      visited.push(current)
      const candidate = path.join(current, SUPPRESS_FILE)
      if (existsSync(candidate)) {
        found = candidate
        break
      }
      if (path.dirname(current) === current) break
    }
    for (const folder of visited) sidecars.set(folder, found)
    return found
  }

  // A config's entries come from it and the configs it extends; each entry's `path` is absolute and
  // its `source` names the config that lists it (see loadConfig).
  const configSources = (config: Config): SuppressionSource[] => {
    let found = fromConfig.get(config)
    if (found) return found
    found = []
    for (const entry of (config.settings.suppressions as Array<Suppression & {source?: string}> | undefined) ?? []) {
      const file = entry.source ?? config.path ?? CONFIG_NAME
      let source = sources.get(file)
      if (!source) sources.set(file, (source = {file, baseDir: path.dirname(file), entries: []}))
      if (!found.includes(source)) found.push(source)
      // The same config reached through two `extends` paths lists its entries once.
      if (source.entries.some((other) => sameEntry(other, entry))) continue
      const {source: _source, ...plain} = entry
      source.entries.push({...plain, source: file, index: source.entries.length})
    }
    fromConfig.set(config, found)
    return found
  }

  return {
    sources,
    for(filePath, config) {
      const file = path.resolve(filePath)
      const found: LoadedSuppression[] = []
      const sidecar = nearestSidecar(path.dirname(file))
      let sidecarSource = sidecar ? sources.get(sidecar) : undefined
      if (sidecar && !sidecarSource) {
        sidecarSource = {file: sidecar, baseDir: path.dirname(sidecar), entries: readSuppressFile(sidecar).map((entry, index) => ({...entry, source: sidecar, index}))}
        sources.set(sidecar, sidecarSource)
      }
      for (const source of [...configSources(config), ...(sidecarSource ? [sidecarSource] : [])]) {
        for (const entry of source.entries) if (appliesTo(entry, source.baseDir, file)) found.push(entry)
      }
      return found
    }
  }
}

/** The entries that apply to one file (a one-off lookup: see `createSuppressionLookup` for runs). */
export function loadSuppressions(filePath: string, config: Config): LoadedSuppression[] {
  return createSuppressionLookup().for(filePath, config)
}

function sameEntry(a: Suppression, b: Suppression): boolean {
  return a.fingerprint === b.fingerprint && a.rule === b.rule && a.path === b.path && a.reason === b.reason
}

function appliesTo(entry: Suppression, baseDir: string, file: string): boolean {
  return entry.path === undefined || path.resolve(baseDir, entry.path) === file
}

/** Largest sidecar read: far above any real list of deliberate findings. */
const MAX_SUPPRESS_BYTES = 4 * 1024 * 1024
let validateSuppressFile: ValidateFunction | undefined

/** Reads and validates a `.newslint-suppress.json`; any problem is a `ConfigError` naming the file and the JSON path. */
export function readSuppressFile(file: string): Suppression[] {
  let text: string
  try {
    const info = statSync(file)
    if (!info.isFile()) throw new ConfigError(file, '', 'cannot read suppressions (not a regular file)')
    if (info.size > MAX_SUPPRESS_BYTES) throw new ConfigError(file, '', `cannot read suppressions (${info.size} bytes, over the limit of ${MAX_SUPPRESS_BYTES})`)
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (error instanceof ConfigError) throw error
    throw new ConfigError(file, '', `cannot read suppressions (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new ConfigError(file, '', `invalid JSON: ${(error as Error).message.split('\n')[0]}`)
  }
  const hostile = hostileJson(value)
  if (hostile) throw new ConfigError(file, jsonPath(hostile.path), hostile.problem)
  validateSuppressFile ??= createAjv({allErrors: true, strict: false}).compile(suppressFileSchema)
  if (!validateSuppressFile(value)) {
    const {path: segments, problem} = describeSchemaErrors(validateSuppressFile.errors ?? [], value)
    throw new ConfigError(file, jsonPath(segments), problem)
  }
  return (value as {suppressions: Suppression[]}).suppressions
}

// --- unused entries across a run -----------------------------------------------------------------

/**
 * Which fingerprint entries suppressed something, across the files of a run: an entry is unused
 * when it applied to at least one linted file and suppressed nothing in any, or when the file its
 * `path` names does not exist.
 */
export class SuppressionUsage {
  private readonly applied = new Set<LoadedSuppression>()
  private readonly used = new Set<LoadedSuppression>()

  /** One file's entries (as the lookup gave them) and the indices the engine reported used. */
  record(entries: readonly LoadedSuppression[], usedIndices: readonly number[] = []): void {
    for (const entry of entries) this.applied.add(entry)
    for (const index of usedIndices) if (entries[index]) this.used.add(entries[index])
  }

  /** One result per sidecar or config with unused entries: a warning at each entry. */
  unused(sources: ReadonlyMap<string, SuppressionSource>): LintResult[] {
    const results: LintResult[] = []
    for (const source of [...sources.values()].sort((a, b) => a.file.localeCompare(b.file))) {
      const unused = source.entries.filter((entry) => !this.used.has(entry) && (this.applied.has(entry) || stale(entry, source.baseDir)))
      if (unused.length === 0) continue
      let text = ''
      try {
        text = readFileSync(source.file, 'utf8')
      } catch {
        // Gone since it was read: the warnings go to its first line.
      }
      const place = location(text)
      const messages = unused.map((entry) => entryMessage(entry, source, text, place))
      const prints = fingerprints(text, messages)
      messages.forEach((message, index) => (message.fingerprint = prints[index]))
      results.push({path: source.file, text, messages})
    }
    return results
  }
}

function stale(entry: Suppression, baseDir: string): boolean {
  return entry.path !== undefined && !existsSync(path.resolve(baseDir, entry.path))
}

function entryMessage(entry: LoadedSuppression, source: SuppressionSource, text: string, place: ReturnType<typeof location>): LintMessage {
  // The entry's own `"fingerprint"` in the file: the n-th occurrence for the n-th entry with that fingerprint.
  const quoted = JSON.stringify(entry.fingerprint)
  const nth = source.entries.filter((other) => other.fingerprint === entry.fingerprint && other.index < entry.index).length
  let at = -1
  for (let count = 0; count <= nth; count++) {
    at = text.indexOf(quoted, at + 1)
    if (at === -1) break
  }
  const start = at === -1 ? 0 : at
  const end = at === -1 ? 0 : at + quoted.length
  const from = pointAt(place, start)
  const to = pointAt(place, end)
  const why = stale(entry, source.baseDir) ? `the file it names (\`${entry.path}\`) does not exist` : 'no linted file has this finding'
  return {
    ruleId: UNUSED_SUPPRESSION,
    severity: 'warning',
    message: `Unused suppression: \`${entry.fingerprint}\` (\`${entry.rule}\`) suppressed nothing; ${why}`,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    start,
    end,
    actual: text.slice(start, end),
    expected: [],
    fix: null,
    url: UNUSED_URL,
    note: null,
    messageId: 'unusedEntry'
  }
}
