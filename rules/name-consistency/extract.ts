// Finding the names in an article: capitalised runs of words, cut to the name they hold (titles,
// sentence openers and possessives removed), with organisations, headings and asides handled.
import type {Root} from 'nlcst'
import type {Span} from '../../src/analysis.js'
import {ruleDataPath} from '../../src/paths.js'
import {readList} from './lists.js'

export interface Mention {
  /** The name as written, spaces normalised: "Alexei Navalny", "Navalni", "Kim Jong-un". */
  form: string
  start: number
  end: number
  /** Part of an aside giving two spellings on purpose: counted, never reported. */
  alias?: boolean
}

/** A capitalised run that may be a name only if the name is known from elsewhere. */
interface Candidate {
  tokens: Token[]
  /** Certain: a name mid-sentence. Otherwise it opens a sentence, or sits in a Title Case heading. */
  certain: boolean
  /** In a heading, only known names inside the run count ("Navalni Protests Spread"). */
  heading: boolean
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
const WORD = /[\p{L}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*(?:-[\p{L}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*)*/gu
/** URLs, e-mail addresses (and the scraped placeholder), @handles and #hashtags: never names. */
const NOT_PROSE = /\b(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email(?:&#160;|\s)protected\]|(?<![\w@#])[@#][\p{L}\p{N}_]+/giu
const POSSESSIVE = /['’]s$/
const GAP = /^[ \u00A0]$/
const ABBREVIATION_GAP = /^\.[ \u00A0]$/
const ALIAS_LEAD = /^(?:also spelled|also known as|also written|also|or|aka|a\.k\.a\.|formerly|now|spelled|transliterated as|transliterated)\s+/i
const ALIAS_NAME = /^\p{Lu}[\p{L}\p{M}'’-]*(?: \p{Lu}[\p{L}\p{M}'’-]*){0,3}$/u

/** Offsets of the first word of every sentence. */
function sentenceStarts(tree: Root): Set<number> {
  const starts = new Set<number>()
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode') continue
      const first = sentence.children.find((child) => child.type === 'WordNode')
      if (first?.position?.start.offset !== undefined) starts.add(first.position.start.offset)
    }
  }
  return starts
}

function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((span) => span.start < end && start < span.end)
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

/** A name word: capitalised ("Navalny"), or a lowercase particle glued to one ("al-Assad", "d'Alema"). */
function isCapitalisedWord(text: string): boolean {
  // Acronyms (US, NGO, AFP) and Roman numerals are not name words.
  return (/^\p{Lu}/u.test(text) || GLUED_PARTICLE.test(text)) && !/^[\p{Lu}\d'’-]{2,}$/u.test(text)
}

function bareWord(text: string): string {
  return text.toLowerCase().replace(/\.$/, '')
}

/**
 * Scans a text for capitalised runs. `equivalent` tells whether two spellings name the same thing,
 * to recognise asides such as "Aleksey (Alexey) Navalny"; `skip` spans are never read.
 */
export function scanNames(text: string, tree: Root, skip: readonly Span[], equivalent: (a: string, b: string) => boolean): Scan {
  const blocked: Span[] = [...skip]
  for (const match of text.matchAll(NOT_PROSE)) blocked.push({start: match.index, end: match.index + match[0].length})
  const isBlocked = spanCursor(blocked)
  const starts = sentenceStarts(tree)
  const candidates: Candidate[] = []
  const aliases: Span[] = []
  const aliasMentions: Mention[] = []

  let lineStart = 0
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? text.length : newline
    const tokens: Token[] = []
    for (const match of text.slice(lineStart, lineEnd).matchAll(WORD)) {
      const start = lineStart + match.index
      const word = match[0]
      if (isBlocked(start, start + word.length)) continue
      const possessive = POSSESSIVE.test(word)
      tokens.push({
        text: possessive ? word.slice(0, -2) : word,
        start,
        end: start + word.length - (possessive ? 2 : 0),
        possessive,
        sentenceStart: starts.has(start)
      })
    }
    const lineAliases = findAliases(text, tokens, equivalent)
    for (const alias of lineAliases) {
      aliases.push({start: alias.start, end: alias.end})
      aliasMentions.push(alias)
    }
    const usable = lineAliases.length ? tokens.filter((token) => !overlaps(lineAliases, token.start, token.end)) : tokens
    const heading = isHeading(text.slice(lineStart, lineEnd), usable)
    for (const run of runs(text, usable)) {
      const candidate = nameIn(run, heading)
      if (candidate) candidates.push(candidate)
    }
    if (newline === -1) break
    lineStart = newline + 1
  }
  return {candidates, aliases, aliasMentions, blocked}
}

/** A Title Case heading: most significant words capitalised, no closing sentence punctuation. */
function isHeading(line: string, tokens: Token[]): boolean {
  if (/[.!?]["”’)\]]?\s*$/.test(line)) return false
  const significant = tokens.filter((token) => !SMALL_WORDS.has(token.text.toLowerCase()))
  if (significant.length < 3) return false
  const capitalised = significant.filter((token) => /^\p{Lu}/u.test(token.text)).length
  return capitalised / significant.length >= 0.75
}

/** Capitalised words joined by single spaces, particles between them, or an abbreviation's period. */
function runs(text: string, tokens: Token[]): Token[][] {
  const found: Token[][] = []
  let current: Token[] = []
  const close = () => {
    if (current.length) found.push(current)
    current = []
  }
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!
    const previous = current.at(-1)
    const gap = previous ? text.slice(previous.end + (previous.possessive ? 2 : 0), token.start) : ''
    const joined =
      previous !== undefined &&
      !previous.possessive &&
      (GAP.test(gap) || (ABBREVIATION_GAP.test(gap) && (previous.text.length === 1 || ABBREVIATIONS.has(previous.text.toLowerCase()))))
    if (isCapitalisedWord(token.text)) {
      if (!joined) close()
      current.push(token)
      continue
    }
    // A lowercase particle stays only between two capitalised words: "Osama bin Laden".
    const next = tokens[index + 1]
    if (
      joined &&
      PARTICLES.has(token.text) &&
      !token.possessive &&
      next &&
      isCapitalisedWord(next.text) &&
      GAP.test(text.slice(token.end, next.start))
    ) {
      current.push(token)
      continue
    }
    close()
  }
  close()
  return found
}

/** The name a run holds, if any: organisations dropped, openers, titles and suffixes cut. */
function nameIn(run: Token[], heading: boolean): Candidate | undefined {
  if (run.slice(1).some((token) => ORGANISATION_WORDS.has(bareWord(token.text)))) return undefined
  let tokens = run
  let cut = false
  while (tokens.length && LEAD_WORDS.has(bareWord(tokens[0]!.text))) {
    tokens = tokens.slice(1)
    cut = true
  }
  while (tokens.length > 1 && SUFFIXES.has(bareWord(tokens.at(-1)!.text))) tokens = tokens.slice(0, -1)
  if (tokens.length === 0) return undefined
  let lastTitle = -1
  for (let index = 0; index < tokens.length - 1; index++) if (TITLES.has(bareWord(tokens[index]!.text))) lastTitle = index
  if (lastTitle >= 0) {
    tokens = tokens.slice(lastTitle + 1)
    cut = true
  } else if (tokens.every((token) => TITLES.has(bareWord(token.text)))) {
    return undefined
  }
  // Particles never open or close a name; single letters alone are not names.
  while (tokens.length && !isCapitalisedWord(tokens[0]!.text)) tokens = tokens.slice(1)
  if (tokens.length === 0 || !tokens.some((token) => token.text.length > 1)) return undefined
  const certain = !heading && (tokens.length > 1 || cut || !tokens[0]!.sentenceStart)
  return {tokens, certain, heading}
}

/** The text of a run of tokens, spaces normalised. */
function formOf(text: string, tokens: Token[]): string {
  // One form whatever the Unicode normalisation (a decomposed ü is the `unicode` rule's business).
  return text.slice(tokens[0]!.start, tokens.at(-1)!.end).replace(/\s+/g, ' ').normalize('NFC')
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
      mentions.push({form: formOf(text, tokens), start: tokens[0]!.start, end: tokens.at(-1)!.end})
      continue
    }
    if (!candidate.heading) {
      const form = formOf(text, tokens)
      if (known(form)) mentions.push({form, start: tokens[0]!.start, end: tokens.at(-1)!.end})
      continue
    }
    // In a heading, the longest known names inside the run, left to right.
    for (let from = 0; from < tokens.length; ) {
      let to = tokens.length
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
  for (const candidate of scan.candidates) if (candidate.certain) forms.add(formOf(text, candidate.tokens))
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
