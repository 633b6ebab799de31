// Property tests for the normalisation rules (`typography`, `unicode`) on arbitrary Unicode: they
// never fail, every report and fix sits in bounds on code-point boundaries, and fixing converges.
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {recommendedConfig, type Config} from '../src/config.js'
import {fix, lint} from '../src/engine.js'
import type {Fix, NewslintRule} from '../src/rule.js'
import {toLintMessage} from '../src/reporters/result.js'
import typography from '../rules/typography/index.js'
import unicode from '../rules/unicode/index.js'

function configFor(rules: readonly NewslintRule[]): Config {
  const config = recommendedConfig()
  config.rules = Object.fromEntries(Object.keys(config.rules).map((id) => [id, 'off']))
  for (const rule of rules) config.rules[rule.meta.id] = 'error'
  return config
}

// Pieces that exercise every branch: mojibake (one and two layers, lossy), controls, invisibles in
// and out of the contexts that need them, special spaces, decomposed letters, quotes of every kind,
// brackets, punctuation, URLs, initials, and correct text in other scripts.
const PIECES = [
  'â€™', 'â€œ', 'â€', 'â€\uFFFD', 'Ã©', 'Ã¢â‚¬â„¢', 'Â£', 'Â ', 'Ã ', 'Ã', 'Â', 'Ä', 'Å™', 'ÐŸÑ€', 'ðŸ˜€', 'ë…”', '×²',
  '\u0081', '\u0093', '\u0094', '\u009D', '\x00', '\x07', '\x0B', '\x0C', '\x1B', '\x1B[31m', '\x7F', '\r', '\n', '\r\n',
  '\u200B', '\u200C', '\u200D', '\u200E', '\u202E', '\u2066', '\u2060', '\u00AD', '\uFEFF', '\uFE0F', '\u{E0067}', '\u{E007F}', '🏴', '\uFFFD', '\u2028',
  '\u00A0', '\u202F', '\u2009', '\u2003', '\u3000', ' ', '  ', '   ', '\t',
  'e\u0301', '\u0301', '\u1100\u1161', '\u11A8', 'Å', '\u212B', '\uD800', '\uDC00',
  "'", '"', '‘', '’', '“', '”', '«', '»', '(', ')', '[', ']', '{', '}', ':)', '.', ',', ';', ':', '!', '?', '…', '-', '—',
  'the', 'The', 'said', 'sends', 'oil', 'painting', 'had', 'is', 'it', 'U.S.', '3.5', '10', 'a.m.', 'Mr.', 'km', 'www.example.com',
  'J.R.R.', 'Tolkien', 'Éric', 'Müller', 'Nguyễn', 'Erdoğan', '中文', '「', '」', 'ا', 'ب', 'क्', 'ष', '👨', '👩', '😀'
]

const mixture = fc.array(fc.constantFrom(...PIECES), {maxLength: 40}).map((pieces) => pieces.join(''))
const anyUnicode = fc.string({unit: 'binary', maxLength: 120})
const anyText = fc.oneof(mixture, anyUnicode, fc.string({unit: 'grapheme', maxLength: 60}))

function isCodePointBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true
  const high = text.charCodeAt(offset - 1)
  const low = text.charCodeAt(offset)
  return !(high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff)
}

// PROPERTY_RUNS=5000 for a longer hunt; the default keeps the suite quick.
const numRuns = Number(process.env.PROPERTY_RUNS ?? 300)

const cases: Array<[string, NewslintRule[]]> = [
  ['typography', [typography]],
  ['unicode', [unicode]],
  ['typography and unicode together', [typography, unicode]]
]

for (const [name, rules] of cases) {
  const config = configFor(rules)
  describe(`${name} on arbitrary Unicode`, () => {
    it('never fails and reports only in-bounds spans on code-point boundaries', async () => {
      await fc.assert(
        fc.asyncProperty(anyText, async (text) => {
          const file = await lint(text, {config, rules})
          for (const message of file.messages.map(toLintMessage)) {
            expect(message.messageId, message.message).not.toBe('rule-failure')
            expect(0 <= message.start && message.start <= message.end && message.end <= text.length).toBe(true)
            expect(isCodePointBoundary(text, message.start) && isCodePointBoundary(text, message.end)).toBe(true)
            expect(message.actual).toBe(text.slice(message.start, message.end))
            const proposed: Fix | null = message.fix
            if (proposed) {
              expect(0 <= proposed.start && proposed.start <= proposed.end && proposed.end <= text.length).toBe(true)
              expect(isCodePointBoundary(text, proposed.start) && isCodePointBoundary(text, proposed.end)).toBe(true)
            }
          }
        }),
        {numRuns}
      )
    })

    it('reaches a fixed point: fixing the fixed text changes nothing', async () => {
      await fc.assert(
        fc.asyncProperty(anyText, async (text) => {
          const once = await fix(text, {config, rules})
          const twice = await fix(once.output, {config, rules})
          expect(twice.output).toBe(once.output)
          expect(twice.file.messages.some((message) => message.messageId === 'rule-failure')).toBe(false)
        }),
        {numRuns}
      )
    })
  })
}
