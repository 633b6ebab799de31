// Finding the names in an article: capitalised runs of words, cut to the name they hold (titles,
// sentence openers and possessives removed), with organisations, headings and asides handled.
import type {Root} from 'nlcst'
import type {Span} from '../../src/analysis.js'
import {ruleDataPath} from '../../src/paths.js'
import {collapseWhiteSpace} from '../../src/text.js'
import {readList} from './lists.js'
import {memo} from './memo.js'

export interface Mention {
  /** The name as written, spaces normalised: "Alexei Navalny", "Navalni", "Kim Jong-un". */
  form: string
  start: number
  end: number
  /** Part of an aside giving two spellings on purpose: counted, never reported. */
  alias?: boolean
}

/**
 * The most words a name has, particles included ("Mohammed bin Salman bin Abdulaziz Al Saud" has
 * seven). A longer capitalised run (a tag cloud, a list of names, an all-capitals page) is not one
 * name: like a heading, it is searched for known names of at most this many words.
 */
const MAX_NAME_WORDS = 8

/** A capitalised run that may be a name only if the name is known from elsewhere. */
interface Candidate {
  tokens: Token[]
  /** Certain: a name mid-sentence. Otherwise it opens a sentence, or sits in a Title Case heading. */
  certain: boolean
  /**
   * In a heading, or a run longer than a name, only known names inside the run count ("Navalni
   * Protests Spread").
   */
  heading: boolean
  /** The form of all its tokens, once asked for. */
  form?: string
}

interface Token {
  text: string
  start: number
  /** End of the name part: a possessive `'s` is left out. */
  end: number
  possessive: boolean
  sentenceStart: boolean
}

export interface Scan {
  candidates: Candidate[]
  /** Spans where a writer gives two spellings on purpose: "Aleksey (Alexey) Navalny", "Kyiv (Kiev)". */
  aliases: Span[]
  /** The spelling outside the parenthesis of each aside ("Aleksey Navalny"): it counts as a use. */
  aliasMentions: Mention[]
  /** Spans that are not prose (URLs, e-mail addresses, @handles, #hashtags) or were skipped. */
  blocked: Span[]
}

function wordSet(file: string): Set<string> {
  return new Set(readList(ruleDataPath('name-consistency', file)).flatMap((line) => line.split(/\s+/)))
}

const TITLES = wordSet('titles.txt')
const LEAD_WORDS = wordSet('lead-words.txt')
const ORGANISATION_WORDS = wordSet('organisation-words.txt')
const PARTICLES = new Set(['bin', 'ibn', 'bint', 'al', 'el', 'de', 'del', 'della', 'der', 'den', 'di', 'da', 'das', 'dos', 'du', 'la', 'le', 'van', 'von', 'ter', 'ten', 'zu'])
// Abbreviations whose period does not end a name: "Mr. Navalny", "St. Petersburg", "George W. Bush".
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'mt', 'gen', 'lt', 'col', 'sen', 'rep', 'gov', 'prof', 'rev', 'sgt', 'capt', 'maj', 'adm', 'brig'])
const SUFFIXES = new Set(['jr', 'sr'])
// Small words Title Case leaves lowercase; they neither make nor break a heading.
const SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'nor', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'as', 'from', 'vs', 'via'])

const GLUED_PARTICLE = /^(?:al|el|ul|ad|an|ar|as|ash|at|az|bin|ibn|abu|da|de|di|du|d|l)['’-]\p{Lu}/u
/** URLs, e-mail addresses (and the scraped placeholder), @handles and #hashtags: never names. */
const NOT_PROSE = /\b(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email(?:&#160;|\s)protected\]|(?<![\w@#])[@#][\p{L}\p{N}_]+/giu
const GAP = /^[ \u00A0]$/
const ALIAS_LEAD = /^(?:also spelled|also known as|also written|also|or|aka|a\.k\.a\.|formerly|now|spelled|transliterated as|transliterated)\s+/i
const ALIAS_NAME = /^\p{Lu}[\p{L}\p{M}'’-]*(?: \p{Lu}[\p{L}\p{M}'’-]*){0,3}$/u

/** Offsets of the first word of every sentence, in text order. */
function sentenceStarts(tree: Root): number[] {
  const starts: number[] = []
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode') continue
      for (const child of sentence.children) {
        if (child.type !== 'WordNode') continue
        const offset = child.position?.start.offset
        if (offset !== undefined) starts.push(offset)
        break
      }
    }
  }
  // In order for any tree the parser makes; sorted otherwise, for the binary search.
  for (let index = 1; index < starts.length; index++) if (starts[index - 1]! > starts[index]!) return starts.sort((a, b) => a - b)
  return starts
}

function includes(sorted: readonly number[], value: number): boolean {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (sorted[middle]! < value) low = middle + 1
    else high = middle
  }
  return sorted[low] === value
}

// Every match of NOT_PROSE holds one of these, and starts on a line holding it (only the `[email
// protected]` placeholder can reach over a line break, to the next line): lines without one are skipped.
const NOT_PROSE_TRIGGER = /[@#]|https?:\/\/|www\.|\[email/giu

/** Spans of NOT_PROSE, the same as matching it over the whole text, reading only the lines that can hold one. */
function notProse(text: string): Span[] {
  const spans: Span[] = []
  // No match of the whole-text scan starts before `from` (the end of the previous match).
  let from = 0
  NOT_PROSE_TRIGGER.lastIndex = 0
  for (let trigger = NOT_PROSE_TRIGGER.exec(text); trigger; trigger = NOT_PROSE_TRIGGER.exec(text)) {
    const lineStart = trigger.index === 0 ? 0 : text.lastIndexOf('\n', trigger.index - 1) + 1
    const newline = text.indexOf('\n', trigger.index)
    const lineEnd = newline === -1 ? text.length : newline
    const nextNewline = newline === -1 ? -1 : text.indexOf('\n', newline + 1)
    // The line and the next, so a match starting on the line can end on the next; the window starts
    // at a line start, where \b and the lookbehind see what they see after a line break.
    const window = text.slice(lineStart, nextNewline === -1 ? text.length : nextNewline)
    NOT_PROSE.lastIndex = Math.max(0, from - lineStart)
    for (let match = NOT_PROSE.exec(window); match && lineStart + match.index < lineEnd; match = NOT_PROSE.exec(window)) {
      const start = lineStart + match.index
      from = start + match[0].length
      spans.push({start, end: from})
    }
    NOT_PROSE_TRIGGER.lastIndex = Math.max(lineEnd + 1, from)
  }
  return spans
}

/**
 * Answers "does this span overlap one of `spans`?" for spans asked in any order, in logarithmic time:
 * testing each of many spans against each of many others (a line of asides, an article of URLs and
 * house variants) was quadratic.
 */
export function spanIndex(spans: readonly Span[]): (start: number, end: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start)
  // The furthest end among the spans up to each one.
  const reach: number[] = []
  for (const [index, span] of sorted.entries()) reach.push(Math.max(span.end, index > 0 ? reach[index - 1]! : -Infinity))
  return (start, end) => {
    // The spans starting before `end` are sorted[0..low); one of them overlaps if it reaches past `start`.
    let low = 0
    let high = sorted.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (sorted[middle]!.start < end) low = middle + 1
      else high = middle
    }
    return low > 0 && reach[low - 1]! > start
  }
}

/** Answers "does this span overlap a blocked one?" for spans asked in text order, in linear time overall. */
function spanCursor(spans: Span[]): (start: number, end: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start)
  let index = 0
  let reach = -1
  let reachIndex = 0
  return (start, end) => {
    // Skip spans that end before this one starts; keep the furthest-reaching span seen so far.
    while (index < sorted.length && sorted[index]!.start < end) {
      if (sorted[index]!.end > reach) {
        reach = sorted[index]!.end
        reachIndex = index
      }
      index++
    }
    return reach > start && sorted[reachIndex]!.start < end
  }
}

const UPPERCASE_FIRST = /^\p{Lu}/u
const ACRONYM = /^[\p{Lu}\d'’-]{2,}$/u

/** A name word: capitalised ("Navalny"), or a lowercase particle glued to one ("al-Assad", "d'Alema"). */
function isCapitalisedWord(text: string): boolean {
  // Acronyms (US, NGO, AFP) and Roman numerals are not name words.
  const first = text.charCodeAt(0)
  if (first >= 0x61 && first <= 0x7a) {
    // Plain lowercase words (most of the text) have no ' ’ or - among their first four letters.
    let glued = false
    for (let index = 1; index < 4 && index < text.length; index++) {
      const code = text.charCodeAt(index)
      if (code === 0x27 || code === 0x2019 || code === 0x2d) glued = true
    }
    if (!glued) return false
  } else if (first >= 0x41 && first <= 0x5a) {
    // Capitalised, and a lowercase ASCII second letter rules out an acronym.
    const second = text.charCodeAt(1)
    if (second >= 0x61 && second <= 0x7a) return true
  }
  return (UPPERCASE_FIRST.test(text) || GLUED_PARTICLE.test(text)) && !ACRONYM.test(text)
}

const bareWord = memo((text: string): string => text.toLowerCase().replace(/\.$/, ''))

function isGapAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  return code === 0x20 || code === 0xa0
}

/**
 * Capitalised words joined by single spaces, particles between them, or an abbreviation's period,
 * built as the words of a line come: only name words and particles become tokens.
 */
class RunBuilder {
  /** Runs kept whole until the line ends, when it may be a heading (only then is its kind known). */
  private runs: Token[][] = []
  private deferred = false
  /** The run being built: `current[0..size)`. A scratch array that never shrinks (setting `length` would free it). */
  private readonly current: Token[] = []
  private size = 0
  /** A lowercase particle after a name word: kept if a name word follows it after one space ("Osama bin Laden"). */
  private pending: Token | undefined

  /** `candidates` receives the names of runs on lines that cannot be headings, as each run ends. */
  constructor(
    private readonly text: string,
    private readonly candidates: Candidate[]
  ) {}

  /** A new line: `maybeHeading` keeps its runs for `finish`. */
  line(maybeHeading: boolean): void {
    this.deferred = maybeHeading
  }

  /** Whether `token` continues the run after `previous`: one space, or an abbreviation's period and a space. */
  private joined(token: Token): boolean {
    if (this.size === 0) return false
    const previous = this.current[this.size - 1]!
    if (previous.possessive) return false
    const gap = token.start - previous.end
    if (gap === 1) return isGapAt(this.text, previous.end)
    return (
      gap === 2 &&
      this.text.charCodeAt(previous.end) === 0x2e &&
      isGapAt(this.text, previous.end + 1) &&
      (previous.text.length === 1 || ABBREVIATIONS.has(previous.text.toLowerCase()))
    )
  }

  /** Whether a run is open: only then can a particle join it. */
  get open(): boolean {
    return this.size > 0
  }

  private close(): void {
    if (this.size === 0) return
    // One scratch array for every run: a run is copied out only to wait for its line's end.
    if (this.deferred) this.runs.push(this.current.slice(0, this.size))
    else {
      const candidate = nameIn(this.current, false, this.size)
      if (candidate) this.candidates.push(candidate)
    }
    this.size = 0
  }

  private push(token: Token): void {
    this.current[this.size++] = token
  }

  /** A name word. */
  word(token: Token): void {
    const particle = this.pending
    if (particle) {
      this.pending = undefined
      if (token.start - particle.end === 1 && isGapAt(this.text, particle.end)) this.push(particle)
      else this.close()
    }
    if (!this.joined(token)) this.close()
    this.push(token)
  }

  /** A lowercase particle, not possessive. */
  particle(token: Token): void {
    if (this.pending) {
      // A particle after a particle: the first is not followed by a name word.
      this.pending = undefined
      this.close()
      return
    }
    if (this.joined(token)) this.pending = token
    else this.close()
  }

  /** Any other word: it ends the run. */
  other(): void {
    this.pending = undefined
    this.close()
  }

  /** The runs of the line kept for its end (none unless it may be a heading), and a fresh start for the next. */
  finish(): Token[][] {
    this.other()
    const runs = this.runs
    this.runs = []
    return runs
  }
}

/** A line ending as a sentence does: `.`, `!` or `?`, perhaps a closing quote or bracket, then spaces. */
function endsSentence(text: string, start: number, end: number): boolean {
  let index = end - 1
  while (index >= start && WHITE_SPACE.test(text[index]!)) index--
  if (index < start) return false
  if (SENTENCE_END.test(text[index]!)) return true
  return index > start && CLOSER.test(text[index]!) && SENTENCE_END.test(text[index - 1]!)
}

const WHITE_SPACE = /\s/
const SENTENCE_END = /[.!?]/
const CLOSER = /["”’)\]]/

// The words of a line: what /[\p{L}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*(?:-[\p{L}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*)*/gu
// matches (letters and marks, joined by apostrophes and hyphens), found without a match object or a
// string per word: most words are only looked at, never kept.
const LETTER_OR_MARK = /[\p{L}\p{M}]/u
/** Per UTF-16 code unit: 0 not yet known, 1 a letter or mark, 2 not. */
const letterOrMark = new Uint8Array(0x10000)

function isLetterOrMark(code: number): boolean {
  if (code < 0x80) return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a
  if (code > 0xffff) return LETTER_OR_MARK.test(String.fromCodePoint(code))
  let known = letterOrMark[code]!
  if (known === 0) letterOrMark[code] = known = LETTER_OR_MARK.test(String.fromCharCode(code)) ? 1 : 2
  return known === 1
}

/** The end of the run of letters and marks starting at `index`. */
function endOfLetters(text: string, index: number, limit: number): number {
  while (index < limit) {
    const unit = text.charCodeAt(index)
    if (unit < 0x80) {
      if (((unit | 0x20) - 0x61) >>> 0 > 25) break
      index++
      continue
    }
    const code = text.codePointAt(index)!
    if (!isLetterOrMark(code)) break
    index += code > 0xffff ? 2 : 1
  }
  return index
}

/** The next word at or after `from` and before `limit` (a line end): sets `wordStart` and `wordEnd`, or returns false. */
function nextWord(text: string, from: number, limit: number): boolean {
  let index = from
  while (index < limit) {
    const unit = text.charCodeAt(index)
    if (unit < 0x80) {
      if (((unit | 0x20) - 0x61) >>> 0 <= 25) break
      index++
      continue
    }
    const code = text.codePointAt(index)!
    if (isLetterOrMark(code)) break
    index += code > 0xffff ? 2 : 1
  }
  if (index >= limit) return false
  wordStart = index
  index = endOfLetters(text, index, limit)
  // Apostrophes and hyphens join letters on both sides: "Naval'ny", "Jae-myung", "al-Assad's".
  while (index + 1 < limit) {
    const code = text.charCodeAt(index)
    if (code !== 0x27 && code !== 0x2019 && code !== 0x2bc && code !== 0x2d) break
    if (!isLetterOrMark(text.codePointAt(index + 1)!)) break
    index = endOfLetters(text, index + 1, limit)
  }
  wordEnd = index
  return true
}

let wordStart = 0
let wordEnd = 0

/** A word starting with a lowercase ASCII letter, without the ' ’ or - of a glued particle ("al-Assad") among its first four characters. */
function isPlainLowercase(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start)
  if (first < 0x61 || first > 0x7a) return false
  for (let index = start + 1; index < start + 4 && index < end; index++) {
    const code = text.charCodeAt(index)
    if (code === 0x27 || code === 0x2019 || code === 0x2d) return false
  }
  return true
}

/** `isCapitalisedWord` of `text.slice(start, end)`, deciding most words from their first letters alone. */
function isCapitalisedAt(text: string, start: number, end: number): boolean {
  if (isPlainLowercase(text, start, end)) return false
  const first = text.charCodeAt(start)
  if (first >= 0x41 && first <= 0x5a) {
    // A capital alone ("W" in "George W. Bush") or before a lowercase letter cannot be an acronym.
    if (end - start === 1) return true
    const second = text.charCodeAt(start + 1)
    if (second >= 0x61 && second <= 0x7a) return true
  }
  return isCapitalisedWord(text.slice(start, end))
}

/** The longest particle ("della"): longer lowercase words need no lookup. */
const LONGEST_PARTICLE = Math.max(...[...PARTICLES].map((particle) => particle.length))

/**
 * Scans a text for capitalised runs. `equivalent` tells whether two spellings name the same thing,
 * to recognise asides such as "Aleksey (Alexey) Navalny"; `skip` spans are never read.
 */
export function scanNames(text: string, tree: Root, skip: readonly Span[], equivalent: (a: string, b: string) => boolean): Scan {
  const blocked: Span[] = [...skip, ...notProse(text)]
  const isBlocked = spanCursor(blocked)
  const starts = sentenceStarts(tree)
  const candidates: Candidate[] = []
  const aliases: Span[] = []
  const aliasMentions: Mention[] = []
  const builder = new RunBuilder(text, candidates)
  const token = (start: number, end: number, possessive: boolean): Token => ({
    text: text.slice(start, possessive ? end - 2 : end),
    start,
    end: possessive ? end - 2 : end,
    possessive,
    sentenceStart: includes(starts, start)
  })

  let lineStart = 0
  let paren = text.indexOf('(')
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? text.length : newline
    if (paren !== -1 && paren < lineStart) paren = text.indexOf('(', lineStart)
    // Only a line that may be a heading needs its words counted.
    const maybeHeading = !endsSentence(text, lineStart, lineEnd)
    builder.line(maybeHeading)
    let significant = 0
    let capitalised = 0
    let heading = false

    if (paren !== -1 && paren < lineEnd) {
      // A line with a parenthesis may hold asides ("Aleksey (Alexey) Navalny"): every word becomes a token.
      const tokens: Token[] = []
      for (let from = lineStart; nextWord(text, from, lineEnd); from = wordEnd) {
        if (!isBlocked(wordStart, wordEnd)) tokens.push(token(wordStart, wordEnd, isPossessiveAt(text, wordStart, wordEnd)))
      }
      const lineAliases = findAliases(text, tokens, equivalent)
      for (const alias of lineAliases) {
        aliases.push({start: alias.start, end: alias.end})
        aliasMentions.push(alias)
      }
      const inAlias = lineAliases.length ? spanIndex(lineAliases) : undefined
      const usable = inAlias ? tokens.filter((item) => !inAlias(item.start, item.end)) : tokens
      for (const item of usable) {
        if (maybeHeading) {
          if (!SMALL_WORDS.has(item.text.toLowerCase())) {
            significant++
            if (UPPERCASE_FIRST.test(item.text)) capitalised++
          }
        }
        if (isCapitalisedWord(item.text)) builder.word(item)
        else if (PARTICLES.has(item.text) && !item.possessive) builder.particle(item)
        else builder.other()
      }
    } else {
      for (let from = lineStart; nextWord(text, from, lineEnd); from = wordEnd) {
        const start = wordStart
        const end = wordEnd
        // Most words are plain lowercase ones outside any run: nothing to count, nothing to end.
        if (!maybeHeading && !builder.open && isPlainLowercase(text, start, end)) continue
        if (isBlocked(start, end)) continue
        const possessive = isPossessiveAt(text, start, end)
        const bareEnd = possessive ? end - 2 : end
        if (maybeHeading) {
          const word = text.slice(start, bareEnd)
          if (!SMALL_WORDS.has(word.toLowerCase())) {
            significant++
            if (UPPERCASE_FIRST.test(word)) capitalised++
          }
        }
        if (isCapitalisedAt(text, start, bareEnd)) builder.word(token(start, end, possessive))
        // A particle matters only inside a run ("Osama bin Laden").
        else if (builder.open && !possessive && bareEnd - start <= LONGEST_PARTICLE && PARTICLES.has(text.slice(start, bareEnd))) {
          builder.particle(token(start, end, possessive))
        } else builder.other()
      }
    }
    // A Title Case heading: most significant words capitalised, no closing sentence punctuation.
    if (maybeHeading && significant >= 3) heading = capitalised / significant >= 0.75
    for (const run of builder.finish()) {
      const candidate = nameIn(run, heading)
      if (candidate) candidates.push(candidate)
    }
    if (newline === -1) break
    lineStart = newline + 1
  }
  return {candidates, aliases, aliasMentions, blocked}
}

/** A possessive `'s` or `’s` ends the word. */
function isPossessiveAt(text: string, start: number, end: number): boolean {
  if (end - start < 2 || text.charCodeAt(end - 1) !== 0x73) return false
  const mark = text.charCodeAt(end - 2)
  return mark === 0x27 || mark === 0x2019
}

/** The name a run holds, if any: organisations dropped, openers, titles and suffixes cut. */
function nameIn(run: Token[], heading: boolean, length = run.length): Candidate | undefined {
  for (let index = 1; index < length; index++) if (ORGANISATION_WORDS.has(bareWord(run[index]!.text))) return undefined
  // The name is run[from..to).
  let from = 0
  let to = length
  let cut = false
  while (from < to && LEAD_WORDS.has(bareWord(run[from]!.text))) {
    from++
    cut = true
  }
  while (to - from > 1 && SUFFIXES.has(bareWord(run[to - 1]!.text))) to--
  if (to === from) return undefined
  let lastTitle = -1
  for (let index = from; index < to - 1; index++) if (TITLES.has(bareWord(run[index]!.text))) lastTitle = index
  if (lastTitle >= 0) {
    from = lastTitle + 1
    cut = true
  } else {
    let titles = true
    for (let index = from; index < to && titles; index++) titles = TITLES.has(bareWord(run[index]!.text))
    if (titles) return undefined
  }
  // Particles never open or close a name; single letters alone are not names.
  while (from < to && !isCapitalisedWord(run[from]!.text)) from++
  if (from === to) return undefined
  let long = false
  for (let index = from; index < to && !long; index++) long = run[index]!.text.length > 1
  if (!long) return undefined
  // A copy: `run` may be the builder's scratch array.
  const tokens = run.slice(from, to)
  if (tokens.length > MAX_NAME_WORDS) return {tokens, certain: false, heading: true}
  const certain = !heading && (tokens.length > 1 || cut || !tokens[0]!.sentenceStart)
  return {tokens, certain, heading}
}

/** The text of a run of tokens, spaces normalised. */
function formOf(text: string, tokens: Token[]): string {
  const raw = text.slice(tokens[0]!.start, tokens.at(-1)!.end)
  // Most forms are plain: Latin letters (never changed by NFC) and single spaces.
  let plain = true
  for (let index = 0; index < raw.length && plain; index++) {
    const code = raw.charCodeAt(index)
    if (code >= 0x300 || code === 0xa0 || (code >= 0x09 && code <= 0x0d) || (code === 0x20 && raw.charCodeAt(index + 1) === 0x20)) plain = false
  }
  if (plain) return raw
  // One form whatever the Unicode normalisation (a decomposed ü is the `unicode` rule's business).
  return collapseWhiteSpace(raw).normalize('NFC')
}

/** The form of a whole candidate, worked out once. */
function candidateForm(text: string, candidate: Candidate): string {
  return (candidate.form ??= formOf(text, candidate.tokens))
}

/**
 * The mentions of a scan: certain names always; openers of sentences and names in headings only when
 * `known` accepts them (the same article, the folder or the house list uses them as names).
 */
export function mentionsOf(text: string, scan: Scan, known: (form: string) => boolean): Mention[] {
  const mentions: Mention[] = [...scan.aliasMentions]
  for (const candidate of scan.candidates) {
    const {tokens} = candidate
    if (candidate.certain) {
      mentions.push({form: candidateForm(text, candidate), start: tokens[0]!.start, end: tokens.at(-1)!.end})
      continue
    }
    if (!candidate.heading) {
      const form = candidateForm(text, candidate)
      if (known(form)) mentions.push({form, start: tokens[0]!.start, end: tokens.at(-1)!.end})
      continue
    }
    // In a heading, the longest known names inside the run, left to right. Names are short, so only
    // spans of a name's length are tried: trying every span of a long run was cubic in its length.
    for (let from = 0; from < tokens.length; ) {
      let to = Math.min(tokens.length, from + MAX_NAME_WORDS)
      while (to > from && !known(formOf(text, tokens.slice(from, to)))) to--
      if (to === from) {
        from++
        continue
      }
      const part = tokens.slice(from, to)
      mentions.push({form: formOf(text, part), start: part[0]!.start, end: part.at(-1)!.end})
      from = to
    }
  }
  return mentions
}

/** Forms certain to be names in a scan: the ones that make other mentions `known`. */
export function certainForms(text: string, scan: Scan): Set<string> {
  const forms = new Set<string>()
  for (const candidate of scan.candidates) if (candidate.certain) forms.add(candidateForm(text, candidate))
  for (const mention of scan.aliasMentions) forms.add(mention.form)
  return forms
}

/**
 * "Aleksey (Alexey) Navalny", "Kyiv (Kiev)", "Navalny (also spelled Navalni)": the words before a
 * parenthesis and the name inside it are two spellings of one name. The span runs from the first
 * of those words to the closing parenthesis, and on over a name that continues after it.
 */
function findAliases(text: string, tokens: Token[], equivalent: (a: string, b: string) => boolean): Mention[] {
  const aliases: Mention[] = []
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!
    const open = text.startsWith(' (', token.end) ? token.end + 1 : text[token.end] === '(' ? token.end : -1
    if (open === -1 || token.possessive) continue
    const window = text.slice(open, open + 80)
    const close = window.indexOf(')')
    if (close === -1 || window.slice(0, close).includes('\n')) continue
    const inside = window.slice(1, close).trim().replace(ALIAS_LEAD, '')
    if (!ALIAS_NAME.test(inside)) continue
    const size = inside.split(' ').length
    const before = tokens.slice(Math.max(0, index - size + 1), index + 1)
    if (before.length !== size || !before.every((word) => isCapitalisedWord(word.text))) continue
    const outside = text.slice(before[0]!.start, token.end).replace(/\s+/g, ' ')
    if (outside === inside || !equivalent(outside, inside)) continue
    let end = open + close + 1
    const after: string[] = []
    // The name may go on after the parenthesis: "Aleksey (Alexey) Navalny".
    for (let next = index + 1; next < tokens.length; next++) {
      const word = tokens[next]!
      if (word.start < end) continue
      if (!GAP.test(text.slice(end, word.start)) || !isCapitalisedWord(word.text) || after.length === 2) break
      const lower = bareWord(word.text)
      if (TITLES.has(lower) || ORGANISATION_WORDS.has(lower) || LEAD_WORDS.has(lower)) break
      end = word.end
      after.push(word.text)
      if (word.possessive) break
    }
    aliases.push({form: [outside, ...after].join(' ').normalize('NFC'), start: before[0]!.start, end, alias: true})
  }
  return aliases
}

const WORD_BEFORE = /(\p{Lu}[\p{L}\p{M}'’-]*)[ \u00A0]$/u

/**
 * Whether the word at `start` ends a longer capitalised name ("Georgy Lvov", "Dynamo Kiev") rather
 * than standing alone after a title or an opener ("President", "Meanwhile") or lowercase words.
 */
export function endsLongerName(text: string, start: number): boolean {
  const before = WORD_BEFORE.exec(text.slice(Math.max(0, start - 40), start))?.[1]
  if (!before || !isCapitalisedWord(before)) return false
  const word = bareWord(before)
  return !LEAD_WORDS.has(word) && !TITLES.has(word) && !ORGANISATION_WORDS.has(word)
}
