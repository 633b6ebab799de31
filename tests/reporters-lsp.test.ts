import path from 'node:path'
import {describe, expect, it} from 'vitest'
import spelling from '../rules/spelling/index.js'
import {lint} from '../src/engine.js'
import {fileUri, toDiagnostic, toLspOutput} from '../src/reporters/lsp.js'
import {toLintResult, type LintMessage, type LintResult} from '../src/reporters/result.js'
import {onlyRule} from './helpers/rule-tester.js'

const cwd = path.resolve('/work/articles')

function message(overrides: Partial<LintMessage> = {}): LintMessage {
  return {
    ruleId: 'demo',
    severity: 'warning',
    message: 'Unexpected `colour`, expected `color`',
    line: 1,
    column: 5,
    endLine: 1,
    endColumn: 11,
    start: 4,
    end: 10,
    actual: 'colour',
    expected: ['color'],
    fix: null,
    url: 'https://example.org/rules/demo/README.md',
    note: 'House style is American.',
    messageId: 'demo',
    ...overrides
  }
}

function result(text: string, messages: LintMessage[], file = 'story.txt'): LintResult {
  return {path: file, text, messages}
}

async function spellingResult(text: string, file = 'story.txt'): Promise<LintResult> {
  return toLintResult(await lint(text, {config: onlyRule(spelling), rules: [spelling], filePath: file}), file)
}

describe('toLspOutput', () => {
  it('gives 0-based lines and characters for a finding on a later line', async () => {
    const [entry] = toLspOutput([await spellingResult('The cat sat.\nIt sat on teh mat.')], cwd)
    expect(entry!.diagnostics.map((diagnostic) => diagnostic.range)).toEqual([{start: {line: 1, character: 10}, end: {line: 1, character: 13}}])
  })

  it('counts an emoji before a finding as two UTF-16 code units', async () => {
    const text = 'Fans 😀 cheered.\nThe 😀😀 teh mat.'
    const lintResult = await spellingResult(text)
    const [entry] = toLspOutput([lintResult], cwd)
    expect(entry!.diagnostics.map((diagnostic) => diagnostic.range)).toEqual([{start: {line: 1, character: 9}, end: {line: 1, character: 12}}])
    // The same span, read back through the UTF-16 offsets, is the word itself.
    expect(text.split('\n')[1]!.slice(9, 12)).toBe('teh')
  })

  it('places findings after CRLF and lone CR line breaks as an LSP client counts lines', () => {
    const crlf = 'One.\r\nTwo colour.'
    const loneCr = 'One.\rTwo colour.'
    const at = (text: string) => ({start: text.indexOf('colour'), end: text.indexOf('colour') + 6})
    const [first, second] = toLspOutput(
      [result(crlf, [message({...at(crlf), line: 2, column: 5, endLine: 2, endColumn: 11})]), result(loneCr, [message({...at(loneCr), line: 1, column: 10, endLine: 1, endColumn: 16})])],
      cwd
    )
    expect(first!.diagnostics[0]!.range).toEqual({start: {line: 1, character: 4}, end: {line: 1, character: 10}})
    // vfile counts only \n as a line break; LSP (and every editor) also breaks at a lone \r.
    expect(second!.diagnostics[0]!.range).toEqual({start: {line: 1, character: 4}, end: {line: 1, character: 10}})
  })

  it('builds the whole diagnostic: severity, rule id as code, source, docs link, expected, fix and note', () => {
    const text = 'The colour red.'
    const [entry] = toLspOutput([result(text, [message({fix: {start: 4, end: 10, text: 'color'}})])], cwd)
    expect(entry).toEqual({
      uri: `file://${path.join(cwd, 'story.txt')}`,
      diagnostics: [
        {
          range: {start: {line: 0, character: 4}, end: {line: 0, character: 10}},
          severity: 2,
          code: 'demo',
          codeDescription: {href: 'https://example.org/rules/demo/README.md'},
          source: 'newslint',
          message: 'Unexpected `colour`, expected `color`',
          data: {
            expected: ['color'],
            fix: {range: {start: {line: 0, character: 4}, end: {line: 0, character: 10}}, newText: 'color'},
            note: 'House style is American.'
          }
        }
      ]
    })
  })

  it('maps error, warning and info to LSP severities 1, 2 and 3', () => {
    const [entry] = toLspOutput([result('The colour red.', (['error', 'warning', 'info'] as const).map((severity) => message({severity})))], cwd)
    expect(entry!.diagnostics.map((diagnostic) => diagnostic.severity)).toEqual([1, 2, 3])
  })

  it('leaves out codeDescription when a message has no URL, and gives a null fix when there is none', () => {
    const [entry] = toLspOutput([result('The colour red.', [message({url: null, expected: []})])], cwd)
    const diagnostic = entry!.diagnostics[0]!
    expect('codeDescription' in diagnostic).toBe(false)
    expect(diagnostic.data).toEqual({expected: [], fix: null, note: 'House style is American.'})
  })

  it('places a fix that covers more than the finding exactly, from the text', () => {
    const text = 'Line one.\nSaid.The talks'
    const [entry] = toLspOutput([result(text, [message({start: 14, end: 15, line: 2, column: 5, endLine: 2, endColumn: 6, fix: {start: 10, end: 18, text: 'Said. The'}})])], cwd)
    expect(entry!.diagnostics[0]!.range).toEqual({start: {line: 1, character: 4}, end: {line: 1, character: 5}})
    expect(entry!.diagnostics[0]!.data.fix).toEqual({range: {start: {line: 1, character: 0}, end: {line: 1, character: 8}}, newText: 'Said. The'})
  })

  it('keeps files without findings, so an editor clears their old diagnostics', () => {
    expect(toLspOutput([result('Clean.', [])], cwd)).toEqual([{uri: `file://${path.join(cwd, 'story.txt')}`, diagnostics: []}])
  })

  it('returns an empty list for an empty run', () => {
    expect(toLspOutput([], cwd)).toEqual([])
  })
})

describe('fileUri', () => {
  it('resolves a relative path against cwd and percent-encodes it', () => {
    expect(fileUri('news/a story #1.txt', cwd)).toBe(`file://${cwd}/news/a%20story%20%231.txt`)
  })

  it('keeps an absolute path as it is', () => {
    expect(fileUri('/srv/feed/x.txt', cwd)).toBe('file:///srv/feed/x.txt')
  })

  it('names standard input without a file name as an untitled document', () => {
    expect(fileUri('<stdin>', cwd)).toBe('untitled:%3Cstdin%3E')
  })
})

describe('toDiagnostic without the text', () => {
  it('uses the 1-based line and column of the message, made 0-based', () => {
    expect(toDiagnostic(message({line: 3, column: 7, endLine: 3, endColumn: 13})).range).toEqual({start: {line: 2, character: 6}, end: {line: 2, character: 12}})
  })

  it('places a fix inside a one-line finding relative to its start', () => {
    const diagnostic = toDiagnostic(message({line: 2, column: 5, endLine: 2, endColumn: 11, start: 20, end: 26, fix: {start: 23, end: 26, text: 'or'}}))
    expect(diagnostic.data.fix.range).toEqual({start: {line: 1, character: 7}, end: {line: 1, character: 10}})
  })
})
