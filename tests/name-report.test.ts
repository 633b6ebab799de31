// The `names` report: groups of spellings from the collect phase of `name-consistency`, as text,
// as JSON, and as a house list that the config can use after review.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {recommendedConfig} from '../src/config.js'
import {lintTogether} from '../src/engine.js'
import {formatNameGroups, houseList, nameGroups} from '../src/names-report.js'
import rule from '../rules/name-consistency/index.js'
import {onlyRule} from './helpers/rule-tester.js'

const seeds = path.join(import.meta.dirname, '..', 'seeds')
const sources = ['000_230b21386b69b568.txt', '002_b397dcfc1a64f168.txt'].map((name) => ({
  path: `seeds/${name}`,
  text: readFileSync(path.join(seeds, name), 'utf8')
}))

describe('newslint names', () => {
  it('groups the Navalny spellings of the seeds, with counts and files', () => {
    const groups = nameGroups(sources, recommendedConfig())
    const navalny = groups.find((group) => group.variants.some((variant) => variant.form === 'Navalni'))!
    expect(navalny.canonical).toBe('Alexey Navalny')
    expect(navalny.decidedBy).toBe('majority')
    expect(navalny.files).toEqual(sources.map((source) => source.path))
    const byForm = Object.fromEntries(navalny.variants.map((variant) => [variant.form, [variant.mentions, variant.files.length, variant.expected]]))
    expect(byForm).toEqual({
      Navalni: [6, 1, 'Navalny'],
      'Aleksey Navalny': [4, 1, 'Alexey Navalny'],
      'Alexey Navalny': [3, 1, 'Alexey Navalny'],
      Navalny: [2, 1, 'Navalny'],
      'Alexei Navalni': [1, 1, 'Alexey Navalny'],
      'Alexey Navalni': [1, 1, 'Alexey Navalny']
    })
  })

  it('lists only names that need a decision', () => {
    const groups = nameGroups(sources, recommendedConfig())
    expect(groups.length).toBeGreaterThan(0)
    expect(groups.every((group) => group.variants.some((variant) => variant.expected !== variant.form))).toBe(true)
    expect(groups.some((group) => group.canonical === 'Antony Blinken')).toBe(false)
  })

  it('lets the house list win over the majority', () => {
    const config = recommendedConfig()
    config.settings = {names: {'Alexei Navalny': ['Alexey Navalny', 'Aleksey Navalny', 'Navalni']}}
    const navalny = nameGroups(sources, config).find((group) => group.canonical === 'Alexei Navalny')!
    expect(navalny.decidedBy).toBe('house')
    expect(navalny.variants.find((variant) => variant.form === 'Alexey Navalny')!.expected).toBe('Alexei Navalny')
    expect(navalny.variants.find((variant) => variant.form === 'Navalni')!.expected).toBe('Navalny')
  })

  it('prints JSON that reads back as the groups', () => {
    const groups = nameGroups(sources, recommendedConfig())
    expect(JSON.parse(formatNameGroups(groups, {json: true}))).toEqual(groups)
  })

  it('prints text with the spellings to change marked', () => {
    const text = formatNameGroups(nameGroups(sources, recommendedConfig()), {json: false})
    expect(text).toContain('Alexey Navalny (majority)')
    expect(text).toMatch(/Navalni +6 mentions in 1 file {2}-> Navalny/)
    expect(formatNameGroups([], {json: false})).toBe('No names with more than one spelling.\n')
  })

  it('writes a house list that, once in the config, decides every spelling it lists', async () => {
    const list = houseList(nameGroups(sources, recommendedConfig()))
    expect(list['Alexey Navalny']).toEqual(['Aleksey Navalny', 'Alexei Navalni', 'Alexey Navalni', 'Navalni'])
    const config = onlyRule(rule, undefined, {names: list})
    const files = await lintTogether(sources, {config, rules: [rule]})
    const messages = files.flatMap((file) => file.messages)
    expect(messages.length).toBeGreaterThan(0)
    expect(new Set(messages.map((message) => message.messageId))).toEqual(new Set(['house']))
  })

  it('reports a broken house list instead of an empty report', () => {
    const config = recommendedConfig()
    config.settings = {names: 'no-such-house-list.json'}
    expect(() => nameGroups(sources, config)).toThrow(/no-such-house-list\.json/)
  })
})
