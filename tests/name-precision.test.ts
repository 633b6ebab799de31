// Precision and recall of the name grouping on real people: no two people are ever merged, however
// close their names (Kim Jong Un / Kim Jong Il, Navalny / Navalnaya, Anderson / Andersson), and the
// spelling variants of each person are grouped, including variant sets the reference file does not list.
import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {lint, lintTogether} from '../src/engine.js'
import rule from '../rules/name-consistency/index.js'
import {NameGroups} from '../rules/name-consistency/groups.js'
import {onlyRule} from './helpers/rule-tester.js'

interface Person {
  origin: string
  surname: string
  inReference: boolean
  spellings: string[]
  surnames: string[]
}

const folder = path.join(import.meta.dirname, '..', 'fixtures', 'name-consistency')
const people = (JSON.parse(readFileSync(path.join(folder, 'people.json'), 'utf8')) as {people: Person[]}).people

const personOf = new Map<string, number>()
const surnameOf = new Map<string, Set<string>>()
for (const [index, person] of people.entries()) {
  for (const spelling of person.spellings) {
    expect(personOf.has(spelling), `${spelling} is listed once`).toBe(false)
    personOf.set(spelling, index)
  }
  for (const surname of person.surnames) surnameOf.set(surname, new Set([...(surnameOf.get(surname) ?? []), person.surname]))
}

function groupsOf(forms: string[]): string[][] {
  return new NameGroups(forms).groups.map((group) => group.members.map((member) => member.form).sort())
}

describe('name grouping on real people', () => {
  it('holds at least 50 distinct people of mixed origins', () => {
    expect(people.length).toBeGreaterThanOrEqual(50)
    expect(new Set(people.map((person) => person.origin)).size).toBeGreaterThanOrEqual(8)
  })

  it('never puts two different people in one group', () => {
    const forms = people.flatMap((person) => [...person.spellings, ...person.surnames])
    const mixed = groupsOf(forms).filter((group) => {
      const persons = new Set(group.filter((form) => personOf.has(form)).map((form) => personOf.get(form)))
      if (persons.size > 1) return true
      // Surnames alone must belong to the person of the group, or all to one surname.
      const lone = group.filter((form) => !personOf.has(form))
      const shared = lone.reduce<Set<string> | undefined>(
        (common, form) => new Set([...(surnameOf.get(form) ?? [])].filter((id) => !common || common.has(id))),
        persons.size === 1 ? new Set([people[[...persons][0]!]!.surname]) : undefined
      )
      return lone.length > 0 && (!shared || shared.size === 0)
    })
    expect(mixed).toEqual([])
  })

  it('groups every spelling of each person, with everyone else present', () => {
    const forms = people.flatMap((person) => [...person.spellings, ...person.surnames])
    const groups = groupsOf(forms)
    const split = people
      .filter((person) => person.spellings.length > 1)
      .filter((person) => !groups.some((group) => person.spellings.every((spelling) => group.includes(spelling))))
      .map((person) => person.spellings)
    expect(split).toEqual([])
  })

  it('groups the variant sets the reference file does not list', () => {
    const unlisted = people.filter((person) => !person.inReference && person.spellings.length > 1)
    expect(unlisted.length).toBeGreaterThanOrEqual(25)
    const split = unlisted
      .filter((person) => {
        const groups = groupsOf(person.spellings)
        return !(groups.length === 1 && groups[0]!.length === person.spellings.length)
      })
      .map((person) => person.spellings)
    expect(split).toEqual([])
  })

  it('links a surname written alone to the person, and keeps near surnames of others apart', () => {
    const forms = people.flatMap((person) => [...person.spellings, ...person.surnames])
    const groups = groupsOf(forms)
    const groupWith = (form: string) => groups.find((group) => group.includes(form)) ?? [form]
    expect(groupWith('Navalni')).toContain('Navalny')
    expect(groupWith('Navalnaya')).not.toContain('Navalny')
    expect(groupWith('Hodorkovsky')).toContain('Mikhail Khodorkovsky')
    expect(groupWith('Anderson')).not.toContain('Andersson')
    expect(groupWith('Putina')).not.toContain('Putin')
    expect(groupWith('Khan')).not.toContain('Han Duck-soo')
    expect(groupWith('Peterson')).not.toContain('Paterson')
  })

  it('reports nothing in articles that spell each of these people one way', async () => {
    const articles = path.join(folder, 'people')
    const sources = readdirSync(articles)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => ({path: name, text: readFileSync(path.join(articles, name), 'utf8')}))
    expect(sources.length).toBeGreaterThanOrEqual(3)
    const text = sources.map((source) => source.text).join('\n')
    const named = people.filter((person) => text.includes(person.spellings[0]!))
    expect(named.length).toBeGreaterThanOrEqual(50)
    const files = await lintTogether(sources, {config: onlyRule(rule), rules: [rule]})
    expect(files.flatMap((file) => file.messages.map((message) => `${file.path}: ${message.reason}`))).toEqual([])
  })
})

describe('name grouping at the edges of what a name is', () => {
  it('still reads a name of seven words, particles included, as one name', async () => {
    const text =
      'Crown Prince Mohammed bin Salman bin Abdulaziz Al Saud met the envoy. Later, Mohammed bin Salman bin Abdulaziz Al Saud left. ' +
      'Aides said Muhammad bin Salman bin Abdulaziz Al Saud would return.'
    const file = await lint(text, {config: onlyRule(rule), rules: [rule]})
    expect(file.messages.map(({messageId, actual, expected}) => ({messageId, actual, expected}))).toEqual([
      {messageId: 'article', actual: 'Muhammad bin Salman bin Abdulaziz Al Saud', expected: ['Mohammed bin Salman bin Abdulaziz Al Saud']}
    ])
  })

  it('reads a run of capitalised words longer than any name as no name, but finds the known names in it', async () => {
    const text = 'Alexei Navalny spoke. The tags read Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Alexei Navalni Iota Kappa and more.'
    const file = await lint(text, {config: onlyRule(rule), rules: [rule]})
    expect(file.messages.map(({messageId, actual, expected}) => ({messageId, actual, expected}))).toEqual([{messageId: 'first', actual: 'Navalni', expected: ['Navalny']}])
  })

  it('keeps a group to a name’s worth of spellings when hundreds of forms share one key', () => {
    // `Abbbbbbbbbbcdefg`, `AbbbbbbbbbBcdefg`, …: 300 spellings alike but for capitals.
    const forms = Array.from({length: 300}, (_, index) => `A${index.toString(2).padStart(10, '0').replace(/0/g, 'b').replace(/1/g, 'B')}cdefg`)
    const sizes = groupsOf(forms).map((group) => group.length)
    expect(sizes.length).toBeGreaterThan(0)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(64)
  })
})
