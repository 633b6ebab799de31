// Issue 9, point 2: hostile input. Property tests over the engine with every rule on (and every
// source language's checks forced on): arbitrary Unicode with lone surrogates, astral characters,
// combining marks, right-to-left text, NUL and control characters; then the shapes that break
// linters: a 1 MB line, 100,000 tiny lines, no final newline, only whitespace. No exception
// escapes, no rule fails, every offset is in bounds and on a code-point boundary, fixing twice
// equals fixing once. `npm run soak` runs the same properties for much longer.
import fc from 'fast-check'
import {beforeAll, describe, expect, it} from 'vitest'
import {allRulesConfig, anyUtf16, checkFix, checkLint, filler, mostFixesConfig, newsLikeText, onlyWhitespace, tinyLines} from '../bench/hostile.js'

// Generated cases in this file: 4,000 + 2,500 + 2,500 + 1,000 + 150 + 400 = 10,550, plus the shapes.
// PROPERTY_SCALE=10 multiplies them for a longer hunt; PROPERTY_SEED replays a run. The soak script
// (bench/soak.ts) runs the same checks on longer texts, a 1 MB line and 100,000 lines.
const scale = Number(process.env.PROPERTY_SCALE ?? 1)
const seed = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined
const runs = (count: number) => ({numRuns: Math.round(count * scale), ...(seed === undefined ? {} : {seed})})

// Spelling's suggestions are three quarters of the cost of a short junk text and move no offset:
// the many-case properties go without them; one property keeps the rule's default.
const allRules = allRulesConfig({suggestions: 0})
const mostFixes = mostFixesConfig({suggestions: 0})
const withSuggestions = allRulesConfig()
const newsLike = newsLikeText(16)

beforeAll(async () => {
  // Dictionaries and phrase packs load on first use: pay that once, outside the properties.
  for (const config of [allRules, mostFixes, withSuggestions]) await checkFix('Teh minister said.The talks on the 17th (local time) donâ€™t resume.', config)
}, 120_000)

describe('the engine with every rule on, on hostile text', () => {
  it('never fails on news-like text full of defects and hostile Unicode, and reports in bounds on code-point boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(newsLike, fc.boolean(), async (text, most) => {
        await checkLint(text, most ? mostFixes : allRules)
      }),
      runs(4000)
    )
  }, 180_000)

  it('never fails on any UTF-16 string at all, lone surrogates and NULs included', async () => {
    await fc.assert(
      fc.asyncProperty(anyUtf16, fc.boolean(), async (text, most) => {
        await checkLint(text, most ? mostFixes : allRules)
      }),
      runs(2500)
    )
  }, 180_000)

  it('reaches a fixed point on news-like text: fixing the fixed text changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(newsLike, fc.boolean(), async (text, most) => {
        await checkFix(text, most ? mostFixes : allRules)
      }),
      runs(2500)
    )
  }, 180_000)

  it('reaches a fixed point on any UTF-16 string, without splitting a surrogate pair', async () => {
    await fc.assert(
      fc.asyncProperty(anyUtf16, fc.boolean(), async (text, most) => {
        await checkFix(text, most ? mostFixes : allRules)
      }),
      runs(1000)
    )
  }, 180_000)

  it('reaches a fixed point with spelling suggestions on', async () => {
    await fc.assert(
      fc.asyncProperty(newsLike, async (text) => {
        await checkFix(text, withSuggestions)
      }),
      runs(150)
    )
  }, 180_000)

  it('handles text that is only whitespace, or nothing', async () => {
    await fc.assert(
      fc.asyncProperty(onlyWhitespace, async (text) => {
        await checkLint(text, allRules)
        await checkFix(text, mostFixes)
      }),
      runs(400)
    )
  }, 120_000)
})

describe('the engine on pathological shapes', () => {

  // The 1 MB line and the 100,000 lines run in the soak script (a minute of parsing each); these
  // are the same shapes at a size the suite can afford.
  it('lints and fixes a 100 KB line with no line break', async () => {
    const text = filler(100_000, ' ', 1)
    expect(await checkLint(text, allRules)).toBeGreaterThan(0)
    await checkFix(text, mostFixes)
  }, 180_000)

  it('lints and fixes 10,000 tiny lines without a final newline', async () => {
    const text = tinyLines(10_000)
    expect(text.endsWith('\n')).toBe(false)
    await checkLint(text, allRules)
    await checkFix(text, mostFixes)
  }, 180_000)

  it('lints and fixes 100 KB of random code units, line breaks included', async () => {
    const units = fc.sample(fc.integer({min: 0, max: 0xffff}), {numRuns: 20_000, seed: 3})
    const text = String.fromCharCode(...units).repeat(5)
    await checkLint(text, allRules)
    await checkFix(text, allRules)
  }, 180_000)
})

describe('one enormous word', () => {
  it('parses a 200 KB word of 100,000 tokens (A.A.A.…) without overflowing the stack, positions exact', async () => {
    const {parseText} = await import('../src/parse.js')
    const {toString} = await import('nlcst-to-string')
    const text = `Before.\n${'A.'.repeat(100_000)} after\n${'a-'.repeat(110_000)}😀`
    const tree = parseText(text)
    expect(toString(tree)).toBe(text)
    const last = tree.children.at(-1)!
    expect(last.position!.end).toEqual({line: 3, column: 220_003, offset: text.length})
    // Every rule but boilerplate (see the skipped test below) on the same text, spelling without suggestions (likewise).
    const config = allRulesConfig({suggestions: 0})
    config.rules = {...config.rules, boilerplate: 'off'}
    await checkLint(text, config)
  }, 120_000)
})

// Rule bugs this work found (reported to the lead; rules/** belongs to the rule owners). Each test
// is the minimal case with a generous budget; remove `.skip` once the rule is fixed. The soak
// script's `known` part reports whether each is still open.
describe('known rule bugs on hostile input', () => {
  async function lintWithOnly(rule: string, text: string): Promise<number> {
    const config = allRulesConfig({suggestions: 30})
    config.rules = Object.fromEntries(Object.keys(config.rules).map((id) => [id, id === rule ? config.rules[id]! : 'off']))
    const started = performance.now()
    await checkLint(text, config)
    return performance.now() - started
  }

  // BUG spelling: suggestions for a long unknown word are quadratic in its length (src/dictionary.ts
  // suggestFrom → editsOne builds every one-edit variant of the whole word): 5,000 letters take
  // 4 s, 10,000 take 16 s, and a 200 KB "word" (a base64 blob, a scraped token) never finishes and
  // exhausts memory. Suggesting only for words of sane length (say ≤ 40 letters) would fix it.
  it.skip('spelling lints a 20,000-letter word within 2 s', async () => {
    expect(await lintWithOnly('spelling', 'a'.repeat(20_000))).toBeLessThan(2000)
  })

  // BUG boilerplate: a long line of sentence ends is quadratic: `'A.'.repeat(40_000)` (80 KB) takes
  // 12 s with only boilerplate on; a 1 MB line of it would take about half an hour. The time goes
  // to the agency-attribution pattern of catalogue.ts (`matchLine`), apparently run once per
  // sentence against the rest of the line.
  it.skip('boilerplate lints an 80 KB line of sentence ends within 2 s', async () => {
    expect(await lintWithOnly('boilerplate', 'A.'.repeat(40_000))).toBeLessThan(2000)
  })

  // BUG name-consistency: a run of capitalised words is about cubic in its length (extract.ts
  // `mentionsOf`, index.ts `named`): 400 × "Alpha " takes 1 s, 800 take 7 s, 2,000 never finish in
  // a soak's minute. A scraped tag cloud or an all-capitals headline list is such a run.
  it.skip('name-consistency lints 2,000 capitalised words in a row within 2 s', async () => {
    expect(await lintWithOnly('name-consistency', 'Alpha '.repeat(2_000))).toBeLessThan(2000)
  })
})
