// The phrase language of pack entries, compiled to regular expressions once per process.
//
//   oil painting (hand )?{noun:gesture|gestures}    literal words, `(a|b)` groups, `?` optional
//   {role:@speech-verb}                              a slot filled from a word class
//   {person}  {korean-name}  {number} …              a slot of a built-in kind (see SLOT_KINDS)
//   \(  \)  \{  \?  \\                               escapes
//
// A space matches any run of spaces or tabs (never a line break), `'` matches ' and ’, `"` matches
// straight and curly double quotes. Letters match in either case unless the entry is case-sensitive
// (the folding is compiled into the pattern, so slot shapes can still demand a capital). Words match
// whole: never inside a longer word or a hyphenated compound. The language has no repetition, so no
// compiled pattern can backtrack catastrophically.
import {KOREAN_SURNAMES} from '../../src/provenance.js'
import {escapeRegExp} from '../../src/text.js'

/** A problem in a pattern, with the pattern's text; the pack loader adds the file and entry. */
export class PatternError extends Error {
  constructor(
    readonly pattern: string,
    problem: string
  ) {
    super(`pattern \`${pattern}\`: ${problem}`)
    this.name = 'PatternError'
  }
}

export interface CompiledPattern {
  /** The pattern as written in the pack. */
  source: string
  /** Built on first use (see `compilePattern`). */
  readonly regex: RegExp
  /** Slot names, in order of appearance. */
  slots: string[]
  /** Whole-value checks of built-in slots, for what a regex cannot say (a name is not a weekday). */
  checks: Map<string, (value: string) => boolean>
  /** The longest literal the text must contain (lowercase unless case-sensitive), to skip texts fast. */
  required: string
  caseSensitive: boolean
  /** Lowercase words the pattern can open with: a capital on one of them comes from the text's position. */
  lowercaseOpeners: string[]
}

export type WordClasses = ReadonlyMap<string, readonly string[]>

const SPACE = '[^\\S\\r\\n]+'
const LETTER = '[\\p{L}\\p{M}]'
// Word edges use plain ranges (Latin with accents, Greek, Cyrillic, kana, CJK, Hangul) rather than
// Unicode properties: the same answer for news copy, and a tenth of the cost to compile, which
// every pattern pays once per process.
const WORD_CHAR = '[0-9A-Za-z_\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0300-\\u036F\\u0370-\\u03FF\\u0400-\\u052F\\u1E00-\\u1EFF\\u3040-\\u30FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uAC00-\\uD7AF]'
const WORD_BEFORE = `(?<!${WORD_CHAR}|${WORD_CHAR}-)`
const WORD_AFTER = `(?!${WORD_CHAR}|-${WORD_CHAR})`

// Words that are capitalised in news copy without being (part of) a personal name.
const NOT_NAME_WORDS = new Set(
  'The A An And But Or Of In On At To For By With From As After Before Since While When If It He She They We I This That These Those His Her Their Its Our Mr Mr. Ms Ms. Mrs Mrs. Dr Dr. President Minister Prime Foreign Secretary Spokesman Spokeswoman Spokesperson Chairman Leader Kremlin Palace Party Democratic People Power National Assembly Ministry Government Office Said Says Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Korea Russia Japan China Ukraine America US U.S. UK Britain Germany France India Iran Israel Taiwan Europe EU NATO UN Seoul Moscow Beijing Tokyo Washington Pyongyang Kyiv London Paris Berlin'.split(
    ' '
  )
)

const surnameAlternatives = [...KOREAN_SURNAMES].sort((a, b) => b.length - a.length).join('|')
const KOREAN_NAME_CHECK = new RegExp(
  `^(?:${surnameAlternatives}) (?:[A-Z][a-z]+-[a-z]+|[A-Z][a-z]+-[A-Z][a-z]+|[A-Z][a-z]+ [A-Z][a-z]+|[A-Z][a-z]{3,})$`
)

interface SlotKind {
  /** Regex source for the slot (its letters keep their case whatever the entry says). */
  source: string
  /** A case-sensitive test of the whole captured value. */
  check?: (value: string) => boolean
}

const CAPITALISED_WORD = `\\p{Lu}[\\p{L}\\p{M}'’]*(?:-${LETTER}+)*`

/** Built-in slot kinds: `{person}`, or `{name:person}` to give the slot another name. */
export const SLOT_KINDS: Record<string, SlotKind> = {
  /** One to three capitalised words: a personal name (titles and weekdays excluded). */
  person: {
    source: `${CAPITALISED_WORD}(?:[^\\S\\r\\n]${CAPITALISED_WORD}){0,2}`,
    check: (value) => value.split(/\s+/).every((word) => /^\p{Lu}/u.test(word) && !NOT_NAME_WORDS.has(word))
  },
  /** A Korean name as English copy writes it: Lee Jae-myung, Kim Jong Un, Kim Minsu. */
  'korean-name': {
    source: `(?:${surnameAlternatives})[^\\S\\r\\n]\\p{Lu}${LETTER}*(?:-${LETTER}+|[^\\S\\r\\n]\\p{Lu}${LETTER}*)?`,
    check: (value) => KOREAN_NAME_CHECK.test(value.replace(/\s+/g, ' '))
  },
  'korean-surname': {source: `(?:${surnameAlternatives})`, check: (value) => KOREAN_SURNAMES.includes(value)},
  /** One capitalised word (a name, a city). */
  capitalised: {source: `\\p{Lu}[\\p{L}\\p{M}'’]*`},
  /** A Russian patronymic: Sergeyevich, Anatolyevna. */
  patronymic: {source: `\\p{Lu}\\p{Ll}+(?:ovich|evich|ovna|evna|ichna)`, check: (value) => /^\p{Lu}\p{Ll}+$/u.test(value)},
  number: {source: '\\d+(?:[.,]\\d+)*'},
  /** An age in years, 1 to 119. */
  age: {source: '\\d{1,3}', check: (value) => Number(value) > 0 && Number(value) < 120}
}

type Piece = {kind: 'literal'; text: string} | {kind: 'space'} | {kind: 'group'; alternatives: Piece[][]; optional: boolean} | {kind: 'slot'; name: string; spec: string; optional: boolean}

/** Splits a pattern into pieces; throws a `PatternError` on malformed syntax. */
function parse(pattern: string, allowSlots: boolean): Piece[] {
  const pieces: Piece[] = []
  let index = 0
  const literal = (text: string) => {
    const last = pieces.at(-1)
    if (last?.kind === 'literal') last.text += text
    else pieces.push({kind: 'literal', text})
  }
  while (index < pattern.length) {
    const char = pattern[index]!
    if (char === '\\') {
      const next = pattern[index + 1]
      if (next === undefined) throw new PatternError(pattern, 'ends with a lone `\\`')
      literal(next)
      index += 2
    } else if (char === ' ') {
      while (pattern[index] === ' ') index++
      pieces.push({kind: 'space'})
    } else if (char === '(') {
      const close = findClose(pattern, index, ')')
      const body = pattern.slice(index + 1, close)
      if (/(?<!\\)[({]/.test(body)) throw new PatternError(pattern, 'groups and slots cannot be nested')
      const alternatives = splitAlternatives(body).map((alternative) => parse(alternative, false))
      if (alternatives.some((alternative) => alternative.length === 0)) throw new PatternError(pattern, 'a group has an empty alternative')
      index = close + 1
      const optional = pattern[index] === '?'
      if (optional) index++
      pieces.push({kind: 'group', alternatives, optional})
    } else if (char === '{') {
      if (!allowSlots) throw new PatternError(pattern, 'slots are not allowed here')
      const close = findClose(pattern, index, '}')
      const body = pattern.slice(index + 1, close)
      const colon = body.indexOf(':')
      const name = colon === -1 ? body : body.slice(0, colon)
      const spec = colon === -1 ? body : body.slice(colon + 1)
      if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) throw new PatternError(pattern, `slot name \`${name}\` must be letters and digits`)
      if (spec === '') throw new PatternError(pattern, `slot \`${name}\` is empty`)
      index = close + 1
      const optional = pattern[index] === '?'
      if (optional) index++
      pieces.push({kind: 'slot', name, spec, optional})
    } else if (char === ')' || char === '}' || char === '|' || char === '?') {
      throw new PatternError(pattern, `unexpected \`${char}\` (escape it as \`\\${char}\`)`)
    } else {
      literal(char)
      index++
    }
  }
  return pieces
}

function findClose(pattern: string, open: number, closer: string): number {
  for (let index = open + 1; index < pattern.length; index++) {
    if (pattern[index] === '\\') index++
    else if (pattern[index] === closer) return index
  }
  throw new PatternError(pattern, `unclosed \`${pattern[open]}\``)
}

function splitAlternatives(body: string): string[] {
  const parts: string[] = []
  let current = ''
  for (let index = 0; index < body.length; index++) {
    if (body[index] === '\\') {
      current += body.slice(index, index + 2)
      index++
    } else if (body[index] === '|') {
      parts.push(current)
      current = ''
    } else current += body[index]
  }
  parts.push(current)
  return parts
}

function escapeChar(char: string, caseSensitive: boolean): string {
  if (char === "'" || char === '\u2019') return "['\u2019]"
  if (char === '"') return '["\u201C\u201D]'
  const lower = char.toLowerCase()
  const upper = char.toUpperCase()
  // Case folding is compiled into the pattern (no `i` flag), so slot shapes can demand a capital.
  if (!caseSensitive && lower !== upper && lower.length === 1 && upper.length === 1) return `[${lower}${upper}]`
  return escapeRegExp(char)
}

// Packs spell their words with the same few dozen characters: each is escaped once per process
// (escaping every character of every word again cost a Korean article most of a pack's compile time).
const escapedChars = {folded: new Map<string, string>(), exact: new Map<string, string>()}

function literalSource(text: string, caseSensitive: boolean): string {
  const escaped = caseSensitive ? escapedChars.exact : escapedChars.folded
  let source = ''
  for (const char of text) {
    let piece = escaped.get(char)
    if (piece === undefined) escaped.set(char, (piece = escapeChar(char, caseSensitive)))
    source += piece
  }
  return source
}

/** Regex source of a list of words or phrases (spaces flexible), longest first so none shadows another. */
export function alternativesSource(words: readonly string[], caseSensitive: boolean): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.split(/ +/).map((part) => literalSource(part, caseSensitive)).join(SPACE))
    .join('|')
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char)
}

/** Whether the first (or last) thing a sequence of pieces can match is a letter or digit. */
function edgeIsWord(pieces: Piece[], side: 'first' | 'last'): boolean {
  const piece = side === 'first' ? pieces[0] : pieces.at(-1)
  if (!piece) return false
  if (piece.kind === 'literal') return isWordChar(side === 'first' ? piece.text[0] : piece.text.at(-1))
  if (piece.kind === 'space') return false
  return true
}

interface CompileOptions {
  caseSensitive: boolean
  classes: WordClasses
}

/** Compiles an entry's match pattern (slots allowed). */
export function compilePattern(pattern: string, options: CompileOptions): CompiledPattern {
  const pieces = parse(pattern.trim(), true)
  if (pieces.length === 0) throw new PatternError(pattern, 'is empty')
  const slots: string[] = []
  const checks = new Map<string, (value: string) => boolean>()
  let body = ''
  for (const piece of pieces) body += pieceSource(piece, pattern, options, slots, checks)
  const source = (edgeIsWord(pieces, 'first') ? WORD_BEFORE : '') + body + (edgeIsWord(pieces, 'last') ? WORD_AFTER : '')
  // Built on first use: V8 parses a pattern when it is constructed, about a millisecond for one
  // with `\p{L}`, and most of a pack's patterns never run (their required literal is not in the text).
  let regex: RegExp | undefined
  return {
    source: pattern,
    get regex() {
      return (regex ??= new RegExp(source, 'gu'))
    },
    slots,
    checks,
    required: requiredLiteral(pieces, options.caseSensitive),
    caseSensitive: options.caseSensitive,
    lowercaseOpeners: lowercaseOpeners(pieces)
  }
}

function pieceSource(piece: Piece, pattern: string, options: CompileOptions, slots: string[], checks: Map<string, (value: string) => boolean>): string {
  switch (piece.kind) {
    case 'literal':
      return literalSource(piece.text, options.caseSensitive)
    case 'space':
      return SPACE
    case 'group': {
      const inner = piece.alternatives.map((alternative) => alternative.map((part) => pieceSource(part, pattern, options, slots, checks)).join('')).join('|')
      return `(?:${inner})${piece.optional ? '?' : ''}`
    }
    case 'slot': {
      if (slots.includes(piece.name)) throw new PatternError(pattern, `slot \`${piece.name}\` appears twice`)
      slots.push(piece.name)
      let inner: string
      if (piece.spec.startsWith('@')) {
        const words = options.classes.get(piece.spec.slice(1))
        if (!words) throw new PatternError(pattern, `unknown word class \`${piece.spec}\``)
        inner = alternativesSource(words, options.caseSensitive)
      } else if (piece.spec.includes('|') || !(piece.spec in SLOT_KINDS)) {
        if (!piece.spec.includes('|') && piece.spec === piece.name) throw new PatternError(pattern, `unknown slot kind \`${piece.spec}\``)
        inner = alternativesSource(
          splitAlternatives(piece.spec).map((word) => word.replace(/\\(.)/g, '$1')),
          options.caseSensitive
        )
      } else {
        const kind = SLOT_KINDS[piece.spec]!
        inner = kind.source
        if (kind.check) checks.set(piece.name, kind.check)
      }
      return `(?<${piece.name}>${inner})${piece.optional ? '?' : ''}`
    }
  }
}

function lowercaseOpeners(pieces: Piece[]): string[] {
  const first = pieces[0]
  if (!first) return []
  if (first.kind === 'literal') {
    const word = /^\p{Ll}+/u.exec(first.text)?.[0]
    return word ? [word] : []
  }
  if (first.kind === 'group') {
    const openers = first.alternatives.flatMap((alternative) => lowercaseOpeners(alternative))
    return first.optional ? [...openers, ...lowercaseOpeners(pieces.slice(1))] : openers
  }
  return []
}

/** The longest literal outside optional parts, cut at quote marks (which match several glyphs). */
function requiredLiteral(pieces: Piece[], caseSensitive: boolean): string {
  let best = ''
  for (const piece of pieces) {
    if (piece.kind !== 'literal') continue
    for (const part of piece.text.split(/['"\u2019]/)) if (part.length > best.length) best = part
  }
  return caseSensitive ? best : best.toLowerCase()
}

/** A compiled list of context words (each a pattern without slots, or `@class`). */
export interface WordMatcher {
  /** One of the words anywhere in the string. */
  test(value: string): boolean
  /** One of the words right at the start of the string, after spaces. */
  testStart(value: string): boolean
  /** One of the words right at the end of the string, before spaces. */
  testEnd(value: string): boolean
  words: readonly string[]
}

/**
 * Built-in word classes that are shapes rather than lists. They are case-sensitive (a capital is a
 * capital). `@end` (the clause ends: punctuation or the end of the line) suits `followedBy` only.
 */
const SHAPE_CLASSES: Record<string, string> = {
  number: `${WORD_BEFORE}\\d+(?:[.,]\\d+)*${WORD_AFTER}`,
  possessive: `${WORD_BEFORE}${LETTER}+['\u2019]s?${WORD_AFTER}`,
  capitalised: `${WORD_BEFORE}\\p{Lu}[\\p{L}\\p{M}'\u2019-]*${WORD_AFTER}`,
  end: '(?=[.!?;:,)\\]"\u201D\u2019\u00BB]|$)'
}

/**
 * Compiles context words: each a small pattern (groups and `?`, no slots), or `@class` for a word
 * class. Word edges are matched whole, as in match patterns; letters match in any case.
 */
export function compileWords(words: readonly string[], classes: WordClasses, where: string): WordMatcher {
  // Entries share context lists (`@leader`, `@diplomacy`, the same few words): each distinct list is
  // compiled once per set of classes, and its matchers (stateless) are shared.
  let compiled = compiledWords.get(classes)
  if (!compiled) compiledWords.set(classes, (compiled = new Map()))
  const key = JSON.stringify(words)
  let matcher = compiled.get(key)
  if (!matcher) compiled.set(key, (matcher = compileWordList(words, classes, where)))
  return matcher
}

const compiledWords = new WeakMap<WordClasses, Map<string, WordMatcher>>()

function compileWordList(words: readonly string[], classes: WordClasses, where: string): WordMatcher {
  // Words are grouped by whether their edges are letters, so each group carries the (costly to
  // compile) Unicode word-edge lookarounds once rather than once per word.
  const groups = new Map<string, string[]>()
  const shapes: string[] = []
  const add = (source: string, first: boolean, last: boolean) => {
    const key = `${first ? 'w' : '-'}${last ? 'w' : '-'}`
    groups.set(key, [...(groups.get(key) ?? []), source])
  }
  for (const word of words) {
    if (word.startsWith('@')) {
      const name = word.slice(1)
      const shape = SHAPE_CLASSES[name]
      if (shape) {
        shapes.push(shape)
        continue
      }
      const list = classes.get(name)
      if (!list) throw new PatternError(word, `unknown word class in ${where}`)
      for (const item of list) {
        const edges = item.trim()
        add(alternativesSource([edges], false), isWordChar(edges[0]), isWordChar(edges.at(-1)))
      }
      continue
    }
    const pieces = parse(word.trim(), false)
    if (pieces.length === 0) throw new PatternError(word, `empty word in ${where}`)
    const body = pieces.map((piece) => pieceSource(piece, word, {caseSensitive: false, classes}, [], new Map())).join('')
    add(body, edgeIsWord(pieces, 'first'), edgeIsWord(pieces, 'last'))
  }
  const alternatives = [...shapes]
  for (const [key, sources] of groups) {
    // Longest first, so a phrase is not cut short by a word it starts with.
    const inner = sources.sort((a, b) => b.length - a.length).join('|')
    alternatives.push(`${key[0] === 'w' ? WORD_BEFORE : ''}(?:${inner})${key[1] === 'w' ? WORD_AFTER : ''}`)
  }
  // Case folding is compiled into the word patterns, so shapes (@capitalised) keep their case.
  const source = alternatives.join('|')
  // Each built on first use, as match patterns are: most context lists are never consulted.
  let anywhere: RegExp | undefined
  let atStart: RegExp | undefined
  let atEnd: RegExp | undefined
  return {
    test: (value) => (anywhere ??= new RegExp(source, 'u')).test(value),
    testStart: (value) => (atStart ??= new RegExp(`^${SPACE.replace('+', '*')}(?:${source})`, 'u')).test(value),
    testEnd: (value) => (atEnd ??= new RegExp(`(?:${source})${SPACE.replace('+', '*')}$`, 'u')).test(value),
    words
  }
}

/** Escapes a value (e.g. a captured name) so it can stand in a context word as a literal. */
export function escapePatternText(value: string): string {
  return value.replace(/[\\(){}|?]/g, '\\$&')
}
