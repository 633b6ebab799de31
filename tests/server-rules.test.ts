// The language server in process, with demonstration rules whose behaviour the tests control: a
// fixable rule with notes, one that throws, one that blocks until released, and a folder rule.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {PassThrough} from 'node:stream'
import {afterAll, afterEach, describe, expect, it} from 'vitest'
import type {ClientCapabilities, CodeAction, Hover, PublishDiagnosticsParams, TextEdit} from 'vscode-languageserver'
import {createConnection, StreamMessageReader, StreamMessageWriter} from 'vscode-languageserver/node.js'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {recommendedConfig} from '../src/config.js'
import {fix, lintTogether} from '../src/engine.js'
import {toLspOutput} from '../src/reporters/lsp.js'
import {toLintResult} from '../src/reporters/result.js'
import {defineRule} from '../src/rule.js'
import {connectClient, editorCapabilities, pathToUri, type LspClient} from '../bench/lsp-client.js'
import {startServer} from '../src/server/index.js'

const replace = defineRule<object>({
  meta: {
    id: 'demo-replace',
    description: 'Placeholders',
    fixable: true,
    recommended: 'warn',
    schema: {type: 'object', additionalProperties: false},
    defaultOptions: {},
    messages: {foo: 'Unexpected `{{actual}}`, expected `bar`', double: 'Unexpected `{{actual}}`, expected `bar`', qux: 'Unexpected `qux`, expected `quux` or `corge`', stray: 'Unexpected stray `zzz`'}
  },
  check({text, report}) {
    for (const match of text.matchAll(/\bfoo\b/g)) {
      report({messageId: 'foo', start: match.index, end: match.index + 3, expected: ['bar'], fix: {start: match.index, end: match.index + 3, text: 'bar'}, note: 'A placeholder left by the template.'})
    }
    // Only appears after `foo` is fixed: fix-all needs a second pass for it.
    for (const match of text.matchAll(/\bbar bar\b/g)) {
      report({messageId: 'double', start: match.index, end: match.index + 7, expected: ['bar'], fix: {start: match.index, end: match.index + 7, text: 'bar'}})
    }
    for (const match of text.matchAll(/\bqux\b/g)) report({messageId: 'qux', start: match.index, end: match.index + 3, expected: ['quux', 'corge']})
    // The fix removes the space before the word too: wider than the finding, so it is its own action.
    for (const match of text.matchAll(/ zzz\b/g)) report({messageId: 'stray', start: match.index + 1, end: match.index + 4, fix: {start: match.index, end: match.index + 4, text: ''}})
  }
})

const throws = defineRule<object>({
  meta: {id: 'demo-throws', description: 'Breaks on BOOM', fixable: false, recommended: 'error', schema: {type: 'object'}, defaultOptions: {}, messages: {never: 'never'}},
  check({text}) {
    if (text.includes('BOOM')) throw new Error('the demo rule broke')
  }
})

let entered: () => void = () => {}
let release: () => void = () => {}
const slow = defineRule<object>({
  meta: {id: 'demo-slow', description: 'Waits on SLOW', fixable: false, recommended: 'warn', schema: {type: 'object'}, defaultOptions: {}, messages: {slow: 'Unexpected `SLOW`'}},
  async check({text, report}) {
    if (!text.includes('SLOW')) return
    entered()
    await new Promise<void>((resolve) => (release = resolve))
    report({messageId: 'slow', start: text.indexOf('SLOW'), end: text.indexOf('SLOW') + 4})
  }
})

interface LineFacts {
  lines: string[]
}
const folder = defineRule<object, LineFacts>({
  meta: {
    id: 'demo-folder',
    description: 'Lines repeated across files',
    fixable: false,
    recommended: 'warn',
    schema: {type: 'object'},
    defaultOptions: {},
    messages: {repeated: 'Unexpected line repeated in {{count}} files'}
  },
  collect({text}) {
    if (text.includes('COLLECTBOOM')) throw new Error('collecting broke')
    return {lines: [...new Set(text.split('\n').filter((line) => line.trim()))]}
  },
  merge: (a, b) => ({lines: [...a.lines, ...b.lines]}),
  check({text, facts, report}) {
    if (!facts) return
    let offset = 0
    for (const line of text.split('\n')) {
      const count = facts.lines.filter((seen) => seen === line).length
      if (line.trim() && count >= 2) report({messageId: 'repeated', data: {count}, start: offset, end: offset + line.length})
      offset += line.length + 1
    }
  }
})

const rules = [replace, throws, slow, folder]
const roots: string[] = []
const clients: LspClient[] = []

function workspace(files: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'newslint-lsp-rules-'))
  roots.push(root)
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), {recursive: true})
    writeFileSync(path.join(root, name), text)
  }
  return root
}

async function start(root: string | undefined, options: {initializationOptions?: unknown; capabilities?: ClientCapabilities} = {}): Promise<LspClient> {
  const toServer = new PassThrough()
  const toClient = new PassThrough()
  startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), {rules})
  const client = connectClient(toClient, toServer)
  clients.push(client)
  await client.initialize({rootPath: root, initializationOptions: {debounce: 0, ...(options.initializationOptions as object)}, capabilities: options.capabilities})
  return client
}

afterEach(async () => {
  // `exit` would end the test process: shut down and drop the connection only.
  for (const client of clients.splice(0)) {
    await client.request('shutdown', null)
    client.connection.dispose()
  }
})

afterAll(() => {
  for (const root of roots) rmSync(root, {recursive: true, force: true})
})

function codes(params: PublishDiagnosticsParams): string[] {
  return params.diagnostics.map((diagnostic) => String(diagnostic.code))
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 0, text), edits)
}

describe('quick fixes and hovers', () => {
  it('marks the only candidate as preferred, offers each of several, and adds a wider safe fix as its own action', async () => {
    const client = await start(workspace())
    const uri = 'untitled:Untitled-1'
    const text = 'Say foo, then qux, then zzz.'
    client.open(uri, text)
    const published = await client.diagnostics(uri, undefined, {since: 0})
    expect(codes(published)).toEqual(['demo-replace', 'demo-replace', 'demo-replace'])

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: {uri},
      range: {start: {line: 0, character: 0}, end: {line: 0, character: text.length}},
      context: {diagnostics: published.diagnostics, only: ['quickfix']}
    })
    expect(actions.map((action) => [action.title, action.isPreferred])).toEqual([
      ['Replace `foo` with `bar`', true],
      ['Replace `qux` with `quux`', false],
      ['Replace `qux` with `corge`', false],
      ['Fix: Remove ` zzz`', true]
    ])
    const stray = actions[3]!.edit!.documentChanges![0]! as {edits: TextEdit[]}
    expect(apply(text, stray.edits)).toBe('Say foo, then qux, then.')
  })

  it('offers only the fixes of findings within the requested range', async () => {
    const client = await start(workspace())
    const uri = 'untitled:Untitled-2'
    client.open(uri, 'foo\nqux')
    await client.diagnostics(uri, undefined, {since: 0})
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: {uri},
      range: {start: {line: 1, character: 1}, end: {line: 1, character: 1}},
      context: {diagnostics: [], only: ['quickfix']}
    })
    expect(actions.map((action) => action.title)).toEqual(['Replace `qux` with `quux`', 'Replace `qux` with `corge`'])
  })

  it('shows the rule note on hover, with the message and the rule', async () => {
    const client = await start(workspace())
    const uri = 'untitled:Untitled-3'
    client.open(uri, 'A foo here.')
    await client.diagnostics(uri, undefined, {since: 0})
    const hover = await client.request<Hover>('textDocument/hover', {textDocument: {uri}, position: {line: 0, character: 3}})
    expect(hover.contents).toEqual({
      kind: 'markdown',
      value: `**newslint** \`demo-replace\` (warning)\n\nUnexpected \`foo\`, expected \`bar\`\n\nA placeholder left by the template.\n\n[Rule documentation](https://github.com/newslint/newslint/blob/main/rules/demo-replace/README.md)`
    })
  })

  it('answers hovers in plain text for a client without Markdown', async () => {
    const capabilities = {...editorCapabilities, textDocument: {...editorCapabilities.textDocument, hover: {contentFormat: ['plaintext' as const]}}}
    const client = await start(workspace(), {capabilities})
    const uri = 'untitled:Untitled-4'
    client.open(uri, 'A foo here.')
    await client.diagnostics(uri, undefined, {since: 0})
    const hover = await client.request<Hover>('textDocument/hover', {textDocument: {uri}, position: {line: 0, character: 3}})
    expect(hover.contents).toMatchObject({kind: 'plaintext', value: expect.stringMatching(/^newslint demo-replace \(warning\): Unexpected `foo`, expected `bar`\n\nA placeholder left by the template\./)})
  })
})

describe('fix-all', () => {
  it('returns every pass of the fixer as edits when the client cannot resolve them later', async () => {
    // An older client: no lazy code-action edits, no versioned document changes.
    const {codeAction: _, ...textDocument} = editorCapabilities.textDocument!
    const client = await start(workspace(), {capabilities: {textDocument}})
    const uri = 'untitled:Untitled-5'
    const text = 'The first line stays as it is.\nfoo bar and foo.'
    client.open(uri, text)
    await client.diagnostics(uri, undefined, {since: 0})
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: {uri},
      range: {start: {line: 0, character: 0}, end: {line: 0, character: 0}},
      context: {diagnostics: []}
    })
    const fixAll = actions.find((action) => action.kind === 'source.fixAll.newslint')!
    expect(fixAll.title).toBe('Fix all newslint problems')
    const edits = fixAll.edit!.changes![uri]!
    const expected = await fix(text, {rules, config: recommendedConfig(rules)})
    expect(expected.passes).toBe(2)
    expect(apply(text, edits)).toBe(expected.output)
    expect(apply(text, edits)).toBe('The first line stays as it is.\nbar and bar.')
    // Minimal: the untouched first line is in no edit.
    expect(edits.every((edit) => edit.range.start.line === 1)).toBe(true)
  })

  it('offers no fix-all when nothing has a safe fix', async () => {
    const client = await start(workspace())
    const uri = 'untitled:Untitled-6'
    client.open(uri, 'Only qux here.')
    await client.diagnostics(uri, undefined, {since: 0})
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: {uri},
      range: {start: {line: 0, character: 0}, end: {line: 0, character: 0}},
      context: {diagnostics: [], only: ['source.fixAll']}
    })
    expect(actions).toEqual([])
  })
})

describe('stale runs', () => {
  it('drops a lint that finishes after the document changed, and publishes the newer text', async () => {
    const client = await start(workspace())
    const uri = 'untitled:Untitled-7'
    const started = new Promise<void>((resolve) => (entered = resolve))
    client.open(uri, 'SLOW foo')
    await started
    client.change(uri, 2, [{text: 'just foo'}])
    // Requests are handled in order: once this answers, the change is in.
    await client.request('textDocument/hover', {textDocument: {uri}, position: {line: 0, character: 0}})
    release()
    const published = await client.diagnostics(uri, (params) => params.version === 2, {since: 0})
    expect(codes(published)).toEqual(['demo-replace'])
    // One edit more: its publish comes after anything the runs before it could still publish.
    client.change(uri, 3, [{text: 'just foo.'}])
    await client.diagnostics(uri, (params) => params.version === 3, {since: 0})
    expect(client.published.filter((params) => params.uri === uri).map((params) => params.version)).toEqual([2, 3])
  })
})

describe('robustness', () => {
  it('turns a rule that throws into one diagnostic, logs it, and keeps the other rules', async () => {
    const client = await start(workspace())
    const uri = 'untitled:Untitled-8'
    client.open(uri, 'BOOM and foo')
    const published = await client.diagnostics(uri, undefined, {since: 0})
    expect(published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      ['demo-throws', 'Rule `demo-throws` failed on this file: the demo rule broke'],
      ['demo-replace', 'Unexpected `foo`, expected `bar`']
    ])
    expect(client.logs.some((log) => log.message.includes('the demo rule broke'))).toBe(true)
  })

  it('gives one diagnostic when folder facts cannot be collected from a document', async () => {
    const root = workspace()
    const client = await start(root)
    const uri = pathToUri(path.join(root, 'broken.txt'))
    client.open(uri, 'COLLECTBOOM foo')
    const published = await client.diagnostics(uri, undefined, {since: 0})
    expect(published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([['lint-failure', 'newslint could not lint this document: collecting broke']])
    expect(client.logs.some((log) => log.message.includes('collecting broke'))).toBe(true)
  })

  it('honours maxDocumentLength from initializationOptions', async () => {
    const client = await start(workspace(), {initializationOptions: {maxDocumentLength: 10}})
    const uri = 'untitled:Untitled-9'
    client.open(uri, 'foo foo foo')
    const published = await client.diagnostics(uri, undefined, {since: 0})
    expect(published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.message])).toEqual([
      ['document-too-long', 2, 'Document not linted: 11 characters is over the limit of 10 (setting `maxDocumentLength`)']
    ])
  })

  it('applies settings changed through workspace/didChangeConfiguration and re-lints', async () => {
    const client = await start(workspace())
    const uri = 'untitled:Untitled-10'
    client.open(uri, 'foo foo foo')
    await client.diagnostics(uri, (params) => codes(params).includes('demo-replace'), {since: 0})
    const since = client.published.length
    client.notify('workspace/didChangeConfiguration', {settings: {newslint: {maxDocumentLength: 5}}})
    const published = await client.diagnostics(uri, undefined, {since})
    expect(codes(published)).toEqual(['document-too-long'])
  })

  it('logs settings it cannot use and keeps the defaults', async () => {
    const client = await start(workspace(), {initializationOptions: {debounce: 'soon', colour: true}})
    expect(client.logs.map((log) => log.message)).toEqual(
      expect.arrayContaining(['newslint: newslint setting `debounce` has an invalid value "soon"', 'newslint: unknown newslint setting `colour`'])
    )
  })
})

describe('config and ignores', () => {
  it('does not lint files the config or .newslintignore ignore', async () => {
    const root = workspace({'.lintrc.json': JSON.stringify({ignore: ['drafts/']}), '.newslintignore': 'archive-*.txt\n'})
    const client = await start(root)
    const names = ['drafts/a.txt', 'archive-2020.txt', 'story.txt']
    for (const name of names) client.open(pathToUri(path.join(root, name)), 'foo')
    const published = await Promise.all(names.map((name) => client.diagnostics(pathToUri(path.join(root, name)), undefined, {since: 0})))
    expect(published.map(codes)).toEqual([[], [], ['demo-replace']])
  })

  it('uses the nearest config walking up, but none above the workspace folder', async () => {
    const outer = workspace({'.lintrc.json': JSON.stringify({rules: {'demo-replace': 'off'}}), 'inner/sub/.lintrc.json': JSON.stringify({rules: {'demo-replace': 'error'}})})
    const client = await start(path.join(outer, 'inner'))
    const nested = pathToUri(path.join(outer, 'inner', 'sub', 'a.txt'))
    const top = pathToUri(path.join(outer, 'inner', 'b.txt'))
    client.open(nested, 'foo')
    client.open(top, 'foo')
    const [inSub, inRoot] = await Promise.all([client.diagnostics(nested, undefined, {since: 0}), client.diagnostics(top, undefined, {since: 0})])
    expect(inSub.diagnostics.map((diagnostic) => diagnostic.severity)).toEqual([1])
    // The config above the workspace folder (which turns the rule off) is not used: recommended applies.
    expect(inRoot.diagnostics.map((diagnostic) => diagnostic.severity)).toEqual([2])
  })
})

describe('folder facts', () => {
  const footer = 'Subscribe to our newsletter.'

  it('uses the other files of the workspace folder, as `newslint <folder>` does', async () => {
    const root = workspace({'a.txt': `${footer}\nFirst story.`, 'b.txt': `Second story.\n${footer}`, 'c.md': 'Third story.'})
    const client = await start(root)
    const b = pathToUri(path.join(root, 'b.txt'))
    const text = `Second story.\n${footer}`
    client.open(b, text)
    const published = await client.diagnostics(b, (params) => codes(params).includes('demo-folder'), {since: 0})
    const config = recommendedConfig(rules, root)
    const sources = ['a.txt', 'b.txt', 'c.md'].map((name) => ({path: path.join(root, name), text: name === 'b.txt' ? text : name === 'a.txt' ? `${footer}\nFirst story.` : 'Third story.'}))
    const together = await lintTogether(sources, {config, rules})
    const expected = toLspOutput([toLintResult(together[1]!, path.join(root, 'b.txt'))], root)[0]!
    expect(published.diagnostics).toEqual(expected.diagnostics)
    expect(published.diagnostics.map((diagnostic) => [diagnostic.message, diagnostic.range.start.line])).toEqual([['Unexpected line repeated in 2 files', 1]])
  })

  it('follows changes on disk and in other open documents', async () => {
    const root = workspace({'a.txt': `${footer}\nFirst story.`, 'b.txt': `Second story.\n${footer}`})
    const client = await start(root)
    const b = pathToUri(path.join(root, 'b.txt'))
    client.open(b, `Second story.\n${footer}`)
    await client.diagnostics(b, (params) => codes(params).includes('demo-folder'), {since: 0})

    // a.txt loses the line on disk: b's finding goes.
    writeFileSync(path.join(root, 'a.txt'), 'First story.')
    let since = client.published.length
    client.notify('workspace/didChangeWatchedFiles', {changes: [{uri: pathToUri(path.join(root, 'a.txt')), type: 2}]})
    await client.diagnostics(b, (params) => !codes(params).includes('demo-folder'), {since})

    // A new, unsaved document with the line: b's finding comes back while it is open...
    const c = pathToUri(path.join(root, 'c.txt'))
    since = client.published.length
    client.open(c, `Third story.\n${footer}`)
    const withC = await client.diagnostics(b, (params) => codes(params).includes('demo-folder'), {since})
    expect(withC.diagnostics.map((diagnostic) => diagnostic.message)).toEqual(['Unexpected line repeated in 2 files'])

    // ...and goes when it closes without being saved (c.txt does not exist on disk).
    since = client.published.length
    client.close(c)
    await client.diagnostics(b, (params) => !codes(params).includes('demo-folder'), {since})
  })
})
