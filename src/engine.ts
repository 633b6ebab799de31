// The engine: builds one unified processor per config, lints a text, collects folder facts, and
// runs the multi-pass fix loop.
import type {Root} from 'nlcst'
import {unified, type Processor} from 'unified'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {documentAnalysis} from './analysis.js'
import {loadPlugins, recommendedConfig, type Config} from './config.js'
import {applyFixes} from './fix.js'
import newslintParse, {ParseCache} from './parse.js'
import {fileData, type Fix, type NewslintRule, type RuleEnvironment, type Severity} from './rule.js'
import {knownRules, pluginsLoaded, rulesOf} from './plugins.js'
import {suppress, type SuppressionEntry} from './suppress.js'

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
  severity: Severity
  options: object
  env: RuleEnvironment
}

interface Pipeline {
  processor: Processor<Root, Root, Root>
  active: ActiveRule[]
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
    active.push({rule, severity, options, env})
    processor.use(rule.plugin, setting, env)
  }
  found = {processor: processor.freeze() as unknown as Processor<Root, Root, Root>, active}
  byRules.set(rules, found)
  return found
}

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
  if (options.facts) fileData(file).facts = options.facts
  if (options.parseCache) fileData(file).parseCache = options.parseCache
  return file
}

/** Lints one text and returns its VFile, messages sorted by position. */
export async function lint(text: string, options: LintOptions = {}): Promise<VFile> {
  await ready(options)
  const {config, rules} = resolve(options)
  const {processor} = pipeline(config, rules)
  const file = createFile(text, options)
  const tree = processor.parse(file)
  await processor.run(tree, file)
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

/** Collects the folder facts of one text (only rules with a `collect` phase run). A config's plugins must be loaded (`loadPlugins`). */
export function collectFacts(text: string, options: LintOptions = {}): FolderFacts {
  const {config, rules} = resolve(options)
  const {processor, active} = pipeline(config, rules)
  const collecting = active.filter(({rule}) => rule.definition.collect)
  if (collecting.length === 0) return {}
  const file = createFile(text, options)
  // Parsed only if a collecting rule reads the tree: many collect from lines alone.
  const analysis = (fileData(file).analysis = documentAnalysis(text, () => processor.parse(file)))
  const facts: FolderFacts = {}
  for (const {rule, options: ruleOptions, env} of collecting) {
    facts[rule.meta.id] = rule.definition.collect!({
      text,
      get tree() {
        return analysis.tree
      },
      file,
      options: ruleOptions,
      env,
      analysis
    })
  }
  return facts
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
 * Fixes a text: apply the safe fixes of one lint, re-lint, repeat up to 10 passes; stop early when
 * nothing changes or a text comes back (a cycle), then lint once more so the report matches.
 */
export async function fix(text: string, givenOptions: LintOptions = {}): Promise<FixResult> {
  // A pass changes a few lines: the others are parsed once for all passes.
  const options = givenOptions.parseCache ? givenOptions : {...givenOptions, parseCache: new ParseCache()}
  const seen = new Set([text])
  let current = text
  let passes = 0
  let file = await lint(current, options)
  while (passes < MAX_FIX_PASSES) {
    const fixes = file.messages.map((message) => message.fix).filter((fix): fix is Fix => Boolean(fix))
    if (fixes.length === 0) break
    const {output} = applyFixes(current, fixes)
    if (output === current || seen.has(output)) break
    seen.add(output)
    current = output
    passes++
    file = await lint(current, options)
  }
  return {output: current, file, passes, changed: current !== text}
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
