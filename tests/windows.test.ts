// Large texts are linted in windows of whole lines (src/windows.ts): the findings must be the whole
// text's, at exact positions, with the window-dependent rules as the README says.
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {location} from 'vfile-location'
import {article} from '../bench/corpus.js'
import {recommendedConfig, type Config} from '../src/config.js'
import {collectFacts, fix, lint, type LintOptions} from '../src/engine.js'
import {applyFixes} from '../src/fix.js'
import {nameGroups} from '../src/names-report.js'
import {ParseCache} from '../src/parse.js'
import {toLintResult, type LintMessage} from '../src/reporters/result.js'
import {defineRule} from '../src/rule.js'
import {textWindows, WINDOW_THRESHOLD, type TextWindow} from '../src/windows.js'
import {runCli, workspace} from './helpers/cli.js'

/** Small windows, so a text of a few articles is cut many times. */
const SMALL = {windowThreshold: 1_000, windowSize: 3_000} satisfies LintOptions
const WHOLE = {windowThreshold: Number.POSITIVE_INFINITY} satisfies LintOptions

/**
 * Every built-in rule but the two the README names as window-dependent on such text:
 * `duplicate-block` (a copy is found only within a window) and the spelling suggestion budget
 * (per window), lifted here so every unknown word gets its suggestions either way.
 */
function independentConfig(): Config {
  const config = recommendedConfig()
  config.rules['duplicate-block'] = 'off'
  config.rules.spelling = ['warn', {maxSuggestionsPerFile: 10_000}]
  return config
}

function articles(count: number, from = 0): string {
  return Array.from({length: count}, (_, index) => article(from + index)).join('\n')
}

/** Lints a text whole with its own folder facts, as the CLI lints a file. */
async function wholeLint(text: string, options: LintOptions = {}) {
  const facts = collectFacts(text, {...options, ...WHOLE})
  return toLintResult(await lint(text, {...options, ...WHOLE, facts}))
}

function comparable(message: LintMessage) {
  const {ruleId, messageId, line, column, endLine, endColumn, start, end, actual, expected, fix, fingerprint, severity} = message
  return {ruleId, messageId, line, column, endLine, endColumn, start, end, actual, expected, fix, fingerprint, severity}
}

/** Problems with a report's positions: each message spans its `actual` and its line and column agree with its offset. */
function positionProblems(text: string, messages: readonly LintMessage[]): string[] {
  const place = location(text)
  const problems: string[] = []
  for (const message of messages) {
    if (text.slice(message.start, message.end) !== message.actual) problems.push(`${message.ruleId} at ${message.start}: actual ${JSON.stringify(message.actual)}`)
    const start = place.toPoint(message.start)
    const end = place.toPoint(message.end)
    if (start?.line !== message.line || start.column !== message.column) problems.push(`${message.ruleId} at ${message.start}: ${message.line}:${message.column}`)
    if (end?.line !== message.endLine || end.column !== message.endColumn) problems.push(`${message.ruleId} ending at ${message.end}: ${message.endLine}:${message.endColumn}`)
    if (message.fix && !(message.fix.start >= 0 && message.fix.start <= message.fix.end && message.fix.end <= text.length)) problems.push(`${message.ruleId} fix out of range`)
  }
  return problems
}

function checkCover(text: string, windows: readonly TextWindow[]): void {
  expect(windows[0]!.start).toBe(0)
  expect(windows.at(-1)!.end).toBe(text.length)
  for (const [index, window] of windows.entries()) {
    expect(window.end).toBeGreaterThan(window.start)
    expect(window.from).toBeLessThanOrEqual(window.start)
    expect(window.to).toBeGreaterThanOrEqual(window.end)
    if (index > 0) expect(window.start).toBe(windows[index - 1]!.end)
  }
}

describe('cutting a text into windows', () => {
  it('leaves a text at or below the threshold whole', () => {
    expect(textWindows('a'.repeat(1000), {threshold: 1000, size: 100})).toBeUndefined()
    expect(textWindows('a'.repeat(1001), {threshold: 1000, size: 100})).toBeDefined()
  })

  it('covers the text with cores in order, each cut at a line start, after a blank line where there is one', () => {
    const text = articles(12)
    const windows = textWindows(text, {threshold: 1000, size: 3000})!
    expect(windows.length).toBeGreaterThan(5)
    checkCover(text, windows)
    for (const window of windows.slice(1)) {
      expect(text[window.start - 1]).toBe('\n')
      // The generated articles separate every paragraph with a blank line.
      expect(text.slice(0, window.start)).toMatch(/\n[ \t]*\n$/)
    }
  })

  it('never cuts between \\r and \\n, and keeps a text without a final newline whole at its end', () => {
    const text = articles(12).replace(/\n/g, '\r\n').trimEnd()
    const windows = textWindows(text, {threshold: 1000, size: 2000})!
    checkCover(text, windows)
    for (const window of windows.slice(1)) expect(text.slice(window.start - 2, window.start)).toBe('\r\n')
    expect(text.endsWith('\n')).toBe(false)
  })

  it('gives every window margins of whole lines', () => {
    const text = articles(12)
    for (const window of textWindows(text, {threshold: 1000, size: 2500})!) {
      expect(window.from === 0 || text[window.from - 1] === '\n').toBe(true)
      expect(window.to === text.length || text[window.to - 1] === '\n').toBe(true)
    }
  })

  it('cuts a line longer than twice the size inside, after a sentence end or a space, keeping every window bounded', () => {
    const text = articles(20).replace(/\n+/g, ' ')
    const size = 4000
    const windows = textWindows(text, {threshold: 10_000, size})!
    checkCover(text, windows)
    for (const window of windows) expect(window.to - window.from).toBeLessThanOrEqual(2 * size)
    for (const window of windows.slice(1)) expect(text.slice(0, window.start)).toMatch(/[.!?…]["'”’)\]]* $/)
  })

  it('never cuts a surrogate pair, even in a line without a space', () => {
    const text = `x${'😀'.repeat(20_000)}`
    const windows = textWindows(text, {threshold: 1000, size: 1001})!
    checkCover(text, windows)
    for (const window of windows.slice(1)) {
      const code = text.charCodeAt(window.start)
      expect(code >= 0xdc00 && code <= 0xdfff, `cut at ${window.start}`).toBe(false)
    }
  })
})

describe('linting in windows', () => {
  it('reports exactly what the whole-text lint reports, at the same positions, on concatenated articles', async () => {
    const config = independentConfig()
    const text = articles(30)
    const whole = await wholeLint(text, {config, filePath: 'desk/big.txt'})
    const windowed = toLintResult(await lint(text, {config, filePath: 'desk/big.txt', ...SMALL}))
    expect(textWindows(text, {threshold: SMALL.windowThreshold, size: SMALL.windowSize})!.length).toBeGreaterThan(20)
    expect(whole.messages.length).toBeGreaterThan(30)
    expect(windowed.messages.map(comparable)).toEqual(whole.messages.map(comparable))
    expect(positionProblems(text, windowed.messages)).toEqual([])
    expect(windowed.data).toEqual(whole.data)
  })

  it('reports the same with CRLF line endings and no final newline', async () => {
    const config = independentConfig()
    const text = articles(16, 40).replace(/\n/g, '\r\n').trimEnd()
    const whole = await wholeLint(text, {config})
    const windowed = toLintResult(await lint(text, {config, ...SMALL}))
    expect(windowed.messages.map(comparable)).toEqual(whole.messages.map(comparable))
    expect(positionProblems(text, windowed.messages)).toEqual([])
  })

  it('reports a finding of every window exactly once: none lost at a cut, none twice from a margin', async () => {
    // Reports every line start, the end of the text, and fixes every "teh".
    const lines = defineRule<{}>({
      meta: {id: 'every-line', description: 'reports every line', fixable: true, recommended: 'warn', schema: {type: 'object'}, defaultOptions: {}, messages: {line: 'Line', end: 'End', teh: 'Unexpected `teh`'}},
      check({text, analysis, report}) {
        for (const line of analysis.lines) report({messageId: 'line', start: line.start, end: line.end})
        report({messageId: 'end', start: text.length, end: text.length})
        for (const match of text.matchAll(/\bteh\b/g)) report({messageId: 'teh', start: match.index, end: match.index + 3, fix: {start: match.index, end: match.index + 3, text: 'the'}})
      }
    })
    const config = recommendedConfig([lines])
    const text = `${articles(10).replace(/the (government|ministry)/g, 'teh $1')}\n\nLast line`
    const whole = toLintResult(await lint(text, {config, rules: [lines], ...WHOLE}))
    const windowed = toLintResult(await lint(text, {config, rules: [lines], ...SMALL}))
    expect(whole.messages.filter((message) => message.messageId === 'teh').length).toBeGreaterThan(3)
    expect(windowed.messages.map(comparable)).toEqual(whole.messages.map(comparable))
  })

  it('finds a name spelled one way in one window and another way in a later one, through the merged facts', async () => {
    const filler = Array.from({length: 30}, (_, index) => `Officials reviewed proposal number ${index} in detail on Monday, and the ministry said it would respond within weeks.`).join('\n\n')
    const text = `Opposition leader Alexei Navalny was sentenced on Monday.\n\nSupporters of Alexei Navalny gathered outside.\n\nAlexei Navalny thanked them.\n\n${filler}\n\nLater, Alexei Navalni spoke to reporters.\n`
    const NARROW = {windowThreshold: 1_000, windowSize: 1_500}
    const windows = textWindows(text, {threshold: NARROW.windowThreshold, size: NARROW.windowSize})!
    const variant = text.indexOf('Alexei Navalni')
    // The window that reports the variant does not see the other spelling, even in its margin.
    expect(windows.find((window) => window.start <= variant && variant < window.end)!.from).toBeGreaterThan(text.lastIndexOf('Alexei Navalny'))
    for (const options of [{...NARROW}, {...NARROW, facts: collectFacts(text, NARROW)}]) {
      const names = toLintResult(await lint(text, options)).messages.filter((message) => message.ruleId === 'name-consistency')
      expect(names.map(({start, actual, expected, fix}) => ({start, actual, expected, fix}))).toEqual([
        {start: variant, actual: 'Alexei Navalni', expected: ['Alexei Navalny'], fix: {start: variant, end: variant + 14, text: 'Alexei Navalny'}}
      ])
    }
    // The windows' facts are the whole text's: one file, every mention counted once.
    expect(collectFacts(text, {...NARROW, filePath: 'desk/n.txt'})['name-consistency']).toEqual(collectFacts(text, {...WHOLE, filePath: 'desk/n.txt'})['name-consistency'])
    // A text without a path too: its windows count as one file.
    expect((collectFacts(text, NARROW)['name-consistency'] as {files: string[]}).files).toHaveLength(1)
  })

  it('judges every window by the provenance of the whole text', async () => {
    const filler = Array.from({length: 30}, (_, index) => `The council met ${index} times this year to discuss the budget and other matters of the city.`).join('\n\n')
    const korean = `서울 연합뉴스\n\n${filler}\n\nSpokesman Dmitry Peskov Kremlin Palace said the dialogue would continue.\n`
    const calques = (messages: LintMessage[]) => messages.filter((message) => message.ruleId === 'mt-calque').map((message) => message.actual)
    const windowed = toLintResult(await lint(korean, SMALL))
    expect(calques(windowed.messages)).toEqual(calques(toLintResult(await lint(korean, WHOLE)).messages))
    expect(calques(windowed.messages)).toHaveLength(1)
    expect((windowed.data?.provenance as {languages: string[]}).languages).toEqual(['ko'])
    // Without the Hangul line at the top, the last window is not Korean-source copy.
    expect(calques(toLintResult(await lint(korean.replace('서울 연합뉴스', 'City news'), SMALL)).messages)).toEqual([])
  })

  it('applies suppression comments and reports unused ones over the whole text', async () => {
    const config = independentConfig()
    const base = articles(30)
    const line = base.lastIndexOf('\n', base.indexOf('The the', 20_000)) + 1
    const directive = '<!-- newslint-disable-next-line typography -->\n'
    const text = `${base.slice(0, line)}${directive}${base.slice(line)}\n<!-- newslint-disable-line spelling -->\n`
    const repeated = text.indexOf('The the', line)
    const options = {config, reportUnusedSuppressions: true}
    // Without the directive the repeated word is reported; with it, not.
    expect((await lint(base, {...options, ...SMALL})).messages.some((message) => message.messageId === 'repeatedWord' && message.actual === 'The the')).toBe(true)
    const whole = await wholeLint(text, options)
    const windowed = toLintResult(await lint(text, {...options, ...SMALL}))
    expect(windowed.messages.map(comparable)).toEqual(whole.messages.map(comparable))
    expect(windowed.messages.filter((message) => message.ruleId === 'typography' && message.start >= repeated && message.start < repeated + 7)).toEqual([])
    expect(windowed.messages.filter((message) => message.ruleId === 'unused-suppression')).toHaveLength(1)
  })

  it('reports a failing rule once for the whole text', async () => {
    const broken = defineRule<{}>({
      meta: {id: 'broken', description: 'fails', fixable: false, recommended: 'warn', schema: {type: 'object'}, defaultOptions: {}, messages: {}},
      check() {
        throw new Error('boom')
      }
    })
    const file = await lint(articles(6), {config: recommendedConfig([broken]), rules: [broken], ...SMALL})
    expect(file.messages.map((message) => message.messageId)).toEqual(['rule-failure'])
  })

  it('stays bounded on one long line without a break, with exact positions', async () => {
    const config = independentConfig()
    const text = articles(20).replace(/\n+/g, ' ')
    const result = toLintResult(await lint(text, {config, windowThreshold: 10_000, windowSize: 4_000}))
    expect(result.messages.length).toBeGreaterThan(10)
    expect(positionProblems(text, result.messages)).toEqual([])
  })

  it('leaves a given parse cache alone (a large text would fill it with its whole tree)', async () => {
    const parseCache = new ParseCache()
    await lint(articles(6), {...SMALL, parseCache})
    expect(parseCache.size).toBe(0)
    await lint(article(0), {parseCache})
    expect(parseCache.size).toBeGreaterThan(0)
  })
})

describe('a large file through the CLI', () => {
  it('is linted in windows with its own facts, at exact positions, with its provenance', async () => {
    const text = articles(150)
    expect(text.length).toBeGreaterThan(WINDOW_THRESHOLD)
    const cwd = workspace({'big.txt': text})
    const run = await runCli(['big.txt', '-f', 'json'], {cwd})
    expect(run.stderr).toBe('')
    const [result] = JSON.parse(run.stdout) as Array<{messages: LintMessage[]; data?: {provenance?: unknown}}>
    expect(result!.messages.length).toBeGreaterThan(100)
    expect(positionProblems(text, result!.messages)).toEqual([])
    expect(result!.data?.provenance).toBeDefined()
    const api = toLintResult(await lint(text, {filePath: 'big.txt', facts: collectFacts(text, {filePath: 'big.txt'})}))
    expect(result!.messages.map(comparable)).toEqual(api.messages.map(comparable))
  })
})

describe('the names report on a large file', () => {
  it('groups spellings from windows far apart', () => {
    const text = `Sergei Shoigu spoke first. Sergei Shoigu spoke again.\n\n${articles(150)}\nSergey Shoigu spoke last.\n`
    expect(textWindows(text)!.length).toBeGreaterThan(5)
    const group = nameGroups([{path: 'big.txt', text}], recommendedConfig()).find((found) => found.canonical === 'Sergei Shoigu')
    expect(group?.variants.map(({form, mentions, files}) => ({form, mentions, files}))).toEqual([
      {form: 'Sergei Shoigu', mentions: 2, files: ['big.txt']},
      {form: 'Sergey Shoigu', mentions: 1, files: ['big.txt']}
    ])
  })
})

describe('fixing in windows', () => {
  it('gives the same text and remaining report as fixing the whole text', async () => {
    const config = independentConfig()
    for (const text of [articles(14), articles(14, 70).replace(/\n/g, '\r\n').trimEnd()]) {
      const facts = collectFacts(text, {config, ...WHOLE})
      const whole = await fix(text, {config, ...WHOLE, facts})
      const windowed = await fix(text, {config, ...SMALL})
      expect(whole.changed).toBe(true)
      expect(windowed.output).toBe(whole.output)
      expect(windowed.passes).toBe(whole.passes)
      expect(toLintResult(windowed.file).messages.map(comparable)).toEqual(toLintResult(whole.file).messages.map(comparable))
    }
  })

  it('applies fixes at their places in the whole text (one pass equals applying the windowed report)', async () => {
    const config = independentConfig()
    const text = articles(14)
    const file = await lint(text, {config, ...SMALL})
    const fixes = file.messages.flatMap((message) => (message.fix ? [message.fix] : []))
    expect(fixes.length).toBeGreaterThan(5)
    for (const one of fixes) expect(one.start).toBeGreaterThanOrEqual(0)
    const once = applyFixes(text, fixes).output
    const wholeFixes = (await lint(text, {config, ...WHOLE, facts: collectFacts(text, {config, ...WHOLE})})).messages.flatMap((message) => (message.fix ? [message.fix] : []))
    expect(once).toBe(applyFixes(text, wholeFixes).output)
  })
})

describe('windows on arbitrary text (property)', () => {
  it('report every line of any text once, at its place, for any cut', async () => {
    const lines = defineRule<{}>({
      meta: {id: 'every-line', description: 'reports every line', fixable: false, recommended: 'warn', schema: {type: 'object'}, defaultOptions: {}, messages: {line: 'Line'}},
      check({analysis, report}) {
        for (const line of analysis.lines) if (line.end > line.start) report({messageId: 'line', start: line.start, end: line.end})
      }
    })
    const config = recommendedConfig([lines])
    await fc.assert(
      fc.asyncProperty(
        fc.string({unit: fc.constantFrom('a', 'B', ' ', '.', '\n', '\r\n', '\n\n', '😀', 'é'), minLength: 50, maxLength: 400}),
        fc.integer({min: 16, max: 60}),
        async (text, windowSize) => {
          const whole = toLintResult(await lint(text, {config, rules: [lines], ...WHOLE}))
          const windowed = toLintResult(await lint(text, {config, rules: [lines], windowThreshold: 40, windowSize}))
          expect(positionProblems(text, windowed.messages)).toEqual([])
          // A line cut inside (longer than twice the size) is reported in pieces; the others exactly.
          const pieces = windowed.messages.map((message) => message.actual).join('')
          expect(pieces).toBe(whole.messages.map((message) => message.actual).join(''))
        }
      ),
      {numRuns: 150}
    )
  })
})
