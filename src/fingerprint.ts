// Fingerprints: an id for each finding that survives edits elsewhere in the file, so a baseline or a
// suppression keeps pointing at the same finding after lines are inserted, removed or moved.
//
// The recipe (version `newslint/v1`):
//   rule id
//   + the matched text, lower-cased with runs of white space collapsed
//   + its neighbourhood: up to NEIGHBOURS words on either side, in the same sentence and on the same
//     line, lower-cased, with punctuation and spacing left out (so a typography fix next door changes
//     nothing, and neither does an edit to the next sentence)
//   + the occurrence index among findings of the file with the same three values, in text order
// hashed with SHA-256 and cut to 16 hex digits. Offsets, line numbers and the file's path are not
// part of it: a paragraph moved elsewhere keeps its findings' fingerprints, and two identical
// findings are told apart (and matched by count) through their occurrence index.
import {createHash} from 'node:crypto'
import {collapseWhiteSpace} from './text.js'

/** The name of this recipe; SARIF's `partialFingerprints` key. Changing the recipe means a new version. */
export const FINGERPRINT_VERSION = 'newslint/v1'

/** Words taken on each side of a finding. Six is about half a sentence of news copy. */
export const NEIGHBOURS = 6

/** What a fingerprint is made from: any message shape with a rule id and a span will do. */
export interface Fingerprintable {
  ruleId?: string | null
  /** 0-based UTF-16 offsets into the text. */
  start: number
  end: number
  /** The matched text; `text.slice(start, end)` when absent. */
  actual?: string | null
}

export interface FingerprintOptions {
  /**
   * The text to read neighbourhoods from, when it differs from `text` in spans that must not count
   * (suppression comments are blanked out with spaces, so adding one does not move its neighbours'
   * fingerprints). Same length as `text`.
   */
  context?: string
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu

/** The matched text as fingerprints see it: lower case, white space collapsed, trimmed. */
export function normaliseMatch(value: string): string {
  return collapseWhiteSpace(value.toLowerCase()).trim()
}

/** Fingerprints of the findings of one text, in the order the findings are given. */
export function fingerprints(text: string, findings: readonly Fingerprintable[], options: FingerprintOptions = {}): string[] {
  const context = options.context ?? text
  // Occurrence indices count in text order, whatever order the findings come in.
  const order = findings.map((_, index) => index).sort((a, b) => findings[a]!.start - findings[b]!.start || findings[a]!.end - findings[b]!.end || a - b)
  const seen = new Map<string, number>()
  const result: string[] = new Array(findings.length)
  for (const index of order) {
    const finding = findings[index]!
    const key = tripleKey(text, context, finding)
    const occurrence = seen.get(key) ?? 0
    seen.set(key, occurrence + 1)
    result[index] = digest(`${key}\u0000${occurrence}`).slice(0, 16)
  }
  return result
}

/** The hash of (rule, matched text, neighbourhood): equal for findings that only their position tells apart. */
function tripleKey(text: string, context: string, finding: Fingerprintable): string {
  const start = clamp(finding.start, 0, text.length)
  const end = clamp(finding.end, start, text.length)
  const matched = normaliseMatch(finding.actual ?? text.slice(start, end))
  const before = wordsBefore(context, start)
  const after = wordsAfter(context, end)
  return digest([FINGERPRINT_VERSION, finding.ruleId ?? '', matched, before.join(' '), after.join(' ')].join('\u0000'))
}

/**
 * Characters read on each side of a finding at first. Reading its whole line made a file of one
 * long line quadratic (every finding read megabytes); a stretch gives the same words whenever it
 * holds the line's end, a sentence end, or a word more than needed (the first may be cut in two,
 * but is not among the words taken), and is read four times longer otherwise.
 */
const REACH = 256

/** The last NEIGHBOURS words before `start` in its sentence and line. */
function wordsBefore(context: string, start: number): string[] {
  for (let reach = REACH; ; reach *= 4) {
    const from = Math.max(0, start - reach)
    const stretch = context.slice(from, start)
    const newline = stretch.lastIndexOf('\n')
    const tail = sentenceTail(newline === -1 ? stretch : stretch.slice(newline + 1))
    const found = words(tail)
    if (from === 0 || newline !== -1 || tail.length < stretch.length || found.length > NEIGHBOURS) return found.slice(-NEIGHBOURS)
  }
}

/** The first NEIGHBOURS words after `end` in its sentence and line. */
function wordsAfter(context: string, end: number): string[] {
  for (let reach = REACH; ; reach *= 4) {
    const to = Math.min(context.length, end + reach)
    const stretch = context.slice(end, to)
    const newline = stretch.indexOf('\n')
    const head = sentenceHead(newline === -1 ? stretch : stretch.slice(0, newline))
    const found = words(head)
    if (to === context.length || newline !== -1 || head.length < stretch.length || found.length > NEIGHBOURS) return found.slice(0, NEIGHBOURS)
  }
}

// The end of a sentence: a full stop, question or exclamation mark (closing quotes and brackets
// after it), then white space. "Mr. Kim" ends one too early: only consistency matters here.
const SENTENCE_END = /[.!?…]["'”’)\]]*\s/g

/** The part of the text before a finding that is in its sentence. */
function sentenceTail(value: string): string {
  let cut = 0
  SENTENCE_END.lastIndex = 0
  for (let match = SENTENCE_END.exec(value); match; match = SENTENCE_END.exec(value)) cut = match.index + match[0].length
  return value.slice(cut)
}

/** The part of the text after a finding that is in its sentence. */
function sentenceHead(value: string): string {
  SENTENCE_END.lastIndex = 0
  const match = SENTENCE_END.exec(value)
  return match ? value.slice(0, match.index) : value
}

function words(value: string): string[] {
  return (value.toLowerCase().match(WORD) ?? []) as string[]
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

function clamp(value: number, low: number, high: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, low), high) : low
}
