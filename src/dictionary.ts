// English word lists for spell checking. Hunspell's affix expansion (via nspell) is done once, at
// build time, into sorted plain word lists (dist/dictionaries/); at run time a binary search answers
// `knows` and an edit-distance search over the sorted list suggests, so a process that
// lints one article never pays nspell's half-second dictionary build.
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {packageRoot} from './paths.js'

export type Dialect = 'en-US' | 'en-GB'

const DICTIONARY_DIR = path.join(packageRoot, 'dist', 'dictionaries')

/** Every word form Hunspell accepts on its own (affixes expanded; compound-only and forbidden forms left out). */
export async function expandDictionary(dialect: Dialect): Promise<string[]> {
  const {default: nspell} = await import('nspell')
  const {default: data} = await (dialect === 'en-US' ? import('dictionary-en') : import('dictionary-en-gb'))
  const checker = nspell(Buffer.from(data.aff), Buffer.from(data.dic)) as unknown as {
    data: Record<string, string[]>
    flags: Record<string, unknown>
  }
  const excluded = new Set(['NEEDAFFIX', 'ONLYINCOMPOUND', 'FORBIDDENWORD'].map((name) => checker.flags[name]).filter((flag) => typeof flag === 'string'))
  // Sorted by code unit, as `withinTwoEdits` walks them.
  return Object.keys(checker.data)
    .filter((word) => !(checker.data[word] ?? []).some((flag) => excluded.has(flag)))
    .sort(byCodeUnit)
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Writes the expanded word lists, and beside each a note that it is sorted; run by `npm run build`. */
export async function buildDictionaries(): Promise<void> {
  mkdirSync(DICTIONARY_DIR, {recursive: true})
  for (const dialect of ['en-US', 'en-GB'] as const) {
    const words = await expandDictionary(dialect)
    writeFileSync(path.join(DICTIONARY_DIR, `${dialect}.txt`), words.join('\n'))
    writeFileSync(path.join(DICTIONARY_DIR, `${dialect}.json`), `${JSON.stringify({sorted: true, words: words.length} satisfies ListNote)}\n`)
  }
}

/** What the build notes beside a word list: a list without its note (an older build) is checked. */
interface ListNote {
  sorted: boolean
  words: number
}

/**
 * A sorted word list kept as the text of its file with the offset of each word: 120,000 strings
 * per list, made in every process and worker thread, cost a tenth of a second there, most of it
 * in the collector, and a look-up compares code units in place as well as strings would.
 */
export class WordList {
  /** The length of the longest word (24 in the Hunspell lists: electroencephalography's). */
  readonly longest: number
  private words: readonly string[] | undefined

  /** `starts[i]` is where word `i` starts in `text`; one past the last word, `text.length + 1`. */
  private constructor(
    private readonly text: string,
    private readonly starts: Int32Array
  ) {
    let longest = 0
    for (let index = 1; index < starts.length; index++) longest = Math.max(longest, starts[index]! - starts[index - 1]! - 1)
    this.longest = longest
  }

  /** A list of the lines of `text`, which must be sorted by code unit. */
  static ofSortedLines(text: string): WordList {
    let count = 1
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++
    const starts = new Int32Array(count + 1)
    let index = 1
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[index++] = at + 1
    starts[count] = text.length + 1
    return new WordList(text, starts)
  }

  static of(words: readonly string[]): WordList {
    return WordList.ofSortedLines((isSorted(words) ? words : [...words].sort(byCodeUnit)).join('\n'))
  }

  get size(): number {
    return this.starts.length - 1
  }

  /** The words, as strings: made on first use (only the two-edit search walks them). */
  get sorted(): readonly string[] {
    return (this.words ??= this.text.split('\n'))
  }

  /** Whether the list holds the word exactly: a binary search. */
  has(word: string): boolean {
    const {text, starts} = this
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      const order = compareAt(text, starts[middle]!, starts[middle + 1]! - 1, word)
      if (order === 0) return true
      if (order < 0) low = middle + 1
      else high = middle
    }
    return false
  }
}

/** `text.slice(start, end)` against `word` by code unit, as `<` orders strings: negative, zero or positive. */
function compareAt(text: string, start: number, end: number, word: string): number {
  const length = end - start
  const common = Math.min(length, word.length)
  for (let index = 0; index < common; index++) {
    const difference = text.charCodeAt(start + index) - word.charCodeAt(index)
    if (difference !== 0) return difference
  }
  return length - word.length
}

const wordLists = new Map<Dialect, Promise<WordList>>()

function wordList(dialect: Dialect): Promise<WordList> {
  let found = wordLists.get(dialect)
  if (!found) {
    const file = path.join(DICTIONARY_DIR, `${dialect}.txt`)
    // Without a build (tests run from source), expand at run time: slower, same words.
    found = existsSync(file) ? Promise.resolve(builtList(file, path.join(DICTIONARY_DIR, `${dialect}.json`))) : expandDictionary(dialect).then((words) => WordList.of(words))
    wordLists.set(dialect, found)
  }
  return found
}

/** A built list: taken as it is when its note says it is sorted, else split, checked and sorted if need be. */
export function builtList(file: string, noteFile: string): WordList {
  const text = readFileSync(file, 'utf8')
  let note: Partial<ListNote> = {}
  try {
    note = JSON.parse(readFileSync(noteFile, 'utf8')) as Partial<ListNote>
  } catch {
    // No note (a list of an older build) or a broken one: the list is checked below.
  }
  if (note.sorted === true) {
    const list = WordList.ofSortedLines(text)
    if (list.size === note.words) return list
  }
  return WordList.of(text.split('\n'))
}

function isSorted(words: readonly string[]): boolean {
  for (let index = 1; index < words.length; index++) if (words[index - 1]! > words[index]!) return false
  return true
}

/** Synchronous look-ups once the word lists are loaded: what a per-word hot loop needs. */
export interface WordChecker {
  /** Whether any of the dialects knows the word, with Hunspell's casing rules (cached per word). */
  knows(word: string): boolean
  /** Known words one or two edits away, best first (cached per word). */
  suggest(word: string): string[]
}

const wordCheckers = new Map<string, Promise<WordChecker>>()

const loadedCheckers = new Map<string, WordChecker>()

/** The checker of `wordChecker`, if it has loaded already: a synchronous reader can then use it. */
export function loadedWordChecker(dialects: readonly Dialect[]): WordChecker | undefined {
  return loadedCheckers.get(dialects.join('+'))
}

export function wordChecker(dialects: readonly Dialect[]): Promise<WordChecker> {
  const key = dialects.join('+')
  let found = wordCheckers.get(key)
  if (!found) {
    found = Promise.all(dialects.map((dialect) => wordList(dialect))).then((lists) => {
      const inAny = (word: string) => lists.some((list) => list.has(word))
      const longest = lists[0]!.longest
      const known = new Map<string, boolean>()
      const suggestions = new Map<string, string[]>()
      let suggestable: string[] | undefined
      const knows = (word: string) => {
        let result = known.get(word)
        if (result === undefined) {
          result = knownForm(word, inAny)
          known.set(word, result)
        }
        return result
      }
      return {
        knows,
        suggest(word) {
          let result = suggestions.get(word)
          // Suggestions come from the first dialect only: `en-GB` users want British spellings suggested.
          if (!result) {
            // Only words Norvig's edits can make (lower-case letters and the apostrophe) are walked,
            // and only by the two-edit search: most runs never make the list.
            const walked = () => (suggestable ??= lists[0]!.sorted.filter((candidate) => EDIT_LETTERS.test(candidate)))
            suggestions.set(word, (result = suggestFrom(word, longest, (candidate) => knownForm(candidate, (form) => lists[0]!.has(form)), walked)))
          }
          return result
        }
      }
    })
    wordCheckers.set(key, found)
    found.then((checker) => loadedCheckers.set(key, checker)).catch(() => {})
  }
  return found
}

/** Whether any of the dialects' dictionaries knows the word. */
export async function isDictionaryWord(word: string, dialects: readonly Dialect[] = ['en-US', 'en-GB']): Promise<boolean> {
  return (await wordChecker(dialects)).knows(word)
}

/** Hunspell's casing: exact; an all-capitals word in sentence case; any word in lower case. */
function knownForm(word: string, has: (form: string) => boolean): boolean {
  if (has(word)) return true
  if (word.toUpperCase() === word && word.length > 1 && has(word.charAt(0) + word.slice(1).toLowerCase())) return true
  const lower = word.toLowerCase()
  return lower !== word && has(lower)
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz'"
const MAX_SUGGESTIONS = 5

/**
 * Norvig's corrector over the word list: every string one edit away (transposition, deletion,
 * substitution, insertion); only if that finds nothing, the dictionary's words two edits away,
 * found by a walk of the sorted list (building every string two edits away took some 100 ms a word,
 * and an editor meets a new unknown word at every keystroke inside one). Transpositions and the
 * candidates that keep the first letter rank first, as typos rarely hit the first letter; among
 * words two edits away, those that keep more of the word's start come first (a word being typed).
 * `sorted`: the dictionary's words of `EDIT_LETTERS`, sorted, for the two-edit search (made when first asked for).
 */
function suggestFrom(word: string, longest: number, known: (candidate: string) => boolean, sorted: () => readonly string[]): string[] {
  const lower = word.toLowerCase()
  // One edit shortens a word by one letter at most, so a word longer than the longest dictionary
  // word plus one has no candidate at all. Building its edits anyway costs the square of its length
  // (each of its ~54 × length edits is a copy of it): a 50,000-letter scraped token took minutes.
  if (lower.length > longest + 1) return []
  const restoreCase = (candidate: string) =>
    word.toUpperCase() === word && word.length > 1 ? candidate.toUpperCase() : /^\p{Lu}/u.test(word) ? candidate.charAt(0).toUpperCase() + candidate.slice(1) : candidate
  const pick = (candidates: Iterable<string>) => {
    const found: string[] = []
    for (const candidate of candidates) if (candidate !== lower && known(candidate) && !found.includes(candidate)) found.push(candidate)
    return found
  }
  let found = pick(editsOne(lower))
  let second = false
  if (found.length === 0 && lower.length <= 12) {
    found = withinTwoEdits(lower, sorted()).filter((candidate) => candidate !== lower && known(candidate))
    second = true
  }
  const rank = (candidate: string) => (candidate.length === lower.length && sameLetters(candidate, lower) ? 0 : 1) + (candidate[0] === lower[0] ? 0 : 2)
  const kept = (candidate: string) => (second ? commonPrefix(candidate, lower) : 0)
  return found
    .map((candidate, index) => ({candidate, index}))
    .sort((a, b) => rank(a.candidate) - rank(b.candidate) || kept(b.candidate) - kept(a.candidate) || a.index - b.index)
    .slice(0, MAX_SUGGESTIONS)
    .map(({candidate}) => restoreCase(candidate))
}

const EDIT_LETTERS = /^[a-z']+$/

function commonPrefix(a: string, b: string): number {
  let length = 0
  while (length < a.length && length < b.length && a[length] === b[length]) length++
  return length
}

/**
 * The words of a sorted list at most two edits from `word` (optimal string alignment: insertions,
 * deletions, substitutions, adjacent transpositions), in list order. The list is walked as a trie:
 * a word shares the rows of the edit-distance table of its common prefix with the word before, and
 * once every cell of a prefix's row is over 2, every word with that prefix is skipped at once.
 */
export function withinTwoEdits(word: string, sorted: readonly string[]): string[] {
  const width = word.length + 1
  const rows: Int32Array[] = [Int32Array.from({length: width}, (_, column) => column)]
  const found: string[] = []
  let previous = ''
  for (let index = 0; index < sorted.length; ) {
    const candidate = sorted[index]!
    let depth = commonPrefix(previous, candidate)
    let pruned = false
    while (depth < candidate.length) {
      depth++
      const row = (rows[depth] ??= new Int32Array(width))
      const above = rows[depth - 1]!
      const char = candidate.charCodeAt(depth - 1)
      row[0] = depth
      let least = depth
      for (let column = 1; column < width; column++) {
        const cost = word.charCodeAt(column - 1) === char ? 0 : 1
        let best = Math.min(above[column]! + 1, row[column - 1]! + 1, above[column - 1]! + cost)
        if (depth > 1 && column > 1 && char === word.charCodeAt(column - 2) && candidate.charCodeAt(depth - 2) === word.charCodeAt(column - 1)) {
          best = Math.min(best, rows[depth - 2]![column - 2]! + 1)
        }
        row[column] = best
        if (best < least) least = best
      }
      if (least > 2) {
        pruned = true
        break
      }
    }
    if (pruned) {
      // Every word that starts with this prefix is as far: go to the first one that does not.
      const prefix = candidate.slice(0, depth)
      let low = index + 1
      let high = sorted.length
      while (low < high) {
        const middle = (low + high) >> 1
        if (sorted[middle]!.startsWith(prefix)) low = middle + 1
        else high = middle
      }
      index = low
      // The rows up to the prefix's parent stay valid for the next word only where it shares them.
      previous = prefix.slice(0, -1)
      continue
    }
    if (rows[candidate.length]![word.length]! <= 2) found.push(candidate)
    previous = candidate
    index++
  }
  return found
}

function sameLetters(a: string, b: string): boolean {
  return [...a].sort().join('') === [...b].sort().join('')
}

function* editsOne(word: string): Generator<string> {
  for (let index = 0; index < word.length - 1; index++) yield word.slice(0, index) + word[index + 1] + word[index] + word.slice(index + 2)
  for (let index = 0; index < word.length; index++) yield word.slice(0, index) + word.slice(index + 1)
  for (let index = 0; index < word.length; index++) for (const letter of LETTERS) yield word.slice(0, index) + letter + word.slice(index + 1)
  for (let index = 0; index <= word.length; index++) for (const letter of LETTERS) yield word.slice(0, index) + letter + word.slice(index)
}
