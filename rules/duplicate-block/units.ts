// An article cut into the units copies are made of (paragraphs, tweet embeds, copies glued onto
// the end of a line), each with the normalised words it is compared by: entities decoded, markup,
// URLs, punctuation and case dropped (NFKC applies to these comparison keys only).
import type {DocumentAnalysis} from '../../src/analysis.js'
import {decodeEntity, lineResidues, MARKUP_KINDS, type Residue} from '../../src/markup.js'
import {HASH_SEED, hashStep, Lexicon} from './lexicon.js'
import {ASCII_CLASS, classAt, isSpace, LETTER, LOWER, NUMBER, UPPER, width} from './chars.js'

/**
 * The words of a unit, position by position: each word's id in the document's lexicon (its
 * comparison value: lowercase, NFKC outside ASCII) and the absolute offsets of its source text.
 * Typed arrays rather than an object per word: an article has thousands of words.
 */
export interface Tokens {
  readonly length: number
  readonly ids: Int32Array
  readonly starts: Int32Array
  readonly ends: Int32Array
}

export interface Unit {
  kind: 'paragraph' | 'tweet'
  /** Absolute span: the text and, for a tweet, its signature (`— Name (@handle) Month D, YYYY`). */
  start: number
  end: number
  /** Words of the text part (a tweet's signature not included). */
  tokens: Tokens
  /** `handle date` of a tweet's signature. */
  signature?: string
  /** Absolute offsets where a sentence starts inside the text part, after its first (found on first read). */
  readonly sentenceStarts: number[]
  /** Markup residue inside the span: not a clean copy. */
  dirty: boolean
  /** Starts after other text on its line (a signature it was glued to). */
  glued: boolean
}

export interface Segmentation {
  units: Unit[]
  /** The distinct words of the units. */
  lexicon: Lexicon
  /** Markup residue of the whole text, sorted. */
  markup: Residue[]
}

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?'
/** The signature line of a flattened tweet embed; the date may be glued to the next copy. */
const SIGNATURE = new RegExp(
  `(?:[—–]|(?<!\\S)--?(?=\\s))\\s*[^()\\n—–]{1,60}?\\s*\\(@([A-Za-z0-9_]{1,15})\\)\\s*(${MONTH}\\s+\\d{1,2},\\s*\\d{4}|\\d{1,2}\\s+${MONTH}\\s+\\d{4}|\\d{4}年\\s*\\d{1,2}月\\s*\\d{1,2}日)`,
  'gu'
)
const URL = /(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S+/giu
// A sentence's end with the next paragraph's first word glued to it; an initialism (`U.S.`) is no end.
const LOST_BREAK = /(?<!(?:^|[\s.])\p{Lu})[.!?…]["'”’)\]]*(?=["“‘]?\p{Lu}\p{Ll})/gu

interface View {
  text: string
  /** Absolute offset of the line: a view without markup maps each character to `base + index`. */
  base: number
  /** Absolute start and end of the source of each view character, when markup was replaced. */
  from?: number[]
  to?: number[]
  quotes?: Int32Array
}

/** What segmenting a document has found so far. */
interface Found {
  pieces: Piece[]
  lexicon: Lexicon
  /** Every word of the document so far, as `Tokens` are: each unit's tokens are a stretch of these. */
  ids: Int32Array
  starts: Int32Array
  ends: Int32Array
  words: number
}

const NO_TOKENS: Tokens = {length: 0, ids: new Int32Array(0), starts: new Int32Array(0), ends: new Int32Array(0)}

/** The tokens from `from` to `to` of a unit's tokens (views, not copies). */
export function tokensBetween(tokens: Tokens, from: number, to: number): Tokens {
  return {length: to - from, ids: tokens.ids.subarray(from, to), starts: tokens.starts.subarray(from, to), ends: tokens.ends.subarray(from, to)}
}

interface Piece {
  kind: 'text' | 'signature'
  line: number
  start: number
  end: number
  tokens: Tokens
  /** Finds the sentence starts (scanning for them costs more than the rest of segmenting, and most units never need them). */
  sentenceStarts: () => number[]
  signature?: string
  dirty: boolean
  glued: boolean
}

export function segment(analysis: DocumentAnalysis): Segmentation {
  const text = analysis.text
  const pieces: Piece[] = []
  const lexicon = new Lexicon()
  const found: Found = {pieces, lexicon, ids: NO_TOKENS.ids, starts: NO_TOKENS.starts, ends: NO_TOKENS.ends, words: 0}
  // Room for a word in every four characters (news copy has about one in six), in one block.
  grow(found, (text.length >> 2) + 16)
  const markup: Residue[] = []
  for (const [lineIndex, line] of analysis.lines.entries()) {
    if (!/\S/.test(line.text)) continue
    const residues = lineResidues(analysis, lineIndex)
    for (const residue of residues) if (MARKUP_KINDS.has(residue.kind)) markup.push(residue)
    const view = lineView(text, line.start, line.end, line.text, residues)
    let cursor = 0
    // Every signature holds `(@handle)`: most lines have none, and skip the pattern.
    if (view.text.includes('(@')) {
      SIGNATURE.lastIndex = 0
      for (let match = SIGNATURE.exec(view.text); match; match = SIGNATURE.exec(view.text)) {
        addText(found, view, cursor, match.index, lineIndex, residues)
        const [start, end] = rawSpan(view, match.index, match.index + match[0].length)
        pieces.push({kind: 'signature', line: lineIndex, start, end, tokens: NO_TOKENS, sentenceStarts: () => [], signature: `${match[1]!.toLowerCase()} ${match[2]!.toLowerCase().replace(/\s+/g, ' ')}`, dirty: false, glued: false})
        cursor = match.index + match[0].length
      }
    }
    addText(found, view, cursor, view.text.length, lineIndex, residues)
  }
  return {units: assemble(pieces), lexicon, markup}
}

/** A tweet is a signature with the text just before it: on its line, or on the line above. */
function assemble(pieces: Piece[]): Unit[] {
  const units: Unit[] = []
  const used = new Set<Piece>()
  const tweets = new Map<Piece, Unit>()
  for (const [index, piece] of pieces.entries()) {
    if (piece.kind !== 'signature') continue
    const before = pieces[index - 1]
    if (!before || before.kind !== 'text' || used.has(before) || piece.line - before.line > 2) continue
    used.add(before)
    tweets.set(before, new PieceUnit(before, 'tweet', piece.end, piece.signature))
  }
  for (const piece of pieces) {
    if (piece.kind !== 'text') continue
    units.push(tweets.get(piece) ?? new PieceUnit(piece, 'paragraph', piece.end, undefined))
  }
  return units
}

/** A class, so the lazy `sentenceStarts` is a prototype getter, not an accessor allocated per unit (see src/analysis.ts). */
class PieceUnit implements Unit {
  readonly start: number
  readonly tokens: Tokens
  readonly dirty: boolean
  readonly glued: boolean
  private starts: number[] | undefined

  constructor(
    private readonly piece: Piece,
    readonly kind: Unit['kind'],
    readonly end: number,
    readonly signature: string | undefined
  ) {
    this.start = piece.start
    this.tokens = piece.tokens
    this.dirty = piece.dirty
    this.glued = piece.glued
  }

  get sentenceStarts(): number[] {
    return (this.starts ??= this.piece.sentenceStarts())
  }
}

/** Text between signatures, cut where a paragraph lost its break (`…Thursday.The central bank…`). */
function addText(found: Found, view: View, from: number, to: number, line: number, residues: Residue[]): void {
  let cursor = from
  const slice = from === 0 && to === view.text.length ? view.text : view.text.slice(from, to)
  LOST_BREAK.lastIndex = 0
  for (let match = LOST_BREAK.exec(slice); match; match = LOST_BREAK.exec(slice)) {
    const at = openingQuoteBefore(view, from + match.index + match[0].length)
    addPiece(found, view, cursor, at, line, residues)
    cursor = at
  }
  addPiece(found, view, cursor, to, line, residues)
}

function addPiece(found: Found, view: View, from: number, to: number, line: number, residues: Residue[]): void {
  const slice = from === 0 && to === view.text.length ? view.text : view.text.slice(from, to)
  const tokens = tokenize(found, view, slice, from)
  if (tokens.length === 0) return
  let first = from
  while (first < to && isSpace(slice.charCodeAt(first - from))) first++
  let last = to
  while (last > first && isSpace(slice.charCodeAt(last - 1 - from))) last--
  const [start, end] = rawSpan(view, first, last)
  const sentenceStarts = () => {
    const starts: number[] = []
    sentenceBreaks(slice, (matchEnd) => {
      const at = openingQuoteBefore(view, from + matchEnd)
      if (at > first && at < last) starts.push(fromAt(view, at))
    })
    return starts
  }
  const dirty = residues.length > 0 && residues.some((residue) => MARKUP_KINDS.has(residue.kind) && residue.start >= start && residue.end <= end)
  let before = first
  while (before > 0 && isSpace(view.text.charCodeAt(before - 1))) before--
  const glued = before > 0
  found.pieces.push({kind: 'text', line, start, end, tokens, sentenceStarts, dirty, glued})
}

/**
 * The words of `slice` (which starts at view offset `from`), as `[\p{L}\p{N}]+` finds them, outside
 * URLs, normalised for comparison. `rolloutThe` is two words that lost their space: a word is cut
 * before each capital that follows a lowercase letter or digit and precedes a lowercase letter,
 * the same in every copy.
 */
function tokenize(found: Found, view: View, slice: string, from: number): Tokens {
  const urls: Array<[number, number]> = []
  URL.lastIndex = 0
  for (let match = URL.exec(slice); match; match = URL.exec(slice)) urls.push([from + match.index, from + match.index + match[0].length])
  const first = found.words
  const length = slice.length
  let index = 0
  while (index < length) {
    const code = slice.charCodeAt(index)
    if (!((code < 128 ? ASCII_CLASS[code]! : classAt(slice, index)) & (LETTER | NUMBER))) {
      index += code < 128 ? 1 : width(slice, index)
      continue
    }
    const wordStart = index
    let ascii = true
    let upper = false
    // The hash of the word in lowercase, as long as it is ASCII (the lexicon's look-up key).
    let hash = HASH_SEED
    let cuts: number[] | undefined
    let previous = 0
    while (index < length) {
      const unit = slice.charCodeAt(index)
      let bits: number
      let step = 1
      if (unit < 128) bits = ASCII_CLASS[unit]!
      else {
        ascii = false
        step = width(slice, index)
        bits = classAt(slice, index)
      }
      if (!(bits & (LETTER | NUMBER))) break
      if (unit < 128) hash = hashStep(hash, bits & UPPER ? unit | 32 : unit)
      if (bits & UPPER) {
        upper = true
        if (previous & (LOWER | NUMBER) && classAt(slice, index + step) & LOWER) (cuts ??= []).push(index)
      }
      previous = bits
      index += step
    }
    const at = from + wordStart
    if (urls.length > 0 && urls.some(([start, end]) => at >= start && at < end)) continue
    if (!cuts) {
      addToken(found, view, slice, from, wordStart, index, ascii, upper, hash)
      continue
    }
    let partStart = wordStart
    for (const cut of [...cuts, index]) {
      addToken(found, view, slice, from, partStart, cut, ascii, upper, ascii ? asciiHash(slice, partStart, cut) : 0)
      partStart = cut
    }
  }
  const last = found.words
  return {length: last - first, ids: found.ids.subarray(first, last), starts: found.starts.subarray(first, last), ends: found.ends.subarray(first, last)}
}

/** The lexicon's hash of an ASCII word read in lowercase. */
function asciiHash(text: string, start: number, end: number): number {
  let hash = HASH_SEED
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index)
    hash = hashStep(hash, code >= 65 && code <= 90 ? code | 32 : code)
  }
  return hash
}

/** Adds a word of `slice` with its lexicon id (its comparison value: lowercase, NFKC outside ASCII). */
function addToken(found: Found, view: View, slice: string, from: number, start: number, end: number, ascii: boolean, upper: boolean, hash: number): void {
  const {lexicon} = found
  let id: number
  if (ascii) id = lexicon.ascii(slice, start, end, hash, upper)
  else {
    const part = slice.slice(start, end)
    id = lexicon.word((isAscii(part) ? part : part.normalize('NFKC')).toLowerCase())
  }
  const word = found.words++
  if (word === found.ids.length) grow(found, 2 * word)
  found.ids[word] = id
  found.starts[word] = fromAt(view, from + start)
  found.ends[word] = toAt(view, from + end - 1)
}

/** Room for `capacity` words: one new block for the three arrays, the words so far copied (views taken of the old one keep their contents). */
function grow(found: Found, capacity: number): void {
  const block = new Int32Array(3 * capacity)
  const ids = block.subarray(0, capacity)
  const starts = block.subarray(capacity, 2 * capacity)
  const ends = block.subarray(2 * capacity)
  ids.set(found.ids.subarray(0, found.words))
  starts.set(found.starts.subarray(0, found.words))
  ends.set(found.ends.subarray(0, found.words))
  found.ids = ids
  found.starts = starts
  found.ends = ends
}

function isAscii(value: string): boolean {
  for (let index = 0; index < value.length; index++) if (value.charCodeAt(index) >= 128) return false
  return true
}

/**
 * Where a sentence ends and the next begins, with or without the space a glued copy lost: calls
 * `found` with the end of each match of
 * `/[.!?…]["'”’)\]]*\s*(?=["“‘(]?[\p{Lu}\p{N}])|[^\s"“‘(\[](?=["“‘]?\p{Lu}\p{Ll})/gu` in `text`, as
 * that regex finds them (leftmost, non-overlapping, backtracking through the closers), read by hand
 * because the second branch is tried at nearly every character. That branch is anything glued to
 * the next paragraph's first word (`rolloutThe`): only a candidate, since a copy must then match an
 * earlier block word for word (so `McDonald` or `iPhone` cost nothing).
 */
function sentenceBreaks(text: string, found: (end: number) => void): void {
  const length = text.length
  let index = 0
  let code = text.charCodeAt(0)
  while (index < length) {
    if (code === 46 || code === 33 || code === 63 || code === 0x2026) {
      // `[.!?…]["'”’)\]]*\s*(?=["“‘(]?[\p{Lu}\p{N}])`
      let closed = index + 1
      while (closed < length && isCloser(text.charCodeAt(closed))) closed++
      let spaced = closed
      while (spaced < length && isSpace(text.charCodeAt(spaced))) spaced++
      // Greedy first, every closer and every space; then closers are given back one by one.
      let end = -1
      if (startsSentence(text, spaced)) end = spaced
      else {
        for (let back = closed - 1; back > index; back--) {
          if (startsSentence(text, back)) {
            end = back
            break
          }
        }
      }
      if (end !== -1) {
        found(end)
        index = end
        code = index < length ? text.charCodeAt(index) : -1
        continue
      }
    }
    // `[^\s"“‘(\[](?=["“‘]?\p{Lu}\p{Ll})`: most characters are followed by neither a quote nor a capital.
    // Below the surrogates a code unit is a character: `width` is called for few texts, and its call
    // first met after optimisation (any non-ASCII letter, before) threw the optimised code away.
    const step = code < 0xd800 ? 1 : width(text, index)
    // -1 past the end (reading there gives NaN, and threw the optimised code away on every text).
    const next = index + step < length ? text.charCodeAt(index + step) : -1
    if (next >= 128 || (next >= 65 && next <= 90) || next === 34) {
      if (!isSpace(code) && !isOpener(code) && code !== 40 && code !== 91 && startsWord(text, index + step)) {
        found(index + step)
      }
    }
    index += step
    code = next
  }
}

/** `["'”’)\]]` */
function isCloser(code: number): boolean {
  return code === 34 || code === 39 || code === 0x201d || code === 0x2019 || code === 41 || code === 93
}

/** `["“‘]` */
function isOpener(code: number): boolean {
  return code === 34 || code === 0x201c || code === 0x2018
}

/** `(?=["“‘(]?[\p{Lu}\p{N}])` */
function startsSentence(text: string, at: number): boolean {
  if (at >= text.length) return false
  const code = text.charCodeAt(at)
  if (code < 128 && code !== 34 && code !== 40) return (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
  if ((isOpener(code) || code === 40) && classAt(text, at + 1) & (UPPER | NUMBER)) return true
  return (classAt(text, at) & (UPPER | NUMBER)) !== 0
}

/** `(?=["“‘]?\p{Lu}\p{Ll})` */
function startsWord(text: string, at: number): boolean {
  if (at >= text.length) return false
  if (isOpener(text.charCodeAt(at)) && capitalised(text, at + 1)) return true
  return capitalised(text, at)
}

function capitalised(text: string, at: number): boolean {
  const code = text.charCodeAt(at)
  if (code < 128) {
    if (!(code >= 65 && code <= 90)) return false
    const next = text.charCodeAt(at + 1)
    return next < 128 ? next >= 97 && next <= 122 : (classAt(text, at + 1) & LOWER) !== 0
  }
  return (classAt(text, at) & UPPER) !== 0 && (classAt(text, at + width(text, at)) & LOWER) !== 0
}

/**
 * A break found just after a straight quote (`…Thursday."We will…`) belongs before it when that
 * quote opens the next sentence, as an even count of straight quotes before it says.
 */
function openingQuoteBefore(view: View, at: number): number {
  if (view.text[at - 1] !== '"') return at
  if (!view.quotes) {
    // Straight quotes before each position, counted once per line.
    view.quotes = new Int32Array(view.text.length + 1)
    for (let index = 0; index < view.text.length; index++) view.quotes[index + 1] = view.quotes[index]! + (view.text[index] === '"' ? 1 : 0)
  }
  return view.quotes[at - 1]! % 2 === 0 ? at - 1 : at
}

function fromAt(view: View, index: number): number {
  return view.from ? view.from[index]! : view.base + index
}

function toAt(view: View, index: number): number {
  return view.to ? view.to[index]! : view.base + index + 1
}

function rawSpan(view: View, from: number, to: number): [number, number] {
  return [fromAt(view, from), toAt(view, to - 1)]
}

/** The line as it reads once markup is gone (a space in its place) and entities are decoded. */
function lineView(text: string, start: number, end: number, lineText: string, residues: Residue[]): View {
  // Most lines hold no markup: the view is the line itself.
  if (residues.every((residue) => residue.kind === 'placeholder')) return {text: lineText, base: start}
  const parts: string[] = []
  const from: number[] = []
  const to: number[] = []
  // Plain text maps one to one; a replacement maps each of its code units to the whole source.
  const copy = (begin: number, stop: number) => {
    parts.push(text.slice(begin, stop))
    for (let index = begin; index < stop; index++) {
      from.push(index)
      to.push(index + 1)
    }
  }
  const replace = (value: string, begin: number, stop: number) => {
    parts.push(value)
    for (let unit = 0; unit < value.length; unit++) {
      from.push(begin)
      to.push(stop)
    }
  }
  let cursor = start
  for (const residue of residues) {
    copy(cursor, residue.start)
    if (MARKUP_KINDS.has(residue.kind)) replace(' ', residue.start, residue.end)
    else if (residue.kind === 'entity') replace(decodeEntity(text.slice(residue.start, residue.end)) ?? ' ', residue.start, residue.end)
    else copy(residue.start, residue.end)
    cursor = residue.end
  }
  copy(cursor, end)
  return {text: parts.join(''), base: start, from, to}
}
