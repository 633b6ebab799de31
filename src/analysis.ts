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
  /**
   * Where a 0-based offset within 0..length into `text` is in the file: 1-based line and column
   * (UTF-16) and 0-based offset. For a window of a large file (see src/windows.ts) these count from
   * the start of the whole file, so messages name the lines a reader sees; `text` and every offset
   * a rule reports stay the window's.
   */
  point(offset: number): Point
  /** Extra analyses registered by rules, computed once per document (see `analysisCache`). */
  cached<T>(key: string, compute: () => T): T
  /**
   * The analysis of the whole file when this document is a window of it, without a tree: for the
   * few facts that must see the whole text (the source-language provenance). Undefined otherwise.
   */
  readonly whole?: DocumentAnalysis
  /** The analyses `cached` holds so far: the engine carries them from a file's collect pass to its lint. */
  cachedEntries(): ReadonlyMap<string, unknown>
}

export interface AnalysisOptions {
  /** Where `text` starts in the file, when it is a window of a larger text (a line start, or inside a cut long line). */
  origin?: Point
  /** The whole file's analysis, for a window (see `DocumentAnalysis.whole`). */
  whole?: DocumentAnalysis
  /** Analyses already computed for this same text (see `cachedEntries`). */
  cached?: ReadonlyMap<string, unknown>
}

/** `tree` may be a function, for callers that parse only if a rule asks for the tree. */
export function documentAnalysis(text: string, tree: Root | (() => Root), options: AnalysisOptions = {}): DocumentAnalysis {
  return new Analysis(text, tree, options)
}

/**
 * A class, not an object literal with getters: V8 allocates a literal's accessor pair in the old
 * generation, and through it the getters' closures kept each file's tree alive in every young
 * collection until the next full one (a quarter of a file's allocations promoted, then swept).
 */
class Analysis implements DocumentAnalysis {
  readonly whole?: DocumentAnalysis
  private parsed: Root | undefined
  private readonly parse: (() => Root) | undefined
  private readonly origin: Point | undefined
  private readonly cache: Map<string, unknown>
  private lineList: Line[] | undefined
  private quotationList: Span[] | undefined
  private place: ReturnType<typeof location> | undefined

  constructor(
    readonly text: string,
    tree: Root | (() => Root),
    {origin, whole, cached}: AnalysisOptions
  ) {
    if (typeof tree === 'function') this.parse = tree
    else this.parsed = tree
    this.origin = origin
    this.whole = whole
    this.cache = new Map(cached)
  }

  get tree(): Root {
    return (this.parsed ??= this.parse!())
  }

  get lines(): Line[] {
    return (this.lineList ??= splitLines(this.text))
  }

  get quotations(): Span[] {
    return (this.quotationList ??= findQuotations(this.text, this.lines))
  }

  insideQuotation(start: number, end: number): boolean {
    // Quotations are sorted and disjoint: find the first one ending after `start`, then test overlap.
    const span = this.quotations[firstEndingAfter(this.quotations, start)]
    if (!span) return false
    // An insertion (start === end) is inside only strictly between the quote marks.
    return start === end ? span.start < start && start < span.end : span.start < end
  }

  point(offset: number): Point {
    // Offsets are range-checked before they get here; within 0..length vfile-location always answers.
    const point = (this.place ??= location(this.text)).toPoint(offset)!
    const origin = this.origin
    if (!origin || (origin.line === 1 && origin.column === 1 && !origin.offset)) return point
    return {
      line: point.line + origin.line - 1,
      // Only the window's first line can start inside a line of the file.
      column: point.line === 1 ? point.column + origin.column - 1 : point.column,
      offset: offset + (origin.offset ?? 0)
    }
  }

  cached<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute())
    return this.cache.get(key) as T
  }

  cachedEntries(): ReadonlyMap<string, unknown> {
    return this.cache
  }
}

/** Index of the first of sorted, disjoint spans that ends after `offset`; `spans.length` if none does. */
export function firstEndingAfter(spans: readonly Span[], offset: number): number {
  return partitionPoint(spans.length, (index) => spans[index]!.end <= offset)
}

/** Index of the last of spans sorted by start that starts at or before `offset`; -1 if none does. */
export function lastStartingAtOrBefore(spans: readonly Span[], offset: number): number {
  return partitionPoint(spans.length, (index) => spans[index]!.start <= offset) - 1
}

/** The first index in 0..count where `before` turns false (it is true, then false, along the indexes). */
function partitionPoint(count: number, before: (index: number) => boolean): number {
  let low = 0
  let high = count
  while (low < high) {
    const middle = (low + high) >> 1
    if (before(middle)) low = middle + 1
    else high = middle
  }
  return low
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
