// Repeated words ("the the"), found the way retext-repeated-words finds them and filtered by our
// allow list. The scan is our own: running retext-repeated-words as a transformer cost a tree walk
// through unist-util-visit, a string join and an object per word, and a VFile message per finding;
// one loop over the word nodes of each sentence does the same work for a fraction of that.
import type {Parent, Root, Sentence, Word} from 'nlcst'
import type {Point} from 'unist'
import {ruleDataPath} from '../../src/paths.js'
import {readList} from './not-prose.js'

export interface RepeatedWord {
  start: number
  end: number
  /** The first occurrence, which stays. */
  word: string
}

const ALLOWED = readList(ruleDataPath('typography', 'repeated-words.txt'))
// Words that may stand twice in a row, as retext-repeated-words allows them ("they had had").
const RETEXT_ALLOWED = new Set(['had', 'that', 'can', 'blah', 'beep', 'yadda', 'sapiens', 'tse', 'mau'])
// "What it is is a scandal": `is is` after `it` or `what` is grammar, not a slip.
const IS_IS_AFTER = /\b(?:it|what|this|that|which)\s+$/i
const FIRST_WORD = /^\S+/
const LETTER = /\p{L}/u

export function repeatedWords(tree: Root, text: string, allowed: ReadonlySet<string>): RepeatedWord[] {
  const found: RepeatedWord[] = []
  eachSentence(tree, (sentence) => {
    const children = sentence.children
    // Index and text of the word before the last white space, and of the word just read.
    let previousIndex = -1
    let previous: string | undefined
    let currentIndex = -1
    let current: string | undefined
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!
      if (child.type === 'WordNode') {
        const value = wordText(child)
        if (previous !== undefined && sameIgnoringCase(previous, value) && !ignoredByRetext(value)) {
          const repeat = accept(children[previousIndex]!.position?.start, child.position?.end, text, allowed)
          if (repeat) found.push(repeat)
        }
        currentIndex = index
        current = value
      } else if (child.type === 'WhiteSpaceNode') {
        previousIndex = currentIndex
        previous = current
        current = undefined
      } else {
        previous = undefined
        current = undefined
      }
    }
  })
  return found
}

/** Every sentence, in document order (sentences hold no sentences). */
function eachSentence(node: Parent | Root, visit: (sentence: Sentence) => void): void {
  for (const child of node.children) {
    if (child.type === 'SentenceNode') visit(child)
    else if ('children' in child) eachSentence(child as Parent, visit)
  }
}

/** The text of a word node (nlcst-to-string, without the array for the common one-child word). */
function wordText(word: Word): string {
  const children = word.children
  if (children.length === 1) return children[0]!.value
  let value = ''
  for (const child of children) value += child.value
  return value
}

/**
 * `a.toLowerCase() === b.toLowerCase()`, without lowercasing every word: only U+0130 (İ) changes
 * length when lowercased, so words of different lengths without it never match.
 */
function sameIgnoringCase(a: string, b: string): boolean {
  if (a === b) return true
  // Most neighbours differ in their first letter: ASCII characters that differ with bit 0x20 set
  // differ in lower case too, and the first character of a lowercased word is its own lowercase.
  const first = a.charCodeAt(0)
  const other = b.charCodeAt(0)
  if (first < 128 && other < 128 && (first | 0x20) !== (other | 0x20)) return false
  if (a.length !== b.length && !a.includes('\u0130') && !b.includes('\u0130')) return false
  return a.toLowerCase() === b.toLowerCase()
}

/** retext-repeated-words' exceptions: its allow list, initials (`D. D.`) and capitalised words (`Duran Duran`). */
function ignoredByRetext(value: string): boolean {
  if (RETEXT_ALLOWED.has(value.toLowerCase())) return true
  const head = value.charAt(0)
  if (head === head.toUpperCase()) {
    if (value.length === 2 && value.charAt(1) === '.') return true
    const tail = value.slice(1)
    if (tail === tail.toLowerCase()) return true
  }
  return false
}

/** Whether a unist point is usable, as unist-util-position judges it. */
function offsetOf(point: Point | undefined): number | undefined {
  if (!point || !(point.line > 0) || !(point.column > 0)) return undefined
  return typeof point.offset === 'number' && point.offset > -1 ? point.offset : undefined
}

function accept(startPoint: Point | undefined, endPoint: Point | undefined, text: string, allowed: ReadonlySet<string>): RepeatedWord | undefined {
  const start = offsetOf(startPoint)
  const end = offsetOf(endPoint)
  if (start === undefined || end === undefined) return undefined
  const word = FIRST_WORD.exec(text.slice(start, end))?.[0]
  if (word === undefined) return undefined
  const lower = word.toLowerCase()
  if (ALLOWED.has(lower) || allowed.has(lower)) return undefined
  // Numbers and symbols repeat in tables and scores; only words are slips.
  if (!LETTER.test(word)) return undefined
  if (lower === 'is' && IS_IS_AFTER.test(text.slice(Math.max(0, start - 12), start))) return undefined
  return {start, end, word}
}
