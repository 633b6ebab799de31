// The rule contract: every built-in and external rule is written against this file.
import path from 'node:path'
import type {Root} from 'nlcst'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {ValidateFunction} from 'ajv'
import {documentAnalysis, type DocumentAnalysis, type Span} from './analysis.js'
import {createAjv, prebuiltValidator, SNAPSHOT_DIR, writeValidators} from './data.js'
import {describeSchemaErrors, jsonPath} from './schema-errors.js'
import type {ParseCache} from './parse.js'

/** A setting as written in config: severity alone, or severity with options. */
export type Severity = 'off' | 'info' | 'warn' | 'error'
export type RuleSetting = Severity | [Severity] | [Severity, Record<string, unknown>]

/** A safe replacement of `text.slice(start, end)` by `text`, in absolute 0-based UTF-16 offsets. */
export interface Fix {
  start: number
  end: number
  text: string
}

export interface RuleMeta<Options> {
  /** Kebab-case rule id, the name used in config, messages and docs (a plugin's rules get its namespace: `housestyle/no-foo`). */
  id: string
  description: string
  /** Where the rule is documented; built-in rules default to their README. Stamped on every message. */
  url?: string
  /** Whether the rule ever proposes a `fix`; a rule that is not fixable cannot. */
  fixable: boolean
  /** Severity in the recommended config (`.lintrc.json` only lists changes to it). */
  recommended: Severity
  /** JSON schema for the options object; unknown keys should be refused (`additionalProperties: false`). */
  schema: Record<string, unknown>
  defaultOptions: Options
  /** Message templates by id; `{{name}}` is filled from a report's `data`. */
  messages: Record<string, string>
  /** Fixes of this rule may touch text inside direct quotations (e.g. invisible characters). Default false. */
  fixesInsideQuotes?: boolean
  /** Top-level config keys this rule reads (beside `rules`), with their JSON schemas. */
  settings?: Record<string, Record<string, unknown>>
}

export interface Report {
  messageId: string
  data?: Record<string, string | number>
  /** Absolute 0-based UTF-16 offsets into the file's text; `actual` is `text.slice(start, end)`. */
  start: number
  end: number
  /** Replacement candidates; when present the span must be exactly what they replace. */
  expected?: string[]
  /** A single safe, unambiguous fix. Only allowed from a fixable rule. */
  fix?: Fix
  /** Why: shown on hover and in verbose output. */
  note?: string
  /** Lower the configured severity of this one report to information (e.g. a deliberate gloss). */
  severity?: 'info'
}

/** What the engine knows about the project, handed to rules at attach time. */
export interface RuleEnvironment {
  /** Folder of the config file that set the rule's options; option paths resolve against it. */
  baseDir: string
  /** Top-level config values (everything but `rules`), already validated. */
  settings: Record<string, unknown>
}

export interface RuleContext<Options, Facts = unknown> {
  text: string
  tree: Root
  file: VFile
  options: Options
  env: RuleEnvironment
  /** Shared, lazily computed facts about this document (quotations, paragraphs, provenance). */
  analysis: DocumentAnalysis
  /** Facts merged from every file of the run (folder rules only); undefined when linting alone. */
  facts: Facts | undefined
  report(report: Report): void
}

export interface CollectContext<Options> {
  text: string
  tree: Root
  file: VFile
  options: Options
  env: RuleEnvironment
  analysis: DocumentAnalysis
  /**
   * In a window of a large text, the part of `text` the window owns (offsets into `text`): the rest
   * is margin, owned by the windows on either side. What a collect counts, it counts only where it
   * starts inside the core; it may read the margins for context. Undefined for a text read whole.
   */
  core?: Span
}

/**
 * The context of `collect`: a class, so `tree` is a getter on the prototype. An object literal's
 * getter costs an accessor pair that V8 allocates in the old generation, and through it each
 * file's tree survived young collections until the next full one (see `Analysis` too).
 */
export class DocumentContext<Options> implements CollectContext<Options> {
  constructor(
    readonly text: string,
    readonly file: VFile,
    readonly options: Options,
    readonly env: RuleEnvironment,
    readonly analysis: DocumentAnalysis,
    readonly core?: Span
  ) {}

  /** Through the analysis: a folder run's second pass hands rules an analysis that parses only if one reads the tree. */
  get tree(): Root {
    return this.analysis.tree
  }
}

/** The context of `check`; `report` is an own function, so rules may destructure it. */
class CheckContext<Options, Facts> extends DocumentContext<Options> implements RuleContext<Options, Facts> {
  constructor(
    text: string,
    file: VFile,
    options: Options,
    env: RuleEnvironment,
    analysis: DocumentAnalysis,
    readonly facts: Facts | undefined,
    readonly report: (report: Report) => void
  ) {
    super(text, file, options, env, analysis)
  }
}

export interface RuleDefinition<Options, Facts = never> {
  meta: RuleMeta<Options>
  /** Called once per rule use, after options are validated: compile patterns and load data here. */
  setup?(options: Options, env: RuleEnvironment): void | Promise<void>
  check(context: RuleContext<Options, Facts>): void | Promise<void>
  /**
   * Folder rules: `collect` gathers plain, JSON-serialisable facts from one file, `merge` combines
   * two fact objects (associative, so shards and workers can merge in any grouping). For a large
   * file, `collect` is first tried on the whole text without a tree; reading `tree` there abandons
   * the call, and `collect` runs on each window instead (so it must have no side effects), counting
   * only what starts in the window's `core`.
   */
  collect?(context: CollectContext<Options>): Facts
  merge?(a: Facts, b: Facts): Facts
}

/** Data every engine-created file carries under `file.data.newslint`. */
export interface NewslintFileData {
  text: string
  /** Merged folder facts by rule id. */
  facts?: Record<string, unknown>
  analysis?: DocumentAnalysis
  /** File-level findings of rules for pipelines (e.g. provenance), by key. */
  report?: Record<string, unknown>
  /** Parsed lines shared between lints of nearly the same text (see `ParseCache`). */
  parseCache?: ParseCache
  /** Indices of the fingerprint suppressions given to the engine that suppressed a finding (see src/suppress.ts). */
  usedSuppressions?: number[]
}

declare module 'vfile' {
  interface DataMap {
    newslint: NewslintFileData
  }
}

declare module 'vfile-message' {
  interface VFileMessage {
    messageId?: string
    fix?: Fix | null
    /** Stamped by the engine on every message (see src/fingerprint.ts). */
    fingerprint?: string
  }
}

export interface NewslintRule<Options = any, Facts = any> {
  meta: RuleMeta<Options>
  /** The unified plugin; its first argument is the rule's setting. */
  plugin: Plugin<[RuleSetting?, RuleEnvironment?], Root>
  definition: RuleDefinition<Options, Facts>
  /** Validates and normalises a setting; throws `OptionsError` naming the rule and option. */
  parseSetting(setting: RuleSetting | undefined): {severity: Severity; options: Options}
}

/**
 * Invalid rule options: `path` is the JSON path inside the options object (empty for the severity).
 * `setting` names the top-level config key at fault instead, when the problem is there (`packs`).
 */
export class OptionsError extends Error {
  constructor(
    readonly ruleId: string,
    readonly path: string,
    readonly problem: string,
    readonly setting?: string
  ) {
    super(`${setting ? `\`${setting}\`` : `rule \`${ruleId}\`${path ? `, option \`${path}\`` : ''}`}: ${problem}`)
    this.name = 'OptionsError'
  }
}

// One instance for every rule's options schema, created (and ajv loaded) when the first options are
// validated that the build's validators (see `writeOptionsValidators`) do not cover.
let ajv: ReturnType<typeof createAjv> | undefined
const OPTIONS_AJV = {allErrors: false, strict: true, useDefaults: false}
/** The options validators the build generates for the built-in rules, in the snapshot folder (dist/data). */
const PREBUILT_OPTIONS = 'rule-options-validators.cjs'

/** `npm run build` step: each rule's options validator, as code (see `prebuiltValidator`). Returns the file written. */
export function writeOptionsValidators(rules: readonly NewslintRule[], dir = SNAPSHOT_DIR): string {
  return writeValidators(path.join(dir, PREBUILT_OPTIONS), Object.fromEntries(rules.map((rule) => [rule.meta.id, rule.meta.schema])), OPTIONS_AJV)
}

const SEVERITIES = new Set<Severity>(['off', 'info', 'warn', 'error'])

export const docsBase = 'https://github.com/newslint/newslint/blob/main/rules/'

/** A rule id: kebab-case, after a plugin namespace for plugin rules (`housestyle/`, `@desk/wire/`). */
const RULE_ID = /^(?:(?:@[a-z0-9][a-z0-9-._]*\/)?[a-z0-9][a-z0-9-]*\/)?[a-z][a-z0-9]*(-[a-z0-9]+)*$/

/** Where a rule is documented: its own `meta.url`, else a built-in rule's README; none for a plugin rule without one. */
export function ruleUrl(meta: Pick<RuleMeta<unknown>, 'id' | 'url'>): string | undefined {
  return meta.url ?? (meta.id.includes('/') ? undefined : `${docsBase}${meta.id}/README.md`)
}

/** Turns `defineRule`-style definitions into unified plugins that share severity, ids and offsets. */
export function defineRule<Options extends object, Facts = never>(
  definition: RuleDefinition<Options, Facts>
): NewslintRule<Options, Facts> {
  const {meta} = definition
  if (!RULE_ID.test(meta.id)) throw new Error(`Rule id \`${meta.id}\` is not kebab-case`)
  // Compiled on first use: most settings carry no options, and compiling costs start-up time.
  let validate: ValidateFunction | undefined
  const url = ruleUrl(meta)

  function parseSetting(setting: RuleSetting | undefined) {
    const raw = setting ?? meta.recommended
    const [severity, given] = Array.isArray(raw) ? raw : [raw, undefined]
    if (!SEVERITIES.has(severity)) {
      throw new OptionsError(meta.id, '', `severity must be one of off, info, warn, error, got ${JSON.stringify(severity)}`)
    }
    if (given === undefined) return {severity, options: meta.defaultOptions}
    const options = {...meta.defaultOptions, ...given} as Options
    validate ??= prebuiltValidator(PREBUILT_OPTIONS, meta.id, meta.schema) ?? (ajv ??= createAjv(OPTIONS_AJV)).compile(meta.schema)
    if (!validate(options)) {
      const {path, problem} = describeSchemaErrors(validate.errors ?? [], options)
      throw new OptionsError(meta.id, jsonPath(path), problem.replace(/^unknown key/, 'unknown option'))
    }
    return {severity, options}
  }

  const plugin: Plugin<[RuleSetting?, RuleEnvironment?], Root> = function (setting, env) {
    const {severity, options} = parseSetting(setting)
    if (severity === 'off') return
    const environment: RuleEnvironment = env ?? {baseDir: process.cwd(), settings: {}}
    let ready: void | Promise<void>
    try {
      ready = definition.setup?.(options, environment)
    } catch (error) {
      // Setup reads the rule's data (house packs, word lists): a failure there is a problem with its options.
      if (error instanceof OptionsError) throw error
      throw new OptionsError(meta.id, '', String((error as Error)?.message ?? error))
    }

    return async function (tree, file) {
      await ready
      const data = fileData(file)
      const text = data.text
      const analysis = (data.analysis ??= documentAnalysis(text, tree))
      const facts = data.facts?.[meta.id] as Facts | undefined

      const reportFinding = (report: Report): void => {
        const {start, end} = report
        if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) {
          throw new Error(`Rule ${meta.id} reported out-of-range offsets ${start}..${end} (length ${text.length})`)
        }
        const template = meta.messages[report.messageId]
        if (template === undefined) throw new Error(`Rule ${meta.id} has no message \`${report.messageId}\``)
        const actual = text.slice(start, end)
        const reason = fillTemplate(template, {actual, ...report.data})
        // A VFileMessage is an Error: its constructor records a stack trace that it then replaces
        // with the cause's or ''. Recording none makes a message five times cheaper.
        const place = {start: analysis.point(start), end: analysis.point(end)}
        const stackTraceLimit = Error.stackTraceLimit
        Error.stackTraceLimit = 0
        let message: VFileMessage
        try {
          message = file.message(reason, {place, ruleId: meta.id, source: 'newslint'})
        } finally {
          Error.stackTraceLimit = stackTraceLimit
        }
        if (url) message.url = url
        message.actual = actual
        if (report.expected) message.expected = report.expected
        if (report.note) message.note = report.note
        message.messageId = report.messageId
        message.fatal = report.severity === 'info' || severity === 'info' ? undefined : severity === 'error'
        message.fix = acceptFix(report.fix)
      }
      const context = new CheckContext<Options, Facts>(text, file, options, environment, analysis, facts, reportFinding)

      function acceptFix(fix: Fix | undefined): Fix | null {
        if (!fix) return null
        if (!meta.fixable) throw new Error(`Rule ${meta.id} is not fixable but proposed a fix`)
        if (!(fix.start >= 0 && fix.start <= fix.end && fix.end <= text.length)) {
          throw new Error(`Rule ${meta.id} proposed a fix out of range ${fix.start}..${fix.end}`)
        }
        // Direct quotations are reported but never rewritten without a human, unless the rule says it is safe.
        if (!meta.fixesInsideQuotes && analysis.insideQuotation(fix.start, fix.end)) return null
        return fix
      }

      try {
        await definition.check(context)
      } catch (error) {
        // One broken rule must not take the other rules' findings (or an editor session) with it.
        const message = file.message(`Rule \`${meta.id}\` failed on this file: ${String((error as Error)?.message ?? error)}`, {
          ruleId: meta.id,
          source: 'newslint'
        })
        message.cause = error
        message.fatal = true
        message.messageId = 'rule-failure'
        if (url) message.url = url
      }
    }
  }

  return {meta, plugin, definition, parseSetting}
}

export function fileData(file: VFile): NewslintFileData {
  const data = file.data.newslint
  if (data) return data
  // Every field from the start, in one order: fields added as each run needed them gave the data
  // of a folder run's second pass other shapes than its first, and the optimised rule runner that
  // read them was thrown away.
  const created: NewslintFileData = {text: String(file.value ?? ''), facts: undefined, analysis: undefined, report: undefined, parseCache: undefined, usedSuppressions: undefined}
  file.data.newslint = created
  return created
}

export function fillTemplate(template: string, data: Record<string, string | number | undefined>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => {
    const value = data[key]
    return value === undefined ? whole : String(value)
  })
}
