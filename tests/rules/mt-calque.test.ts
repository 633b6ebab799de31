import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {fix, lint} from '../../src/engine.js'
import {toLintResult} from '../../src/reporters/result.js'
import mtCalque from '../../rules/mt-calque/index.js'
import {documentFacts} from '../../rules/mt-calque/document.js'
import type {CompiledEntry} from '../../rules/mt-calque/pack.js'
import {literalLines} from '../../rules/mt-calque/scan.js'
import {documentAnalysis} from '../../src/analysis.js'
import {onlyRule, runRuleTests} from '../helpers/rule-tester.js'

const ko = {sourceLanguages: ['ko']}
const rules = [mtCalque]

runRuleTests(mtCalque, {
  valid: [
    {name: 'the Grand Kremlin Palace banquet', text: 'Putin hosted a banquet in the Grand Kremlin Palace for the leaders of the Eurasian Economic Union.', settings: ko},
    {
      name: 'an arts story about an oil painting and a painter’s hand gestures',
      text: 'The painter explained her hand gestures in front of the oil painting, which the gallery bought at auction last year.',
      settings: ko
    },
    {name: 'a Korean minister who returned to Korea', text: 'Foreign Minister Cho Tae-yul returned to Korea on Friday after talks with Russian Foreign Minister Sergei Lavrov.', settings: ko},
    {name: 'Kim returning to Korea', text: 'Kim returned to Korea on the 12th, Yonhap reported.', settings: ko},
    {name: 'chaebol, hallyu and kimchi in normal English use', text: 'The chaebol sold kimchi abroad as hallyu spread across Asia.', settings: ko},
    {
      name: 'an in-house representative in a business story',
      text: 'Samsung Electronics named an in-house representative to handle complaints from its suppliers, the company said.',
      settings: ko
    },
    {name: '"our government" inside a quotation', text: '"Our government will not tolerate provocations," Defense Minister Kim Yong-hyun said.', settings: ko},
    {name: 'a Korean-pack phrase in an article with no Korean provenance', text: 'Russia sends oil painting hand gestures to the US.'},
    {name: 'a Korean-pack phrase when the config forces only the Japanese pack', text: 'Russia sends oil painting hand gestures to the US.', settings: {sourceLanguages: ['ja']}},
    {name: '"returned to Korea" said of someone whose nationality the text does not give', text: 'Smith returned to Korea after the talks in Tokyo.', settings: ko},
    {
      name: 'an unnamed delegation returning to Korea in an article about a Russian',
      text: 'Russian opposition leader Alexei Navalny was arrested. Navalny’s lawyers appealed. Navalny said he would fight on. The delegation returned to Korea on Tuesday.',
      settings: ko
    },
    {name: 'a North Korean leader returning to Korea', text: 'North Korean leader Kim Jong Un returned to Korea by armoured train after the summit in Vladivostok.', settings: ko},
    {name: 'an op-ed that says "our government" in the writer’s own voice', text: 'Opinion\nI have argued for years that our government must talk to Pyongyang, and my readers agree.', settings: ko},
    {
      name: '"our government" in an embedded post',
      text: 'Our government stands with the people of Ukraine.\n— Embassy of Korea (@KoreanEmbassy) March 1, 2022',
      settings: ko
    },
    {
      name: 'entries turned off with `ignore`',
      text: 'Russia sends oil painting hand gestures to the US.',
      settings: ko,
      options: {ignore: ['ko/oil-painting-gesture', 'ko/oil-painting-diplomacy']}
    }
  ],
  invalid: [
    {
      name: 'a calque that provenance cues (Hangul, Yonhap) switch on',
      text: 'Russia sends oil painting hand gestures to the US, Yonhap News reported.\n< 저작권자 ⓒ 서울경제 >',
      errors: [{messageId: 'calque', start: 13, end: 39, expected: ['conciliatory gestures', 'appeasement gestures']}],
      output: 'Russia sends conciliatory gestures to the US, Yonhap News reported.\n< 저작권자 ⓒ 서울경제 >'
    },
    {
      name: 'a calque inside a spokesman attribution, fixed in word order',
      text: 'According to Reuters, spokesman Dmitry Peskov Kremlin Palace said, "We hope the dialogue succeeds."',
      settings: ko,
      errors: [{messageId: 'calque', start: 22, end: 60, expected: ['Kremlin spokesman Dmitry Peskov']}],
      output: 'According to Reuters, Kremlin spokesman Dmitry Peskov said, "We hope the dialogue succeeds."'
    },
    {
      name: 'a calque inside a direct quotation, reported but not fixed',
      text: 'He said, "The oil painting gestures of Moscow are welcome."',
      settings: ko,
      errors: [{messageId: 'calque', start: 14, end: 35, expected: ['conciliatory gestures', 'appeasement gestures']}]
    },
    {
      name: '"returning to Korea" said of a Russian opposition leader',
      text: 'Russian opposition activist Alexey Navalni returned to Russia on the 17th but was arrested shortly after returning to Korea.',
      settings: ko,
      errors: [{messageId: 'calque', start: 105, end: 123, expected: ['returning home', 'returning to Russia']}]
    },
    {
      name: 'a subjectless "returning to Korea" in an article about a Russian',
      text: 'Russian opposition leader Alexei Navalny was arrested. Navalny’s lawyers appealed. Navalny said he would fight on. Arrested shortly after returning to Korea, the activist went on hunger strike.',
      settings: ko,
      errors: [{messageId: 'calque', start: 138, end: 156, expected: ['returning home', 'returning to Russia']}]
    },
    {
      name: '"returned to Korea" said of a Japanese prime minister',
      text: 'Japanese Prime Minister Fumio Kishida returned to Korea after the G7 summit.',
      settings: ko,
      errors: [{messageId: 'calque', start: 38, end: 55, expected: ['returned home', 'returned to Japan']}]
    },
    {
      // The demonym is read as a whole word before the role ("Chinese activist"), not from "hinese".
      name: '"returned to Korea" said of someone a demonym before a role names as Chinese',
      text: 'Chinese activist Ai Weiwei returned to Korea on Monday.',
      settings: ko,
      errors: [{messageId: 'calque', start: 27, end: 44, expected: ['returned home', 'returned to China']}]
    },
    {
      name: '"returned to Korea" said of someone three lower-case words after the demonym',
      text: 'The award went to Japanese best-selling crime novelist Keigo Higashino, who returned to Korea the next day.',
      settings: ko,
      errors: [{messageId: 'calque', start: 76, end: 93, expected: ['returned home', 'returned to Japan']}]
    },
    {
      name: 'a calque in a headline in capitals, fixed in capitals',
      text: 'KREMLIN PALACE SAYS IT IS READY TO TALK',
      settings: ko,
      errors: [{messageId: 'calque', start: 0, end: 14, expected: ['THE KREMLIN']}],
      output: 'THE KREMLIN SAYS IT IS READY TO TALK'
    },
    {
      name: 'two calques in one sentence, fixed in one pass',
      text: 'Kremlin Palace spokesman Dmitry Peskov welcomed the oil painting gestures of Seoul.',
      settings: ko,
      errors: [
        {messageId: 'calque', start: 0, end: 24, expected: ['Kremlin spokesman']},
        {messageId: 'calque', start: 52, end: 73, expected: ['conciliatory gestures', 'appeasement gestures']}
      ],
      output: 'Kremlin spokesman Dmitry Peskov welcomed the conciliatory gestures of Seoul.'
    },
    {
      name: 'an entry of lower severity reported as information',
      text: 'The match kicks off at 4 a.m. Korean time on Sunday.',
      settings: ko,
      errors: [{messageId: 'calque', start: 30, end: 41, expected: ['Korea time', 'Seoul time'], severity: 'info'}]
    },
    {
      name: 'a Japanese calque when the Japanese pack is forced by config',
      text: 'The Japan-rice alliance is the cornerstone of Tokyo’s security policy.',
      settings: {sourceLanguages: ['ja']},
      errors: [{messageId: 'calque', start: 4, end: 23, expected: ['Japan-U.S. alliance']}],
      output: 'The Japan-U.S. alliance is the cornerstone of Tokyo’s security policy.'
    },
    {
      name: '"our military" in third-person news',
      text: 'North Korea fired a ballistic missile on Tuesday, and our military raised its alert level.',
      settings: ko,
      errors: [{messageId: 'calque', start: 54, end: 66, expected: ["South Korea's military", 'the South Korean military']}]
    }
  ]
})

const seeds = path.join(import.meta.dirname, '..', '..', 'seeds')
const seed = (name: string) => readFileSync(path.join(seeds, name), 'utf8')

describe('mt-calque on the seed articles', () => {
  it('reports every calque of the Korean-source seed, with its provenance in the file data', async () => {
    const text = seed('002_b397dcfc1a64f168.txt')
    const file = await lint(text, {config: onlyRule(mtCalque), rules})
    const result = toLintResult(file)
    expect(result.messages.map((message) => [message.actual, message.expected])).toEqual([
      ['oil painting hand gestures', ['conciliatory gestures', 'appeasement gestures']],
      ['spokesman Dmitry Peskov Kremlin Palace', ['Kremlin spokesman Dmitry Peskov']],
      ['returning to Korea', ['returning home', 'returning to Russia']]
    ])
    expect((result.data?.provenance as {languages: string[]}).languages).toContain('ko')
  })

  it('fixes the safe ones and leaves "returning to Korea" for a human', async () => {
    const text = seed('002_b397dcfc1a64f168.txt')
    const {output} = await fix(text, {config: onlyRule(mtCalque), rules})
    expect(output).toContain('Russia sends’conciliatory gestures’ to the US')
    expect(output).toContain('(local time), Kremlin spokesman Dmitry Peskov said, “We hope')
    expect(output).toContain('arrested shortly after returning to Korea')
  })

  it('reports nothing in the Indian wire seed, even with every pack forced on', async () => {
    const text = seed('000_230b21386b69b568.txt')
    for (const settings of [{}, {sourceLanguages: ['ko', 'ja', 'zh', 'ru']}]) {
      const file = await lint(text, {config: onlyRule(mtCalque, undefined, settings), rules})
      expect(file.messages.map((message) => `${message.actual}: ${message.reason}`)).toEqual([])
    }
  })
})

describe('mt-calque house packs', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'newslint-house-'))
  const pack = (examples: string) => `language: any
description: House style for translated copy.
entries:
  - id: presidential-office-blue-house
    source: 청와대
    sense: {wrong: the old seat of the presidency, right: the presidential office in Yongsan}
    match: ['(the )?Blue House']
    right: [the presidential office]
    note: The presidency left the Blue House in May 2022.
    status: unverified
    context: {inDocument: ['Yoon']}
${examples}
`
  writeFileSync(
    path.join(folder, 'house.yaml'),
    pack(`    examples:
      flagged: [{text: 'Yoon met aides at the Blue House.', actual: the Blue House}]
      unflagged: ['Moon lived in the Blue House.']`)
  )
  writeFileSync(
    path.join(folder, 'broken.yaml'),
    pack(`    examples:
      flagged: [{text: 'Moon lived in the Blue House.', actual: the Blue House}]
      unflagged: ['Yoon met aides at the Blue House.']`)
  )
  const configWith = (file: string) => {
    const config = onlyRule(mtCalque, {packs: [file]})
    config.ruleBaseDirs['mt-calque'] = folder
    return config
  }

  it('applies a house pack from the options, whatever the provenance, resolving it against the config folder', async () => {
    const file = await lint('President Yoon met aides at the Blue House on Monday.', {config: configWith('house.yaml'), rules})
    expect(file.messages.map((message) => [message.actual, message.expected, message.note])).toEqual([
      ['the Blue House', ['the presidential office'], 'The presidency left the Blue House in May 2022. (pack entry `any/presidential-office-blue-house`)']
    ])
  })

  it('refuses a house pack whose own examples fail, naming the file and the entry', async () => {
    await expect(lint('Any text.', {config: configWith('broken.yaml'), rules})).rejects.toThrow(
      /broken\.yaml: entry `presidential-office-blue-house`: example fails: flagged example "Moon lived in the Blue House\.": expected a report on "the Blue House", got none/
    )
  })
})

describe('mt-calque fixes', () => {
  // Fragments with and without calques, quoted and not; any mix must fix to a fixed point in one run.
  const fragments = [
    'Russia sends oil painting hand gestures to the US.',
    'Spokesman Dmitry Peskov Kremlin Palace said talks would continue.',
    '"The oil painting gestures are welcome," he said.',
    'The Kremlin Palace rejected the claim.',
    'Prosecutors sought a restraint warrant for the suspect.',
    'Pre-voting turnout hit a record.',
    'The two leaders discussed about trade.',
    'Putin hosted a banquet in the Grand Kremlin Palace.',
    'Yonhap News reported the talks.',
    'Kim returned to Korea on Friday.'
  ]

  it('are idempotent, stay in bounds and leave text outside their spans alone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...fragments), {minLength: 1, maxLength: 6}), fc.constantFrom(' ', '\n'), async (parts, glue) => {
        const text = parts.join(glue)
        const config = onlyRule(mtCalque, undefined, ko)
        const file = await lint(text, {config, rules})
        for (const message of file.messages) {
          const fixed = message.fix
          if (!fixed) continue
          expect(fixed.start).toBeGreaterThanOrEqual(0)
          expect(fixed.end).toBeLessThanOrEqual(text.length)
        }
        const once = await fix(text, {config, rules})
        const twice = await fix(once.output, {config, rules})
        expect(twice.output).toBe(once.output)
        // Fragments without a fixable calque come through unchanged.
        for (const part of ['Putin hosted a banquet in the Grand Kremlin Palace.', 'Yonhap News reported the talks.', 'Kim returned to Korea on Friday.', '"The oil painting gestures are welcome," he said.']) {
          if (parts.includes(part)) expect(once.output).toContain(part)
        }
      }),
      {numRuns: 40}
    )
  })
})

describe('mt-calque true-negative fixtures', () => {
  // The golden reports of these fixtures are empty; that only means something if their pack was on.
  const folder = path.join(import.meta.dirname, '..', '..', 'fixtures', 'mt-calque')
  const cases: Array<[string, string]> = [
    ['grand-kremlin-palace-banquet.txt', 'ko'],
    ['arts-oil-painting.txt', 'ko'],
    ['korean-minister-returns.txt', 'ko'],
    ['korean-human-edited.txt', 'ko'],
    ['japan-human-edited.txt', 'ja'],
    ['chinese-human-edited.txt', 'zh'],
    ['russian-human-edited.txt', 'ru']
  ]
  for (const [name, language] of cases) {
    it(`${name} shows ${language} provenance and gets no report`, async () => {
      const file = await lint(readFileSync(path.join(folder, name), 'utf8'), {config: onlyRule(mtCalque), rules})
      const result = toLintResult(file)
      expect((result.data?.provenance as {languages: string[]}).languages).toContain(language)
      expect(result.messages.map((message) => message.actual)).toEqual([])
    })
  }
})

describe('the literal pre-check', () => {
  // Overlapping literals: one inside another, one the start of another, and a case-sensitive one.
  const literals: Array<[string, boolean]> = [
    ['oil painting', false],
    ['painting', false],
    ['oil', false],
    ['kremlin palace', false],
    ['kremlin', false],
    ['a.b', false],
    ['Arrested', true],
    ['rest', true]
  ]
  const entries = [{patterns: literals.map(([required, caseSensitive]) => ({required, caseSensitive}))}] as unknown as CompiledEntry[]

  // What each pattern searched for alone before: the lines holding an occurrence, in order.
  function searchedOneByOne(text: string): Map<string, number[]> {
    const analysis = documentAnalysis(text, {type: 'RootNode', children: []})
    const facts = documentFacts(analysis)
    const found = new Map<string, number[]>()
    for (const [literal, caseSensitive] of literals) {
      const haystack = caseSensitive ? facts.text : facts.lower
      const lines: number[] = []
      for (let at = haystack.indexOf(literal); at !== -1; ) {
        const index = facts.lineAt(at)
        lines.push(index)
        at = haystack.indexOf(literal, facts.lines[index]!.end)
      }
      if (lines.length > 0) found.set(`${caseSensitive ? 'C' : 'L'}${literal}`, lines)
    }
    return found
  }

  it('finds the lines of every literal that a search per literal finds (property)', () => {
    const piece = fc.constantFrom('oil ', 'Oil painting', 'painting', 'kremlin palace', 'Kremlin', 'a.b', 'axb', 'Arrested', 'arrested', 'rest', ' ', '\n', 'x')
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 30}), (pieces) => {
        const text = pieces.join('')
        const facts = documentFacts(documentAnalysis(text, {type: 'RootNode', children: []}))
        expect(literalLines(facts, entries)).toEqual(searchedOneByOne(text))
      }),
      {numRuns: 500}
    )
  })
})
