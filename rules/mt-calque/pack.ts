// Phrase packs: loading, strict validation (an unknown key is an error naming the file and the
// entry) and compilation. House packs are read here from YAML or JSON; the built-in packs
// (builtin.ts) are validated at build time and read from its snapshot, then compiled here the same way.
import {readFileSync} from 'node:fs'
import type {ErrorObject} from 'ajv'
import {parseYaml, ruleData, validator, type DataSpec} from '../../src/data.js'
import {ruleDataPath} from '../../src/paths.js'
import {KOREAN_SURNAMES} from '../../src/provenance.js'
import {compilePattern, compileWords, PatternError, type CompiledPattern, type WordClasses, type WordMatcher} from './pattern.js'

export type PackLanguage = 'ko' | 'ja' | 'zh' | 'ru' | 'any'
export type Country = 'Korea' | 'Japan' | 'China' | 'Russia'

export interface NearClause {
  words: string[]
  within?: number
}

export interface EntryContext {
  near?: NearClause[]
  notNear?: NearClause[]
  precededBy?: string[]
  notPrecededBy?: string[]
  followedBy?: string[]
  notFollowedBy?: string[]
  inDocument?: string[]
  notInDocument?: string[]
  sentenceStart?: boolean
  lineStart?: boolean
  outsideQuotes?: boolean
  thirdPerson?: boolean
  subjectNotFrom?: Country
  minOccurrences?: number
}

export interface FlaggedExample {
  text: string
  actual: string
  expected?: string[]
  fixed?: string
}

/** A pack entry as written in YAML (see pack.schema.json for every field). */
export interface PackEntry {
  id: string
  source: string
  sense: {wrong: string; right: string}
  match: string[]
  caseSensitive?: boolean
  right: string[]
  fix?: boolean
  message?: string
  note: string
  severity?: 'info'
  status: 'seen' | 'brief' | 'unverified'
  evidence?: string
  context?: EntryContext
  examples: {flagged: FlaggedExample[]; unflagged: string[]}
}

export interface CompiledNear {
  matcher: WordMatcher
  within: number
}

/** Context words that name a captured slot (`CEO {name}`) are compiled per match. */
export interface DocumentWords {
  fixed?: WordMatcher
  templated: string[]
}

export interface CompiledContext {
  near: CompiledNear[]
  notNear: CompiledNear[]
  precededBy?: WordMatcher
  notPrecededBy?: WordMatcher
  followedBy?: WordMatcher
  notFollowedBy?: WordMatcher
  inDocument?: DocumentWords
  notInDocument?: DocumentWords
  sentenceStart: boolean
  lineStart: boolean
  outsideQuotes: boolean
  thirdPerson: boolean
  subjectNotFrom?: Country
  minOccurrences: number
}

export interface CompiledEntry {
  /** `<language>/<id>`, the name used in notes and in the `ignore` option. */
  key: string
  language: PackLanguage
  file: string
  entry: PackEntry
  patterns: CompiledPattern[]
  context: CompiledContext
}

export interface Pack {
  file: string
  language: PackLanguage
  description: string
  entries: CompiledEntry[]
}

/** A pack that cannot be used: names the file and, when it can, the entry. */
export class PackError extends Error {
  constructor(
    readonly file: string,
    readonly entryId: string | undefined,
    readonly problem: string
  ) {
    super(`${file}: ${entryId ? `entry \`${entryId}\`: ` : ''}${problem}`)
    this.name = 'PackError'
  }
}

const DEFAULT_WITHIN = 8
/** Template names filled by the rule itself rather than by a pattern slot. */
const SUBJECT_SLOTS = ['subject', 'subjectCountry']

/** A pack file as written, once it has passed the schema. */
export interface RawPack {
  language: PackLanguage
  description: string
  entries: PackEntry[]
}

let schema: object | undefined
/** The schema of pack files (pack.schema.json), read on first use: a run with no house pack and the built-in packs' snapshots never reads it. */
function packSchema(): object {
  return (schema ??= JSON.parse(readFileSync(ruleDataPath('mt-calque', 'pack.schema.json'), 'utf8')) as object)
}

/** How a pack file is read and checked: its schema, then everything `compilePack` refuses. */
export const packSpec: DataSpec<RawPack> = {
  schema: packSchema,
  allErrors: true,
  schemaError: (errors, raw, file) => schemaError(file, raw, errors),
  fileError: (problem, file) => new PackError(file, undefined, problem),
  check: (raw, file) => void compilePack(raw, file)
}

const classesFile = ruleData<Record<string, string[]>>('mt-calque', 'classes.yaml', {
  schema: {type: 'object', additionalProperties: {type: 'array', minItems: 1, items: {type: 'string', pattern: '\\S'}}},
  schemaError: (errors, _raw, file) => {
    const name = errors[0]?.instancePath.split('/')[1]
    return new PackError(file, undefined, name === undefined ? 'expected a map of class names to word lists' : `class \`${name}\` must be a non-empty list of words`)
  },
  fileError: (problem, file) => new PackError(file, undefined, problem)
})

let classes: WordClasses | undefined
/** Word classes shared by every pack (classes.yaml), read once. */
export function wordClasses(): WordClasses {
  if (classes) return classes
  const map = new Map<string, readonly string[]>(Object.entries(classesFile.load()))
  // Shared with the provenance cues, so a surname added there counts here too.
  map.set('korean-surname', [...KOREAN_SURNAMES])
  return (classes = map)
}

/** Reads, validates and compiles one pack file (YAML or JSON). Throws `PackError`. */
export function loadPack(file: string): Pack {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new PackError(file, undefined, `cannot read pack (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  return parsePack(text, file)
}

/** Validates and compiles a pack from its text (YAML, or JSON, which YAML reads too); `file` is only used in messages. */
export function parsePack(text: string, file: string): Pack {
  let raw: unknown
  try {
    raw = parseYaml(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new PackError(file, undefined, `invalid YAML: ${(error as Error).message.split('\n')[0]}`)
  }
  const validate = validator(packSchema(), {strict: true, allErrors: true})
  if (!validate(raw)) throw schemaError(file, raw, validate.errors ?? [])
  return buildPatterns(compilePack(raw as RawPack, file))
}

/**
 * Builds every regular expression of a pack now; otherwise each waits for its first use. A house
 * pack (and, at build time, a built-in one) then fails as it loads, never in the middle of a run.
 */
export function buildPatterns(pack: Pack): Pack {
  for (const {patterns, context} of pack.entries) {
    for (const pattern of patterns) void pattern.regex
    const matchers = [...context.near, ...context.notNear].map((clause) => clause.matcher)
    matchers.push(...[context.precededBy, context.notPrecededBy, context.followedBy, context.notFollowedBy, context.inDocument?.fixed, context.notInDocument?.fixed].filter((matcher) => matcher !== undefined))
    for (const matcher of matchers) for (const test of [matcher.test, matcher.testStart, matcher.testEnd]) test('')
  }
  return pack
}

// Keyed by the parsed pack: a built-in pack read from its source is compiled by its check, and that compiled pack is the one used.
const compiled = new WeakMap<RawPack, Pack>()

/** Compiles a pack that passed the schema, refusing what the schema cannot say (duplicate ids, bad patterns, unknown slots). */
export function compilePack(pack: RawPack, file: string): Pack {
  const known = compiled.get(pack)
  if (known?.file === file) return known
  const seen = new Set<string>()
  const entries: CompiledEntry[] = []
  for (const entry of pack.entries) {
    if (seen.has(entry.id)) throw new PackError(file, entry.id, 'duplicate id')
    seen.add(entry.id)
    entries.push(compileEntry(entry, pack.language, file))
  }
  const result: Pack = {file, language: pack.language, description: pack.description, entries}
  compiled.set(pack, result)
  return result
}

function compileEntry(entry: PackEntry, language: PackLanguage, file: string): CompiledEntry {
  const fail = (problem: string): never => {
    throw new PackError(file, entry.id, problem)
  }
  const known = wordClasses()
  let patterns: CompiledPattern[]
  try {
    patterns = entry.match.map((pattern) => compilePattern(pattern, {caseSensitive: entry.caseSensitive ?? false, classes: known}))
  } catch (error) {
    if (error instanceof PatternError) fail(error.message)
    throw error
  }
  // A template may only use slots every pattern fills (and the subject, when the entry finds one).
  const shared = patterns[0]!.slots.filter((slot) => patterns.every((pattern) => pattern.slots.includes(slot)))
  const fillable = new Set([...shared, ...(entry.context?.subjectNotFrom ? SUBJECT_SLOTS : [])])
  const templates: Array<[string, string]> = [...entry.right.map((right, index): [string, string] => [`right[${index}]`, right])]
  if (entry.message) templates.push(['message', entry.message])
  templates.push(['note', entry.note])
  for (const [where, template] of templates) {
    for (const [, name] of template.matchAll(/\{(\w+)\}/g)) {
      if (!fillable.has(name!)) fail(`${where} uses \`{${name}}\`, which not every pattern captures`)
    }
  }
  if (entry.fix && entry.right[0]!.includes('{subjectCountry}')) fail('a fix cannot depend on the subject found')

  const context = compileContext(entry.context ?? {}, known, shared, fail)
  for (const [index, example] of entry.examples.flagged.entries()) {
    if (entry.fix && example.fixed === undefined) fail(`examples.flagged[${index}] needs \`fixed\` (the entry is fixable)`)
    if (!entry.fix && example.fixed !== undefined) fail(`examples.flagged[${index}] has \`fixed\`, but the entry has no fix`)
    if (!example.text.includes(example.actual)) fail(`examples.flagged[${index}]: \`actual\` is not in the text`)
  }
  return {key: `${language}/${entry.id}`, language, file, entry, patterns, context}
}

function compileContext(context: EntryContext, known: WordClasses, slots: string[], fail: (problem: string) => never): CompiledContext {
  const words = (list: string[] | undefined, where: string): WordMatcher | undefined => {
    if (!list) return undefined
    try {
      return compileWords(list, known, where)
    } catch (error) {
      if (error instanceof PatternError) return fail(`context.${where}: ${error.message}`)
      throw error
    }
  }
  const near = (clauses: NearClause[] | undefined, where: string): CompiledNear[] =>
    (clauses ?? []).map((clause, index) => ({matcher: words(clause.words, `${where}[${index}]`)!, within: clause.within ?? DEFAULT_WITHIN}))
  const documentWords = (list: string[] | undefined, where: string): DocumentWords | undefined => {
    if (!list) return undefined
    const templated = list.filter((word) => /\{\w+\}/.test(word))
    for (const word of templated) {
      for (const [, name] of word.matchAll(/\{(\w+)\}/g)) if (!slots.includes(name!)) fail(`context.${where} uses \`{${name}}\`, which not every pattern captures`)
    }
    const plain = list.filter((word) => !templated.includes(word))
    return {fixed: plain.length > 0 ? words(plain, where) : undefined, templated}
  }
  return {
    near: near(context.near, 'near'),
    notNear: near(context.notNear, 'notNear'),
    precededBy: words(context.precededBy, 'precededBy'),
    notPrecededBy: words(context.notPrecededBy, 'notPrecededBy'),
    followedBy: words(context.followedBy, 'followedBy'),
    notFollowedBy: words(context.notFollowedBy, 'notFollowedBy'),
    inDocument: documentWords(context.inDocument, 'inDocument'),
    notInDocument: documentWords(context.notInDocument, 'notInDocument'),
    sentenceStart: context.sentenceStart ?? false,
    lineStart: context.lineStart ?? false,
    outsideQuotes: context.outsideQuotes ?? false,
    thirdPerson: context.thirdPerson ?? false,
    subjectNotFrom: context.subjectNotFrom,
    minOccurrences: context.minOccurrences ?? 1
  }
}

/** Turns the first ajv error into one line naming the entry and the key. */
function schemaError(file: string, raw: unknown, errors: readonly ErrorObject[]): PackError {
  // Unknown keys are the most useful to report; then the deepest error.
  const sorted = [...errors].sort(
    (a, b) => Number(b.keyword === 'additionalProperties') - Number(a.keyword === 'additionalProperties') || b.instancePath.length - a.instancePath.length
  )
  const error = sorted[0]!
  const segments = error.instancePath.split('/').slice(1)
  let entryId: string | undefined
  let where = segments
  if (segments[0] === 'entries' && segments[1] !== undefined) {
    const entry = (raw as {entries: Array<{id?: unknown}>}).entries[Number(segments[1])]
    entryId = typeof entry?.id === 'string' ? entry.id : `entries[${segments[1]}]`
    where = segments.slice(2)
  }
  const at = where.map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`)).join('').replace(/^\./, '')
  let problem: string
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as {additionalProperty: string}).additionalProperty
    problem = `unknown key \`${key}\`${at ? ` in \`${at}\`` : ''}`
  } else if (error.keyword === 'enum') {
    problem = `\`${at}\` ${error.message} (${(error.params as {allowedValues: unknown[]}).allowedValues.map((v) => JSON.stringify(v)).join(', ')})`
  } else {
    problem = `${at ? `\`${at}\` ` : ''}${error.message ?? 'is invalid'}`
  }
  return new PackError(file, entryId, problem)
}
