// Loads the furniture catalogue (catalogue.yml): strict decoding, definitions expanded, patterns
// compiled once, and every entry's examples checked, so a broken entry stops the rule from loading
// (for the built-in catalogue, at build time: see src/data.ts).
import {readDataFile, ruleData, type DataSpec} from '../../src/data.js'
import {isStorySentence} from './signals.js'

export type Scope = 'line' | 'contains' | 'tail'
export type Action = 'remove' | 'attribution' | 'photo-credit' | 'keep'

export interface Entry {
  id: string
  kind: string
  where: 'anywhere' | 'edge'
  action: Action
  /** Matches a whole line, tested on the line trimmed (see `matchLine`). */
  line?: RegExp
  /** Occurs in a line of at most `maxLength` characters. */
  contains?: RegExp
  maxLength: number
  /** Ends a line after a sentence; groups: 1 the sentence end, 2 the gap, 3 the tail. */
  tail?: RegExp
}

export interface LineMatch {
  entry: Entry
  /** Offsets inside the examined line text: the furniture, and where removing it starts. */
  start: number
  end: number
  cut: number
  whole: boolean
}

interface RawCatalogue {
  definitions: Record<string, string>
  entries: RawEntry[]
}

interface RawEntry {
  id: string
  kind: string
  scope: Scope | Scope[]
  where?: 'anywhere' | 'edge'
  action?: Action
  caseSensitive?: boolean
  maxLength?: number
  pattern: string
  match: string[]
  keep?: string[]
}

const SCOPES = ['line', 'contains', 'tail']
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['definitions', 'entries'],
  properties: {
    definitions: {type: 'object', additionalProperties: {type: 'string'}},
    entries: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'kind', 'scope', 'pattern', 'match'],
        properties: {
          id: {type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$'},
          kind: {type: 'string', minLength: 1},
          scope: {oneOf: [{enum: SCOPES}, {type: 'array', items: {enum: SCOPES}, minItems: 1}]},
          where: {enum: ['anywhere', 'edge']},
          action: {enum: ['remove', 'attribution', 'photo-credit', 'keep']},
          caseSensitive: {type: 'boolean'},
          maxLength: {type: 'integer', minimum: 1},
          pattern: {type: 'string', minLength: 1},
          match: {type: 'array', items: {type: 'string'}, minItems: 1},
          keep: {type: 'array', items: {type: 'string'}}
        }
      }
    }
  }
}

/** How a catalogue file is read: the schema, then every entry compiled and its examples run. */
const catalogueSpec: DataSpec<RawCatalogue> = {
  schema,
  check: (data, file) => void compileCatalogue(data, file, {examples: true})
}

// Sentence ends after which a tail may be glued (with or without a space).
const SENTENCE_END = '[.!?"”’)\\]。]'
/** Tails are looked for in the end of a line only, which keeps the search linear. */
export const TAIL_WINDOW = 500
/**
 * What a `tail` pattern is wrapped in: the sentence end, the gap, the tail, the line end. The gap
 * takes every space (the lookahead): a tail pattern that may start with spaces of its own would
 * otherwise be retried after each space of a long gap.
 */
export const TAIL_HEAD = `(${SENTENCE_END})(\\s*)(?!\\s)(`
export const TAIL_END = ')\\s*$'

/** Reads, validates and compiles a catalogue file, running every entry's examples. */
export function loadCatalogue(file: string): Entry[] {
  return compileCatalogue(readDataFile(file, catalogueSpec), file)
}

const builtinData = ruleData('boilerplate', 'catalogue.yml', catalogueSpec)

/** The built-in catalogue, compiled; its examples ran when it was validated (at build time, or here without a build). */
export function builtinCatalogue(): Entry[] {
  return compileCatalogue(builtinData.load(), builtinData.path)
}

function compileCatalogue({definitions, entries}: RawCatalogue, file: string, {examples = false} = {}): Entry[] {
  const expanded = expandDefinitions(definitions, file)
  const ids = new Set<string>()
  return entries.map((raw) => {
    if (ids.has(raw.id)) throw new Error(`${file}: duplicate entry id \`${raw.id}\``)
    ids.add(raw.id)
    const entry = compile(raw, expanded, file)
    if (examples) checkExamples(entry, raw, file)
    return entry
  })
}

function expandDefinitions(definitions: Record<string, string>, file: string): Record<string, string> {
  const done: Record<string, string> = {}
  const resolve = (name: string, trail: string[]): string => {
    if (done[name] !== undefined) return done[name]
    const source = definitions[name]
    if (source === undefined) throw new Error(`${file}: unknown definition {${name}} (in ${trail.join(' → ')})`)
    if (trail.includes(name)) throw new Error(`${file}: definition {${name}} refers to itself`)
    return (done[name] = substitute(source, (inner) => resolve(inner, [...trail, name])))
  }
  for (const name of Object.keys(definitions)) resolve(name, [])
  return done
}

/** Replaces `{name}`: a letter first, so counts (`{1,60}`) stay, and not after `\p` (`\p{Lu}`). */
function substitute(pattern: string, lookup: (name: string) => string): string {
  return pattern.replace(/(?<!\\[pP])\{([A-Za-z]\w*)\}/g, (_, name: string) => `(?:${lookup(name)})`)
}

function compile(raw: RawEntry, definitions: Record<string, string>, file: string): Entry {
  const source = substitute(raw.pattern, (name) => {
    const found = definitions[name]
    if (found === undefined) throw new Error(`${file}: entry \`${raw.id}\` uses unknown definition {${name}}`)
    return found
  })
  const flags = raw.caseSensitive ? 'u' : 'iu'
  const scopes = new Set(Array.isArray(raw.scope) ? raw.scope : [raw.scope])
  try {
    return {
      id: raw.id,
      kind: raw.kind,
      where: raw.where ?? 'anywhere',
      action: raw.action ?? 'remove',
      maxLength: raw.maxLength ?? 200,
      // Anchored at both ends and tested on the trimmed line: written `^\s*(?:…)\s*$` and tested on the
      // raw line, every pattern that may start with a space was retried after each of a long indent's
      // spaces, which made a line of 6,000 spaces and a word take seconds.
      line: scopes.has('line') ? new RegExp(`^(?:${source})$`, flags) : undefined,
      contains: scopes.has('contains') ? new RegExp(source, flags) : undefined,
      tail: scopes.has('tail') ? new RegExp(`${TAIL_HEAD}${source}${TAIL_END}`, flags) : undefined
    }
  } catch (error) {
    throw new Error(`${file}: entry \`${raw.id}\` has an invalid pattern: ${(error as Error).message}`)
  }
}

/** How an entry matches one line of text, if it does. */
export function matchLine(entry: Entry, text: string): LineMatch | undefined {
  const trimmedStart = text.length - text.trimStart().length
  const trimmedEnd = text.trimEnd().length
  if (entry.line?.test(text.slice(trimmedStart, trimmedEnd)) || (entry.contains && trimmedEnd - trimmedStart <= entry.maxLength && containsWithoutProse(entry.contains, text))) {
    return {entry, start: trimmedStart, end: trimmedEnd, cut: trimmedStart, whole: true}
  }
  if (entry.tail) {
    const offset = Math.max(0, text.length - TAIL_WINDOW)
    const match = entry.tail.exec(offset === 0 ? text : text.slice(offset))
    if (match) {
      const cut = offset + match.index + match[1]!.length
      const start = cut + match[2]!.length
      // Nothing but the tail on the line: that is a whole line of furniture, matched above or not at all.
      if (/\S/.test(text.slice(0, cut))) return {entry, start, end: trimmedEnd, cut, whole: false}
    }
  }
  return undefined
}

/** The pattern occurs, and no sentence of the story shares the line with it (that is a tail's case). */
function containsWithoutProse(pattern: RegExp, text: string): boolean {
  const match = pattern.exec(text)
  if (!match) return false
  // The story's part before is what ends in its last full stop; the part after starts a sentence.
  const before = text.slice(0, match.index)
  const lastEnd = Math.max(...[...before.matchAll(/[.!?…]["”’)]*(?=\s|$)/gu)].map((end) => end.index + end[0].length), 0)
  const after = text.slice(match.index + match[0].length)
  const storyAfter = /^\s*["“‘(]?\p{Lu}/u.test(after) && isStorySentence(after)
  return !isStorySentence(before.slice(0, lastEnd)) && !storyAfter
}


function checkExamples(entry: Entry, raw: RawEntry, file: string): void {
  for (const example of raw.match) {
    if (!matchLine(entry, example)) throw new Error(`${file}: entry \`${raw.id}\` does not match its example ${JSON.stringify(example)}`)
  }
  for (const example of raw.keep ?? []) {
    if (matchLine(entry, example)) throw new Error(`${file}: entry \`${raw.id}\` matches ${JSON.stringify(example)}, which it must keep`)
  }
}
