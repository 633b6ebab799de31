// End to end: the built language server as a child process over stdio, driven by vscode-jsonrpc as
// an editor would drive it. Run after `npm run build` (the `pretest` script does it).
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {isDeepStrictEqual} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {CodeAction, Diagnostic, Hover, InitializeResult, PublishDiagnosticsParams, TextEdit, WorkspaceEdit} from 'vscode-languageserver'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {recommendedConfig} from '../src/config.js'
import {factsOf, fix, lintTogether} from '../src/engine.js'
import {toLspOutput} from '../src/reporters/lsp.js'
import {toLintResult} from '../src/reporters/result.js'
import {builtinRules} from '../src/rules.js'
import {pathToUri, spawnServer, type LspClient} from '../bench/lsp-client.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'newslint-lsp-'))
const configFile = path.join(root, '.lintrc.json')
const seedText = readFileSync(path.join(import.meta.dirname, '..', 'seeds', '000_230b21386b69b568.txt'), 'utf8')
// `text` follows the edits the tests make, as the editor's buffer would.
const typo = {path: path.join(root, 'typo.txt'), uri: pathToUri(path.join(root, 'typo.txt')), text: 'The cat sat on teh mat.\nA 😀 line with a tpyo.'}
const seed = {path: path.join(root, 'seed.txt'), uri: pathToUri(path.join(root, 'seed.txt'))}
// The seed as a post-editor might receive it: one word misspelled among the names.
const seedWithTypo = seedText.replace('condemned', 'condemmed')

let client: LspClient
let initialized: InitializeResult

beforeAll(async () => {
  client = spawnServer({cwd: root})
  initialized = await client.initialize({rootPath: root})
})

afterAll(async () => {
  if (client.child && client.child.exitCode === null) client.child.kill()
  rmSync(root, {recursive: true, force: true})
})

/** The open documents as `newslint <folder>` would read them (seed.txt sorts before typo.txt). */
function folderSources() {
  return [
    {path: seed.path, text: seedWithTypo},
    {path: typo.path, text: typo.text}
  ]
}

function spellingRanges(params: PublishDiagnosticsParams) {
  return params.diagnostics.filter((diagnostic) => diagnostic.code === 'spelling').map((diagnostic) => diagnostic.range)
}

function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  const change = edit?.documentChanges?.find((entry) => 'textDocument' in entry && entry.textDocument.uri === uri)
  return change && 'edits' in change ? (change.edits as TextEdit[]) : (edit?.changes?.[uri] ?? [])
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 0, text), edits)
}

function textAt(text: string, diagnostic: Diagnostic): string {
  const document = TextDocument.create('file:///x', 'plaintext', 0, text)
  return text.slice(document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end))
}

function notifyConfigChanged(type: 1 | 2 | 3 = 2): void {
  client.notify('workspace/didChangeWatchedFiles', {changes: [{uri: pathToUri(configFile), type}]})
}

describe('the language server over stdio', () => {
  it('announces incremental sync, quick fixes with fix-all, and hovers', () => {
    expect(initialized.serverInfo?.name).toBe('newslint')
    expect(initialized.capabilities.textDocumentSync).toMatchObject({openClose: true, change: 2})
    expect(initialized.capabilities.codeActionProvider).toEqual({codeActionKinds: ['quickfix', 'source.fixAll.newslint'], resolveProvider: true})
    expect(initialized.capabilities.hoverProvider).toBe(true)
  })

  it('asks the editor to watch config, ignore and article files', async () => {
    await expect.poll(() => client.registrations.length).toBeGreaterThan(0)
    const globs = client.registrations.flatMap((registration) => (registration.registerOptions as {watchers: Array<{globPattern: string}>}).watchers.map((watcher) => watcher.globPattern))
    expect(globs).toEqual(expect.arrayContaining(['**/.lintrc.json', '**/.newslintignore', '**/*.{txt,md}']))
  })

  it('publishes diagnostics for an opened document with exact UTF-16 ranges and its version', async () => {
    client.open(typo.uri, typo.text)
    const published = await client.diagnostics(typo.uri, undefined, {since: 0})
    expect(published.version).toBe(1)
    // The emoji counts as two code units: `tpyo` starts at character 17 of the second line.
    expect(spellingRanges(published)).toEqual([
      {start: {line: 0, character: 15}, end: {line: 0, character: 18}},
      {start: {line: 1, character: 17}, end: {line: 1, character: 21}}
    ])
    const [first] = published.diagnostics.filter((diagnostic) => diagnostic.code === 'spelling')
    expect(first).toMatchObject({source: 'newslint', severity: 2, codeDescription: {href: expect.stringContaining('rules/spelling/README.md')}})
  })

  it('lints a seed article exactly as `newslint <folder>` does, names untouched and the typo found', async () => {
    const since = client.published.length
    client.open(seed.uri, seedWithTypo)
    // The open documents are the folder's articles: folder rules see both, in path order.
    const files = await lintTogether(folderSources(), {config: recommendedConfig(builtinRules, root)})
    const expected = toLspOutput([toLintResult(files[0]!, seed.path)], root)[0]!.diagnostics
    // Folder facts may arrive after a first, stand-alone lint: the editor must end up showing the same.
    const published = await client.diagnostics(seed.uri, (params) => isDeepStrictEqual(params.diagnostics, expected), {since}).catch(() => client.published.filter((params) => params.uri === seed.uri).at(-1)!)
    expect(published.diagnostics).toEqual(expected)
    const flagged = published.diagnostics.filter((diagnostic) => diagnostic.code === 'spelling').map((diagnostic) => textAt(seedWithTypo, diagnostic))
    expect(flagged).toContain('condemmed')
    for (const name of ['Blinken', 'Navalny', 'Putin', 'Moscow']) expect(flagged).not.toContain(name)
  })

  it('offers one quick fix per expected candidate, and applying one removes the finding', async () => {
    const published = client.published.filter((params) => params.uri === typo.uri).at(-1)!
    const diagnostic = published.diagnostics.find((candidate) => candidate.code === 'spelling' && candidate.range.start.line === 1)!
    const candidates = (diagnostic.data as {expected: string[]}).expected
    expect(candidates).toContain('typo')

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: {uri: typo.uri},
      range: diagnostic.range,
      context: {diagnostics: [diagnostic], only: ['quickfix']}
    })
    expect(actions.map((action) => action.title)).toEqual(candidates.map((candidate) => `Replace \`tpyo\` with \`${candidate}\``))
    expect(actions.every((action) => action.kind === 'quickfix' && action.isPreferred === (candidates.length === 1))).toBe(true)

    const chosen = actions.find((action) => action.title.endsWith('`typo`'))!
    expect(chosen.edit?.documentChanges?.[0]).toMatchObject({textDocument: {uri: typo.uri, version: 1}})
    const edits = editsOf(chosen.edit, typo.uri)
    const fixed = apply(typo.text, edits)
    expect(fixed).toBe('The cat sat on teh mat.\nA 😀 line with a typo.')
    typo.text = fixed

    const since = client.published.length
    client.change(typo.uri, 2, edits.map((edit) => ({range: edit.range, text: edit.newText})))
    const after = await client.diagnostics(typo.uri, (params) => params.version === 2, {since})
    expect(spellingRanges(after)).toEqual([{start: {line: 0, character: 15}, end: {line: 0, character: 18}}])
  })

  it('never publishes a version older than one already published, and ends on the newest', async () => {
    const since = client.published.length
    // Five keystrokes in one go: versions 3 to 7, each appending a letter of `Hello`.
    for (const [index, letter] of [...'Hello'].entries()) {
      const character = 'A 😀 line with a typo.'.length + index
      client.change(typo.uri, 3 + index, [{range: {start: {line: 1, character}, end: {line: 1, character}}, text: letter}])
    }
    typo.text += 'Hello'
    await client.diagnostics(typo.uri, (params) => params.version === 7, {since})
    // One edit more: its publish comes after anything the runs before it could still publish.
    const character = typo.text.split('\n')[1]!.length
    client.change(typo.uri, 8, [{range: {start: {line: 1, character}, end: {line: 1, character}}, text: '!'}])
    typo.text += '!'
    await client.diagnostics(typo.uri, (params) => params.version === 8, {since})
    const versions = client.published.slice(since).filter((params) => params.uri === typo.uri).map((params) => params.version)
    // A lint may publish a version that was current when it finished; it never publishes a stale one.
    expect(versions).toEqual([...versions].sort((a, b) => (a ?? 0) - (b ?? 0)))
    expect(versions).toContain(7)
    expect(versions.at(-1)).toBe(8)
  })

  it('shows the finding and its rule on hover', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', {textDocument: {uri: typo.uri}, position: {line: 0, character: 16}})
    expect(hover?.range).toEqual({start: {line: 0, character: 15}, end: {line: 0, character: 18}})
    const value = (hover?.contents as {kind: string; value: string}).value
    expect((hover?.contents as {kind: string}).kind).toBe('markdown')
    expect(value).toContain('`spelling`')
    expect(value).toContain('Unexpected unknown word `teh`')
    expect(value).toContain('rules/spelling/README.md')
  })

  it('answers a hover away from any finding with null', async () => {
    expect(await client.request('textDocument/hover', {textDocument: {uri: typo.uri}, position: {line: 0, character: 1}})).toBeNull()
  })

  it('fixes everything the fixer would, as minimal edits resolved on demand', async () => {
    const config = recommendedConfig(builtinRules, root)
    const expected = await fix(seedWithTypo, {filePath: seed.path, config, facts: factsOf(folderSources(), {config})})
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: {uri: seed.uri},
      range: {start: {line: 0, character: 0}, end: {line: 0, character: 0}},
      context: {diagnostics: [], only: ['source.fixAll']}
    })
    if (!expected.changed) {
      // No built-in rule has a safe fix for this text (yet): nothing to offer.
      expect(actions).toEqual([])
      return
    }
    expect(actions.map((action) => [action.kind, action.title, action.edit])).toEqual([['source.fixAll.newslint', 'Fix all newslint problems', undefined]])
    const resolved = await client.request<CodeAction>('codeAction/resolve', actions[0])
    const edits = editsOf(resolved.edit, seed.uri)
    expect(apply(seedWithTypo, edits)).toBe(expected.output)
    // Minimal: no edit rewrites text that stays the same.
    expect(edits.reduce((sum, edit) => sum + edit.newText.length, 0)).toBeLessThan(seedWithTypo.length / 2)
  })

  it('re-lints open documents when the config file changes on disk', async () => {
    writeFileSync(configFile, JSON.stringify({rules: {spelling: 'off'}}))
    const since = client.published.length
    notifyConfigChanged(1)
    const after = await client.diagnostics(typo.uri, undefined, {since})
    expect(spellingRanges(after)).toEqual([])
    const seedAfter = await client.diagnostics(seed.uri, undefined, {since})
    expect(seedAfter.diagnostics.filter((diagnostic) => diagnostic.code === 'spelling')).toEqual([])
  })

  it('re-lints open documents when an open config file is saved', async () => {
    const configUri = pathToUri(configFile)
    client.open(configUri, readFileSync(configFile, 'utf8'), 1, 'json')
    const own = await client.diagnostics(configUri, undefined, {since: 0})
    expect(own.diagnostics).toEqual([])

    writeFileSync(configFile, JSON.stringify({rules: {spelling: 'error'}}))
    const since = client.published.length
    client.notify('textDocument/didSave', {textDocument: {uri: configUri}})
    const after = await client.diagnostics(typo.uri, (params) => spellingRanges(params).length > 0, {since})
    expect(after.diagnostics.filter((diagnostic) => diagnostic.code === 'spelling').map((diagnostic) => diagnostic.severity)).toEqual([1])
  })

  it('shows one diagnostic naming the problem at the top of documents when the config is broken, and keeps running', async () => {
    writeFileSync(configFile, '{"rules": {"spelling": "warn",}}')
    let since = client.published.length
    notifyConfigChanged()
    const broken = await client.diagnostics(typo.uri, (params) => params.diagnostics.some((diagnostic) => diagnostic.code === 'config-error'), {since})
    expect(broken.diagnostics).toHaveLength(1)
    expect(broken.diagnostics[0]).toMatchObject({
      severity: 1,
      source: 'newslint',
      range: {start: {line: 0, character: 0}, end: {line: 0, character: 'The cat sat on teh mat.'.length}},
      message: expect.stringMatching(/^Cannot use config .*\.lintrc\.json: invalid JSON/)
    })
    // The config file itself says what is wrong with it.
    const onConfig = await client.diagnostics(pathToUri(configFile), (params) => params.diagnostics.length > 0, {since})
    expect(onConfig.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['config-error'])

    writeFileSync(configFile, JSON.stringify({rules: {'no-such-rule': 'warn'}}))
    since = client.published.length
    notifyConfigChanged()
    const unknown = await client.diagnostics(typo.uri, (params) => params.diagnostics.some((diagnostic) => diagnostic.message.includes('no-such-rule')), {since})
    expect(unknown.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([expect.stringContaining('unknown rule `no-such-rule`')])

    rmSync(configFile)
    since = client.published.length
    notifyConfigChanged(3)
    const recovered = await client.diagnostics(typo.uri, (params) => spellingRanges(params).length > 0, {since})
    expect(recovered.diagnostics.some((diagnostic) => diagnostic.code === 'config-error')).toBe(false)
    expect(client.child?.exitCode).toBeNull()
  })

  it('survives a malformed message and an unknown method, logging the first', async () => {
    const body = '{"jsonrpc": "2.0", "id": 99, "method": '
    client.child!.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
    await expect.poll(() => client.logs.some((log) => log.message.includes('unreadable message'))).toBe(true)
    await expect(client.request('newslint/noSuchMethod', {})).rejects.toMatchObject({code: -32601})
    const hover = await client.request<Hover | null>('textDocument/hover', {textDocument: {uri: typo.uri}, position: {line: 0, character: 16}})
    expect(hover).not.toBeNull()
  })

  it('gives a huge document one diagnostic instead of linting it', async () => {
    const uri = pathToUri(path.join(root, 'huge.txt'))
    const since = client.published.length
    client.open(uri, 'The talks went on. '.repeat(30_000))
    const published = await client.diagnostics(uri, undefined, {since})
    expect(published.diagnostics).toHaveLength(1)
    expect(published.diagnostics[0]).toMatchObject({code: 'document-too-long', message: expect.stringContaining('570000 characters is over the limit of 500000')})
  })

  it('clears diagnostics when a document closes', async () => {
    const since = client.published.length
    client.close(typo.uri)
    const cleared = await client.diagnostics(typo.uri, undefined, {since})
    expect(cleared.diagnostics).toEqual([])
  })

  it('shuts down and exits with code 0', async () => {
    expect(await client.stop()).toBe(0)
  })
})
