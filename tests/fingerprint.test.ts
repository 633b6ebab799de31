// Fingerprints: the same finding keeps its fingerprint through edits elsewhere in the file, and a
// different finding gets a different one.
import {describe, expect, it} from 'vitest'
import {lint} from '../src/engine.js'
import {fingerprints, normaliseMatch, type Fingerprintable} from '../src/fingerprint.js'
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
