import fc from 'fast-check'
import type {Root} from 'nlcst'
import {describe, expect, it} from 'vitest'
import {ParseEnglish} from 'parse-english'
import {location} from 'vfile-location'
import {article} from '../bench/corpus.js'
import {splitLines} from '../src/analysis.js'
import {ParseCache, paragraphPluginCounts, parseText, skippableSentencePlugins} from '../src/parse.js'

/** Every node's position agrees with the text: offsets, lines and columns, and leaf values. */
function positionProblems(text: string, tree: Root): string[] {
  const place = location(text)
  const problems: string[] = []
  const walk = (node: {type: string; value?: string; position?: Root['position']; children?: unknown[]}) => {
    const {start, end} = node.position!
    for (const point of [start, end]) {
      const expected = place.toPoint(point.offset!)
      if (!expected || expected.line !== point.line || expected.column !== point.column) problems.push(`${node.type} at ${point.offset}: ${point.line}:${point.column}`)
    }
    if (node.value !== undefined && text.slice(start.offset, end.offset) !== node.value) problems.push(`${node.type} value ${JSON.stringify(node.value)}`)
    for (const child of node.children ?? []) walk(child as typeof node)
  }
  walk(tree)
  return problems
}

describe('the line-by-line parse', () => {
  it('places every node of generated articles exactly', () => {
    for (let index = 0; index < 40; index++) {
      const text = article(index)
      expect(positionProblems(text, parseText(text))).toEqual([])
    }
  })

  it('places every node exactly on arbitrary text, CRLF, lone CR and blank lines included (property)', () => {
    fc.assert(
      fc.property(fc.string({unit: fc.constantFrom('a', 'B', ' ', '.', '\n', '\r\n', '\r', '“', '”', '"', '3', '%', '—', '😀', 'é', '-'), maxLength: 120}), (text) => {
        expect(positionProblems(text, parseText(text))).toEqual([])
      }),
      {numRuns: 500}
    )
  })

  it('makes the tree stock parse-english makes of each line, moved to the line (property)', () => {
    const stock = new ParseEnglish()
    // A plain copy of a stock tree with every point moved by hand: the tokenizer places them itself.
    const moved = (node: unknown, offset: number, lines: number): unknown => {
      if (Array.isArray(node)) return node.map((child) => moved(child, offset, lines))
      if (!node || typeof node !== 'object') return node
      const copy: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(node)) {
        copy[key] = key === 'offset' ? (value as number) + offset : key === 'line' ? (value as number) + lines : moved(value, offset, lines)
      }
      return copy
    }
    const same = (text: string) => {
      const lines = splitLines(text)
      // The line breaks between lines are parseText's own nodes; the rest is the lines' trees.
      const breaks = new Set(lines.slice(1).map((line, index) => `${lines[index]!.end}-${line.start}`))
      const ours = parseText(text).children.filter((child) => !(child.type === 'WhiteSpaceNode' && breaks.has(`${child.position!.start.offset}-${child.position!.end.offset}`)))
      // A lone carriage return in an earlier line breaks a line as well.
      const returnsBefore = (line: (typeof lines)[number]) => (text.slice(0, line.start).match(/\r(?!\n)/g) ?? []).length
      const expected = lines
        .filter((line) => line.end > line.start)
        .flatMap((line) => moved(stock.parse(line.text).children, line.start, line.line - 1 + returnsBefore(line)) as unknown[])
      expect(JSON.parse(JSON.stringify(ours))).toEqual(expected)
    }
    for (let index = 0; index < 10; index++) same(article(index))
    fc.assert(
      fc.property(
        fc.string({
          // The characters the skipped sentence plugins act on, and `w` (`w/` is an elision), among others.
          unit: fc.constantFrom('a', 'B', 'w', 'U', ' ', '.', '\n', '\r', '\r\n', '“', '”', '"', '3', '%', '—', '😀', '\uD800', '\uDC00', 'é', '-', '한', '\u00A0', '\u2028', '&', '/', "'", '’', '…', '_', ':', '@', '\u00AD'),
          maxLength: 160
        }),
        same
      ),
      {numRuns: 1000}
    )
  })

  it('leaves out only the blank-line sentence breaker for a line without a carriage return', () => {
    expect(paragraphPluginCounts.plainLine).toBe(paragraphPluginCounts.all - 1)
  })

  it('finds each sentence plugin a line may skip', () => {
    expect(skippableSentencePlugins).toEqual(['&', '-', '/', 'elision', 'inner join', 'initialism'])
  })

  it('makes the stock tree where only the skipped plugins could act', () => {
    const stock = new ParseEnglish()
    for (const line of ['AT&T and &T', 'a pre- and post-war', 'km/h and w/ friends', 'w/.x U.S. e-mail a_b c:d x@y', 'U.S.A. and a..b', 'rock ’n’ roll', "tell 'em o' the", 'the U.S. and 1.2.3.']) {
      expect(JSON.parse(JSON.stringify(parseText(line).children))).toEqual(JSON.parse(JSON.stringify(stock.parse(line).children)))
    }
  })

  it('parses a line of over 64 KB in pieces cut after sentence ends, every position exact', () => {
    const sentence = 'Officials in Seoul said the talks would resume on Monday. '
    const text = `Intro line.\n${sentence.repeat(2_000)}\nLast line.\n`
    const tree = parseText(text)
    expect(positionProblems(text, tree)).toEqual([])
    // No sentence is cut in two: each one the parse finds is a whole sentence of the line.
    const sentences: string[] = []
    for (const paragraph of tree.children) {
      if (paragraph.type !== 'ParagraphNode') continue
      for (const child of paragraph.children) {
        if (child.type === 'SentenceNode') sentences.push(text.slice(child.position!.start.offset, child.position!.end.offset))
      }
    }
    expect(sentences.filter((found) => found === sentence.trim())).toHaveLength(2_000)
  })

  it('counts lone carriage returns in a line parsed in pieces, as the tokenizer does', () => {
    const parts = ['Word. ', 'more words ', '\r', 'é ', '😀 ', '“quoted.” ']
    // Generated, not fast-check: shrinking a failing 70 KB case would take minutes.
    for (let seed = 1; seed <= 3; seed++) {
      let state = seed
      const next = () => (state = (state * 16807) % 2147483647)
      let text = ''
      while (text.length <= 70_000) text += parts[next() % parts.length]
      expect(positionProblems(text, parseText(text))).toEqual([])
    }
  })

  it('keeps the whole text: the leaves joined are the text', () => {
    const text = 'One line.\r\n\r\nTwo “lines” here — 3.5%!\n'
    const leaves: string[] = []
    const walk = (node: {value?: string; children?: unknown[]}) => {
      if (node.value !== undefined) leaves.push(node.value)
      for (const child of node.children ?? []) walk(child as typeof node)
    }
    walk(parseText(text))
    expect(leaves.join('')).toBe(text)
  })
})

describe('the line cache', () => {
  const lineText = fc.string({unit: fc.constantFrom('a', 'B', ' ', '.', '“', '”', '3', '—', '😀', 'é'), maxLength: 40})

  it('gives the same tree as a fresh parse, as lines are edited, moved and repeated (property)', () => {
    const cache = new ParseCache(8)
    fc.assert(
      fc.property(fc.array(lineText, {maxLength: 12}), fc.constantFrom('\n', '\r\n', '\n\n'), (lines, eol) => {
        const text = lines.join(eol)
        const cached = parseText(text, cache)
        expect(cached).toEqual(parseText(text))
        expect(positionProblems(text, cached)).toEqual([])
      }),
      {numRuns: 400}
    )
    // Eight lines at most, the least recently used dropped first.
    expect(cache.size).toBeLessThanOrEqual(8)
  })

  it('hands out copies: changing one tree leaves the next parse of the same line alone', () => {
    const cache = new ParseCache()
    const first = parseText('Officials said talks would resume.\n', cache)
    const word = (first.children[0] as {children: Array<{children: Array<{position: {start: {offset: number}}}>}>}).children[0]!.children[0]!
    word.position.start.offset = 999
    const again = parseText('Officials said talks would resume.\n', cache)
    expect(again).toEqual(parseText('Officials said talks would resume.\n'))
  })

  it('holds at most `maxChars` characters of lines, dropping the least recently used, and never a longer line', () => {
    const cache = new ParseCache(4096, 1_000)
    const text = Array.from({length: 60}, (_, index) => `Line ${index} says the talks would resume on Monday.`).join('\n')
    expect(parseText(text, cache)).toEqual(parseText(text))
    expect(cache.length).toBeLessThanOrEqual(1_000)
    expect(cache.length).toBeGreaterThan(900)
    const long = `${'word '.repeat(300)}end.`
    expect(parseText(long, cache)).toEqual(parseText(long))
    expect(cache.length).toBeLessThanOrEqual(1_000)
  })
})
