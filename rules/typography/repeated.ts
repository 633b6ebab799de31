// Repeated words ("the the"), found by retext-repeated-words and filtered by our allow list.
import type {Root} from 'nlcst'
import retextRepeatedWords from 'retext-repeated-words'
import {VFile} from 'vfile'
import {ruleDataPath} from '../../src/paths.js'
import {readList} from './not-prose.js'

export interface RepeatedWord {
  start: number
  end: number
  /** The first occurrence, which stays. */
  word: string
}

const ALLOWED = readList(ruleDataPath('typography', 'repeated-words.txt'))
const findRepeats = retextRepeatedWords()
// "What it is is a scandal": `is is` after `it` or `what` is grammar, not a slip.
const IS_IS_AFTER = /\b(?:it|what|this|that|which)\s+$/i

export function repeatedWords(tree: Root, text: string, allowed: ReadonlySet<string>): RepeatedWord[] {
  const scratch = new VFile()
  findRepeats(tree, scratch)
  const found: RepeatedWord[] = []
  for (const message of scratch.messages) {
    const place = message.place
    if (!place || !('start' in place)) continue
    const start = place.start.offset
    const end = place.end.offset
    if (start === undefined || end === undefined) continue
    const word = /^\S+/.exec(text.slice(start, end))?.[0]
    if (word === undefined) continue
    const lower = word.toLowerCase()
    if (ALLOWED.has(lower) || allowed.has(lower)) continue
    // Numbers and symbols repeat in tables and scores; only words are slips.
    if (!/\p{L}/u.test(word)) continue
    if (lower === 'is' && IS_IS_AFTER.test(text.slice(Math.max(0, start - 12), start))) continue
    found.push({start, end, word})
  }
  return found
}
