// The three clean-up rules together, as `newslint --fix` runs them: the acceptance outcome on the
// seed articles, and properties of their fixes on generated scraped articles.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {recommendedConfig} from '../src/config.js'
import {fix, MAX_FIX_PASSES} from '../src/engine.js'
import {applyFixes, lineRemoval} from '../src/fix.js'
import boilerplate from '../rules/boilerplate/index.js'
import duplicateBlock from '../rules/duplicate-block/index.js'
import markupResidue from '../rules/markup-residue/index.js'

const rules = [duplicateBlock, boilerplate, markupResidue]
const config = recommendedConfig(rules)
const seed = (name: string) => readFileSync(path.join(import.meta.dirname, '..', 'seeds', name), 'utf8')

describe('fixing the first seed', () => {
  const text = seed('000_230b21386b69b568.txt')
  const lines = text.split('\n')
  const tweet = lines[4]!
  const signature = '— Secretary Antony Blinken (@SecBlinken) January 31, 2021'

  it('keeps one clean copy of the tweet and removes the other two, the leaked markup, the stray dash and the `Read:|` link', async () => {
    const {output} = await fix(text, {config, rules})
    const expected = [...lines.slice(0, 3), tweet, signature, ...lines.slice(9, 20)].join('\n')
    expect(output).toBe(expected)
  })

  it('leaves the tweet’s text exactly once, as its own line, and the agency tag in place', async () => {
    const {output, file, passes} = await fix(text, {config, rules})
    expect(output.split(tweet).length - 1).toBe(1)
    expect(output.split('\n')).toContain(tweet)
    expect(output).not.toMatch(/class=|">|Read:\|/)
    expect(output.endsWith('\n(ANI)')).toBe(true)
    expect(passes).toBeLessThan(MAX_FIX_PASSES)
    // What is left is the agency tag, reported as information.
    expect(file.messages.map((message) => [message.ruleId, message.messageId, message.fatal])).toEqual([['boilerplate', 'attribution', undefined]])
  })
})

describe('fixing the second seed', () => {
  const text = seed('002_b397dcfc1a64f168.txt')

  it('removes the Korean copyright line, the byline and the bare `Source`, and keeps the story', async () => {
    const {output} = await fix(text, {config, rules})
    expect(output).toBe(text.slice(0, text.indexOf('\n\n/ Reporter')))
    expect(output).not.toMatch(/저작권자|Reporter Kwak|\nSource$/)
  })

  it('reports the photo credit glued to the caption and leaves it for a human', async () => {
    const {output, file} = await fix(text, {config, rules})
    expect(output).toContain('(local time)./AP Yonhap News')
    expect(file.messages.map((message) => [message.ruleId, message.messageId, message.actual])).toEqual([['boilerplate', 'photoCredit', '/AP Yonhap News']])
  })
})

describe('fixing with Windows line breaks', () => {
  for (const name of ['000_230b21386b69b568.txt', '002_b397dcfc1a64f168.txt']) {
    it(`gives ${name} the same result as with Unix line breaks`, async () => {
      const text = seed(name)
      const unix = (await fix(text, {config, rules})).output
      const windows = (await fix(text.replace(/\n/g, '\r\n'), {config, rules})).output
      expect(windows).toBe(unix.replace(/\n/g, '\r\n'))
    })
  }
})

describe('lineRemoval', () => {
  const remove = (text: string, line: string) => {
    const start = text.indexOf(line)
    const found = lineRemoval(text, start, start + line.length)
    return found && applyFixes(text, [found]).output
  }

  it('takes a middle line with the break after it', () => {
    expect(remove('A\nB\nC', 'B')).toBe('A\nC')
  })

  it('takes the blank line after a paragraph in blank-line copy', () => {
    expect(remove('A\n\nB\n\nC', 'B')).toBe('A\n\nC')
  })

  it('keeps the larger separator when the two around the line differ', () => {
    expect(remove('A\nB\n\nC', 'B')).toBe('A\n\nC')
    expect(remove('A\n\nB\nC', 'B')).toBe('A\n\nC')
  })

  it('takes the break before the last line, keeping a final newline', () => {
    expect(remove('A\n\nSource', 'Source')).toBe('A')
    expect(remove('A\nB\n', 'B')).toBe('A\n')
  })

  it('takes the first line with the separator after it', () => {
    expect(remove('B\n\nA', 'B')).toBe('A')
  })

  it('takes \\r\\n line breaks whole', () => {
    expect(remove('A\r\nB\r\nC', 'B')).toBe('A\r\nC')
    expect(remove('A\r\nB', 'B')).toBe('A')
  })

  it('removes nothing when the line is all the text there is', () => {
    expect(remove('B', 'B')).toBeUndefined()
    expect(remove('\nB\n\n', 'B')).toBeUndefined()
  })
})

describe('fixes of the three rules compose', () => {
  const prose = [
    'The central bank kept its key interest rate at 3.5% for a third straight meeting on Thursday.',
    'Shares of the carrier fell 4% in Seoul trading after the ministry announced the safety review.',
    'Rescue teams searched the coast overnight, and the coast guard said the weather was improving.',
    '"We will not allow anyone to threaten the safety of our citizens," the minister told parliament.',
    'Opposition lawmakers called for an independent inquiry into the handling of the protests.'
  ]
  const furniture = [
    'Also Read: Five things to know about the vaccine rollout',
    'Advertisement',
    'Share this article',
    '[ad_1]',
    'Copyright 2021 Example Press. All rights reserved.',
    '/ Reporter Kim Ji-hoon [email protected]',
    '#Navalny #Russia',
    '<div class="embed-wrapper">',
    '(adsbygoogle = window.adsbygoogle || []).push({});',
    '-'
  ]
  // A paragraph may come clean, after leaked markup, with an entity for a space, or glued onto the line before.
  type Variant = 'clean' | 'markup' | 'entity' | 'glued'
  type Block = {kind: 'prose'; index: number; variant: Variant} | {kind: 'furniture'; index: number}
  const block: fc.Arbitrary<Block> = fc.oneof(
    fc.record({kind: fc.constant('prose' as const), index: fc.nat(prose.length - 1), variant: fc.constantFrom<Variant>('clean', 'markup', 'entity', 'glued')}),
    fc.record({kind: fc.constant('furniture' as const), index: fc.nat(furniture.length - 1)})
  )
  const article = fc.record({
    first: fc.nat(prose.length - 1),
    blocks: fc.array(block, {maxLength: 12}),
    separator: fc.constantFrom('\n', '\n\n')
  })
  const render = ({first, blocks, separator}: {first: number; blocks: Block[]; separator: string}) => {
    let text = prose[first]!
    for (const item of blocks) {
      if (item.kind === 'furniture') text += separator + furniture[item.index]!
      else if (item.variant === 'glued') text += prose[item.index]!
      else if (item.variant === 'markup') text += `${separator}">${prose[item.index]!}`
      else if (item.variant === 'entity') text += separator + prose[item.index]!.replace(' ', '&nbsp;')
      else text += separator + prose[item.index]!
    }
    return text
  }

  it('converge, are idempotent, keep every paragraph once and remove the furniture', async () => {
    await fc.assert(
      fc.asyncProperty(article, async (input) => {
        const text = render(input)
        const {output, passes} = await fix(text, {config, rules})
        expect(passes).toBeLessThan(MAX_FIX_PASSES)
        expect((await fix(output, {config, rules})).output).toBe(output)
        const used = new Set([input.first, ...input.blocks.flatMap((item) => (item.kind === 'prose' ? [item.index] : []))])
        for (const index of used) expect(output.split(prose[index]!).length - 1).toBe(1)
        for (const line of furniture) expect(output.split('\n')).not.toContain(line)
        expect(output).not.toContain('">')
        expect(output).not.toMatch(/\n\n\n/)
        expect(output.startsWith('\n') || output.endsWith('\n')).toBe(false)
      }),
      {numRuns: 60}
    )
  })
})
