// A folder run parses each file once: `survey` collects its facts and runs the rules that need no
// folder facts, and the file's lint then runs the folder rules only (`held`). The findings must be
// exactly those of the plain lint, on the fixtures, the seeds and generated articles.
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {article} from '../bench/corpus.js'
import {recommendedConfig} from '../src/config.js'
import {collectFacts, fix, lint, mergeFacts, survey, type FolderFacts, type LintOptions} from '../src/engine.js'
import {toLintResult} from '../src/reporters/result.js'
import {textWindows} from '../src/windows.js'

const root = path.resolve(import.meta.dirname, '..')

function texts(folder: string): {path: string; text: string}[] {
  return readdirSync(folder, {recursive: true, encoding: 'utf8'})
    .filter((file) => file.endsWith('.txt') && !file.endsWith('.fixed.txt'))
    .sort()
    .map((file) => ({path: file, text: readFileSync(path.join(folder, file), 'utf8')}))
}

const sources = [
  ...texts(path.join(root, 'fixtures')),
  ...texts(path.join(root, 'seeds')),
  ...Array.from({length: 12}, (_, index) => ({path: `generated-${index}.txt`, text: article(index)}))
]

function report(file: Awaited<ReturnType<typeof lint>>) {
  const {messages, ...rest} = toLintResult(file)
  return {...rest, messages: messages.map(({fix, ...message}) => ({...message, fix}))}
}

describe('survey, then lint with what it held', () => {
  it('gives the plain lint findings, and the same facts as collectFacts', async () => {
    const config = recommendedConfig()
    const surveyed = []
    let facts: FolderFacts = {}
    for (const source of sources) {
      const options: LintOptions = {config, filePath: source.path}
      const result = await survey(source.text, options, true)
      expect(result.held, source.path).toBeDefined()
      expect(result.facts, source.path).toEqual(collectFacts(source.text, options))
      surveyed.push({source, held: result.held})
      facts = mergeFacts(facts, result.facts)
    }
    let findings = 0
    for (const {source, held} of surveyed) {
      const options: LintOptions = {config, filePath: source.path, facts}
      const plain = report(await lint(source.text, options))
      expect(report(await lint(source.text, {...options, held})), source.path).toEqual(plain)
      findings += plain.messages.length
    }
    // The comparison means something only if the texts have findings, folder ones included.
    expect(findings).toBeGreaterThan(100)
  })

  it('uses a held lint once: a second lint with it runs every rule again', async () => {
    const config = recommendedConfig()
    const text = readFileSync(path.join(root, 'seeds', readdirSync(path.join(root, 'seeds')).sort()[0]!), 'utf8')
    const {held, facts} = await survey(text, {config}, true)
    const first = report(await lint(text, {config, facts, held}))
    const second = report(await lint(text, {config, facts, held}))
    expect(second).toEqual(first)
    expect(first.messages.length).toBeGreaterThan(0)
  })

  it('ignores a held lint of another text, and the fix loop uses it for its first pass only', async () => {
    const config = recommendedConfig()
    const text = 'Navalny spoke. Navalni was arrested on the 24th (local time).\nRead:| Another headline\n'
    const other = 'A different story about Seoul.\n'
    const {held, facts} = await survey(text, {config}, true)
    expect(report(await lint(other, {config, facts, held}))).toEqual(report(await lint(other, {config, facts})))
    const again = await survey(text, {config}, true)
    const viaHeld = await fix(text, {config, facts, held: again.held})
    const plain = await fix(text, {config, facts})
    expect(viaHeld.output).toBe(plain.output)
    expect(viaHeld.output).not.toBe(text)
    expect(report(viaHeld.file)).toEqual(report(plain.file))
  })

  it('holds nothing without `hold`', async () => {
    const config = recommendedConfig()
    expect((await survey(article(1), {config})).held).toBeUndefined()
  })
})

describe('survey of a text linted in windows', () => {
  const windowed = {windowThreshold: 1_000, windowSize: 3_000} satisfies LintOptions
  // Names spelled two ways far apart, so name-consistency's folder check has work in the second pass.
  const large = `Alexei Navalny spoke first. Alexei Navalny spoke again.\n\n${Array.from({length: 20}, (_, index) => article(index)).join('\n')}\nAlexei Navalni spoke last.\n`

  it('gives the plain lint findings and the facts of collectFacts', async () => {
    const config = recommendedConfig()
    const options: LintOptions = {config, filePath: 'big.txt', ...windowed}
    const surveyed = await survey(large, options, true)
    expect(surveyed.held?.windows?.cached.length).toBeGreaterThan(10)
    expect(surveyed.facts).toEqual(collectFacts(large, options))
    const plain = report(await lint(large, {...options, facts: surveyed.facts}))
    expect(plain.messages.some((message) => message.ruleId === 'name-consistency')).toBe(true)
    expect(plain.messages.length).toBeGreaterThan(20)
    expect(report(await lint(large, {...options, facts: surveyed.facts, held: surveyed.held}))).toEqual(plain)
  })

  it('fixes as the plain fix does, from the held first pass', async () => {
    const config = recommendedConfig()
    const options: LintOptions = {config, filePath: 'big.txt', ...windowed}
    const surveyed = await survey(large, options, true)
    const plain = await fix(large, {...options, facts: surveyed.facts})
    const viaHeld = await fix(large, {...options, facts: surveyed.facts, held: surveyed.held})
    expect(viaHeld.output).toBe(plain.output)
    expect(viaHeld.output).toContain('Alexei Navalny spoke last.')
    expect(report(viaHeld.file)).toEqual(report(plain.file))
  })

  it('counts each name where its window owns it: a window reads its margins, but counts its core only', async () => {
    const config = recommendedConfig()
    const text = Array.from({length: 200}, (_, index) => `Paragraph ${index}: Alexei Navalny met Yulia Navalnaya in Moscow on day ${index}.`).join('\n\n')
    expect(textWindows(text, {threshold: windowed.windowThreshold, size: windowed.windowSize})!.length).toBeGreaterThan(3)
    const names = (facts: FolderFacts) => (facts['name-consistency'] as {forms: Record<string, [number, number[]]>}).forms
    const whole = names(collectFacts(text, {config, filePath: 'big.txt', windowThreshold: Number.POSITIVE_INFINITY}))
    const inWindows = names(collectFacts(text, {config, filePath: 'big.txt', ...windowed}))
    expect(whole['Alexei Navalny']![0]).toBe(200)
    expect(inWindows['Alexei Navalny']).toEqual(whole['Alexei Navalny'])
    expect(inWindows).toEqual(whole)
  })
})
