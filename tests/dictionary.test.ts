// Spelling suggestions two edits away come from a walk of the sorted word list: it must find exactly
// the words a full edit-distance computation finds, and suggest what a writer in mid-word meant.
import {mkdtempSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {builtList, isDictionaryWord, withinTwoEdits, WordList, wordChecker} from '../src/dictionary.js'

/** Optimal string alignment distance, the whole table: the reference the walk must agree with. */
function distance(a: string, b: string): number {
  const table = Array.from({length: a.length + 1}, (_, row) => Array.from({length: b.length + 1}, (_, column) => (row === 0 ? column : column === 0 ? row : 0)))
  for (let row = 1; row <= a.length; row++) {
    for (let column = 1; column <= b.length; column++) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1
      let best = Math.min(table[row - 1]![column]! + 1, table[row]![column - 1]! + 1, table[row - 1]![column - 1]! + cost)
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) best = Math.min(best, table[row - 2]![column - 2]! + 1)
      table[row]![column] = best
    }
  }
  return table[a.length]![b.length]!
}

const letters = fc.string({unit: fc.constantFrom('a', 'b', 'c', 'd', "'"), minLength: 0, maxLength: 7})

describe('withinTwoEdits', () => {
  it('finds exactly the words of the list at most two edits away, in list order (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(letters, {maxLength: 60}), letters, (words, word) => {
        const sorted = [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        expect(withinTwoEdits(word, sorted)).toEqual(sorted.filter((candidate) => distance(word, candidate) <= 2))
      }),
      {numRuns: 2000}
    )
  })

  it('counts a transposition as one edit', () => {
    expect(withinTwoEdits('abcd', ['badc', 'bacd', 'dcba'])).toEqual(['badc', 'bacd'])
  })
})

describe('suggestions', () => {
  it('suggests the word being typed when nothing is one edit away', async () => {
    const dictionary = await wordChecker(['en-US', 'en-GB'])
    expect(await isDictionaryWord('confi')).toBe(false)
    const suggested = dictionary.suggest('confi')
    expect(suggested.slice(0, 3)).toEqual(['confide', 'confine', 'confirm'])
    expect(dictionary.suggest('Confi')[0]).toBe('Confide')
  })

  it('keeps one-edit suggestions first and alone', async () => {
    const dictionary = await wordChecker(['en-US', 'en-GB'])
    expect(dictionary.suggest('teh')[0]).toBe('the')
    expect(dictionary.suggest('confir')).toEqual(['confer', 'confirm'])
  })
})

describe('word lists', () => {
  const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  const word = fc.string({unit: fc.constantFrom('a', 'b', 'B', "'", 'é', '한', '😀'), maxLength: 6})

  it('holds exactly its words, compared in place by code unit (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, {minLength: 1, maxLength: 40}), fc.array(word, {maxLength: 20}), (words, others) => {
        const list = WordList.of(words)
        const set = new Set(words)
        for (const candidate of [...words, ...others]) expect(list.has(candidate)).toBe(set.has(candidate))
        expect(list.sorted).toEqual([...words].sort(byCodeUnit))
        expect(list.longest).toBe(Math.max(...words.map((each) => each.length)))
      }),
      {numRuns: 500}
    )
  })

  it('takes a built list as it is only with a note that it is sorted and of that many words', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newslint-words-'))
    const file = path.join(dir, 'en-US.txt')
    const note = path.join(dir, 'en-US.json')
    // A list of an older build, unsorted, with no note: sorted before any look-up.
    writeFileSync(file, 'zebra\napple\nmango')
    expect(['apple', 'mango', 'zebra'].map((each) => builtList(file, note).has(each))).toEqual([true, true, true])
    // A note that does not match the list (another build wrote it) is not trusted either.
    writeFileSync(note, JSON.stringify({sorted: true, words: 2}))
    expect(builtList(file, note).sorted).toEqual(['apple', 'mango', 'zebra'])
    writeFileSync(note, 'not json')
    expect(builtList(file, note).has('apple')).toBe(true)
    // With its note, the list is read as it is: no sort.
    writeFileSync(note, JSON.stringify({sorted: true, words: 3}))
    expect(builtList(file, note).sorted).toEqual(['zebra', 'apple', 'mango'])
  })

  it('is written sorted by the build, with its note', async () => {
    const {readFileSync, existsSync} = await import('node:fs')
    const {packageRoot} = await import('../src/paths.js')
    const dir = path.join(packageRoot, 'dist', 'dictionaries')
    // Built by `npm run build` before the tests (pretest).
    expect(existsSync(path.join(dir, 'en-US.json'))).toBe(true)
    for (const dialect of ['en-US', 'en-GB']) {
      const words = readFileSync(path.join(dir, `${dialect}.txt`), 'utf8').split('\n')
      expect(JSON.parse(readFileSync(path.join(dir, `${dialect}.json`), 'utf8'))).toEqual({sorted: true, words: words.length})
      expect(words.every((each, index) => index === 0 || words[index - 1]! < each)).toBe(true)
    }
  })
})
