import {readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {fix, lint} from '../../src/engine.js'
import {toLintMessage} from '../../src/reporters/result.js'
import translationese from '../../rules/translationese/index.js'
import {onlyRule, runRuleTests, type ExpectedError} from '../helpers/rule-tester.js'

/** The span of the `nth` occurrence of `needle` in `text`, as an expected error. */
function at(text: string, needle: string, messageId: string, extra: Partial<ExpectedError> = {}, nth = 0): ExpectedError {
  let start = -1
  for (let seen = 0; seen <= nth; seen++) start = text.indexOf(needle, start + 1)
  if (start === -1) throw new Error(`\`${needle}\` is not in the test text`)
  return {messageId, start, end: start + needle.length, ...extra}
}

const seoulDate = 'Russian police arrested protesters in central Moscow on the 24th (local time), Yonhap said.'
const twoDates = 'The talks were held on the 23rd and 24th, the ministry said.'
const relative = 'The ministry said on the 13th of last month that it would act.'
const morning = 'Kim arrived this morning (7th) and met officials (last 9th).'
const reiwa = 'The policy speech was given on Reiwa 4th year January 17.'
const contradiction = 'January 17, 1945: Kishida gives policy speech\nThe speech was given on Reiwa 4th year January 17 in the Diet.'
const wrongGloss = 'The law was passed in Heisei 31 (2018) after a long debate.'
const anchor = 'Kim Sun-young Anchor: Good evening. Xi Jinping General Secretary said it was time.'
const chairman = 'North Korean Chairman Kim Jong-un met Chinese Chairman Xi Jinping in Beijing.'
const givenNames = 'Xi Jinping spoke first. Mr. Jinping said Chairman Un and Mr. Jae-myung agreed with Lee Jae-myung.'
const unknownSurname = 'The panel thanked Mr. Sun-young for her work.'
const association = 'The Korea Newspaper Association (Chairman Lim Chae-cheong) announced the award.'
const texQuotes = "He called it ``a national funeral'' and left."
const texCurly = "He called it ``a national funeral'' and said “no more”."
const texUnpaired = 'He called it ``a national funeral and left.'
const bullets = 'The measures include ▲ withdrawal of troops ▲ diplomatic efforts.'
const labels = '[Anchor] Good evening.\n[Kim Sun-young / Anchor] Welcome back.\n[Lee Jae-myung / Democratic Party leader (last 9th): We will win.]'
const joinedLabel = '[Seoyongju] We start now, Yonhap said on the 9th (local time).'
const lineBullets = '■ Starring: Kim Sun-young, Yonhap reporter\nThe show aired (local time) again.'

runRuleTests(translationese, {
  valid: [
    // Found by `npm run soak`: a blank label once made the speaker-label check throw.
    {name: 'blank brackets at the start of a line, as an empty check box', text: '[ ]\n[  ] Confirm the spelling of the minister’s name.\n'},
    {name: 'a weekday with "(local time)", normal wire style', text: 'Lee said on Monday (local time) that talks would resume.'},
    {name: 'a month and day with "(local time)"', text: 'Lee met Putin on Jan. 24 (local time) in Moscow.'},
    {name: 'a day whose month is named in the sentence before', text: 'The summit was set for January. Leaders arrived on the 24th and left on the 26th.'},
    {name: 'a day whose month is named in the same sentence', text: 'In March the court sat on the 4th, the 5th and the 9th.'},
    {name: 'a full date with "of"', text: 'It opened on the 4th of July and closes on the 15th of each month.'},
    {name: 'ordinals before their nouns', text: 'He lives on the 24th floor, finished on the 3rd try and rose to the 24th-largest bank.'},
    {name: 'a golf hole', text: 'Woods birdied twice. On the 18th, he made par.'},
    {name: 'a ranking in parentheses that is not after a time of day', text: 'Smith (7th) and Jones (8th) qualified.'},
    {name: 'an era year glossed with its Gregorian year', text: 'The law dates from Reiwa 4 (2022); the firm Showa Denko was founded in 1939.'},
    {name: 'a Korean name with its title before it', text: 'Anchor Kim Sun-young and President Yoon Suk Yeol spoke; Lee Jae-myung, the party leader, agreed.'},
    {name: 'a title starting the next phrase', text: 'Kim Sun-young President Biden said nothing. Lee Jae-myung Representative of the party spoke.'},
    {name: '"Chairman Mao" and a company chairman', text: 'Chairman Mao ruled China. China Evergrande Chairman Hui Ka Yan resigned.'},
    {name: 'Mr. with a surname or a Western-order name', text: 'Mr. Kim, Mr. Xi, Mr. Jae-myung Lee, Mr. Jean-Pierre and President Joe Biden met.'},
    {name: 'a given name that is also a surname', text: 'Wang Yi met Mr. Yi of Seoul.'},
    {name: 'Markdown double-backtick code', text: 'Type ``npm test`` to run it.'},
    {name: 'an up arrow before a number in market copy', text: 'KOSPI ▲12.3 points to 2,500.'},
    {name: 'a bracketed credit that is not a speaker', text: '[Photo / Yonhap] The president waves.\n[Updated] The count rose.'},
    {name: 'line-start section marks in copy with no Korean cues', text: '■ Markets\nShares rose in London.'},
    {name: 'a lone ▲ mentioned as a symbol', text: 'The chart uses ▲ and ▼ icons for gains and losses.'},
    {name: 'a joined label that reads as a Korean name in copy with no Korean cues', text: '[Seoyongju] We start now.'},
    {name: 'checks turned off by the disable option', text: seoulDate, options: {disable: ['day-only-date']}}
  ],
  invalid: [
    {
      name: 'a day-only date and its "(local time)" in the Korean-source seed style',
      text: seoulDate,
      errors: [at(seoulDate, 'the 24th', 'dayOnlyDate'), at(seoulDate, '(local time)', 'localTime')]
    },
    {name: 'two chained day-only dates as one phrase', text: twoDates, errors: [at(twoDates, 'the 23rd and 24th', 'dayOnlyDate')]},
    {name: 'a day of last month', text: relative, errors: [at(relative, 'the 13th of last month', 'relativeDate')]},
    {
      name: 'a day after "this morning" and "(last 9th)"',
      text: morning,
      errors: [at(morning, '(7th)', 'relativeDate'), at(morning, '(last 9th)', 'relativeDate')]
    },
    {name: 'a Japanese era year left in', text: reiwa, errors: [at(reiwa, 'Reiwa 4th year', 'eraYear', {expected: ['2022']})]},
    {
      name: 'a Gregorian year that contradicts an era year for the same date',
      text: contradiction,
      errors: [at(contradiction, '1945', 'eraContradiction', {expected: ['2022']}), at(contradiction, 'Reiwa 4th year', 'eraYear', {expected: ['2022']})]
    },
    {
      name: 'a wrong Gregorian gloss of an era year',
      text: wrongGloss,
      errors: [at(wrongGloss, '2018', 'eraContradiction', {expected: ['2019']})]
    },
    {
      name: 'titles after Korean and Chinese names',
      text: anchor,
      errors: [
        at(anchor, 'Kim Sun-young Anchor', 'titleAfterName', {expected: ['Anchor Kim Sun-young']}),
        at(anchor, 'Xi Jinping General Secretary', 'titleAfterName', {expected: ['General Secretary Xi Jinping']})
      ]
    },
    {
      name: '"Chairman" after North Korean and Chinese',
      text: chairman,
      errors: [
        at(chairman, 'Chairman', 'countryChairman', {expected: ['leader']}),
        at(chairman, 'Chairman', 'countryChairman', {expected: ['President']}, 1)
      ]
    },
    {
      name: 'given names taken for surnames, with the surname from the article or the known names',
      text: givenNames,
      errors: [
        at(givenNames, 'Mr. Jinping', 'givenNameAsSurname', {expected: ['Mr. Xi']}),
        at(givenNames, 'Chairman Un', 'givenNameAsSurname', {expected: ['Chairman Kim']}),
        at(givenNames, 'Mr. Jae-myung', 'givenNameAsSurname', {expected: ['Mr. Lee']})
      ]
    },
    {
      name: 'a Korean given name after Mr. when the surname is unknown',
      text: unknownSurname,
      errors: [at(unknownSurname, 'Mr. Sun-young', 'givenNameAsSurnameUnknown', {expected: []})]
    },
    {
      name: 'a title and name in parentheses after an organisation',
      text: association,
      errors: [at(association, '(Chairman Lim Chae-cheong)', 'titleInParentheses')]
    },
    {
      name: 'TeX-style quotes, fixed to straight quotes in a straight-quoted text',
      text: texQuotes,
      errors: [at(texQuotes, "``a national funeral''", 'texQuotes', {expected: ['"a national funeral"']})],
      output: 'He called it "a national funeral" and left.'
    },
    {
      name: 'TeX-style quotes, fixed to curly quotes in a curly-quoted text',
      text: texCurly,
      errors: [at(texCurly, "``a national funeral''", 'texQuotes', {expected: ['“a national funeral”']})],
      output: 'He called it “a national funeral” and said “no more”.'
    },
    {
      name: 'TeX-style quotes with the quote style set by option',
      text: texQuotes,
      options: {quotes: 'curly'},
      errors: [at(texQuotes, "``a national funeral''", 'texQuotes', {expected: ['“a national funeral”']})],
      output: 'He called it “a national funeral” and left.'
    },
    {
      name: 'an unpaired TeX-style opening quote, without a fix',
      text: texUnpaired,
      errors: [at(texUnpaired, '``', 'texQuoteUnpaired', {expected: ['"']})]
    },
    {
      name: '▲ bullets in running text',
      text: bullets,
      errors: [at(bullets, '▲', 'bullet'), at(bullets, '▲', 'bullet', {}, 1)]
    },
    {
      name: 'transcript speaker labels, leaving their names to the label check',
      text: labels,
      errors: [
        at(labels, '[Anchor]', 'speakerLabel'),
        at(labels, '[Kim Sun-young / Anchor]', 'speakerLabel'),
        at(labels, '[Lee Jae-myung / Democratic Party leader (last 9th):', 'speakerLabel'),
        at(labels, '(last 9th)', 'relativeDate')
      ]
    },
    {
      name: 'a name and title in a speaker label once, as the label',
      text: '[Kim Sun-young Anchor] Good evening.',
      errors: [{messageId: 'speakerLabel', start: 0, end: 22}]
    },
    {
      name: 'a caption opened by a single ▲',
      text: "▲'North Korea-Russia Summit' banners hang in Moscow.",
      errors: [{messageId: 'bullet', start: 0, end: 1}]
    },
    {
      name: 'a joined Korean name as a speaker label in copy with Korean cues',
      text: joinedLabel,
      errors: [at(joinedLabel, '[Seoyongju]', 'speakerLabel'), at(joinedLabel, 'the 9th', 'dayOnlyDate'), at(joinedLabel, '(local time)', 'localTime')]
    },
    {
      name: 'a line-start section mark in copy with Korean cues',
      text: lineBullets,
      errors: [at(lineBullets, '■', 'bullet')]
    }
  ]
})

const seeds = path.join(import.meta.dirname, '..', '..', 'seeds')
const config = onlyRule(translationese)

describe('translationese on the seed articles', () => {
  it('reports both day-only dates with "(local time)" in the Korean-source seed, and nothing else', async () => {
    const text = readFileSync(path.join(seeds, '002_b397dcfc1a64f168.txt'), 'utf8')
    const messages = (await lint(text, {config, rules: [translationese]})).messages.map(toLintMessage)
    expect(messages.map((message) => [message.messageId, message.actual])).toEqual([
      ['dayOnlyDate', 'the 24th'],
      ['localTime', '(local time)'],
      ['dayOnlyDate', 'the 24th'],
      ['localTime', '(local time)']
    ])
    expect(messages.every((message) => message.note)).toBe(true)
  })

  it('reports nothing in the English-source seed', async () => {
    const text = readFileSync(path.join(seeds, '000_230b21386b69b568.txt'), 'utf8')
    expect((await lint(text, {config, rules: [translationese]})).messages).toEqual([])
  })
})

describe('translationese fixes', () => {
  it('fixes every TeX-style pair in one run and is idempotent', async () => {
    const text = "``One,'' he said, ``two.'' Then ``three''."
    const first = await fix(text, {config, rules: [translationese]})
    expect(first.output).toBe('"One," he said, "two." Then "three".')
    expect((await fix(first.output, {config, rules: [translationese]})).changed).toBe(false)
  })

  it('reports TeX-style quotes inside a direct quotation without fixing them', async () => {
    const text = "He said: \u201CThey called it ``a funeral'' then.\u201D"
    const messages = (await lint(text, {config, rules: [translationese]})).messages.map(toLintMessage)
    expect(messages.map((message) => [message.messageId, message.fix])).toEqual([['texQuotes', null]])
  })

  it('only ever changes quotation marks, and fixing twice equals fixing once (property)', async () => {
    const pieces = fc.constantFrom('``', "''", '“', 'word', ' ', '.', '\n', 'on the 24th', 'Reiwa 4', 'Mr. Jinping', '▲')
    await fc.assert(
      fc.asyncProperty(fc.array(pieces, {maxLength: 16}), async (parts) => {
        const text = parts.join('')
        const once = await fix(text, {config, rules: [translationese]})
        expect((await fix(once.output, {config, rules: [translationese]})).output).toBe(once.output)
        const withoutQuotes = (value: string) => value.replace(/[`'"“”]/g, '')
        expect(withoutQuotes(once.output)).toBe(withoutQuotes(text))
      }),
      {numRuns: 150}
    )
  })

  it('refuses an unknown check name in options, naming the rule', () => {
    expect(() => translationese.parseSetting(['warn', {disable: ['dates']}])).toThrow(/translationese|disable/)
  })
})
