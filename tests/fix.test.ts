import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {recommendedConfig} from '../src/config.js'
import {fix, lint, MAX_FIX_PASSES} from '../src/engine.js'
import {applyFixes} from '../src/fix.js'
import {defineRule, type Fix} from '../src/rule.js'

// Synthetic fixable rules, so the fixer is tested apart from any real rule's judgement.
const collapseSpaces = defineRule<{}>({
  meta: {
    id: 'collapse-spaces',
    description: 'runs of spaces become one',
    fixable: true,
    recommended: 'error',
    schema: {type: 'object'},
    defaultOptions: {},
    messages: {spaces: 'Unexpected `{{actual}}`, expected ` `'}
  },
  check({text, report}) {
    for (const match of text.matchAll(/ {2,}/g)) {
      report({messageId: 'spaces', start: match.index, end: match.index + match[0].length, expected: [' '], fix: {start: match.index, end: match.index + match[0].length, text: ' '}})
    }
  }
})

// Each pass can only shorten "aaa" runs by one letter: needs several passes to converge.
const shrinkRuns = defineRule<{}>({
  meta: {
    id: 'shrink-runs',
    description: 'a run of three or more `a` loses one letter per pass',
    fixable: true,
    recommended: 'error',
    schema: {type: 'object'},
    defaultOptions: {},
    messages: {run: 'Unexpected `{{actual}}`'}
  },
  check({text, report}) {
    for (const match of text.matchAll(/a{3,}/g)) report({messageId: 'run', start: match.index, end: match.index + match[0].length, fix: {start: match.index, end: match.index + 1, text: ''}})
  }
})

// Swaps x and y forever: the fix loop must stop on the cycle.
const flipFlop = defineRule<{}>({
  meta: {id: 'flip-flop', description: 'x and y swap', fixable: true, recommended: 'error', schema: {type: 'object'}, defaultOptions: {}, messages: {flip: 'Unexpected `{{actual}}`'}},
  check({text, report}) {
    const index = text.search(/[xy]/)
    if (index !== -1) report({messageId: 'flip', start: index, end: index + 1, fix: {start: index, end: index + 1, text: text[index] === 'x' ? 'y' : 'x'}})
  }
})

const config = recommendedConfig([collapseSpaces, shrinkRuns, flipFlop])

describe('applyFixes', () => {
  it('applies fixes in order and skips one that overlaps or touches an applied fix', () => {
    const result = applyFixes('abcdef', [
      {start: 2, end: 4, text: 'X'},
      {start: 0, end: 1, text: 'Y'},
      {start: 3, end: 5, text: 'Z'},
      {start: 4, end: 4, text: '!'}
    ])
    expect(result.output).toBe('YbXef')
    expect(result.skipped).toEqual([
      {start: 3, end: 5, text: 'Z'},
      {start: 4, end: 4, text: '!'}
    ])
  })

  it('refuses a fix outside the text', () => {
    expect(() => applyFixes('abc', [{start: 2, end: 9, text: ''}])).toThrow(RangeError)
  })

  const textAndFixes = fc.string({unit: 'grapheme', maxLength: 60}).chain((text) =>
    fc.tuple(
      fc.constant(text),
      fc.array(
        fc.tuple(fc.nat({max: text.length}), fc.nat({max: text.length}), fc.string({maxLength: 5})).map(([a, b, replacement]): Fix => ({start: Math.min(a, b), end: Math.max(a, b), text: replacement})),
        {maxLength: 8}
      )
    )
  )

  it('keeps the text outside the applied spans untouched and in order (property)', () => {
    fc.assert(
      fc.property(textAndFixes, ([text, fixes]) => {
        const {output, applied, skipped} = applyFixes(text, fixes)
        expect(applied.length + skipped.length).toBe(fixes.length)
        // Rebuild the expected output from the applied fixes alone.
        let expected = ''
        let cursor = 0
        for (const fix of applied) {
          expect(fix.start).toBeGreaterThanOrEqual(cursor)
          expected += text.slice(cursor, fix.start) + fix.text
          cursor = fix.end
        }
        expect(output).toBe(expected + text.slice(cursor))
        // No two applied fixes overlap or touch.
        for (let index = 1; index < applied.length; index++) expect(applied[index]!.start).toBeGreaterThan(applied[index - 1]!.end)
      })
    )
  })
})

describe('the fix loop', () => {
  it('re-lints between passes until nothing is left to fix', async () => {
    const result = await fix('baaaaab and  c', {config, rules: [shrinkRuns, collapseSpaces]})
    expect(result.output).toBe('baab and c')
    expect(result.passes).toBe(3)
    expect(result.file.messages).toEqual([])
  })

  it('stops after ten passes, and its report describes the final text', async () => {
    const result = await fix(`b${'a'.repeat(20)}b`, {config, rules: [shrinkRuns]})
    expect(result.passes).toBe(MAX_FIX_PASSES)
    expect(result.output).toBe(`b${'a'.repeat(10)}b`)
    expect(result.file.messages.map((message) => message.actual)).toEqual(['a'.repeat(10)])
  })

  it('stops on a cycle instead of flipping back and forth', async () => {
    const result = await fix('x', {config, rules: [flipFlop]})
    expect(result.output).toBe('y')
    expect(result.passes).toBe(1)
  })

  it('never applies a bare `expected`, only a `fix`', async () => {
    const suggestOnly = defineRule<{}>({
      meta: {id: 'suggest-only', description: '', fixable: false, recommended: 'error', schema: {type: 'object'}, defaultOptions: {}, messages: {m: 'Unexpected `{{actual}}`'}},
      check({report}) {
        report({messageId: 'm', start: 0, end: 1, expected: ['Z']})
      }
    })
    const result = await fix('abc', {config: recommendedConfig([suggestOnly]), rules: [suggestOnly]})
    expect(result.output).toBe('abc')
    expect(result.file.messages).toHaveLength(1)
  })

  it('does not apply a fix inside a direct quotation, but still reports it', async () => {
    const file = await lint('He said, "the  end" and  left.', {config, rules: [collapseSpaces]})
    expect(file.messages.map((message) => [message.actual, message.fix ? 'fix' : 'no fix'])).toEqual([
      ['  ', 'no fix'],
      ['  ', 'fix']
    ])
  })

  it('is idempotent, stays in bounds and touches nothing but what it fixes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({unit: fc.constantFrom('a', ' ', 'b', 'x', '"', '\n', 'é', '😀'), maxLength: 80}), async (text) => {
        const rules = [collapseSpaces, shrinkRuns]
        const once = await fix(text, {config, rules})
        for (const message of once.file.messages) {
          const place = message.place as {start: {offset: number}; end: {offset: number}}
          expect(place.start.offset).toBeGreaterThanOrEqual(0)
          expect(place.end.offset).toBeLessThanOrEqual(once.output.length)
        }
        const twice = await fix(once.output, {config, rules})
        expect(twice.output).toBe(once.output)
        // Only spaces and a's are ever removed: the other characters survive in order.
        expect(once.output.replace(/[a ]/g, '')).toBe(text.replace(/[a ]/g, ''))
      }),
      {numRuns: 300}
    )
  })
})
