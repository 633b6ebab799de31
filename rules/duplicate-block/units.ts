// An article cut into the units copies are made of (paragraphs, tweet embeds, copies glued onto
// the end of a line), each with the normalised words it is compared by: entities decoded, markup,
// URLs, punctuation and case dropped (NFKC applies to these comparison keys only).
import type {DocumentAnalysis} from '../../src/analysis.js'
import {decodeEntity, findResidue, MARKUP_KINDS, type Residue} from '../../src/markup.js'

export interface Token {
  value: string
  /** Absolute offsets of the token's source text. */
  start: number
  end: number
}

export interface Unit {
  kind: 'paragraph' | 'tweet'
  /** Absolute span: the text and, for a tweet, its signature (`— Name (@handle) Month D, YYYY`). */
  start: number
  end: number
  /** Words of the text part (a tweet's signature not included). */
  tokens: Token[]
  /** `handle date` of a tweet's signature. */
  signature?: string
  /** Absolute offsets where a sentence starts inside the text part, after its first. */
  sentenceStarts: number[]
  /** Markup residue inside the span: not a clean copy. */
  dirty: boolean
  /** Starts after other text on its line (a signature it was glued to). */
  glued: boolean
}

export interface Segmentation {
  units: Unit[]
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
const WORD = /[\p{L}\p{N}]+/gu
const ASCII = /^[\x00-\x7F]*$/
const CASE_BREAK = /(?<=[\p{Ll}\p{N}])(?=\p{Lu}\p{Ll})/u
const HAS_CASE_BREAK = /[\p{Ll}\p{N}]\p{Lu}\p{Ll}/u
// A sentence ends and the next begins, with or without the space a glued copy lost.
// Also anything glued to the next paragraph's first word (`rolloutThe`): only a candidate, since a copy
// must then match an earlier block word for word (so `McDonald` or `iPhone` cost nothing).
const SENTENCE_START = /[.!?…]["'”’)\]]*\s*(?=["“‘(]?[\p{Lu}\p{N}])|[^\s"“‘(\[](?=["“‘]?\p{Lu}\p{Ll})/gu
// A sentence's end with the next paragraph's first word glued to it; an initialism (`U.S.`) is no end.
const LOST_BREAK = /(?<!(?:^|[\s.])\p{Lu})[.!?…]["'”’)\]]*(?=["“‘]?\p{Lu}\p{Ll})/gu

interface View {
  text: string
  /** Absolute start and end of the source of each view character. */
  from: number[]
  to: number[]
  quotes?: Int32Array
}

interface Piece {
  kind: 'text' | 'signature'
  line: number
  start: number
  end: number
  tokens: Token[]
  sentenceStarts: number[]
  signature?: string
  dirty: boolean
  glued: boolean
}

export function segment(analysis: DocumentAnalysis): Segmentation {
  const text = analysis.text
  const pieces: Piece[] = []
  const markup: Residue[] = []
  for (const [lineIndex, line] of analysis.lines.entries()) {
    if (!/\S/.test(line.text)) continue
    const residues = findResidue(line.text, line.start)
    for (const residue of residues) if (MARKUP_KINDS.has(residue.kind)) markup.push(residue)
    const view = lineView(text, line.start, line.end, residues)
    let cursor = 0
    for (const match of view.text.matchAll(SIGNATURE)) {
      addText(pieces, view, cursor, match.index, lineIndex, residues)
      const [start, end] = rawSpan(view, match.index, match.index + match[0].length)
      pieces.push({kind: 'signature', line: lineIndex, start, end, tokens: [], sentenceStarts: [], signature: `${match[1]!.toLowerCase()} ${match[2]!.toLowerCase().replace(/\s+/g, ' ')}`, dirty: false, glued: false})
      cursor = match.index + match[0].length
    }
    addText(pieces, view, cursor, view.text.length, lineIndex, residues)
  }
  return {units: assemble(pieces), markup}
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
    tweets.set(before, {
      kind: 'tweet',
      start: before.start,
      end: piece.end,
      tokens: before.tokens,
      signature: piece.signature,
      sentenceStarts: before.sentenceStarts,
      dirty: before.dirty,
      glued: before.glued
    })
  }
  for (const piece of pieces) {
    if (piece.kind !== 'text') continue
    units.push(tweets.get(piece) ?? {kind: 'paragraph', start: piece.start, end: piece.end, tokens: piece.tokens, sentenceStarts: piece.sentenceStarts, dirty: piece.dirty, glued: piece.glued})
  }
  return units
}

/** Text between signatures, cut where a paragraph lost its break (`…Thursday.The central bank…`). */
function addText(pieces: Piece[], view: View, from: number, to: number, line: number, residues: Residue[]): void {
  let cursor = from
  for (const match of view.text.slice(from, to).matchAll(LOST_BREAK)) {
    const at = openingQuoteBefore(view, from + match.index + match[0].length)
    addPiece(pieces, view, cursor, at, line, residues)
    cursor = at
  }
  addPiece(pieces, view, cursor, to, line, residues)
}

function addPiece(pieces: Piece[], view: View, from: number, to: number, line: number, residues: Residue[]): void {
  const slice = view.text.slice(from, to)
  const urls: Array<[number, number]> = [...slice.matchAll(URL)].map((match) => [from + match.index, from + match.index + match[0].length])
  const tokens: Token[] = []
  WORD.lastIndex = 0
  for (let match = WORD.exec(slice); match; match = WORD.exec(slice)) {
    const word = match[0]
    const index = from + match.index
    if (urls.length > 0 && urls.some(([start, end]) => index >= start && index < end)) continue
    // `rolloutThe` is two words that lost their space; the same split applies to every copy.
    const parts = HAS_CASE_BREAK.test(word) ? word.split(CASE_BREAK) : [word]
    let at = index
    for (const part of parts) {
      tokens.push({value: (ASCII.test(part) ? part : part.normalize('NFKC')).toLowerCase(), start: view.from[at]!, end: view.to[at + part.length - 1]!})
      at += part.length
    }
  }
  if (tokens.length === 0) return
  const first = from + (slice.length - slice.trimStart().length)
  const last = to - (slice.length - slice.trimEnd().length)
  const [start, end] = rawSpan(view, first, last)
  const sentenceStarts: number[] = []
  for (const match of slice.matchAll(SENTENCE_START)) {
    const at = openingQuoteBefore(view, from + match.index + match[0].length)
    if (at > first && at < last) sentenceStarts.push(view.from[at]!)
  }
  const dirty = residues.some((residue) => MARKUP_KINDS.has(residue.kind) && residue.start >= start && residue.end <= end)
  let before = first
  while (before > 0 && /\s/.test(view.text[before - 1]!)) before--
  const glued = before > 0
  pieces.push({kind: 'text', line, start, end, tokens, sentenceStarts, dirty, glued})
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

function rawSpan(view: View, from: number, to: number): [number, number] {
  return [view.from[from]!, view.to[to - 1]!]
}

/** The line as it reads once markup is gone (a space in its place) and entities are decoded. */
function lineView(text: string, start: number, end: number, residues: Residue[]): View {
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
  return {text: parts.join(''), from, to}
}
