// English word lists for spell checking. Hunspell's affix expansion (via nspell) is done once, at
// build time, into plain word lists (dist/dictionaries/); at run time a Set answers `knows` in
// constant time and an edit-distance search over it suggests, so a process that lints one article
// never pays nspell's half-second dictionary build.
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
  return Object.keys(checker.data).filter((word) => !(checker.data[word] ?? []).some((flag) => excluded.has(flag)))
}

/** Writes the expanded word lists; run by `npm run build`. */
export async function buildDictionaries(): Promise<void> {
  mkdirSync(DICTIONARY_DIR, {recursive: true})
  for (const dialect of ['en-US', 'en-GB'] as const) writeFileSync(path.join(DICTIONARY_DIR, `${dialect}.txt`), (await expandDictionary(dialect)).join('\n'))
}

const wordSets = new Map<Dialect, Promise<Set<string>>>()

function wordSet(dialect: Dialect): Promise<Set<string>> {
  let found = wordSets.get(dialect)
  if (!found) {
    const file = path.join(DICTIONARY_DIR, `${dialect}.txt`)
    // Without a build (tests run from source), expand at run time: slower, same words.
    found = existsSync(file) ? Promise.resolve(new Set(readFileSync(file, 'utf8').split('\n'))) : expandDictionary(dialect).then((words) => new Set(words))
    wordSets.set(dialect, found)
  }
  return found
}

/** Synchronous look-ups once the word lists are loaded: what a per-word hot loop needs. */
export interface WordChecker {
  /** Whether any of the dialects knows the word, with Hunspell's casing rules (cached per word). */
  knows(word: string): boolean
  /** Known words one or two edits away, best first (cached per word). */
  suggest(word: string): string[]
}

const wordCheckers = new Map<string, Promise<WordChecker>>()

export function wordChecker(dialects: readonly Dialect[]): Promise<WordChecker> {
  const key = dialects.join('+')
  let found = wordCheckers.get(key)
  if (!found) {
    found = Promise.all(dialects.map((dialect) => wordSet(dialect))).then((sets) => {
      const inAny = (word: string) => sets.some((set) => set.has(word))
      const longest = longestWord(sets[0]!)
      const known = new Map<string, boolean>()
      const suggestions = new Map<string, string[]>()
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
          if (!result) suggestions.set(word, (result = suggestFrom(word, longest, (candidate) => knownForm(candidate, (form) => sets[0]!.has(form)))))
          return result
        }
      }
    })
    wordCheckers.set(key, found)
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

/** The length of the longest word of a set (24 in the Hunspell lists: electroencephalography's). */
function longestWord(set: Set<string>): number {
  let longest = 0
  for (const word of set) if (word.length > longest) longest = word.length
  return longest
}

/**
 * Norvig's corrector over the word set: every string one edit away (transposition, deletion,
 * substitution, insertion), then two edits only if one finds nothing. Transpositions and the
 * candidates that keep the first letter rank first, as typos rarely hit the first letter.
 */
function suggestFrom(word: string, longest: number, known: (candidate: string) => boolean): string[] {
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
  if (found.length === 0 && lower.length <= 12) {
    const second = new Set<string>()
    for (const first of editsOne(lower)) for (const candidate of editsOne(first)) second.add(candidate)
    found = pick(second)
  }
  const rank = (candidate: string) => (candidate.length === lower.length && sameLetters(candidate, lower) ? 0 : 1) + (candidate[0] === lower[0] ? 0 : 2)
  return found
    .map((candidate, index) => ({candidate, index}))
    .sort((a, b) => rank(a.candidate) - rank(b.candidate) || a.index - b.index)
    .slice(0, MAX_SUGGESTIONS)
    .map(({candidate}) => restoreCase(candidate))
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
