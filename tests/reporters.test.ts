// Output formats: each one's shape on real lint output (the `spelling` rule) and on synthetic results
// for the edge cases. Expected positions are computed here, independently of the engine.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import AjvDraft04 from 'ajv-draft-04'
import {describe, expect, it} from 'vitest'
import {lint} from '../src/engine.js'
import type {Fix, Severity} from '../src/rule.js'
import {formatters, type FormatContext} from '../src/reporters/index.js'
import {toLintResult, type LintMessage, type LintResult, type MessageSeverity} from '../src/reporters/result.js'
import spelling from '../rules/spelling/index.js'
import {onlyRule} from './helpers/rule-tester.js'

const cwd = path.resolve('/srv/newsroom')
const context: FormatContext = {cwd, color: false, rules: [spelling], version: '9.8.7'}

// Two emoji (four UTF-16 code units) before the first typo, a flag (two astral characters) before the second.
const TEXT = '🎉🎉 The cat sat on teh mat.\r\nA flag 🇰🇷 and a speling error.\n'
const ARTICLE = path.join(cwd, 'desk', 'seoul.txt')

/** 1-based line and UTF-16 column of an offset, counting `\r\n`, `\n` and a lone `\r` as line breaks. */
function positionOf(text: string, offset: number): {line: number; column: number} {
  let line = 1
  let lineStart = 0
  for (let index = 0; index < offset; index++) {
    const char = text[index]
    if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) {
      line++
      lineStart = index + 1
    }
  }
  return {line, column: offset - lineStart + 1}
}

/** Where `word` is in TEXT, as every format should say it. */
function expectedSpan(word: string) {
  const start = TEXT.indexOf(word)
  const end = start + word.length
  const from = positionOf(TEXT, start)
  const to = positionOf(TEXT, end)
  return {start, end, line: from.line, column: from.column, endLine: to.line, endColumn: to.column}
}

async function lintArticle(severity: Severity = 'error', text = TEXT, filePath = ARTICLE): Promise<LintResult> {
  const config = onlyRule(spelling)
  config.rules.spelling = severity
  const file = await lint(text, {config, rules: [spelling], filePath})
  return toLintResult(file)
}

/** A synthetic message over `text.slice(start, end)`, positions computed here. */
function message(text: string, start: number, end: number, extra: Partial<LintMessage> = {}): LintMessage {
  const from = positionOf(text, start)
  const to = positionOf(text, end)
  return {
    ruleId: 'typography',
    severity: 'warning',
    message: `Unexpected \`${text.slice(start, end)}\``,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    start,
    end,
    actual: text.slice(start, end),
    expected: [],
    fix: null,
    url: 'https://example.org/rules/typography',
    note: null,
    messageId: 'unexpected',
    ...extra
  }
}

function result(filePath: string, text: string, messages: LintMessage[], data?: Record<string, unknown>): LintResult {
  return {path: filePath, text, messages, ...(data ? {data} : {})}
}

describe('the test text', () => {
  it('puts the findings after astral characters, where UTF-16 columns and code points differ', () => {
    const typo = expectedSpan('teh')
    // In code points the column would be 19; in UTF-16 code units it is 21.
    expect([...TEXT.slice(0, typo.start)].length + 1).toBe(19)
    expect(typo.column).toBe(21)
    // "A flag 🇰🇷 and a ": the flag is two code points but four code units.
    expect(expectedSpan('speling')).toMatchObject({line: 2, column: 19})
  })
})

describe('json', () => {
  it('lists every message with the documented keys, in the documented order', async () => {
    const linted = await lintArticle()
    const output = formatters.json([linted], context)
    expect(output.endsWith('\n')).toBe(true)
    const [file, ...rest] = JSON.parse(output) as Array<{path: string; messages: Array<Record<string, unknown>>}>
    expect(rest).toEqual([])
    expect(Object.keys(file!)).toEqual(['path', 'messages'])
    expect(file!.path).toBe('desk/seoul.txt')
    expect(file!.messages.map((m) => Object.keys(m))).toEqual(
      Array(2).fill([
        'ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'start', 'end',
        'actual', 'expected', 'fix', 'url', 'note', 'messageId', 'fingerprint'
      ])
    )
    expect(file!.messages.map((m) => m.fingerprint)).toEqual(linted.messages.map((m) => m.fingerprint))
    expect(file!.messages[0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/)
    expect(file!.messages).toEqual([
      expect.objectContaining({ruleId: 'spelling', severity: 'error', ...expectedSpan('teh'), actual: 'teh', fix: null}),
      expect.objectContaining({ruleId: 'spelling', severity: 'error', ...expectedSpan('speling'), actual: 'speling', fix: null})
    ])
    expect((file!.messages[0]!.expected as string[]).length).toBeGreaterThan(0)
    expect(file!.messages.map((m) => m.expected)).toEqual(linted.messages.map((m) => m.expected))
    expect(file!.messages[0]!.url).toBe('https://github.com/newslint/newslint/blob/main/rules/spelling/README.md')
  })

  it('maps error, warning and info severities to their names', async () => {
    const severities: Array<[Severity, MessageSeverity]> = [['error', 'error'], ['warn', 'warning'], ['info', 'info']]
    for (const [configured, shown] of severities) {
      const [file] = JSON.parse(formatters.json([await lintArticle(configured)], context)) as Array<{messages: Array<{severity: string}>}>
      expect(file!.messages.map((m) => m.severity)).toEqual([shown, shown])
    }
  })

  it('keeps file-level data only when a file has some', () => {
    const provenance = {languages: ['ko'], scores: {ko: 3}, cues: ['ko: Yonhap']}
    const output = formatters.json(
      [result('/srv/newsroom/a.txt', 'A.', [], {provenance}), result('/srv/newsroom/b.txt', 'B.', []), result('/srv/newsroom/c.txt', 'C.', [], {})],
      context
    )
    expect(JSON.parse(output)).toEqual([{path: 'a.txt', messages: [], data: {provenance}}, {path: 'b.txt', messages: []}, {path: 'c.txt', messages: []}])
  })

  it('writes a fix as start, end and text whatever order the rule gave them in', () => {
    const text = 'It cost 5 %.'
    const fix = {text: '5%', end: 11, start: 8} as Fix
    const output = formatters.json([result(path.join(cwd, 'a.txt'), text, [message(text, 8, 11, {fix, expected: ['5%']})])], context)
    expect(output).toContain('"expected":["5%"],"fix":{"start":8,"end":11,"text":"5%"}')
  })

  it('names a text read from stdin `<stdin>` and shows files outside the working folder with `../`', () => {
    const output = formatters.json([result('', 'A.', []), result('<stdin>', 'A.', []), result(path.resolve(cwd, '..', 'wire', 'b.txt'), 'B.', [])], context)
    expect(JSON.parse(output)).toEqual([{path: '<stdin>', messages: []}, {path: '<stdin>', messages: []}, {path: '../wire/b.txt', messages: []}])
  })
})

/** SARIF's uri formats, checked for real: ajv-draft-04 has no format implementations of its own. */
function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(path.join(import.meta.dirname, '..', 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')
  ) as Record<string, unknown>
  const uriCharacters = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/
  // A CommonJS module: its class is both the module and its `default`, which is what the types describe.
  const ajv = new AjvDraft04.default({
    allErrors: true,
    // The schema's language pattern is not valid as a Unicode-mode regular expression.
    unicodeRegExp: false,
    formats: {
      uri: (value: string) => uriCharacters.test(value) && URL.canParse(value),
      'uri-reference': (value: string) => uriCharacters.test(value) && URL.canParse(value, 'file:///base/'),
      'date-time': (value: string) => !Number.isNaN(Date.parse(value))
    }
  })
  return ajv.compile(schema)
}

interface SarifLog {
  runs: Array<{
    tool: {driver: {name: string; version: string; informationUri: string; rules: Array<{id: string; helpUri: string; shortDescription: {text: string}}>}}
    columnKind: string
    originalUriBaseIds: Record<string, {uri: string}>
    results: Array<{
      ruleId: string
      ruleIndex: number
      level: string
      message: {text: string}
      locations: Array<{physicalLocation: {artifactLocation: {uri?: string; uriBaseId?: string}; region: Record<string, unknown>}}>
      fixes?: unknown[]
      properties?: Record<string, unknown>
    }>
  }>
}

function sarif(results: LintResult[], rules = context.rules): SarifLog {
  return JSON.parse(formatters.sarif(results, {...context, rules})) as SarifLog
}

describe('sarif', () => {
  const validate = sarifValidator()

  it('rejects an invalid log, so the schema check below has teeth', () => {
    expect(validate({version: '2.1.0', runs: [{tool: {driver: {name: 'newslint', informationUri: 'not a uri'}}}]})).toBe(false)
  })

  it('validates against the SARIF 2.1.0 schema, with fixes, stdin and files outside the working folder', async () => {
    const text = 'It cost 5 %.'
    const log = JSON.parse(
      formatters.sarif(
        [
          await lintArticle('error'),
          result(path.join(cwd, 'desk', 'a file é.txt'), text, [message(text, 8, 11, {fix: {start: 8, end: 11, text: '5%'}, severity: 'info'})]),
          result('', text, [message(text, 8, 11)]),
          result('/elsewhere/b.txt', text, [message(text, 8, 11, {ruleId: 'from-a-plugin', url: null})])
        ],
        context
      )
    ) as unknown
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true)
  })

  it('describes the tool and its rules, and points each result at its rule', async () => {
    const log = sarif([await lintArticle()])
    const run = log.runs[0]!
    expect(run.tool.driver).toMatchObject({name: 'newslint', version: '9.8.7', informationUri: expect.stringMatching(/^https:\/\//)})
    expect(run.tool.driver.rules).toEqual([
      expect.objectContaining({
        id: 'spelling',
        shortDescription: {text: spelling.meta.description},
        helpUri: 'https://github.com/newslint/newslint/blob/main/rules/spelling/README.md'
      })
    ])
    expect(run.results).toHaveLength(2)
    for (const found of run.results) expect(run.tool.driver.rules[found.ruleIndex]!.id).toBe(found.ruleId)
  })

  it('places results by line, UTF-16 column and character offset after astral characters', async () => {
    const run = sarif([await lintArticle()]).runs[0]!
    expect(run.columnKind).toBe('utf16CodeUnits')
    expect(run.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`${pathToFileURL(cwd).href}/`)
    const regions = run.results.map((found) => found.locations[0]!.physicalLocation)
    const spans = [expectedSpan('teh'), expectedSpan('speling')]
    expect(regions).toEqual(
      spans.map((span, index) => ({
        artifactLocation: {uri: 'desk/seoul.txt', uriBaseId: '%SRCROOT%'},
        region: {
          startLine: span.line,
          startColumn: span.column,
          endLine: span.endLine,
          endColumn: span.endColumn,
          charOffset: span.start,
          charLength: span.end - span.start,
          snippet: {text: ['teh', 'speling'][index]}
        }
      }))
    )
  })

  it('maps error, warning and info to the levels error, warning and note', () => {
    const text = 'a b c'
    const levels = sarif([
      result(path.join(cwd, 'a.txt'), text, [
        message(text, 0, 1, {severity: 'error'}),
        message(text, 2, 3, {severity: 'warning'}),
        message(text, 4, 5, {severity: 'info'})
      ])
    ]).runs[0]!.results.map((found) => found.level)
    expect(levels).toEqual(['error', 'warning', 'note'])
  })

  it('adds a fix only where a safe fix exists, and keeps other candidates as properties', () => {
    const text = 'It cost 5 %.\nThe the end.'
    const file = path.join(cwd, 'a.txt')
    const [fixed, suggested] = sarif([
      result(file, text, [
        message(text, 8, 11, {fix: {start: 8, end: 11, text: '5%'}, expected: ['5%']}),
        message(text, 13, 20, {expected: ['The', 'the'], note: 'A repeated word.'})
      ])
    ]).runs[0]!.results
    expect(fixed!.fixes).toEqual([
      {
        description: {text: 'Replace `5 %` with `5%`'},
        artifactChanges: [
          {
            artifactLocation: {uri: 'a.txt', uriBaseId: '%SRCROOT%'},
            replacements: [{deletedRegion: {charOffset: 8, charLength: 3}, insertedContent: {text: '5%'}}]
          }
        ]
      }
    ])
    expect(suggested!.fixes).toBeUndefined()
    expect(suggested!.properties).toEqual({expected: ['The', 'the'], note: 'A repeated word.'})
  })

  it('describes deletions and insertions as such', () => {
    const text = 'Hello  world'
    const results = sarif([
      result(path.join(cwd, 'a.txt'), text, [
        message(text, 5, 7, {fix: {start: 6, end: 7, text: ''}}),
        message(text, 12, 12, {fix: {start: 12, end: 12, text: '.'}})
      ])
    ]).runs[0]!.results
    expect(results.map((found) => (found.fixes as Array<{description: {text: string}}>)[0]!.description.text)).toEqual(['Delete ` `', 'Insert `.`'])
  })

  it('gives every result a partial fingerprint under newslint/v1, computed for results that lack one', async () => {
    const linted = await lintArticle()
    const results = sarif([linted]).runs[0]!.results as Array<{partialFingerprints?: Record<string, string>}>
    expect(results.map((found) => found.partialFingerprints)).toEqual(linted.messages.map((m) => ({'newslint/v1': m.fingerprint})))
    const text = 'a b'
    const synthetic = sarif([result(path.join(cwd, 'a.txt'), text, [message(text, 0, 1), message(text, 2, 3)])]).runs[0]!.results as unknown as Array<{partialFingerprints: Record<string, string>}>
    const prints = synthetic.map((found) => found.partialFingerprints['newslint/v1'])
    expect(prints.every((print) => /^[0-9a-f]{16}$/.test(print!))).toBe(true)
    expect(prints[0]).not.toBe(prints[1])
  })

  it('marks results new against a baseline and fixed findings absent, and stays valid SARIF', () => {
    const text = 'It cost 5 %.'
    const gone = {fingerprint: '0123456789abcdef', ruleId: 'spelling', message: 'Unexpected unknown word `teh`', excerpt: 'teh'}
    const output = formatters.sarif([{...result(path.join(cwd, 'a.txt'), text, [message(text, 8, 11)]), fixed: [gone]}], {...context, baseline: true})
    const log = JSON.parse(output) as SarifLog
    const results = log.runs[0]!.results as Array<Record<string, unknown>>
    expect(results.map((found) => [found.ruleId, found.baselineState, found.level])).toEqual([
      ['typography', 'new', 'warning'],
      ['spelling', 'absent', 'none']
    ])
    expect(results[1]!.partialFingerprints).toEqual({'newslint/v1': '0123456789abcdef'})
    expect(validate(JSON.parse(output)), JSON.stringify(validate.errors)).toBe(true)
    // Without a baseline no result says anything about one.
    expect((sarif([result(path.join(cwd, 'a.txt'), text, [message(text, 8, 11)])]).runs[0]!.results[0] as Record<string, unknown>).baselineState).toBeUndefined()
  })

  it('adds a descriptor for a rule the caller did not list', () => {
    const text = 'x'
    const run = sarif([result(path.join(cwd, 'a.txt'), text, [message(text, 0, 1, {ruleId: 'from-a-plugin', url: 'https://example.org/p'})])]).runs[0]!
    expect(run.tool.driver.rules.map((rule) => [rule.id, rule.helpUri])).toEqual([
      ['spelling', 'https://github.com/newslint/newslint/blob/main/rules/spelling/README.md'],
      ['from-a-plugin', 'https://example.org/p']
    ])
    expect(run.results[0]!.ruleIndex).toBe(1)
  })

  it('percent-encodes relative paths and gives files outside the working folder absolute file URIs', () => {
    const text = 'x'
    const uris = sarif([
      result(path.join(cwd, 'desk', 'é x.txt'), text, [message(text, 0, 1)]),
      result('/elsewhere/a b.txt', text, [message(text, 0, 1)]),
      result('', text, [message(text, 0, 1)]),
      result('<stdin>', text, [message(text, 0, 1)])
    ]).runs[0]!.results.map((found) => found.locations[0]!.physicalLocation.artifactLocation)
    expect(uris).toEqual([
      {uri: 'desk/%C3%A9%20x.txt', uriBaseId: '%SRCROOT%'},
      {uri: 'file:///elsewhere/a%20b.txt'},
      {description: {text: '<stdin>'}},
      {description: {text: '<stdin>'}}
    ])
  })
})

interface LspFile {
  uri: string
  diagnostics: Array<{
    range: {start: {line: number; character: number}; end: {line: number; character: number}}
    severity: number
    code: string
    source: string
    message: string
    codeDescription: {href: string}
    data: {expected: string[]; fix: {range: {start: {line: number; character: number}; end: {line: number; character: number}}; newText: string} | null}
  }>
}

describe('lsp', () => {
  it('gives file URIs and 0-based ranges in UTF-16 code units after astral characters', async () => {
    const linted = await lintArticle()
    const [file, ...rest] = JSON.parse(formatters.lsp([linted], context)) as LspFile[]
    expect(rest).toEqual([])
    expect(file!.uri).toBe(pathToFileURL(ARTICLE).href)
    expect(file!.diagnostics.map((diagnostic) => diagnostic.range)).toEqual(
      [expectedSpan('teh'), expectedSpan('speling')].map((span) => ({
        start: {line: span.line - 1, character: span.column - 1},
        end: {line: span.endLine - 1, character: span.endColumn - 1}
      }))
    )
    expect(file!.diagnostics[0]).toMatchObject({
      severity: 1,
      code: 'spelling',
      source: 'newslint',
      codeDescription: {href: 'https://github.com/newslint/newslint/blob/main/rules/spelling/README.md'},
      data: {expected: linted.messages[0]!.expected, fix: null}
    })
  })

  it('maps error, warning and info to severities 1, 2 and 3', () => {
    const text = 'a b c'
    const [file] = JSON.parse(
      formatters.lsp(
        [
          result(path.join(cwd, 'a.txt'), text, [
            message(text, 0, 1, {severity: 'error'}),
            message(text, 2, 3, {severity: 'warning'}),
            message(text, 4, 5, {severity: 'info'})
          ])
        ],
        context
      )
    ) as LspFile[]
    expect(file!.diagnostics.map((diagnostic) => diagnostic.severity)).toEqual([1, 2, 3])
  })

  it('turns a safe fix into a TextEdit over 0-based positions', () => {
    const text = '🎉 Line one.\nIt cost 5 %.'
    const start = text.indexOf('5 %')
    const [file] = JSON.parse(
      formatters.lsp([result(path.join(cwd, 'a.txt'), text, [message(text, start, start + 3, {fix: {start, end: start + 3, text: '5%'}, expected: ['5%']})])], context)
    ) as LspFile[]
    expect(file!.diagnostics[0]!.data).toMatchObject({
      expected: ['5%'],
      fix: {range: {start: {line: 1, character: 8}, end: {line: 1, character: 11}}, newText: '5%'}
    })
  })
})

describe('github', () => {
  it('writes one workflow command per message, with the rule id as title', async () => {
    const output = formatters.github([await lintArticle()], context)
    const lines = output.split('\n')
    expect(lines.pop()).toBe('')
    const {messages} = await lintArticle()
    expect(lines).toEqual(
      [expectedSpan('teh'), expectedSpan('speling')].map(
        (span, index) =>
          `::error file=desk/seoul.txt,line=${span.line},col=${span.column},endLine=${span.endLine},endColumn=${span.endColumn},title=spelling::${messages[index]!.message}`
      )
    )
  })

  it('escapes %, line breaks, commas and colons as the runner expects', () => {
    const text = 'Up 50 %.'
    const tricky = message(text, 3, 7, {
      ruleId: 'typography',
      message: 'Unexpected `50 %` (a space, then: 100%),\r\nexpected `50%`'
    })
    const output = formatters.github([result(path.join(cwd, 'desk', 'a,b:c%.txt'), text, [tricky])], context)
    expect(output).toBe(
      '::warning file=desk/a%2Cb%3Ac%25.txt,line=1,col=4,endLine=1,endColumn=8,title=typography::' +
        'Unexpected `50 %25` (a space, then: 100%25),%0D%0Aexpected `50%25`\n'
    )
  })

  it('uses notice for information and puts the note on a line of its own', () => {
    const text = 'x y'
    const output = formatters.github([result(path.join(cwd, 'a.txt'), text, [message(text, 2, 3, {severity: 'info', message: 'Odd `y`', note: 'Why: 100%.'})])], context)
    expect(output).toBe('::notice file=a.txt,line=1,col=3,endLine=1,endColumn=4,title=typography::Odd `y`%0AWhy: 100%25.\n')
  })

  it('leaves columns out of an annotation that spans several lines', () => {
    const text = 'one\ntwo'
    const output = formatters.github([result(path.join(cwd, 'a.txt'), text, [message(text, 1, 6, {message: 'Span'})])], context)
    expect(output).toBe('::warning file=a.txt,line=1,endLine=2,title=typography::Span\n')
  })

  it('leaves the file out for stdin and prints nothing for clean files', () => {
    const text = 'x'
    for (const stdin of ['', '<stdin>']) {
      expect(formatters.github([result(stdin, text, [message(text, 0, 1, {message: 'M'})])], context)).toBe(
        '::warning line=1,col=1,endLine=1,endColumn=2,title=typography::M\n'
      )
    }
    expect(formatters.github([result(path.join(cwd, 'a.txt'), text, [])], context)).toBe('')
  })
})

describe('stylish', () => {
  const ansi = /\u001B\[\d+m/

  it('prints paths relative to the working folder, ranges, rule ids and a summary, without colour when off', async () => {
    const output = formatters.stylish([await lintArticle()], context)
    expect(output).not.toMatch(ansi)
    const lines = output.split('\n')
    expect(lines[0]).toBe('desk/seoul.txt')
    const typo = expectedSpan('teh')
    expect(lines[1]).toMatch(new RegExp(`^${typo.line}:${typo.column}-${typo.endLine}:${typo.endColumn} +error +Unexpected unknown word \`teh\`.* +spelling +newslint$`))
    expect(lines.at(-2)).toBe('✖ 2 errors')
    expect(lines.at(-1)).toBe('')
  })

  it('colours the report when asked', async () => {
    const output = formatters.stylish([await lintArticle()], {...context, color: true})
    expect(output).toMatch(ansi)
    expect(output.replace(/\u001B\[\d+m/g, '')).toBe(formatters.stylish([await lintArticle()], context))
  })

  it('labels warnings and information and counts every message in the summary', () => {
    const text = 'a b c'
    const output = formatters.stylish(
      [
        result(path.join(cwd, 'a.txt'), text, [
          message(text, 0, 1, {severity: 'error'}),
          message(text, 2, 3, {severity: 'warning'}),
          message(text, 4, 5, {severity: 'info'})
        ])
      ],
      context
    )
    expect(output.split('\n').slice(1, 4).map((line) => line.split(/ +/)[1])).toEqual(['error', 'warning', 'info'])
    expect(output.trimEnd().split('\n').at(-1)).toBe('3 messages (✖ 1 error, ⚠ 1 warning)')
  })

  it('says a clean file has no issues and names stdin', () => {
    const text = 'x'
    const output = formatters.stylish([result(path.join(cwd, 'clean.txt'), text, []), result('', text, [message(text, 0, 1)])], context)
    expect(output).toContain('clean.txt: no issues found\n')
    expect(output).toContain('<stdin>\n1:1-1:2')
  })

  it('leaves clean files out when quiet', () => {
    const text = 'x'
    const results = [result(path.join(cwd, 'clean.txt'), text, []), result(path.join(cwd, 'b.txt'), text, [message(text, 0, 1)])]
    const output = formatters.stylish(results, {...context, quiet: true})
    expect(output).not.toContain('clean.txt')
    expect(output).toContain('b.txt\n1:1-1:2')
  })

  it('shows notes and documentation URLs only when verbose', () => {
    const text = 'x'
    const results = [result(path.join(cwd, 'a.txt'), text, [message(text, 0, 1, {note: 'Wire copy uses 5%.'})])]
    expect(formatters.stylish(results, context)).not.toContain('Wire copy uses 5%.')
    const verbose = formatters.stylish(results, {...context, verbose: true})
    expect(verbose).toContain('Wire copy uses 5%.')
    expect(verbose).toContain('https://example.org/rules/typography')
  })

  it('prints nothing for an empty run', () => {
    expect(formatters.stylish([], context)).toBe('')
  })
})

describe('codeclimate', () => {
  it('writes one GitLab Code Quality issue per message, with positions, severity and the rule as check', async () => {
    const issues = JSON.parse(formatters.codeclimate([await lintArticle('warn')], context)) as Array<Record<string, unknown>>
    const {messages} = await lintArticle('warn')
    expect(issues).toEqual(
      [expectedSpan('teh'), expectedSpan('speling')].map((span, index) => ({
        type: 'issue',
        check_name: 'spelling',
        description: messages[index]!.message,
        content: {body: `See ${messages[index]!.url}`},
        categories: ['Style'],
        severity: 'minor',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        location: {path: 'desk/seoul.txt', positions: {begin: {line: span.line, column: span.column}, end: {line: span.endLine, column: span.endColumn}}}
      }))
    )
  })

  it('gives the same finding in two files two fingerprints (GitLab needs them unique), and keeps them across edits above it', async () => {
    const other = path.join(cwd, 'desk', 'busan.txt')
    const [a, b] = [await lintArticle('error', TEXT, ARTICLE), await lintArticle('error', TEXT, other)]
    const edited = await lintArticle('error', `A new first line.\n\n${TEXT}`, ARTICLE)
    const prints = (results: LintResult[]) => (JSON.parse(formatters.codeclimate(results, context)) as Array<{fingerprint: string; severity: string}>).map((issue) => issue.fingerprint)
    const [inA, inB, afterEdit] = [prints([a]), prints([b]), prints([edited])]
    expect(new Set([...inA, ...inB]).size).toBe(4)
    expect(afterEdit).toEqual(inA)
    expect((JSON.parse(formatters.codeclimate([a], context)) as Array<{severity: string}>)[0]!.severity).toBe('major')
  })

  it('writes an empty list when nothing is found', () => {
    expect(formatters.codeclimate([result(path.join(cwd, 'a.txt'), 'Fine.', [])], context)).toBe('[]\n')
  })
})
