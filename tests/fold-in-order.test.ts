// The CLI folds each file's facts as the pool hands them back, in any order: the folded facts must
// be those of the plain fold in file order, whatever the order of arrival.
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {article} from '../bench/corpus.js'
import {recommendedConfig} from '../src/config.js'
import {collectFacts, FoldInOrder, mergeFacts, type FolderFacts} from '../src/engine.js'

const config = recommendedConfig()
// More files than name-consistency's longest chain of pending merges (128), so lazy merges are built part-way and merged into again.
const parts: FolderFacts[] = Array.from({length: 300}, (_, index) => collectFacts(article(index), {config, filePath: `article-${index}.txt`}))
const given = collectFacts(article(1000), {config, filePath: 'given.txt'})

function plainFold(start: FolderFacts): string {
  return JSON.stringify(parts.reduce((folded, part) => mergeFacts(folded, part), start))
}

describe('FoldInOrder', () => {
  it('gives the fold in file order whatever order the files come back in (property)', () => {
    const expected = plainFold(given)
    // Name and template facts both recur across the generated articles: the comparison has something to compare.
    expect(Object.keys(JSON.parse(expected))).toEqual(expect.arrayContaining(['name-consistency', 'boilerplate']))
    fc.assert(
      fc.property(fc.shuffledSubarray([...parts.keys()], {minLength: parts.length, maxLength: parts.length}), (order) => {
        const fold = new FoldInOrder(given, parts.length)
        for (const index of order) fold.add(index, parts[index]!)
        expect(JSON.stringify(fold.result)).toBe(expected)
      }),
      {numRuns: 8}
    )
  })

  it('starts from no facts as the plain fold does', () => {
    const fold = new FoldInOrder({}, parts.length)
    for (const [index, part] of parts.entries()) fold.add(index, part)
    expect(JSON.stringify(fold.result)).toBe(plainFold({}))
  })

  it('refuses to give a result before every file is in', () => {
    const fold = new FoldInOrder({}, 3)
    fold.add(0, parts[0]!)
    fold.add(2, parts[2]!)
    expect(() => fold.result).toThrow('1 of 3 files not added')
  })
})
