// Spelling suggestions two edits away come from a walk of the sorted word list: it must find exactly
// the words a full edit-distance computation finds, and suggest what a writer in mid-word meant.
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {isDictionaryWord, withinTwoEdits, wordChecker} from '../src/dictionary.js'

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
