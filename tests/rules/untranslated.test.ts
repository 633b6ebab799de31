import {readFileSync, writeFileSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {isDictionaryWord} from '../../src/dictionary.js'
import {fix, lint} from '../../src/engine.js'
import {toLintMessage} from '../../src/reporters/result.js'
import untranslated from '../../rules/untranslated/index.js'
import {loanwords, readRomanisedLists, romanisedLists} from '../../rules/untranslated/romanised.js'
import {LOOKALIKES} from '../../rules/untranslated/scripts.js'
import {onlyRule, runRuleTests, type ExpectedError} from '../helpers/rule-tester.js'

function at(text: string, needle: string, messageId: string, extra: Partial<ExpectedError> = {}, nth = 0): ExpectedError {
  let start = -1
  for (let seen = 0; seen <= nth; seen++) start = text.indexOf(needle, start + 1)
  if (start === -1) throw new Error(`\`${needle}\` is not in the test text`)
  return {messageId, start, end: start + needle.length, ...extra}
}

const koreanCues = 'Seoul (Yonhap) -- The ministry said on the 24th (local time)'
const copyright = 'The talks ended.\n< 저작권자 ⓒ 서울경제, 무단 전재 및 재배포 금지 >'
const uiStrings = '원본보기 아이콘 The president said on Tuesday that the talks would resume. 글자 크기 설정'
const mixedToken = 'Peskov said he was работаtn on the report.'
const credit = 'The leader waves to the crowd (사진=연합뉴스) on Tuesday.'
const kremlin = 'The Kremlin (Кремль) said talks would go on.'
const reverseGloss = 'Protesters chanted 내로남불 (double standards) outside.'
const abe = 'Former Prime Minister Shinzo Abe (安倍晋三) was remembered.'
const lookalike = 'Navalnу was flown from Moscоw to Berlin.'
const quotedLookalike = 'He said: “Navalnу is alive.”'
const arabicHebrewThai = 'Crowds shouted الله أكبر while signs read שלום and ขอบคุณ in the square.'
const udalenka = `Dmitry Sergeyevich Peskov told TASS that staff moved to udalenka in March.`
const naeronambul = `${koreanCues} that naeronambul was rife. Critics repeated naeronambul.`
const glossedOnce = `${koreanCues} that naeronambul (double standards) was rife. Critics repeated naeronambul.`
const tweet = `${koreanCues} that the tweet read saengtte jwiyeo jjamyeo rimyeongbak.`
const hyphenStyle = `${koreanCues} that a 'byeoldongdae'-style unit was formed.`

runRuleTests(untranslated, {
  valid: [
    {name: 'accented Latin names', text: 'Éric Müller met Nguyễn Văn An, Erdoğan and Łukasz Żak in Zürich.'},
    {name: 'emoji and symbols', text: 'Fans cheered 🎉👍🏽 as the © and ™ signs lit up ★.'},
    {name: 'lone Greek letters used as symbols', text: 'Beta-blockers (β-blockers) at 5 μg cut the risk by 3 Ω.'},
    {
      name: 'Japanese names quoted in Japanese script in a parenthetical gloss, with glosses ignored',
      text: 'Former Prime Minister Shinzo Abe (安倍晋三) met Yoshihide Suga (「菅義偉」).',
      options: {glosses: 'ignore'}
    },
    {name: 'a script in allowScripts', text: 'The Greek motto was Ελευθερία ή θάνατος on the flag.', options: {allowScripts: ['Greek']}},
    {name: 'chaebol, hallyu and kimchi in ordinary English use', text: `${koreanCues} that chaebol sold kimchi as hallyu spread.`},
    {name: 'romanised words in an article without provenance cues', text: 'Staff moved to udalenka, and naeronambul was rife.'},
    {name: 'a Korean-looking domain and e-mail address', text: `${koreanCues}; see www.hankyung.com or newsinfo@hankyung.com.`},
    {name: 'a romanised word explained on first use and repeated', text: glossedOnce},
    {name: 'a romanised word in parentheses after its English', text: `${koreanCues} that double standards ("naeronambul") were rife.`},
    {name: 'romanised words when the romanised option is off', text: naeronambul, options: {romanised: false}},
    {name: 'a romanised word in the ignore option', text: udalenka, options: {ignore: ['udalenka']}},
    {name: 'a capitalised romanised word mid-sentence, which is a name', text: `${koreanCues} that Sampo Bank and Gapjil Ltd merged.`},
    {name: 'the English-source seed style', text: 'Blinken called on Moscow to release Alexey Navalny.'}
  ],
  invalid: [
    {
      name: 'a Korean copyright line once for the whole line, without a fix',
      text: copyright,
      errors: [at(copyright, '< 저작권자 ⓒ 서울경제, 무단 전재 및 재배포 금지 >', 'line', {expected: []})]
    },
    {
      name: 'untranslated interface strings run by run',
      text: uiStrings,
      errors: [at(uiStrings, '원본보기 아이콘', 'run'), at(uiStrings, '글자 크기 설정', 'run')]
    },
    {name: 'Cyrillic glued to a Latin word', text: mixedToken, errors: [at(mixedToken, 'работа', 'run')]},
    {name: 'a Korean photo credit in parentheses, which is no gloss', text: credit, errors: [at(credit, '사진=연합뉴스', 'run')]},
    {
      name: 'a gloss after its English rendering only as information',
      text: kremlin,
      errors: [at(kremlin, 'Кремль', 'gloss', {severity: 'info'})]
    },
    {
      name: 'a script word followed by its English in parentheses only as information',
      text: reverseGloss,
      errors: [at(reverseGloss, '내로남불', 'gloss', {severity: 'info'})]
    },
    {
      name: 'a Japanese name glossed in Japanese script only as information by default',
      text: abe,
      errors: [at(abe, '安倍晋三', 'gloss', {severity: 'info'})]
    },
    {
      name: 'a gloss at full severity when glosses is report',
      text: kremlin,
      options: {glosses: 'report'},
      errors: [at(kremlin, 'Кремль', 'gloss', {severity: 'error'})]
    },
    {
      name: 'Arabic, Hebrew and Thai runs',
      text: arabicHebrewThai,
      errors: [at(arabicHebrewThai, 'الله أكبر', 'run'), at(arabicHebrewThai, 'שלום', 'run'), at(arabicHebrewThai, 'ขอบคุณ', 'run')]
    },
    {
      name: 'look-alike Cyrillic letters inside Latin words, with a fix',
      text: lookalike,
      errors: [
        at(lookalike, 'Navalnу', 'lookalike', {expected: ['Navalny']}),
        at(lookalike, 'Moscоw', 'lookalike', {expected: ['Moscow']})
      ],
      output: 'Navalny was flown from Moscow to Berlin.'
    },
    {
      name: 'a look-alike letter inside a direct quotation, fixed all the same',
      text: quotedLookalike,
      errors: [at(quotedLookalike, 'Navalnу', 'lookalike', {expected: ['Navalny']})],
      output: 'He said: “Navalny is alive.”'
    },
    {
      name: 'a romanised Russian word in an article with Russian cues',
      text: udalenka,
      errors: [at(udalenka, 'udalenka', 'romanised', {expected: ['remote work']})]
    },
    {
      name: 'every unexplained use of a listed romanised Korean word',
      text: naeronambul,
      errors: [
        at(naeronambul, 'naeronambul', 'romanised', {expected: ['double standards']}),
        at(naeronambul, 'naeronambul', 'romanised', {expected: ['double standards']}, 1)
      ]
    },
    {
      name: 'a run of unlisted romanised Korean words once, found by syllables and the dictionary',
      text: tweet,
      errors: [at(tweet, 'saengtte jwiyeo jjamyeo rimyeongbak', 'romanisedUnknown')]
    },
    {
      name: 'a quoted romanised Korean word before "-style"',
      text: hyphenStyle,
      errors: [at(hyphenStyle, 'byeoldongdae', 'romanised', {expected: ['task force', 'flying squad']})]
    },
    {
      name: 'romanised words when the config names the source language',
      text: 'Staff moved to udalenka last year.',
      settings: {sourceLanguages: ['ru']},
      errors: [{messageId: 'romanised', start: 15, end: 23, expected: ['remote work']}]
    }
  ]
})

const seeds = path.join(import.meta.dirname, '..', '..', 'seeds')
const config = onlyRule(untranslated)

describe('untranslated on the seed articles', () => {
  it('reports the Korean copyright line of the Korean-source seed once, and nothing else', async () => {
    const text = readFileSync(path.join(seeds, '002_b397dcfc1a64f168.txt'), 'utf8')
    const messages = (await lint(text, {config, rules: [untranslated]})).messages.map(toLintMessage)
    expect(messages.map((message) => [message.messageId, message.actual, message.fix])).toEqual([
      ['line', '< 저작권자 ⓒ 서울경제, 무단 전재 및 재배포 금지 >', null]
    ])
  })

  it('reports nothing in the English-source seed', async () => {
    const text = readFileSync(path.join(seeds, '000_230b21386b69b568.txt'), 'utf8')
    expect((await lint(text, {config, rules: [untranslated]})).messages).toEqual([])
  })
})

describe('untranslated data', () => {
  it('lists no romanised word that an English dictionary knows or that is a loanword', async () => {
    const known: string[] = []
    for (const entries of Object.values(romanisedLists)) {
      for (const entry of entries) {
        for (const form of [entry.word, ...(entry.forms ?? [])]) {
          if (loanwords.has(form)) known.push(form)
          for (const word of form.split(/[\s-]+/)) if (await isDictionaryWord(word)) known.push(form)
        }
      }
    }
    expect(known).toEqual([])
  })

  it('refuses a list entry with an unknown key, naming the file and the entry', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'newslint-')), 'romanised.yaml')
    writeFileSync(file, 'ru:\n  - {word: udalenka, meaning: [remote work], gloss: x}\n')
    expect(() => readRomanisedLists(file)).toThrow(/romanised\.yaml.*`udalenka`.*unknown key `gloss`/)
  })

  it('only swaps look-alike letters for their Latin twins, and fixing twice equals fixing once (property)', async () => {
    const pieces = fc.constantFrom('Mosc', 'о', 'w', 'а', 'Кремль', 'ο', ' ', '(', ')', 'Éric', '\n', '“', '”', 'у')
    await fc.assert(
      fc.asyncProperty(fc.array(pieces, {maxLength: 14}), async (parts) => {
        const text = parts.join('')
        const once = await fix(text, {config, rules: [untranslated]})
        expect((await fix(once.output, {config, rules: [untranslated]})).output).toBe(once.output)
        expect(once.output.length).toBe(text.length)
        for (let index = 0; index < text.length; index++) {
          if (once.output[index] !== text[index]) expect(LOOKALIKES.get(text[index]!)).toBe(once.output[index])
        }
      }),
      {numRuns: 150}
    )
  })

  it('fixes look-alike letters in one pass and leaves nothing to fix after', async () => {
    const text = 'Moscоw, Kyіv and Navalnу.'
    const first = await fix(text, {config, rules: [untranslated]})
    expect(first.output).toBe('Moscow, Kyiv and Navalny.')
    expect(first.passes).toBe(1)
    expect((await lint(first.output, {config, rules: [untranslated]})).messages).toEqual([])
  })
})
