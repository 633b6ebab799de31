// Every entry of every built-in mt-calque pack runs its own examples as a test, so a pack edit that
// breaks an entry (or another entry it now shadows) fails `npm test`. Also: the loader is strict.
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {checkEntryExamples, checkPackExamples} from '../../rules/mt-calque/examples.js'
import {declaredRuleData} from '../../src/data.js'
import {builtinPacks} from '../../rules/mt-calque/builtin.js'
import type {RawPack} from '../../rules/mt-calque/pack.js'
import {loadPack, PackError} from '../../rules/mt-calque/pack.js'

const packs = builtinPacks()

describe('the built-in mt-calque packs', () => {
  it('cover the four source languages', () => {
    expect(packs.map((pack) => pack.language).sort()).toEqual(['ja', 'ko', 'ru', 'zh'])
  })

  for (const pack of packs) {
    it(`${pack.language} has enough entries (at least ${pack.language === 'ko' ? 40 : 25})`, () => {
      expect(pack.entries.length).toBeGreaterThanOrEqual(pack.language === 'ko' ? 40 : 25)
    })
  }
})

for (const pack of packs) {
  describe(`pack ${pack.language} (${path.basename(pack.file)})`, () => {
    for (const entry of pack.entries) {
      it(`${entry.key} flags its flagged examples and spares its unflagged ones`, () => {
        expect(checkEntryExamples(entry, pack)).toEqual([])
      })
    }
  })
}

describe('building the built-in packs', () => {
  const ko = declaredRuleData().find((handle) => handle.ruleId === 'mt-calque' && handle.file === 'packs/ko.yaml')!

  it('snapshots every pack in the folder, the word classes and the people lists', () => {
    const files = declaredRuleData()
      .filter((handle) => handle.ruleId === 'mt-calque')
      .map((handle) => handle.file)
    expect(files.sort()).toEqual(['classes.yaml', 'packs/ja.yaml', 'packs/ko.yaml', 'packs/ru.yaml', 'packs/zh.yaml', 'people.yaml'])
  })

  it('stops the build when an example of a built-in pack fails', () => {
    const raw = structuredClone(ko.parse()) as RawPack
    const entry = raw.entries[0]!
    expect(() => ko.spec.buildCheck!({...raw, entries: [entry]}, ko.path)).not.toThrow()
    const failing = {...entry, examples: {...entry.examples, unflagged: [...entry.examples.unflagged, entry.examples.flagged[0]!.text]}}
    expect(() => ko.spec.buildCheck!({...raw, entries: [failing]}, ko.path)).toThrow(new RegExp(`^${ko.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: entry \`${entry.id}\`: example fails: unflagged example`))
  })
})

describe('loading a pack', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'newslint-pack-'))
  const write = (name: string, text: string) => {
    const file = path.join(folder, name)
    writeFileSync(file, text)
    return file
  }
  const entry = (extra = '') => `
  - id: seeds-for-mr
    source: 씨
    sense: {wrong: seed, right: Mr. or Ms.}
    match: ['{surname:korean-surname} seeds']
    right: ['{surname}']
    note: A test entry.
    status: unverified${extra}
    examples:
      flagged: [{text: 'Kim seeds said so.', actual: Kim seeds}]
      unflagged: [Pumpkin seeds sprouted.]
`

  it('accepts a well-formed house pack', () => {
    const pack = loadPack(write('good.yaml', `language: any\ndescription: A house pack.\nentries:${entry()}`))
    expect(pack.entries.map((compiled) => compiled.key)).toEqual(['any/seeds-for-mr'])
  })

  it('reports examples that fail, naming the entry and the example', () => {
    const file = write('failing.yaml', `language: any\ndescription: A house pack.\nentries:${entry()}`.replace("[{text: 'Kim seeds said so.', actual: Kim seeds}]", "[{text: 'Pumpkin seeds sprouted.', actual: Pumpkin seeds}]").replace('[Pumpkin seeds sprouted.]', "['Kim seeds said so.']"))
    expect(checkPackExamples(loadPack(file))).toEqual([
      {entry: 'any/seeds-for-mr', problem: 'flagged example "Pumpkin seeds sprouted.": expected a report on "Pumpkin seeds", got none'},
      {entry: 'any/seeds-for-mr', problem: 'unflagged example "Kim seeds said so.": reported "Kim seeds"'}
    ])
  })

  it('rejects an unknown key, naming the file and the entry', () => {
    const file = write('unknown-key.yaml', `language: ko\ndescription: Bad.\nentries:${entry('\n    colour: red')}`)
    expect(() => loadPack(file)).toThrowError(PackError)
    expect(() => loadPack(file)).toThrowError(`${file}: entry \`seeds-for-mr\`: unknown key \`colour\``)
  })

  it('rejects an unknown key inside the context, saying where', () => {
    const file = write('unknown-context.yaml', `language: ko\ndescription: Bad.\nentries:${entry('\n    context: {nearby: [x]}')}`)
    expect(() => loadPack(file)).toThrowError(`${file}: entry \`seeds-for-mr\`: unknown key \`nearby\` in \`context\``)
  })

  it('rejects a pattern with an unclosed group, naming the entry', () => {
    const file = write('bad-pattern.yaml', `language: ko\ndescription: Bad.\nentries:${entry()}`.replace("'{surname:korean-surname} seeds'", "'(Kim seeds'"))
    expect(() => loadPack(file)).toThrowError(/bad-pattern\.yaml: entry `seeds-for-mr`: pattern `\(Kim seeds`: unclosed `\(`/)
  })

  it('rejects a rendering that uses a slot no pattern captures', () => {
    const file = write('bad-slot.yaml', `language: ko\ndescription: Bad.\nentries:${entry()}`.replace("right: ['{surname}']", "right: ['{name}']"))
    expect(() => loadPack(file)).toThrowError(/entry `seeds-for-mr`: right\[0\] uses `\{name\}`/)
  })

  it('rejects an unknown word class', () => {
    const file = write('bad-class.yaml', `language: ko\ndescription: Bad.\nentries:${entry('\n    context: {near: [{words: ["@colours"]}]}')}`)
    expect(() => loadPack(file)).toThrowError(/entry `seeds-for-mr`: context\.near\[0\]: .*unknown word class/)
  })

  it('rejects a fixable entry whose examples do not show the fixed text', () => {
    const file = write('no-fixed.yaml', `language: ko\ndescription: Bad.\nentries:${entry('\n    fix: true')}`)
    expect(() => loadPack(file)).toThrowError(/entry `seeds-for-mr`: examples\.flagged\[0\] needs `fixed`/)
  })

  it('rejects duplicate ids and a wrong language', () => {
    expect(() => loadPack(write('duplicate.yaml', `language: ko\ndescription: Bad.\nentries:${entry()}${entry()}`))).toThrowError(/entry `seeds-for-mr`: duplicate id/)
    expect(() => loadPack(write('language.yaml', `language: kr\ndescription: Bad.\nentries:${entry()}`))).toThrowError(/language\.yaml: `language` must be equal to one of the allowed values/)
  })
})
