import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {lint} from '../../src/engine.js'
import fc from 'fast-check'
import spelling, {NOT_PROSE, notProseSpans} from '../../rules/spelling/index.js'
import {onlyRule, runRuleTests} from '../helpers/rule-tester.js'

runRuleTests(spelling, {
  valid: [
    {name: 'names capitalised mid-sentence', text: 'US Secretary of State Antony Blinken spoke to Dmitry Peskov and Kwak Yoon-ah.'},
    {name: 'a name that starts a sentence and recurs', text: 'Navalni collapsed in August. Supporters of Navalni protested.'},
    {name: 'a sentence-initial name in a name sequence', text: 'Yonhap News reported it.'},
    {name: 'possessives of names', text: "The case is one of Putin's concerns and of Navalni’s allies."},
    {name: 'acronyms and initialisms', text: 'The NGO and OVD-Info said the U.S. and the EU agreed.'},
    {name: 'numbers with units', text: 'It rose 3.5% to 10km and 25kg on the 3rd.'},
    {name: 'URLs, e-mail addresses, handles and hashtags', text: 'See www.example.com or https://exmpl.org/xyzzy, mail [email protected] or kwk@snkyung.co.kr, follow @SecBlinkn #humanrightz.'},
    {name: 'British and American spellings alike by default', text: 'The colour of the color, in defence of the defense.'},
    {name: 'hyphenated compounds of known words', text: 'An anti-government, non-governmental group.'},
    {name: 'loanwords in ordinary news use', text: 'The chaebol sold kimchi as hallyu spread.'},
    {name: 'the halves of a word cut by an invisible character', text: 'The min\u200Bister spoke.'},
    {name: 'words in the ignore option', text: 'The udalenka trend grew.', options: {ignore: ['udalenka']}}
  ],
  invalid: [
    {
      name: 'a lowercase typo, with suggestions',
      text: 'The cat sat on teh mat.',
      errors: [{messageId: 'unknown', start: 15, end: 18}]
    },
    {
      name: 'a sentence-initial typo that is used nowhere else',
      text: 'Teh end came quickly.',
      errors: [{messageId: 'unknown', start: 0, end: 3}]
    },
    {
      name: 'British spelling when the dialect is en-US',
      text: 'The colour faded.',
      options: {dialect: 'en-US'},
      errors: [{messageId: 'unknown', start: 4, end: 10, expected: expect.arrayContaining(['color']) as unknown as string[]}]
    },
    {
      name: 'American spelling when the dialect is en-GB',
      text: 'The color faded.',
      options: {dialect: 'en-GB'},
      errors: [{messageId: 'unknown', start: 4, end: 9}]
    },
    {
      name: 'a word one letter longer than the longest dictionary word, with the suggestion one deletion away',
      text: "The electroencephalography'sx was read.",
      errors: [{messageId: 'unknown', start: 4, end: 29, expected: ["electroencephalography's"]}]
    },
    {
      // No dictionary word is one edit away from it, so none is looked for (each look was a copy of the word per edit).
      name: 'a word two letters longer than the longest dictionary word, without suggestions',
      text: 'The qwertyuiopasdfghjklzxcvbnmqwer was read.',
      errors: [{messageId: 'unknownNoSuggestion', start: 4, end: 34, expected: []}]
    },
    {
      name: 'no suggestions past the per-file bound',
      text: 'The xqzv and wrold.',
      options: {maxSuggestionsPerFile: 0},
      errors: [
        {messageId: 'unknownNoSuggestion', start: 4, end: 8, expected: []},
        {messageId: 'unknownNoSuggestion', start: 13, end: 18, expected: []}
      ]
    }
  ]
})

describe('spelling on the seed articles', () => {
  const seeds = path.join(import.meta.dirname, '..', '..', 'seeds')
  for (const name of ['000_230b21386b69b568.txt', '002_b397dcfc1a64f168.txt']) {
    it(`does not report the names in ${name}`, async () => {
      const text = readFileSync(path.join(seeds, name), 'utf8')
      const file = await lint(text, {config: onlyRule(spelling), rules: [spelling]})
      const words = file.messages.map((message) => message.actual)
      for (const name of ['Navalny', 'Navalni', 'Blinken', 'Peskov', 'Yonhap', 'Kwak', 'Yoon-ah', 'Aleksey', 'Alexey', 'Novichok', 'Sputnik']) {
        expect(words).not.toContain(name)
      }
      expect(words).toEqual([])
    })
  }

  it('reads personal word lists relative to the config file', async () => {
    const config = onlyRule(spelling, {personal: ['words.txt']})
    config.ruleBaseDirs.spelling = path.join(import.meta.dirname, '..', '..', 'fixtures', 'spelling', 'personal')
    const file = await lint('The udalenka trend.', {config, rules: [spelling]})
    expect(file.messages).toEqual([])
  })
})

describe('spelling: the spans never checked', () => {
  it('are those of a scan of the whole text, though only lines that may hold one are scanned (property)', () => {
    const piece = fc.constantFrom(
      'word ', 'see www.example.com', 'https://exmpl.org/x?y=1', 'kwk@snkyung.co.kr', '[email', 'protected]', '[email protected]', '@SecBlinkn', '#humanrightz',
      'a.b.kr', 'x.com', '.', '@', '#', ' ', '\n', '\n\n', 'Seoul', 'co', 'gov.', '\u00A0'
    )
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 24}), (parts) => {
        const text = parts.join('')
        const whole = [...text.matchAll(NOT_PROSE)].map((match) => ({start: match.index, end: match.index + match[0].length}))
        expect(notProseSpans(text)).toEqual(whole)
      }),
      {numRuns: 3000}
    )
  })

  it('follow a placeholder broken over two lines below another line that may hold a span', () => {
    const text = 'Follow @desk\nor write to [email\nprotected] today.\nNothing here.'
    expect(notProseSpans(text).map(({start, end}) => text.slice(start, end))).toEqual(['@desk', '[email\nprotected]'])
  })
})
