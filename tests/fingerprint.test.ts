// Fingerprints: the same finding keeps its fingerprint through edits elsewhere in the file, and a
// different finding gets a different one.
import {createHash} from 'node:crypto'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {lint} from '../src/engine.js'
import {FINGERPRINT_VERSION, fingerprints, NEIGHBOURS, normaliseMatch, type Fingerprintable} from '../src/fingerprint.js'
import {toLintResult} from '../src/reporters/result.js'
import spelling from '../rules/spelling/index.js'
import {onlyRule} from './helpers/rule-tester.js'

/** A finding of `ruleId` over the `nth` (0-based) occurrence of `word` in `text`. */
function at(text: string, word: string, ruleId = 'spelling', nth = 0): Fingerprintable {
  let start = -1
  for (let count = 0; count <= nth; count++) start = text.indexOf(word, start + 1)
  if (start === -1) throw new Error(`no ${word} in the text`)
  return {ruleId, start, end: start + word.length, actual: text.slice(start, start + word.length)}
}

function printOf(text: string, word: string, ruleId = 'spelling', nth = 0): string {
  return fingerprints(text, [at(text, word, ruleId, nth)])[0]!
}

const ARTICLE = 'Seoul, May 3 (Yonhap) -- The minister said teh talks would resume on Monday.\n\nOfficials declined to comment.\n'

describe('fingerprints', () => {
  it('are 16 hex digits', () => {
    expect(printOf(ARTICLE, 'teh')).toMatch(/^[0-9a-f]{16}$/)
  })

  it('stay the same when lines are inserted above and removed below the finding', () => {
    const edited = `A new first paragraph was added by the desk.\n\n${ARTICLE.replace('\n\nOfficials declined to comment.\n', '\n')}`
    expect(at(edited, 'teh').start).not.toBe(at(ARTICLE, 'teh').start)
    expect(printOf(edited, 'teh')).toBe(printOf(ARTICLE, 'teh'))
  })

  it('stay the same when the next sentence on the same line changes', () => {
    const edited = ARTICLE.replace('resume on Monday.', 'resume on Monday. A second sentence was appended here.')
    expect(printOf(edited, 'teh')).toBe(printOf(ARTICLE, 'teh'))
  })

  it('stay the same when only punctuation, spacing or case around the finding changes', () => {
    const edited = ARTICLE.replace('The minister said teh talks', 'the  minister, said teh talks')
    expect(printOf(edited, 'teh')).toBe(printOf(ARTICLE, 'teh'))
  })

  it('change when the matched text changes', () => {
    const edited = ARTICLE.replace('teh', 'tha')
    expect(printOf(edited, 'tha')).not.toBe(printOf(ARTICLE, 'teh'))
  })

  it('change when a word next to the finding changes', () => {
    const edited = ARTICLE.replace('said teh talks', 'said teh meetings')
    expect(printOf(edited, 'teh')).not.toBe(printOf(ARTICLE, 'teh'))
  })

  it('differ between rules reporting the same text', () => {
    expect(printOf(ARTICLE, 'teh', 'spelling')).not.toBe(printOf(ARTICLE, 'teh', 'typography'))
  })

  it('tell two identical findings apart by their order, not their position', () => {
    const line = 'The minister said teh talks would resume.\n'
    const twice = `${line}\n${line}`
    const [first, second] = fingerprints(twice, [at(twice, 'teh', 'spelling', 0), at(twice, 'teh', 'spelling', 1)])
    expect(first).not.toBe(second)
    // Given in reverse order, each keeps its own fingerprint: occurrence counts in text order.
    expect(fingerprints(twice, [at(twice, 'teh', 'spelling', 1), at(twice, 'teh', 'spelling', 0)])).toEqual([second, first])
    // The first copy alone, further down, has the first copy's fingerprint.
    expect(printOf(`Intro.\n\n${line}`, 'teh')).toBe(first)
  })

  it('ignore spans blanked out in the context text (suppression comments)', () => {
    const plain = 'The minister said teh talks would resume.'
    const commented = 'The minister said teh <!-- x --> talks would resume.'
    const context = commented.replace('<!-- x -->', ' '.repeat('<!-- x -->'.length))
    expect(fingerprints(commented, [at(commented, 'teh')], {context})).toEqual([printOf(plain, 'teh')])
  })

  it('normalise case and white space in the matched text', () => {
    expect(normaliseMatch('  Kremlin\n  Palace ')).toBe('kremlin palace')
  })

  it('are stamped by the engine on every message and carried into results', async () => {
    const config = onlyRule(spelling)
    const file = await lint(ARTICLE, {config, rules: [spelling]})
    expect(file.messages.map((message) => message.actual)).toEqual(['teh'])
    expect(file.messages[0]!.fingerprint).toBe(printOf(ARTICLE, 'teh'))
    expect(toLintResult(file).messages[0]!.fingerprint).toBe(printOf(ARTICLE, 'teh'))
  })

  it('do not depend on the file path', async () => {
    const config = onlyRule(spelling)
    const here = await lint(ARTICLE, {config, rules: [spelling], filePath: '/desk/a/story.txt'})
    const there = await lint(ARTICLE, {config, rules: [spelling], filePath: '/archive/b/renamed.txt'})
    expect(here.messages[0]!.fingerprint).toBe(there.messages[0]!.fingerprint)
  })
})

/**
 * The recipe as first written: each neighbourhood read from the whole line. The engine reads a
 * bounded stretch instead (a file of one long line was quadratic); the fingerprints must not change.
 */
function referenceFingerprints(text: string, findings: readonly Fingerprintable[]): string[] {
  const digest = (value: string) => createHash('sha256').update(value).digest('hex')
  const words = (value: string) => (value.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) as string[]
  const end = /[.!?…]["'”’)\]]*\s/g
  const tail = (value: string) => {
    let cut = 0
    for (const match of value.matchAll(end)) cut = match.index + match[0].length
    return value.slice(cut)
  }
  const head = (value: string) => {
    const match = new RegExp(end.source).exec(value)
    return match ? value.slice(0, match.index) : value
  }
  const keyOf = (finding: Fingerprintable) => {
    const start = Math.min(Math.max(finding.start, 0), text.length)
    const stop = Math.min(Math.max(finding.end, start), text.length)
    const lineStart = text.lastIndexOf('\n', start - 1) + 1
    const newline = text.indexOf('\n', stop)
    const before = words(tail(text.slice(lineStart, start))).slice(-NEIGHBOURS)
    const after = words(head(text.slice(stop, newline === -1 ? text.length : newline))).slice(0, NEIGHBOURS)
    return digest([FINGERPRINT_VERSION, finding.ruleId ?? '', normaliseMatch(finding.actual ?? text.slice(start, stop)), before.join(' '), after.join(' ')].join('\u0000'))
  }
  const order = findings.map((_, index) => index).sort((a, b) => findings[a]!.start - findings[b]!.start || findings[a]!.end - findings[b]!.end || a - b)
  const seen = new Map<string, number>()
  const result: string[] = []
  for (const index of order) {
    const key = keyOf(findings[index]!)
    const occurrence = seen.get(key) ?? 0
    seen.set(key, occurrence + 1)
    result[index] = digest(`${key}\u0000${occurrence}`).slice(0, 16)
  }
  return result
}

describe('fingerprints on long lines', () => {
  it('equal those read from the whole line, whatever the line holds (property)', () => {
    // Long runs without a sentence end, runs of few words, closing quotes after a full stop, line breaks.
    const piece = fc.constantFrom('word ', 'Kim ', 'a', 'b', '. ', '." ', '” ', '!) ', '\n', ' ', '-', '😀', '3', 'x'.repeat(500), ' '.repeat(700), 'ab '.repeat(900))
    fc.assert(
      fc.property(fc.array(piece, {minLength: 1, maxLength: 60}), fc.array(fc.tuple(fc.nat(), fc.nat({max: 30})), {minLength: 1, maxLength: 6}), (pieces, spans) => {
        const text = pieces.join('')
        const findings = spans.map(([at, length]) => {
          const start = at % (text.length + 1)
          return {ruleId: 'spelling', start, end: Math.min(text.length, start + length)}
        })
        expect(fingerprints(text, findings)).toEqual(referenceFingerprints(text, findings))
      }),
      {numRuns: 400}
    )
  })
})
