// Facts about one document that several rules need, computed once per file and only on demand.
import type {Root} from 'nlcst'
import type {Point} from 'unist'
import {location} from 'vfile-location'

export interface Span {
  start: number
  end: number
}

export interface Line extends Span {
  /** Line number, 1-based. */
  line: number
  text: string
}

export interface DocumentAnalysis {
  readonly text: string
  readonly tree: Root
  /** Every line without its line break (`\r\n` or `\n`). */
  readonly lines: Line[]
  /** Spans of direct quotations, quote marks included. */
  readonly quotations: Span[]
  insideQuotation(start: number, end: number): boolean
  /** 1-based line and column (UTF-16) of a 0-based offset within 0..length. */
  point(offset: number): Point
  /** Extra analyses registered by rules, computed once per document (see `analysisCache`). */
  cached<T>(key: string, compute: () => T): T
}

/** `tree` may be a function, for callers that parse only if a rule asks for the tree. */
export function documentAnalysis(text: string, tree: Root | (() => Root)): DocumentAnalysis {
  let parsed = typeof tree === 'function' ? undefined : tree
  let lines: Line[] | undefined
  let quotations: Span[] | undefined
  let place: ReturnType<typeof location> | undefined
  const cache = new Map<string, unknown>()
  const analysis: DocumentAnalysis = {
    text,
    get tree() {
      return (parsed ??= (tree as () => Root)())
    },
    get lines() {
      return (lines ??= splitLines(text))
    },
    get quotations() {
      return (quotations ??= findQuotations(text, analysis.lines))
    },
    insideQuotation(start, end) {
      // Quotations are sorted and disjoint: find the first one ending after `start`, then test overlap.
      const spans = analysis.quotations
      let low = 0
      let high = spans.length
      while (low < high) {
        const middle = (low + high) >> 1
        if (spans[middle]!.end <= start) low = middle + 1
        else high = middle
      }
      const span = spans[low]
      if (!span) return false
      // An insertion (start === end) is inside only strictly between the quote marks.
      return start === end ? span.start < start && start < span.end : span.start < end
    },
    point(offset) {
      // Offsets are range-checked before they get here; within 0..length vfile-location always answers.
      return (place ??= location(text)).toPoint(offset)!
    },
    cached<T>(key: string, compute: () => T): T {
      if (!cache.has(key)) cache.set(key, compute())
      return cache.get(key) as T
    }
  }
  return analysis
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  let number = 1
  while (start <= text.length) {
    const newline = text.indexOf('\n', start)
    const stop = newline === -1 ? text.length : newline
    const end = stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop
    lines.push({start, end, line: number++, text: text.slice(start, end)})
    if (newline === -1) break
    start = newline + 1
  }
  return lines
}

const OPENING = new Map([
  ['\u201C', '\u201D'], // “ ”
  ['\u201E', '\u201C'], // „ “ (German)
  ['\u00AB', '\u00BB'], // « »
  ['\u300C', '\u300D'], // 「 」
  ['\u300E', '\u300F'] // 『 』
])

/**
 * Direct quotations, paragraph by paragraph (a quotation never spans a line break here: news copy
 * re-opens the quote on each paragraph). Straight double quotes pair left to right; curly ones by
 * their direction, with a closing glyph used as an opener accepted when it starts a word, as MT
 * output often does.
 */
function findQuotations(text: string, lines: Line[]): Span[] {
  const spans: Span[] = []
  for (const line of lines) {
    let open: {at: number; close: string} | undefined
    for (let index = line.start; index < line.end; index++) {
      const char = text[index]!
      if (open) {
        if (char === open.close || (open.close === '"' && char === '\u201D') || (open.close === '\u201D' && char === '"')) {
          spans.push({start: open.at, end: index + 1})
          open = undefined
        }
        continue
      }
      if (char === '"') open = {at: index, close: '"'}
      else if (OPENING.has(char)) open = {at: index, close: OPENING.get(char)!}
      else if (char === '\u201D' && /\s|^$/.test(text[index - 1] ?? '') && /\S/.test(text[index + 1] ?? '')) {
        open = {at: index, close: '\u201D'}
      }
    }
  }
  return spans
}
