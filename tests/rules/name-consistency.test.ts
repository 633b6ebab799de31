import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {ConfigError, loadConfig} from '../../src/config.js'
import {collectFacts, factsOf, fix, lint, lintTogether, mergeFacts} from '../../src/engine.js'
import {toLintMessage} from '../../src/reporters/result.js'
import nameConsistency, {mergeNameFacts, type NameFacts} from '../../rules/name-consistency/index.js'
import {onlyRule, runRuleTests, type ExpectedError} from '../helpers/rule-tester.js'

const rule = nameConsistency
const rules = [rule]

/** The offsets of the `nth` occurrence of `needle` in `text`. */
function at(text: string, needle: string, nth = 0): {start: number; end: number} {
  let start = -1
  for (let seen = 0; seen <= nth; seen++) {
    start = text.indexOf(needle, start + 1)
    if (start === -1) throw new Error(`\`${needle}\` #${nth} not in the text`)
  }
  return {start, end: start + needle.length}
}

function error(messageId: string, text: string, needle: string, expected: string, nth = 0): ExpectedError {
  return {messageId, ...at(text, needle, nth), expected: [expected]}
}

const russian = 'Alexei Navalny was poisoned in 2020. Alexei Navalni returned to Russia. Navalny was arrested.'
const tie = 'Opposition leader Alexey Navalny spoke. Later Alexei Navalny left.'
const zelensky = 'President Volodymyr Zelensky met troops. Zelenskyy said the line held. Zelensky thanked them.'
const korean = 'Lee Jae-myung won the vote. Lee Jae-myeong thanked voters. Lee Jae-myung will take office.'
const northKorean = 'Kim Jong Un watched the launch. Kim Jong-un praised the scientists. Kim Jong Un left.'
const park = 'Park Geun-hye was impeached. Pak Kun-hye denied it. Park Geun-hye was jailed.'
const inverted = 'Lee Jae-myung spoke first. Jae-myung Lee then left. Lee Jae-myung returned.'
const chinese = "Deng Xiaoping opened the economy. Teng Hsiao-p'ing visited Texas. Deng Xiaoping died in 1997."
const arabic = 'Muammar Gaddafi ruled Libya. Moammar Qadhafi was killed in 2011. Muammar Gaddafi had ruled since 1969.'
const assad = 'Bashar al-Assad fled. Bashar Assad lives in Moscow, where Bashar al-Assad has asylum.'
const japanese = 'Shinzo Abe was shot. Abe Shinzo had led Japan. Shinzo Abe was buried in Tokyo.'
const quoted = '“Navalni must be freed,” she said of Alexei Navalny. Navalny was in prison.'
const kiev = 'Russian troops withdrew from Kiev. The Kiev-based outlet said Kyiv was calm.'
const house = 'Alexey Navalny was jailed. Alexey Navalny appealed. Aleksei Navalny lost. Navalni went to a colony.'
const houseList = {names: {'Alexei Navalny': ['Alexey Navalny', 'Navalni']}}
const kyivOld = 'Troops left Kyiv on Friday.'

runRuleTests(rule, {
  valid: [
    {name: 'a name spelled one way, with its surname alone and a possessive', text: "Alexei Navalny was jailed. Navalny's allies protested. Navalny appealed."},
    {name: 'father and son (Kim Jong Un and Kim Jong Il)', text: 'Kim Jong Un succeeded Kim Jong Il, who had succeeded Kim Il Sung. Kim Jong Un rules.'},
    {name: 'a man and a woman of one family (Navalny, Navalnaya)', text: 'Alexei Navalny died in prison. His widow Yulia Navalnaya vowed to go on. Navalnaya spoke in Munich.'},
    {name: 'two Lees (Lee Jae-myung and Lee Jae-yong)', text: 'Lee Jae-myung met Lee Jae-yong of Samsung.'},
    {name: 'Li Qiang and Li Keqiang', text: 'Premier Li Qiang succeeded Li Keqiang.'},
    {name: 'two crown princes named Mohammed', text: 'Mohammed bin Salman hosted Mohammed bin Zayed.'},
    {name: 'near surnames of different people (Anderson, Andersson)', text: 'Magdalena Andersson met Gillian Anderson. Andersson spoke first and Anderson read a poem.'},
    {name: 'Khan is not Han', text: 'Imran Khan met Han Duck-soo. Khan spoke before Han.'},
    {name: 'an aside giving a variant on purpose (Aleksey (Alexey) Navalny)', text: 'They called for the release of Aleksey (Alexey) Navalny. Aleksey Navalny was detained.'},
    {name: 'an aside naming a place (Kyiv (Kiev))', text: 'The capital Kyiv (Kiev) was shelled.'},
    {name: 'an aside with a lead word', text: 'Navalny (also spelled Navalni) was detained.'},
    {name: 'fixed historical forms', text: 'She ordered chicken Kiev near Peking University and wrote on Kievan Rus and the Pusan Perimeter.'},
    {name: 'Odessa in an article about Texas', text: 'Odessa, Texas, is an oil town. In Odessa, drilling resumed.'},
    {name: 'handles and hashtags are not names', text: 'Supporters tagged @Navalni and #Navalni while Alexei Navalny stayed silent.'},
    {name: 'a title before a name', text: 'Russian President Vladimir Putin spoke. Putin said little. Secretary of State Antony Blinken replied.'},
    {name: 'default places turned off', text: 'Troops withdrew from Kiev.', options: {places: false}},
    {name: 'a default place name that ends a longer name', text: 'Prince Georgy Lvov led the government. Dynamo Kiev lost.'},
    {name: 'an extra fixed form kept by option', text: 'She baked a Kiev cake.', options: {keep: ['Kiev cake']}},
    {name: 'the spelling the config house list sets', text: kyivOld.replace('Kyiv', 'Kiev'), settings: {names: {Kiev: ['Kyiv']}}}
  ],
  invalid: [
    {
      name: 'a Russian surname spelled two ways, fixed to the majority',
      text: russian,
      errors: [error('article', russian, 'Alexei Navalni', 'Alexei Navalny')],
      output: russian.replace('Alexei Navalni', 'Alexei Navalny')
    },
    {
      name: 'a tie, reported against the first spelling and not fixed',
      text: tie,
      errors: [error('first', tie, 'Alexei Navalny', 'Alexey Navalny')]
    },
    {
      name: 'a surname alone spelled two ways (Zelensky, Zelenskyy)',
      text: zelensky,
      errors: [error('article', zelensky, 'Zelenskyy', 'Zelensky')],
      output: zelensky.replace('Zelenskyy', 'Zelensky')
    },
    {
      name: 'a Korean given name in two romanisations (myung, myeong)',
      text: korean,
      errors: [error('article', korean, 'Lee Jae-myeong', 'Lee Jae-myung')],
      output: korean.replace('Lee Jae-myeong', 'Lee Jae-myung')
    },
    {
      name: 'a North Korean name with and without the hyphen',
      text: northKorean,
      errors: [error('article', northKorean, 'Kim Jong-un', 'Kim Jong Un')],
      output: northKorean.replace('Kim Jong-un', 'Kim Jong Un')
    },
    {
      name: 'Park and Pak, Geun and Kun (McCune-Reischauer)',
      text: park,
      errors: [error('article', park, 'Pak Kun-hye', 'Park Geun-hye')],
      output: park.replace('Pak Kun-hye', 'Park Geun-hye')
    },
    {
      name: 'a Korean name in Western order',
      text: inverted,
      errors: [error('article', inverted, 'Jae-myung Lee', 'Lee Jae-myung')],
      output: inverted.replace('Jae-myung Lee', 'Lee Jae-myung')
    },
    {
      name: 'Wade-Giles against pinyin',
      text: chinese,
      errors: [error('article', chinese, "Teng Hsiao-p'ing", 'Deng Xiaoping')],
      output: chinese.replace("Teng Hsiao-p'ing", 'Deng Xiaoping')
    },
    {
      name: 'Arabic q/g/k, dh/d and o/u (Qadhafi, Gaddafi)',
      text: arabic,
      errors: [error('article', arabic, 'Moammar Qadhafi', 'Muammar Gaddafi')],
      output: arabic.replace('Moammar Qadhafi', 'Muammar Gaddafi')
    },
    {
      name: 'the Arabic article dropped (Bashar Assad)',
      text: assad,
      errors: [error('article', assad, 'Bashar Assad', 'Bashar al-Assad')],
      output: assad.replace('Bashar Assad', 'Bashar al-Assad')
    },
    {
      name: 'a Japanese name in both orders',
      text: japanese,
      errors: [error('article', japanese, 'Abe Shinzo', 'Shinzo Abe')],
      output: japanese.replace('Abe Shinzo', 'Shinzo Abe')
    },
    {
      name: 'quoted speech: reported, not fixed',
      text: quoted,
      errors: [error('article', quoted, 'Navalni', 'Navalny')]
    },
    {
      name: 'default place names, standalone and in compounds',
      text: kiev,
      errors: [error('house', kiev, 'Kiev', 'Kyiv'), error('house', kiev, 'Kiev', 'Kyiv', 1)],
      output: kiev.replace(/Kiev/g, 'Kyiv')
    },
    {
      name: 'the house list beating the majority, for listed and unlisted variants',
      text: house,
      settings: houseList,
      errors: [
        error('house', house, 'Alexey Navalny', 'Alexei Navalny'),
        error('house', house, 'Alexey Navalny', 'Alexei Navalny', 1),
        error('house', house, 'Aleksei Navalny', 'Alexei Navalny'),
        error('house', house, 'Navalni', 'Navalny')
      ],
      output: 'Alexei Navalny was jailed. Alexei Navalny appealed. Alexei Navalny lost. Navalny went to a colony.'
    },
    {
      name: 'a house list read from a JSON file beside the config',
      text: house,
      settings: {names: 'fixtures/name-consistency/house-list.json'},
      errors: [
        error('house', house, 'Alexey Navalny', 'Alexei Navalny'),
        error('house', house, 'Alexey Navalny', 'Alexei Navalny', 1),
        error('house', house, 'Aleksei Navalny', 'Alexei Navalny'),
        error('house', house, 'Navalni', 'Navalny')
      ],
      output: 'Alexei Navalny was jailed. Alexei Navalny appealed. Alexei Navalny lost. Navalny went to a colony.'
    },
    {
      name: 'a place variant the keep option does not cover',
      text: 'She baked a Kiev cake.',
      errors: [error('house', 'She baked a Kiev cake.', 'Kiev', 'Kyiv')],
      output: 'She baked a Kyiv cake.'
    },
    {
      name: 'a config house list replacing a default place',
      text: kyivOld,
      settings: {names: {Kiev: ['Kyiv']}},
      errors: [error('house', kyivOld, 'Kyiv', 'Kiev')],
      output: kyivOld.replace('Kyiv', 'Kiev')
    }
  ]
})

const config = onlyRule(rule)

describe('name-consistency across a folder', () => {
  const consistent = (name: string) => ({path: name, text: `Opposition leader Alexei Navalny was arrested. Navalny denied the charges.`})
  const outlier = {path: 'outlier.txt', text: 'Supporters of Alexei Navalni rallied. Navalni thanked them. Navalni was jailed.'}

  it('tells an article that is consistent on its own how the rest of the folder spells the name', async () => {
    const files = await lintTogether([consistent('a.txt'), consistent('b.txt'), outlier], {config, rules})
    const messages = files.map((file) => file.messages.map(toLintMessage).map(({messageId, actual, expected, fix}) => ({messageId, actual, expected, fixed: Boolean(fix)})))
    expect(messages[0]).toEqual([])
    expect(messages[1]).toEqual([])
    expect(messages[2]).toEqual([
      {messageId: 'folder', actual: 'Alexei Navalni', expected: ['Alexei Navalny'], fixed: true},
      {messageId: 'folder', actual: 'Navalni', expected: ['Navalny'], fixed: true},
      {messageId: 'folder', actual: 'Navalni', expected: ['Navalny'], fixed: true}
    ])
  })

  it('counts files before mentions: one article repeating a spelling does not outvote two', async () => {
    const loud = {path: 'loud.txt', text: Array.from({length: 6}, () => 'Navalni spoke.').join(' ') + ' Alexei Navalni left.'}
    const files = await lintTogether([consistent('a.txt'), consistent('b.txt'), loud], {config, rules})
    expect(files[2]!.messages.map((message) => message.expected?.[0])).toEqual([...Array(6).fill('Navalny'), 'Alexei Navalny'])
  })

  it('gives the same findings whatever order the files come in', async () => {
    const sources = [consistent('a.txt'), outlier, consistent('b.txt')]
    const forward = await lintTogether(sources, {config, rules})
    const backward = await lintTogether([...sources].reverse(), {config, rules})
    const byPath = (files: typeof forward) =>
      Object.fromEntries(files.map((file) => [file.path, file.messages.map((message) => `${message.actual}->${message.expected}`)]))
    expect(byPath(backward)).toEqual(byPath(forward))
  })

  it('keeps facts plain JSON and merges them in any grouping', () => {
    const texts = [consistent('a.txt'), outlier, consistent('b.txt')]
    const facts = texts.map((source) => collectFacts(source.text, {config, rules, filePath: source.path})['name-consistency'] as NameFacts)
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts)
    const left = mergeNameFacts(mergeNameFacts(facts[0]!, facts[1]!), facts[2]!)
    const right = mergeNameFacts(facts[0]!, mergeNameFacts(facts[1]!, facts[2]!))
    const counts = (merged: NameFacts) =>
      Object.fromEntries(Object.entries(merged.forms).map(([form, [mentions, files]]) => [form, [mentions, files.map((index) => merged.files[index]).sort()]]))
    expect(counts(right)).toEqual(counts(left))
    expect(counts(left)['Navalny']).toEqual([2, ['a.txt', 'b.txt']])
  })

  it('counts a file met twice once', () => {
    const facts = collectFacts(outlier.text, {config, rules, filePath: outlier.path})
    const twice = mergeFacts(facts, facts, rules)['name-consistency'] as NameFacts
    expect(twice.forms['Navalni']![1]).toEqual([0])
  })

  it('uses folder facts handed to a single lint (as the CLI and the language server do)', async () => {
    const facts = factsOf([consistent('a.txt'), consistent('b.txt'), outlier], {config, rules})
    const file = await lint(outlier.text, {config, rules, facts, filePath: 'outlier.txt'})
    expect(file.messages.map((message) => message.messageId)).toEqual(['folder', 'folder', 'folder'])
  })

  it('reports the Navalni and Aleksey spellings of the seed articles, and not the aside', async () => {
    const seeds = path.join(import.meta.dirname, '..', '..', 'seeds')
    const sources = ['000_230b21386b69b568.txt', '002_b397dcfc1a64f168.txt'].map((name) => ({path: name, text: readFileSync(path.join(seeds, name), 'utf8')}))
    const files = await lintTogether(sources, {config, rules})
    const actual = files.map((file) => file.messages.map((message) => message.actual))
    expect(actual[0]).toEqual(['Aleksey Navalny', 'Aleksey Navalny', 'Aleksey Navalny'])
    expect(actual[1]).toEqual(['Navalni', 'Navalni', 'Alexei Navalni', 'Alexey Navalni', 'Navalni', 'Navalni', 'Navalni', 'Navalni'])
    const aside = sources[0]!.text.indexOf('Aleksey (Alexey) Navalny')
    expect(files[0]!.messages.some((message) => message.place && 'start' in message.place && message.place.start.offset === aside)).toBe(false)
  })
})

describe('name-consistency fixes', () => {
  const sentences = [
    'Alexei Navalny was jailed.',
    'Alexei Navalni appealed.',
    'Navalni lost.',
    'Navalny was moved.',
    'Aleksei Navalny wrote.',
    'Kim Jong Un spoke.',
    'Kim Jong-un left.',
    'Troops left Kiev.',
    '“Navalni is innocent,” she said.',
    'Lee Jae-myung won.',
    'Lee Jae-myeong thanked voters.'
  ]

  it('converge: fixing twice gives what fixing once gives, and only names change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...sentences), {minLength: 1, maxLength: 8}), async (picked) => {
        const text = picked.join(' ')
        const once = await fix(text, {config, rules})
        const twice = await fix(once.output, {config, rules})
        expect(twice.output).toBe(once.output)
        // Only name spellings change: the words that are not names stay in place.
        const skeleton = (value: string) => value.replace(/[A-Z][\p{L}'-]*(?: [A-Z][\p{L}'-]*)*/gu, 'N')
        expect(skeleton(once.output)).toBe(skeleton(text))
      }),
      {numRuns: 60}
    )
  })
})

describe('name-consistency config', () => {
  it('declares the `names` setting so the config schema accepts a house list or a path', () => {
    expect(rule.meta.settings?.names).toBeDefined()
  })

  it('reads a house list file named in .lintrc.json relative to that config', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'newslint-names-'))
    writeFileSync(path.join(folder, 'house.json'), JSON.stringify({'Alexei Navalny': ['Navalni']}))
    writeFileSync(path.join(folder, '.lintrc.json'), JSON.stringify({names: 'house.json'}))
    const loaded = loadConfig(path.join(folder, '.lintrc.json'))
    const file = await lint('Navalni spoke.', {config: loaded, rules})
    expect(file.messages.map((message) => [message.messageId, message.actual, message.expected])).toEqual([['house', 'Navalni', ['Navalny']]])
  })

  it('refuses a `names` setting that is neither a house list nor a path', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'newslint-names-'))
    writeFileSync(path.join(folder, '.lintrc.json'), JSON.stringify({names: {'Alexei Navalny': 'Navalni'}}))
    expect(() => loadConfig(path.join(folder, '.lintrc.json'))).toThrow(ConfigError)
  })

  it('reports a missing house list file on the file being checked', async () => {
    const broken = onlyRule(rule, undefined, {names: 'fixtures/name-consistency/no-such-list.json'})
    const file = await lint('Alexei Navalny spoke.', {config: broken, rules})
    expect(file.messages.map((message) => message.messageId)).toEqual(['rule-failure'])
    expect(file.messages[0]!.reason).toContain('no-such-list.json')
  })

  it('refuses a spelling listed under two house forms', async () => {
    const clash = onlyRule(rule, undefined, {names: {'Alexei Navalny': ['Navalni'], 'Oleg Navalny': ['Navalni']}})
    const file = await lint('Navalni spoke.', {config: clash, rules})
    expect(file.messages[0]!.reason).toContain('`Navalni` is listed under both `Alexei Navalny` and `Oleg Navalny`')
  })
})

describe('name-consistency README', () => {
  const readme = readFileSync(path.join(import.meta.dirname, '..', '..', 'rules', 'name-consistency', 'README.md'), 'utf8')
  const examples = [...readme.matchAll(/```text\n([\s\S]*?)```\n\n(?:``(.+?)``)?/g)].map((match) => ({text: match[1]!, message: match[2]}))

  it('shows examples whose messages the rule gives', async () => {
    const reported = examples.filter((example) => example.message && !example.text.startsWith('Supporters'))
    expect(reported.length).toBeGreaterThanOrEqual(2)
    for (const example of reported) {
      const file = await lint(example.text, {config, rules})
      expect(file.messages.map((message) => message.reason)).toContain(example.message!.trim())
    }
  })

  it('shows a correct example the rule accepts', async () => {
    const correct = examples.at(-1)!
    expect(correct.message).toBeUndefined()
    expect((await lint(correct.text, {config, rules})).messages).toEqual([])
  })
})
