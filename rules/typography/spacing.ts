// Spacing around punctuation on one line: a missing space after a full stop ("said.The"), a space
// before punctuation ("said ."), and doubled spaces.
import {within, type Span} from './not-prose.js'

export interface SpacingFinding {
  kind: 'missingSpace' | 'spaceBeforePunctuation' | 'doubleSpace'
  start: number
  end: number
  replacement: string
  data: Record<string, string>
}

// Sentence punctuation glued to a capitalised word: a lowercase letter, digit or closing bracket
// before . ! ? …, any letter before , ; : ("SEOUL,Korea"). A capital before a full stop is an
// initial or initialism (U.S., J.R.R.); a lowercase letter after it is a domain or file name.
// Each pattern starts with the mark it is about and looks behind only from there: a look-behind at
// the start would run at every position of the line, this runs only where the mark is.
const GLUED_SENTENCE = /[.!?\u2026](?=\p{Lu}\p{Ll})(?<=[\p{Ll}\p{N})\]].)|[,;:](?=\p{Lu}\p{Ll})(?<=\p{L}.)/gu
// A space before punctuation that ends a clause; an ellipsis (" ...", " . . .") and a decimal
// (" .45") are not that. Matches from the first space of the run, straight after the word; the
// look-ahead for the punctuation goes first, as most spaces are followed by a word.
const SPACE_BEFORE = / (?= *[,!?.;:])(?<=[\p{L}\p{N}\p{M}\u201D\u2019"')\]] ) *(?:[,!?](?=[\s"'\u201D\u2019)\]!?]|$)|\.(?!\s\.)(?=[\s"'\u201D\u2019)\]]|$)|[;:](?=\s|$))/gu
const SPACES = / {2,}/g
const ALIGNMENT = / {3,}/g
const DIGIT = /\p{N}/u
const WORD_AFTER = /^[^\s]{1,20}/
const WORD_BEFORE = /[^\s]{1,20}$/

export function missingSpaces(line: string, offset: number, skip: readonly Span[]): SpacingFinding[] {
  const findings: SpacingFinding[] = []
  GLUED_SENTENCE.lastIndex = 0
  for (let match = GLUED_SENTENCE.exec(line); match; match = GLUED_SENTENCE.exec(line)) {
    const start = offset + match.index
    if (within(skip, start)) continue
    const next = /^\p{L}+/u.exec(line.slice(match.index + 1, match.index + 41))![0]
    findings.push({kind: 'missingSpace', start, end: start + 1, replacement: `${match[0]} `, data: {next}})
  }
  return findings
}

export function spacesBeforePunctuation(line: string, offset: number, skip: readonly Span[]): SpacingFinding[] {
  const findings: SpacingFinding[] = []
  SPACE_BEFORE.lastIndex = 0
  for (let match = SPACE_BEFORE.exec(line); match; match = SPACE_BEFORE.exec(line)) {
    const punctuation = match[0].trimStart()
    const end = match.index + match[0].length
    // Scores and times written with spaces ("3 : 1") keep them.
    if ((punctuation === ':' || punctuation === ';') && DIGIT.test(line[match.index - 1] ?? '') && DIGIT.test(line[end + 1] ?? '')) continue
    const start = offset + match.index
    if (within(skip, start, offset + end)) continue
    const before = WORD_BEFORE.exec(line.slice(Math.max(0, match.index - 20), match.index))?.[0] ?? ''
    findings.push({kind: 'spaceBeforePunctuation', start, end: offset + end, replacement: punctuation, data: {punctuation, before}})
  }
  return findings
}

/**
 * Runs of two or more spaces between words. Indentation and trailing spaces are left alone, and so
 * is a line that aligns columns with several wide gaps (a table).
 */
export function doubleSpaces(line: string, offset: number, taken: readonly Span[]): SpacingFinding[] {
  const findings: SpacingFinding[] = []
  // Most lines have no double space at all: one substring search settles them.
  if (!line.includes('  ') || (line.match(ALIGNMENT) ?? []).length >= 2) return findings
  SPACES.lastIndex = 0
  for (let match = SPACES.exec(line); match; match = SPACES.exec(line)) {
    const index = match.index
    const end = index + match[0].length
    if (index === 0 || end === line.length) continue
    if (within(taken, offset + index, offset + end)) continue
    const before = WORD_BEFORE.exec(line.slice(Math.max(0, index - 20), index))?.[0] ?? ''
    const after = WORD_AFTER.exec(line.slice(end, end + 20))?.[0] ?? ''
    if (!before || !after) continue
    findings.push({
      kind: 'doubleSpace',
      start: offset + index,
      end: offset + end,
      replacement: ' ',
      data: {count: String(match[0].length), before, after}
    })
  }
  return findings
}
