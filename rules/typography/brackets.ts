// Brackets left open or closed without an opening, paragraph by paragraph (one line).
import {within, type Span} from './not-prose.js'

export interface UnmatchedBracket {
  /** Absolute offset. */
  at: number
  glyph: string
  partner: string
  opening: boolean
}

const PARTNER: Record<string, string> = {'(': ')', '[': ']', '{': '}', ')': '(', ']': '[', '}': '{'}
const BRACKETS = /[()[\]{}]/g
// Smileys: :) ;-) =( and the like.
const EMOTICON_BEFORE = /[:;=]-?$/
// List markers that close without opening: "1)", "a)", "iv)" at the start of a line or after a space.
const LIST_MARKER = /(?:^|\s)(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})$/

export function unmatchedBrackets(line: string, offset: number, skip: readonly Span[]): UnmatchedBracket[] {
  const open: Record<string, number[]> = {'(': [], '[': [], '{': []}
  const unmatched: UnmatchedBracket[] = []
  BRACKETS.lastIndex = 0
  for (let match = BRACKETS.exec(line); match; match = BRACKETS.exec(line)) {
    const index = match.index
    const glyph = match[0]
    if (within(skip, offset + index)) continue
    const head = line.slice(Math.max(0, index - 4), index)
    if (EMOTICON_BEFORE.test(head)) continue
    const stack = open[glyph]
    if (stack) {
      stack.push(index)
      continue
    }
    const opening = PARTNER[glyph]!
    const openings = open[opening]!
    if (openings.length > 0) openings.pop()
    else if (!(glyph === ')' && LIST_MARKER.test(line.slice(Math.max(0, index - 4), index)))) {
      unmatched.push({at: offset + index, glyph, partner: opening, opening: false})
    }
  }
  for (const [glyph, indices] of Object.entries(open)) {
    for (const index of indices) unmatched.push({at: offset + index, glyph, partner: PARTNER[glyph]!, opening: true})
  }
  return unmatched.sort((a, b) => a.at - b.at)
}
