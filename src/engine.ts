// The engine: builds one unified processor per config, lints a text, collects folder facts, and
// runs the multi-pass fix loop. A large text is linted in windows of whole lines (src/windows.ts),
// like the files of a folder: facts are collected from every window and merged, then each window is
// checked against them, and its findings are moved to their place in the whole text.
import {createHash} from 'node:crypto'
import type {Root} from 'nlcst'
import {unified, type Processor} from 'unified'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {documentAnalysis, type DocumentAnalysis, type Span} from './analysis.js'
import {loadPlugins, recommendedConfig, type Config} from './config.js'
import {applyFixes} from './fix.js'
import newslintParse, {ParseCache} from './parse.js'
import {HeapBudget} from './memory.js'
import {DocumentContext, fileData, type Fix, type NewslintFileData, type NewslintRule, type RuleEnvironment, type RuleSetting, type Severity} from './rule.js'
import {knownRules, pluginsLoaded, rulesOf} from './plugins.js'
import {suppress, type SuppressionEntry} from './suppress.js'
import {isWindowed, textWindows, type TextWindow, type WindowOptions} from './windows.js'

/** Merged facts of folder rules, by rule id: plain JSON, so they can cross workers and machines. */
export type FolderFacts = Record<string, unknown>

export interface LintOptions {
  filePath?: string
  config?: Config
  /** Folder facts from the other files of the run (see `collectFacts` and `mergeFacts`). */
  facts?: FolderFacts
  /** Parsed lines to reuse; `fix` makes one for its passes, the language server keeps one. */
  parseCache?: ParseCache
  /** Rules to run; defaults to the built-in ones plus the rules of the config's plugins. */
  rules?: readonly NewslintRule[]
  /**
   * Fingerprint suppressions for this file, from its config and `.newslint-suppress.json`
   * (`loadSuppressions(filePath, config)` finds them). Comment directives in the text always apply.
   */
  suppressions?: readonly SuppressionEntry[]
  /** Report comment directives that suppressed nothing, as `unused-suppression` warnings. Default false. */
  reportUnusedSuppressions?: boolean
  /**
   * Texts longer than this many UTF-16 code units are linted in windows of whole lines, one parse
   * tree alive at a time (see src/windows.ts and "Large runs and pipelines" in the README). Default
   * 524,288 (`WINDOW_THRESHOLD`); `Infinity` lints every text whole.
   */
  windowThreshold?: number
  /** Target size of a window, in UTF-16 code units. Default 65,536 (`WINDOW_SIZE`). */
  windowSize?: number
  /**
   * What `survey` kept of this same text in a folder run's first pass: only the folder rules run
   * now. Ignored unless the text, config and rules are the ones surveyed, and used once.
   */
  held?: HeldLint
}

/** What a folder run's first pass over one file leaves for its lint (see `survey`). */
export interface HeldLint {
  readonly text: string
  readonly config: Config
  readonly rules: readonly NewslintRule[]
  /** The file, with the findings of every rule that needs no folder facts. */
  readonly file: VFile
  /** The analyses the collecting rules computed (their checks read the same ones). */
  readonly cached: ReadonlyMap<string, unknown>
  /**
   * A large text's: the analyses each window's collect computed, in window order (`file` then holds
   * the findings of every window, moved to the whole text), the file-level data they recorded, and
   * the whole text's analysis (its line index and provenance, for the windows of the second pass).
   */
  readonly windows?: {readonly cached: ReadonlyArray<ReadonlyMap<string, unknown>>; readonly report: Readonly<Record<string, unknown>>; readonly whole: DocumentAnalysis}
}

export interface Survey {
  facts: FolderFacts
  held?: HeldLint
}

export interface FixResult {
  /** The text after every pass. */
  output: string
  /** The final lint of `output`: what is left. */
  file: VFile
  /** How many passes changed the text. */
  passes: number
  changed: boolean
}

/** Maximum number of fix passes, as in ESLint. */
export const MAX_FIX_PASSES = 10

interface ActiveRule {
  rule: NewslintRule
  setting: RuleSetting | undefined
  severity: Severity
  options: object
  env: RuleEnvironment
}

interface Pipeline {
  processor: Processor<Root, Root, Root>
  active: ActiveRule[]
  /** A folder run's two passes (see `survey`): the rules that need no facts, then the folder rules. */
  passes?: {local: Processor<Root, Root, Root>; folder: Processor<Root, Root, Root>}
}

const pipelines = new WeakMap<Config, WeakMap<readonly NewslintRule[], Pipeline>>()
let defaultConfig: Config | undefined

function pipeline(config: Config, rules: readonly NewslintRule[]): Pipeline {
  let byRules = pipelines.get(config)
  if (!byRules) pipelines.set(config, (byRules = new WeakMap()))
  let found = byRules.get(rules)
  if (found) return found

  const active: ActiveRule[] = []
  const processor = unified().use(newslintParse)
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id]
    const {severity, options} = rule.parseSetting(setting)
    if (severity === 'off') continue
    const env: RuleEnvironment = {baseDir: config.ruleBaseDirs[rule.meta.id] ?? config.baseDir, settings: config.settings}
    active.push({rule, setting, severity, options, env})
    processor.use(rule.plugin, setting, env)
  }
  found = {processor: processor.freeze() as unknown as Processor<Root, Root, Root>, active}
  byRules.set(rules, found)
  return found
}

function passesOf(found: Pipeline): NonNullable<Pipeline['passes']> {
  if (found.passes) return found.passes
  const local = unified().use(newslintParse)
  const folder = unified().use(newslintParse)
  for (const {rule, setting, env} of found.active) (rule.definition.collect ? folder : local).use(rule.plugin, setting, env)
  return (found.passes = {
    local: local.freeze() as unknown as Processor<Root, Root, Root>,
    folder: folder.freeze() as unknown as Processor<Root, Root, Root>
  })
}

/** The tree handed to the folder pass: its rules read the real one, if at all, through the analysis. */
const UNREAD_TREE: Root = {type: 'RootNode', children: []}
/** Held lints already used: the file of one holds its findings, so a second use would repeat them. */
const usedHolds = new WeakSet<HeldLint>()

function resolve(options: LintOptions): {config: Config; rules: readonly NewslintRule[]} {
  const config = options.config ?? (defaultConfig ??= recommendedConfig())
  return {config, rules: options.rules ?? rulesOf(config.plugins)}
}

/** Imports the config's plugins if they are not yet (the synchronous functions need that done first). */
async function ready(options: LintOptions): Promise<void> {
  const plugins = options.config?.plugins
  if (!options.rules && !pluginsLoaded(plugins)) await loadPlugins({plugins: plugins ?? []})
}

function createFile(text: string, options: LintOptions): VFile {
  const file = new VFile({value: text, path: options.filePath})
  fileData(file).text = text
  attachOptions(file, options)
  return file
}

/** Hands the lint's folder facts and parse cache to the rules, through the file's data. */
function attachOptions(file: VFile, options: LintOptions): NewslintFileData {
  const data = fileData(file)
  if (options.facts) data.facts = options.facts
  if (options.parseCache) data.parseCache = options.parseCache
  return data
}

/** Lints one text and returns its VFile, messages sorted by position. */
export async function lint(text: string, options: LintOptions = {}): Promise<VFile> {
  await ready(options)
  const {config, rules} = resolve(options)
  const found = pipeline(config, rules)
  const windows = textWindows(text, windowOptions(options))
  let file: VFile
  const held = options.held
  if (held && held.text === text && held.config === config && held.rules === rules && !usedHolds.has(held) && Boolean(windows) === Boolean(held.windows)) {
    usedHolds.add(held)
    if (windows) file = await lintHeldWindows(text, windows, found, options, held)
    else {
      file = held.file
      attachOptions(file, options).analysis = documentAnalysis(text, () => found.processor.parse(file), {cached: held.cached})
      await passesOf(found).folder.run(UNREAD_TREE, file)
    }
  } else if (windows) file = await lintWindows(text, windows, found, options)
  else {
    file = createFile(text, options)
    const tree = found.processor.parse(file)
    await found.processor.run(tree, file)
  }
  file.messages.sort(compareMessages)
  // Before the fix loop reads any fix: a suppressed finding is neither reported nor fixed.
  suppress(file, text, {entries: options.suppressions, reportUnused: options.reportUnusedSuppressions, ruleIds: ruleIdsOf(rules)})
  if (options.reportUnusedSuppressions) file.messages.sort(compareMessages)
  return file
}

const ruleIdSets = new WeakMap<readonly NewslintRule[], ReadonlySet<string>>()
function ruleIdsOf(rules: readonly NewslintRule[]): ReadonlySet<string> {
  let ids = ruleIdSets.get(rules)
  if (!ids) ruleIdSets.set(rules, (ids = new Set(rules.map((rule) => rule.meta.id))))
  return ids
}

/**
 * Collects the folder facts of one text (only rules with a `collect` phase run); a large text's are
 * the merged facts of its windows. A config's plugins must be loaded (`loadPlugins`).
 */
export function collectFacts(text: string, options: LintOptions = {}): FolderFacts {
  const {config, rules} = resolve(options)
  const found = pipeline(config, rules)
  const {processor, active} = found
  const collecting = active.filter(({rule}) => rule.definition.collect)
  if (collecting.length === 0) return {}
  const windows = textWindows(text, windowOptions(options))
  if (windows) return collectWindows(text, windows, processor, collecting, options)
  const file = createFile(text, options)
  // Parsed only if a collecting rule reads the tree: many collect from lines alone.
  const analysis = (fileData(file).analysis = documentAnalysis(text, () => processor.parse(file)))
  const facts: FolderFacts = {}
  for (const entry of collecting) facts[entry.rule.meta.id] = collectOne(entry, text, file, analysis)
  return facts
}

/**
 * A folder run's first pass over one file: its facts, as `collectFacts` gives them, and with `hold`
 * (for a text linted whole) the findings of every rule that needs no folder facts, from the same
 * parse. Lint the file afterwards with `held`: only the folder rules run then, on the analyses their
 * collect computed, so a file is parsed once unless a folder rule reads more of the tree.
 */
export async function survey(text: string, options: LintOptions = {}, hold = false): Promise<Survey> {
  await ready(options)
  const {config, rules} = resolve(options)
  const found = pipeline(config, rules)
  const collecting = found.active.filter(({rule}) => rule.definition.collect)
  if (!hold || collecting.length === 0) return {facts: collectFacts(text, options)}
  const windows = textWindows(text, windowOptions(options))
  if (windows) return (await surveyWindows(text, windows, found, collecting, options)) ?? {facts: collectFacts(text, options)}
  const file = createFile(text, {...options, facts: undefined})
  const data = fileData(file)
  const analysis = (data.analysis = documentAnalysis(text, () => found.processor.parse(file)))
  const facts: FolderFacts = {}
  for (const entry of collecting) facts[entry.rule.meta.id] = collectOne(entry, text, file, analysis)
  const cached = new Map(analysis.cachedEntries())
  await passesOf(found).local.run(analysis.tree, file)
  // The tree and the other rules' analyses go: a held file keeps its findings and the collect's analyses only.
  // Cleared, not deleted: a deleted property gave the file's data a new shape, and the optimised
  // rule runner met it in the second pass and was thrown away.
  data.analysis = undefined
  return {facts, held: {text, config, rules, file, cached}}
}

/** Whether any active rule needs folder facts (so callers can skip the collect pass). */
export function needsFacts(options: LintOptions = {}): boolean {
  const {config, rules} = resolve(options)
  return pipeline(config, rules).active.some(({rule}) => rule.definition.collect)
}

/** Merges two fact objects rule by rule, with each rule's own `merge` (by default the built-in and loaded plugin rules). */
export function mergeFacts(a: FolderFacts, b: FolderFacts, rules: readonly NewslintRule[] = knownRules()): FolderFacts {
  const merged: FolderFacts = {...a}
  for (const [id, value] of Object.entries(b)) {
    const rule = rules.find((candidate) => candidate.meta.id === id)
    merged[id] = id in a && rule?.definition.merge ? rule.definition.merge(a[id], value) : value
  }
  return merged
}

/**
 * The facts of a run's files folded in file order, as they come back in any order: the CLI merges
 * while its pool still collects, instead of after it (rules whose merge is lazy bound how much they
 * leave for the first read, as name-consistency's does). The result is the same as
 * `parts.reduce(mergeFacts, start)` in file order.
 */
export class FoldInOrder {
  /** Each file's facts until merged (undefined: not back yet; null: merged and dropped). */
  private readonly parts: Array<FolderFacts | null | undefined>
  private next = 0

  constructor(
    private folded: FolderFacts,
    count: number,
    private readonly rules: readonly NewslintRule[] = knownRules()
  ) {
    this.parts = new Array<FolderFacts | null | undefined>(count)
  }

  /** The facts of the file at `index` of the run. */
  add(index: number, facts: FolderFacts): void {
    this.parts[index] = facts
    for (let part = this.parts[this.next]; part; part = this.parts[this.next]) {
      this.folded = mergeFacts(this.folded, part, this.rules)
      this.parts[this.next++] = null
    }
  }

  /** The fold of every file's facts (each must have been added). */
  get result(): FolderFacts {
    if (this.next < this.parts.length) {
      let missing = 0
      for (let index = this.next; index < this.parts.length; index++) if (this.parts[index] === undefined) missing++
      throw new Error(`FoldInOrder: ${missing} of ${this.parts.length} files not added`)
    }
    return this.folded
  }
}

/**
 * Fixes a text: apply the safe fixes of one lint, re-lint, repeat up to 10 passes; stop early when
 * nothing changes or a text comes back (a cycle), then lint once more so the report matches.
 */
export async function fix(text: string, givenOptions: LintOptions = {}): Promise<FixResult> {
  const windowed = isWindowed(text.length, windowOptions(givenOptions))
  let options = givenOptions
  // A pass changes a few lines: the others are parsed once for all passes. Not a large text's: its
  // windows are parsed without the cache, which could never hold all their lines anyway.
  if (!windowed && !options.parseCache) options = {...options, parseCache: new ParseCache()}
  // A large text's own facts are collected once, from the text as given, as the CLI does for a file.
  if (windowed) {
    await ready(options)
    const facts = windowFacts(text, undefined, options)
    if (facts) options = {...options, facts}
  }
  // Texts seen by their hash: a large text's passes would otherwise all stay in memory.
  const seen = new Set([digest(text)])
  let current = text
  let passes = 0
  let file: VFile | undefined = await lint(current, options)
  // A held first pass is used once; the next passes lint their own texts.
  if (options.held) options = {...options, held: undefined}
  while (passes < MAX_FIX_PASSES) {
    const fixes = file.messages.map((message) => message.fix).filter((fix): fix is Fix => Boolean(fix))
    if (fixes.length === 0) break
    const {output} = applyFixes(current, fixes)
    if (output === current) break
    const key = digest(output)
    if (seen.has(key)) break
    seen.add(key)
    current = output
    passes++
    // Let the last report (and the text it holds) go before the next lint, not after it.
    file = undefined
    file = await lint(current, options)
  }
  return {output: current, file, passes, changed: current !== text}
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64')
}

function compareMessages(a: VFileMessage, b: VFileMessage): number {
  return (
    (a.place && 'start' in a.place ? (a.place.start.offset ?? 0) : 0) - (b.place && 'start' in b.place ? (b.place.start.offset ?? 0) : 0) ||
    (a.ruleId ?? '').localeCompare(b.ruleId ?? '')
  )
}

export interface SourceText {
  path: string
  text: string
}

/**
 * Lints texts that belong together (a folder): collects folder facts from all of them first, then
 * checks each against the merged facts, so cross-file findings match whatever order files come in.
 */
export async function lintTogether(sources: readonly SourceText[], options: Omit<LintOptions, 'filePath'> = {}): Promise<VFile[]> {
  await ready(options)
  const facts = factsOf(sources, options)
  const files: VFile[] = []
  for (const source of sources) files.push(await lint(source.text, {...options, filePath: source.path, facts}))
  return files
}

/** Merged folder facts of several texts, on top of any facts given (e.g. from `--facts`). */
export function factsOf(sources: readonly SourceText[], options: Omit<LintOptions, 'filePath'> = {}): FolderFacts {
  let facts: FolderFacts = options.facts ?? {}
  if (!needsFacts(options)) return facts
  const {rules} = resolve(options)
  for (const source of sources) facts = mergeFacts(facts, collectFacts(source.text, {...options, filePath: source.path}), rules)
  return facts
}

// --- large texts, in windows ---------------------------------------------------------------------

/** The whole text of a windowed lint has no tree: a collecting rule that reads it collects window by window. */
class TreeNeeded extends Error {
  constructor() {
    super('The whole text of a large file is not parsed: read the tree of its windows')
  }
}

function windowOptions(options: LintOptions): WindowOptions {
  return {threshold: options.windowThreshold, size: options.windowSize}
}

function wholeAnalysis(text: string): DocumentAnalysis {
  return documentAnalysis(text, () => {
    throw new TreeNeeded()
  })
}

/**
 * Lints a large text window by window (see src/windows.ts): each window is parsed, checked against
 * the merged facts and dropped before the next, and the findings of its core are moved to the whole
 * text. The rules' `point` already counts lines from the file's start (`origin`); only fixes, in
 * the window's offsets, move here. File-level data (`fileData(file).report`) takes each key from the
 * first window that records it: the provenance, computed on the whole text, is the same in all.
 */
async function lintWindows(text: string, windows: readonly TextWindow[], {processor}: Pipeline, options: LintOptions): Promise<VFile> {
  const file = new VFile({value: text, path: options.filePath})
  const data = fileData(file)
  const facts = windowFacts(text, windows, options)
  if (facts) data.facts = facts
  const whole = wholeAnalysis(text)
  const moved = new WindowFindings(file, text, windowPath(text, options), options.filePath)
  const heap = new HeapBudget()
  for (const window of windows) {
    heap.step()
    const slice = text.slice(window.from, window.to)
    // No parse cache: one that held every line of a large text would hold its whole tree.
    const part = new VFile({value: slice, path: moved.path})
    const partData = fileData(part)
    if (facts) partData.facts = facts
    const tree = processor.parse(part)
    partData.analysis = documentAnalysis(slice, tree, {origin: whole.point(window.from), whole})
    await processor.run(tree, part)
    moved.take(part, window)
  }
  moved.finish()
  return file
}

/**
 * The findings of a large text's windows, moved to the whole text's file as each window is done:
 * those of its core only (a margin's are its neighbour's), fixes at whole-text offsets, a failing
 * rule once for the file. File-level data (`fileData(file).report`) takes each key from the first
 * window that records it: the provenance, computed on the whole text, is the same in all.
 */
class WindowFindings {
  private readonly failed = new Set<string>()
  readonly report: Record<string, unknown>

  constructor(
    private readonly file: VFile,
    private readonly text: string,
    readonly path: string,
    private readonly filePath: string | undefined,
    report: Readonly<Record<string, unknown>> = {}
  ) {
    this.report = {...report}
  }

  take(part: VFile, window: TextWindow): void {
    const {text} = this
    for (const message of part.messages) {
      const start = startOf(message)
      if (start === undefined) {
        // A rule that fails, fails on the file once, whichever windows it failed in.
        if (this.failed.has(message.ruleId ?? '')) continue
        this.failed.add(message.ruleId ?? '')
      } else if (!(start >= window.start && (start < window.end || (window.end === text.length && start === text.length)))) {
        // In a margin: the window whose core holds it reports it.
        continue
      }
      if (message.fix) message.fix = {start: message.fix.start + window.from, end: message.fix.end + window.from, text: message.fix.text}
      if (this.path !== this.filePath) {
        message.file = ''
        message.name = message.name.slice(this.path.length + 1)
      }
      this.file.messages.push(message)
    }
    for (const [key, value] of Object.entries(fileData(part).report ?? {})) if (!Object.hasOwn(this.report, key)) this.report[key] = value
  }

  finish(): void {
    if (Object.keys(this.report).length > 0) fileData(this.file).report = this.report
  }
}

/**
 * A folder run's first pass over a large text, as `survey` for a small one, in one parse per
 * window: the collecting rules that read the tree collect from each window (counting in its core
 * only), every rule that needs no folder facts checks it, and the window's tree goes. What the
 * collects computed stays for the second pass (`lintHeldWindows`), which then parses nothing
 * unless a folder rule reads more of a tree. Undefined for a text with a line cut into pieces,
 * which keeps the two passes of `collectFacts` and `lint`.
 */
async function surveyWindows(text: string, windows: readonly TextWindow[], found: Pipeline, collecting: readonly ActiveRule[], options: LintOptions): Promise<Survey | undefined> {
  if (hasCutLine(text, windows)) return undefined
  const {facts, byWindow, whole} = collectWhole(text, collecting, options)
  const file = new VFile({value: text, path: options.filePath})
  fileData(file).text = text
  const moved = new WindowFindings(file, text, windowPath(text, options), options.filePath)
  const local = passesOf(found).local
  const cached: Array<ReadonlyMap<string, unknown>> = []
  const heap = new HeapBudget()
  for (const window of windows) {
    heap.step()
    const slice = text.slice(window.from, window.to)
    const part = new VFile({value: slice, path: moved.path})
    fileData(part).text = slice
    const tree = found.processor.parse(part)
    const analysis = (fileData(part).analysis = documentAnalysis(slice, tree, {origin: whole.point(window.from), whole}))
    collectInWindow(facts, byWindow, slice, part, analysis, window)
    cached.push(new Map(analysis.cachedEntries()))
    await local.run(tree, part)
    moved.take(part, window)
  }
  const {config, rules} = resolve(options)
  return {facts, held: {text, config, rules, file, cached: new Map(), windows: {cached, report: moved.report, whole}}}
}

/** The second pass over a large text surveyed by `surveyWindows`: the folder rules, window by window. */
async function lintHeldWindows(text: string, windows: readonly TextWindow[], found: Pipeline, options: LintOptions, held: HeldLint): Promise<VFile> {
  const {file} = held
  const facts = windowFacts(text, windows, options)
  if (facts) fileData(file).facts = facts
  const {whole} = held.windows!
  const moved = new WindowFindings(file, text, windowPath(text, options), options.filePath, held.windows!.report)
  const {folder} = passesOf(found)
  for (const [index, window] of windows.entries()) {
    const slice = text.slice(window.from, window.to)
    const part = new VFile({value: slice, path: moved.path})
    const partData = fileData(part)
    partData.text = slice
    if (facts) partData.facts = facts
    partData.analysis = documentAnalysis(slice, () => found.processor.parse(part), {origin: whole.point(window.from), whole, cached: held.windows!.cached[index]})
    await folder.run(UNREAD_TREE, part)
    moved.take(part, window)
  }
  moved.finish()
  return file
}

/**
 * The path a large text's windows carry: the file's, or for a text given without one a name of its
 * own (from a hash of the text), so that a rule that counts files (name-consistency) counts the
 * windows of one text as one file, as it would the text linted whole.
 */
function windowPath(text: string, options: LintOptions): string {
  return options.filePath ?? `<text ${createHash('sha256').update(text).digest('hex').slice(0, 16)}>`
}

function startOf(message: VFileMessage): number | undefined {
  const place = message.place
  return place && 'start' in place ? place.start.offset : place?.offset
}

/**
 * The facts a large text's windows are checked against: the facts given, plus the text's own (from
 * its windows) for every collecting rule they lack. Facts given for a rule are taken as the
 * folder's, this text included, as `factsOf`, `lintTogether`, the CLI and the language server make
 * them: adding the text's own again would count its names twice.
 */
function windowFacts(text: string, windows: readonly TextWindow[] | undefined, options: LintOptions): FolderFacts | undefined {
  const {config, rules} = resolve(options)
  const {processor, active} = pipeline(config, rules)
  const given = options.facts
  const missing = active.filter(({rule}) => rule.definition.collect && !(given && Object.hasOwn(given, rule.meta.id)))
  const cut = windows ?? textWindows(text, windowOptions(options))
  if (missing.length === 0 || !cut) return given
  const own = collectWindows(text, cut, processor, missing, options)
  return given ? mergeFacts(given, own, rules) : own
}

/**
 * The facts of a large text. Each rule collects from the whole text first, without a tree, so a rule
 * that reads lines alone (boilerplate's head and tail lines) gets exactly the facts of the whole
 * text; a rule that reads the tree collects from each window, counting in its core only (every line
 * once), and its facts are merged as those of the files of a folder are (with the file's path, so
 * the windows count as one file where a rule counts files). The windows are those `lintWindows`
 * parses, so a survey collects and checks on one parse. A text with a line cut into pieces (longer
 * than two windows) is read core by core only: no rule may hold more than a window of one line.
 */
function collectWindows(text: string, windows: readonly TextWindow[], processor: Pipeline['processor'], collecting: readonly ActiveRule[], options: LintOptions): FolderFacts {
  const path = windowPath(text, options)
  if (hasCutLine(text, windows)) return collectCores(text, windows, processor, collecting, path)
  const {facts, byWindow, whole} = collectWhole(text, collecting, options)
  const heap = new HeapBudget()
  for (const window of byWindow.length > 0 ? windows : []) {
    heap.step()
    const slice = text.slice(window.from, window.to)
    const part = new VFile({value: slice, path})
    fileData(part).text = slice
    const analysis = (fileData(part).analysis = documentAnalysis(slice, () => processor.parse(part), {origin: whole.point(window.from), whole}))
    collectInWindow(facts, byWindow, slice, part, analysis, window)
  }
  return facts
}

function hasCutLine(text: string, windows: readonly TextWindow[]): boolean {
  return windows.some((window) => window.start > 0 && text.charCodeAt(window.start - 1) !== 10)
}

/** The facts of the rules that collect from the whole text without a tree; the others, to collect by window. */
function collectWhole(text: string, collecting: readonly ActiveRule[], options: LintOptions): {facts: FolderFacts; byWindow: ActiveRule[]; whole: DocumentAnalysis} {
  const facts: FolderFacts = {}
  const file = new VFile({value: text, path: windowPath(text, options)})
  fileData(file).text = text
  const whole = (fileData(file).analysis = wholeAnalysis(text))
  const byWindow: ActiveRule[] = []
  for (const entry of collecting) {
    try {
      facts[entry.rule.meta.id] = collectOne(entry, text, file, whole)
    } catch (error) {
      if (!(error instanceof TreeNeeded)) throw error
      byWindow.push(entry)
    }
  }
  return {facts, byWindow, whole}
}

/** Collects from one window (the whole of `slice`), counting in its core, and merges into `facts`. */
function collectInWindow(facts: FolderFacts, byWindow: readonly ActiveRule[], slice: string, part: VFile, analysis: DocumentAnalysis, window: TextWindow): void {
  const core = {start: window.start - window.from, end: window.end - window.from}
  for (const entry of byWindow) addFacts(facts, entry, collectOne(entry, slice, part, analysis, core))
}

/** Merges a rule's facts from one part of a text into those of the parts before it. */
function addFacts(facts: FolderFacts, {rule}: ActiveRule, collected: unknown): void {
  const id = rule.meta.id
  const merge = rule.definition.merge
  facts[id] = Object.hasOwn(facts, id) && merge ? merge(facts[id], collected) : collected
}

/** Every rule collecting from each core alone (a text with a line cut into pieces). */
function collectCores(text: string, windows: readonly TextWindow[], processor: Pipeline['processor'], collecting: readonly ActiveRule[], path: string): FolderFacts {
  const facts: FolderFacts = {}
  const whole = wholeAnalysis(text)
  const heap = new HeapBudget()
  for (const window of windows) {
    heap.step()
    const slice = text.slice(window.start, window.end)
    const part = new VFile({value: slice, path})
    fileData(part).text = slice
    const analysis = (fileData(part).analysis = documentAnalysis(slice, () => processor.parse(part), {origin: whole.point(window.start), whole}))
    for (const entry of collecting) addFacts(facts, entry, collectOne(entry, slice, part, analysis))
  }
  return facts
}

function collectOne({rule, options, env}: ActiveRule, text: string, file: VFile, analysis: DocumentAnalysis, core?: Span): unknown {
  return rule.definition.collect!(new DocumentContext(text, file, options, env, analysis, core))
}
