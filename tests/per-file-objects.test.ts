// The objects made for every file hold their lazy parts in prototype getters, never in an object
// literal's own accessors: V8 allocates a literal's accessor pair in the old generation, and from
// there the getters' closures kept each file's parse tree alive through young collections until the
// next full one. On 2,000 articles that promoted some 230 KB a file, and the CLI spent a quarter of
// its CPU time more. This checks the shape that avoids it (the benchmark measures the time).
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {documentAnalysis, firstEndingAfter, lastStartingAtOrBefore, type Span} from '../src/analysis.js'
import {lint, survey} from '../src/engine.js'
import {parseText} from '../src/parse.js'
import {defineRule, type CollectContext, type RuleContext} from '../src/rule.js'
import {rulesOf} from '../src/plugins.js'
import {documentFacts} from '../rules/mt-calque/document.js'
import {segment} from '../rules/duplicate-block/units.js'

const TEXT = 'Aleksey Navalny returned to Moscow.\n\nHe was arrested on the 24th (local time). "We will see," he said.\n'

function ownAccessors(value: object): string[] {
  return Object.entries(Object.getOwnPropertyDescriptors(value))
    .filter(([, descriptor]) => descriptor.get !== undefined || descriptor.set !== undefined)
    .map(([key]) => key)
}

describe('per-file objects', () => {
  it('the document analysis has no own accessors, and its getters still work', () => {
    const analysis = documentAnalysis(TEXT, () => parseText(TEXT))
    expect(ownAccessors(analysis)).toEqual([])
    expect(analysis.tree.type).toBe('RootNode')
    expect(analysis.lines.map((line) => line.text)).toEqual(TEXT.split('\n'))
    expect(analysis.quotations).toEqual([{start: TEXT.indexOf('"'), end: TEXT.lastIndexOf('"') + 1}])
    // Methods work when passed around bound to nothing else than the analysis itself.
    expect(analysis.insideQuotation(TEXT.indexOf('We'), TEXT.indexOf('We') + 2)).toBe(true)
  })

  it('rule and collect contexts have no own accessors, and `tree` and `report` still work when destructured', async () => {
    const seen: {check?: RuleContext<object, {count: number}>; collect?: CollectContext<object>} = {}
    const probe = defineRule<object, {count: number}>({
      meta: {id: 'probe', description: 'test', fixable: false, recommended: 'warn', schema: {type: 'object'}, defaultOptions: {}, messages: {words: '{{count}} paragraphs'}},
      collect(context) {
        seen.collect = context
        return {count: context.tree.children.filter((node) => node.type === 'ParagraphNode').length}
      },
      merge: (a, b) => ({count: a.count + b.count}),
      check(context) {
        seen.check = context
        const {tree, report} = context
        report({messageId: 'words', start: 0, end: 7, data: {count: tree.children.filter((node) => node.type === 'ParagraphNode').length}})
      }
    })
    const rules = [probe]
    const {facts, held} = await survey(TEXT, {rules}, true)
    expect(ownAccessors(seen.collect!)).toEqual([])
    const file = await lint(TEXT, {rules, facts, held})
    expect(ownAccessors(seen.check!)).toEqual([])
    expect(seen.check!.facts).toEqual({count: 2})
    expect(file.messages.map((message) => message.reason)).toEqual(['2 paragraphs'])
  })

  it('the lazy facts of mt-calque and the units of duplicate-block have no own accessors', () => {
    const analysis = documentAnalysis(TEXT, () => parseText(TEXT))
    const facts = documentFacts(analysis)
    expect(ownAccessors(facts)).toEqual([])
    expect(facts.lines.reduce((count, _, line) => count + facts.lineTokens(line).length, 0)).toBeGreaterThan(10)
    expect(facts.sentenceAt(TEXT.indexOf('arrested'))?.start).toBe(TEXT.indexOf('He'))
    const {units} = segment(analysis)
    expect(units.length).toBe(2)
    for (const unit of units) expect(ownAccessors(unit)).toEqual([])
    expect(units[1]!.sentenceStarts).toEqual([TEXT.indexOf('"We')])
  })

  it('the built-in rules still read their contexts as before', async () => {
    const file = await lint(TEXT, {rules: rulesOf([])})
    expect(file.messages.map((message) => message.ruleId)).toContain('translationese')
  })
})

describe('span searches shared by the rules', () => {
  // Sorted, disjoint spans from gaps and lengths; offsets around and inside them.
  const spans = fc
    .array(fc.tuple(fc.nat(5), fc.integer({min: 1, max: 5})), {maxLength: 12})
    .map((parts) => {
      const found: Span[] = []
      let at = 0
      for (const [gap, length] of parts) {
        found.push({start: at + gap, end: at + gap + length})
        at += gap + length
      }
      return found
    })

  it('firstEndingAfter and lastStartingAtOrBefore answer as a scan from the start does', () => {
    fc.assert(
      fc.property(spans, fc.integer({min: -2, max: 70}), (list, offset) => {
        expect(firstEndingAfter(list, offset)).toBe(
          list.findIndex((span) => span.end > offset) === -1 ? list.length : list.findIndex((span) => span.end > offset)
        )
        expect(lastStartingAtOrBefore(list, offset)).toBe(list.findLastIndex((span) => span.start <= offset))
      })
    )
  })
})

