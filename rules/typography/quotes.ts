// Quote marks of one paragraph (one line): what each mark does (opens, closes, or is an
// apostrophe), judged from its neighbours and from the marks around it, whatever glyph was used.
import type {WordChecker} from '../../src/dictionary.js'
import {ruleDataPath} from '../../src/paths.js'
import {readList, within, type Span} from './not-prose.js'

export type QuoteKind = 'double' | 'single'
export type QuoteRole = 'open' | 'close' | 'apostrophe'

export interface QuoteMark {
  /** Absolute offset of the mark. */
  at: number
  glyph: string
  kind: QuoteKind
  role: QuoteRole
  /** A space is missing before it (an opening quote glued to the previous word). */
  spaceBefore: boolean
  /** A space is missing after it (a closing quote glued to the next word). */
  spaceAfter: boolean
}

export interface LineQuotes {
  /** Marks whose role is known; marks that could be anything (a lone `"` between spaces) are left out. */
  marks: QuoteMark[]
  /** Opening marks never closed and closing marks that close nothing, in this line alone. */
  unmatched: QuoteMark[]
  /** Straight and curly quote glyphs on the line (primes after digits excluded), for the majority style. */
  straightCount: number
  curlyCount: number
  /** Quotations still open at the end of the line (news copy re-opens a quote on each paragraph). */
  openAtEnd: {double?: QuoteMark; single?: QuoteMark}
  /** A closing double quote before any opening one on the line (a quotation hard-wrapped from the line before). */
  leadingClose?: QuoteMark
}

const ELISIONS = readList(ruleDataPath('typography', 'elisions.txt'))
const APOSTROPHE_WORDS = readList(ruleDataPath('typography', 'apostrophe-words.txt'))
// What follows an apostrophe inside a word: contractions and possessives (don’t, it’s, we’re).
const CONTRACTION_ENDINGS = new Set(['s', 't', 'd', 'm', 'n', 'll', 're', 've', 'er', 'em', 'en'])

const QUOTE_GLYPHS = /["'\u2018\u2019\u201C\u201D]/g
const DOUBLE = new Set(['"', '\u201C', '\u201D'])
const CURLY = new Set(['\u2018', '\u2019', '\u201C', '\u201D'])

/** Context classes: space (or line edge), word character, opening punctuation, other punctuation. */
type Context = 'S' | 'W' | 'O' | 'P'
const WORD = /[\p{L}\p{N}\p{M}]/u
const OPENING_PUNCTUATION = /[([{\u2014\u2013\-/<«\u201C\u2018\u201E\u201A]/
const DIGIT = /\p{N}/u
const LETTERS_BEFORE = /\p{L}+$/u
const LETTERS_AFTER = /^\p{L}+/u
const DIGITS_AFTER = /^\p{N}/u
const LOWERCASE_START = /^\p{Ll}/u
const UPPERCASE_START = /^\p{Lu}/u

function classify(char: string): Context {
  if (char === '' || /\s/.test(char)) return 'S'
  if (WORD.test(char)) return 'W'
  if (OPENING_PUNCTUATION.test(char)) return 'O'
  return 'P'
}

// Most neighbours of a quote mark are ASCII: their classes are worked out once, by the same tests.
const ASCII_CONTEXT = Array.from({length: 128}, (_, code) => classify(String.fromCharCode(code)))

// The length is tested before the code unit is read: reading one of '' (a line's edge) threw the
// optimised code away.
function contextOf(char: string): Context {
  if (char.length !== 1) return classify(char)
  const code = char.charCodeAt(0)
  return code < 128 ? ASCII_CONTEXT[code]! : classify(char)
}

function isDigit(char: string): boolean {
  if (char.length !== 1) return DIGIT.test(char)
  const code = char.charCodeAt(0)
  return code < 128 ? code >= 48 && code <= 57 : DIGIT.test(char)
}

/** The code point before `index` within the line, or '' at its start. */
function before(line: string, index: number): string {
  if (index <= 0) return ''
  const low = line.charCodeAt(index - 1)
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) return line.slice(index - 2, index)
  return line[index - 1]!
}

function after(line: string, index: number): string {
  const codePoint = line.codePointAt(index + 1)
  return codePoint === undefined ? '' : String.fromCodePoint(codePoint)
}

interface Candidate {
  index: number
  glyph: string
  left: Context
  right: Context
  /** A straight mark after a digit: a prime or inch mark (5'10"), unless a quotation is open. */
  afterDigit: boolean
}

/**
 * A closing glyph glued between two words where a space and an opening quote belong, as in
 * `sends’oil painting hand gestures’`: two real words on either side (not a contraction, not an
 * elided article, not a transliterated name), and a closing quote later on the line to pair with.
 */
function isGluedOpener(line: string, index: number, dictionary: WordChecker | undefined): boolean {
  const left = LETTERS_BEFORE.exec(line.slice(Math.max(0, index - 40), index))?.[0] ?? ''
  const right = LETTERS_AFTER.exec(line.slice(index + 1, index + 41))?.[0] ?? ''
  if (left.length < 2 || right.length < 2 || !LOWERCASE_START.test(left)) return false
  const lowerLeft = left.toLowerCase()
  const lowerRight = right.toLowerCase()
  if (CONTRACTION_ENDINGS.has(lowerRight)) return false
  if (APOSTROPHE_WORDS.has(`${lowerLeft}'${lowerRight}`) || APOSTROPHE_WORDS.has(`${lowerLeft}'`)) return false
  if (!dictionary) throw new DictionaryNeeded()
  if (dictionary.knows(`${left}'${right}`)) return false
  if (!dictionary.knows(left)) return false
  // A capital after the mark cannot start a contraction; a lowercase word must be a word on its own.
  return UPPERCASE_START.test(right) || dictionary.knows(right)
}

/** Thrown by `readQuotes` without a dictionary, on a line that needs one. */
export class DictionaryNeeded extends Error {}

/**
 * Reads the quote marks of one line. `offset` is the line's absolute start; marks inside
 * `skip` spans (URLs, e-mail addresses) are ignored. The dictionary (US and British English) tells
 * a quote glued between two words from an apostrophe; few lines need it, and without it
 * (not loaded yet) such a line throws `DictionaryNeeded`.
 */
export function readQuotes(line: string, offset: number, skip: readonly Span[], dictionary: WordChecker | undefined): LineQuotes {
  const candidates: Candidate[] = []
  let straightCount = 0
  let curlyCount = 0
  QUOTE_GLYPHS.lastIndex = 0
  for (let match = QUOTE_GLYPHS.exec(line); match; match = QUOTE_GLYPHS.exec(line)) {
    const index = match.index
    if (within(skip, offset + index)) continue
    const glyph = match[0]
    const previous = before(line, index)
    const afterDigit = (glyph === '"' || glyph === "'") && isDigit(previous)
    if (!afterDigit) {
      if (CURLY.has(glyph)) curlyCount++
      else straightCount++
    }
    candidates.push({index, glyph, left: contextOf(previous), right: contextOf(after(line, index)), afterDigit})
  }

  const marks: QuoteMark[] = []
  const unmatched: QuoteMark[] = []
  let openDouble: QuoteMark | undefined
  let openSingle: QuoteMark | undefined
  let leadingClose: QuoteMark | undefined
  let seenDouble = false

  // Position of the last single mark that could close a quotation (or is a possessive: same look).
  let lastSingleCloser = -1
  for (const [position, candidate] of candidates.entries()) {
    const closing = (candidate.left === 'W' || candidate.left === 'P') && candidate.right !== 'W'
    if (!DOUBLE.has(candidate.glyph) && !candidate.afterDigit && closing) lastSingleCloser = position
  }
  const closesLater = (from: number): boolean => lastSingleCloser > from

  for (const [position, candidate] of candidates.entries()) {
    const {index, glyph, left, right} = candidate
    const glued = (left === 'W' || left === 'P') && right === 'W'
    const opensByContext = (left === 'S' || left === 'O') && right !== 'S'
    const closesByContext = (left === 'W' || left === 'P') && right !== 'W'
    const mark = (role: QuoteRole, spaceBefore = false, spaceAfter = false): QuoteMark => ({
      at: offset + index,
      glyph,
      kind: DOUBLE.has(glyph) ? 'double' : 'single',
      role,
      spaceBefore,
      spaceAfter
    })

    if (DOUBLE.has(glyph)) {
      let found: QuoteMark | undefined
      if (candidate.afterDigit) found = openDouble ? mark('close') : undefined
      else if (opensByContext) found = mark('open')
      else if (closesByContext) found = mark('close')
      else if (glued) found = openDouble ? mark('close', false, true) : mark('open', true)
      if (!found) continue
      marks.push(found)
      if (!seenDouble && found.role === 'close') leadingClose = found
      seenDouble = true
      if (found.role === 'open') {
        if (openDouble) unmatched.push(openDouble)
        openDouble = found
      } else if (openDouble) {
        openDouble = undefined
      } else {
        unmatched.push(found)
      }
      continue
    }

    if (candidate.afterDigit) continue
    let found: QuoteMark | undefined
    if (left === 'W' && right === 'W') {
      if (!openSingle && closesLater(position) && isGluedOpener(line, index, dictionary)) {
        found = mark('open', true)
      } else {
        found = mark('apostrophe')
      }
    } else if (opensByContext) {
      const rest = line.slice(index + 1, index + 41)
      const word = LETTERS_AFTER.exec(rest)?.[0]?.toLowerCase()
      if (DIGITS_AFTER.test(rest) || (word !== undefined && ELISIONS.has(word))) {
        // 'em, '90s: an apostrophe, whichever way a smart-quote converter turned it.
        found = glyph === '\u2018' ? undefined : mark('apostrophe')
      } else if (glyph === '\u2018' || closesLater(position)) {
        found = mark('open')
      }
    } else if (closesByContext) {
      found = mark(openSingle ? 'close' : 'apostrophe')
    } else if (glued) {
      // Punctuation then a word: ,‘We or .’The
      if (openSingle) found = mark('close', false, true)
      else if (glyph === '\u2018' || closesLater(position)) found = mark('open', true)
    }
    if (!found) continue
    marks.push(found)
    if (found.role === 'open') {
      if (openSingle && openSingle.glyph === '\u2018') unmatched.push(openSingle)
      openSingle = found
    } else if (found.role === 'close') {
      openSingle = undefined
    }
  }
  if (openDouble) unmatched.push(openDouble)
  // Only a curly opening single quote is sure to be a quote; a straight one may be an apostrophe.
  const singleLeftOpen = openSingle && openSingle.glyph === '\u2018' ? openSingle : undefined
  if (singleLeftOpen) unmatched.push(singleLeftOpen)
  unmatched.sort((a, b) => a.at - b.at)
  return {marks, unmatched, straightCount, curlyCount, openAtEnd: {double: openDouble, single: singleLeftOpen}, leadingClose}
}

/** The glyph a mark should have in a style. */
export function glyphFor(mark: QuoteMark, style: 'smart' | 'straight'): string {
  if (style === 'straight') return mark.kind === 'double' ? '"' : "'"
  if (mark.kind === 'double') return mark.role === 'open' ? '\u201C' : '\u201D'
  return mark.role === 'open' ? '\u2018' : '\u2019'
}

export function isCurly(glyph: string): boolean {
  return CURLY.has(glyph)
}
