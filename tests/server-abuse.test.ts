// Issue 9, point 5: the language server under abuse, driven over raw stdio (so the test can send
// what no well-behaved client library would): malformed frames, wrong Content-Length, unknown
// methods, requests for unopened documents, out-of-range positions, 1,000 rapid didChange events,
// a 5 MB document. The server answers or ignores each as the protocol says, keeps serving the
// other documents, and its memory returns to its baseline once the documents close.
import {spawn, type ChildProcess} from 'node:child_process'
import {readFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {defectiveArticle} from '../bench/faults.js'
import {pathToUri} from '../bench/lsp-client.js'
import {packageRoot} from '../src/paths.js'
import {workspace} from './helpers/cli.js'

interface Message {
  jsonrpc: '2.0'
  id?: number | string | null
  method?: string
  params?: any
  result?: any
  error?: {code: number; message: string}
}

/** A client that writes bytes as they are told and reads the server's frames. */
class RawClient {
  readonly received: Message[] = []
  private buffer = Buffer.alloc(0)
  private nextId = 1000
  private waiters = new Set<() => void>()
  stderr = ''

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk])
      for (;;) {
        const end = this.buffer.indexOf('\r\n\r\n')
        if (end === -1) break
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('latin1'))?.[1])
        if (this.buffer.length < end + 4 + length) break
        const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Message
        this.buffer = this.buffer.subarray(end + 4 + length)
        this.received.push(message)
        // The server asks for things (registrations); a client answers them.
        if (message.method && message.id !== undefined) this.send({jsonrpc: '2.0', id: message.id, result: null})
      }
      for (const waiter of [...this.waiters]) waiter()
    })
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk))
  }

  raw(bytes: string | Buffer): void {
    this.child.stdin!.write(bytes)
  }

  static frame(body: string | object): Buffer {
    const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
    return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`), bytes])
  }

  send(message: object): void {
    this.raw(RawClient.frame({jsonrpc: '2.0', ...message}))
  }

  notify(method: string, params: unknown): void {
    this.send({method, params})
  }

  /** Sends a request and resolves with its response (result or error). */
  request(method: string, params: unknown, id = this.nextId++): Promise<Message> {
    this.send({id, method, params})
    return this.waitFor((message) => message.id === id && message.method === undefined)
  }

  waitFor(test: (message: Message) => boolean, timeout = 60_000, since = 0): Promise<Message> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.slice(since).find(test)
        if (!found) return
        this.waiters.delete(check)
        clearTimeout(timer)
        resolve(found)
      }
      const timer = setTimeout(() => {
        this.waiters.delete(check)
        reject(new Error(`no matching message within ${timeout} ms; stderr: ${this.stderr}`))
      }, timeout)
      this.waiters.add(check)
      check()
    })
  }

  diagnostics(uri: string, version?: number, since = 0): Promise<Message> {
    return this.waitFor((message) => message.method === 'textDocument/publishDiagnostics' && message.params.uri === uri && (version === undefined || message.params.version === version), 60_000, since)
  }

  logs(): string[] {
    return this.received.filter((message) => message.method === 'window/logMessage').map((message) => String(message.params.message))
  }
}

const root = workspace({'desk/seed.txt': defectiveArticle(2), 'desk/other.txt': defectiveArticle(4)})
const uri = (name: string) => pathToUri(path.join(root, 'desk', name))
let client: RawClient
/** Peak and current resident memory of the server process, from /proc (Linux), in MB. */
const residentMb = (field: 'VmRSS' | 'VmHWM') => {
  try {
    const status = readFileSync(`/proc/${client.child.pid}/status`, 'utf8')
    return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024
  } catch {
    return Number.NaN
  }
}
const memory = async () => (await client.request('newslint/debugMemory', {gc: true})).result as {heapUsed: number; rss: number; documents: number; states: number}

beforeAll(async () => {
  const child = spawn(process.execPath, [path.join(packageRoot, 'bin', 'newslint-language-server.js'), '--stdio'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {...process.env, NEWSLINT_DEBUG: '1'}
  })
  client = new RawClient(child)
  const initialized = await client.request('initialize', {processId: null, rootUri: pathToUri(root), capabilities: {}})
  expect(initialized.result.serverInfo.name).toBe('newslint')
  client.notify('initialized', {})
  // A document that must keep being served whatever else happens.
  client.notify('textDocument/didOpen', {textDocument: {uri: uri('seed.txt'), languageId: 'plaintext', version: 1, text: defectiveArticle(2)}})
  await client.diagnostics(uri('seed.txt'), 1)
}, 120_000)

afterAll(() => {
  client.child.kill()
  rmSync(root, {recursive: true, force: true})
})

/** The server is alive and serving: a hover on the open document is answered. */
async function stillServing(): Promise<void> {
  const hover = await client.request('textDocument/hover', {textDocument: {uri: uri('seed.txt')}, position: {line: 0, character: 0}})
  expect(hover.error).toBeUndefined()
}

describe('the language server under abuse', () => {
  it('skips malformed frames and answers every well-formed request around them', async () => {
    const since = client.received.length
    const valid = (id: number) => RawClient.frame({jsonrpc: '2.0', id, method: 'textDocument/hover', params: {textDocument: {uri: uri('seed.txt')}, position: {line: 0, character: 1}}})
    const tooLong = Buffer.from(JSON.stringify({jsonrpc: '2.0', id: 3, method: 'textDocument/hover', params: {textDocument: {uri: uri('seed.txt')}, position: {line: 0, character: 2}}}))
    const tooShort = Buffer.from(JSON.stringify({jsonrpc: '2.0', id: 99, method: 'textDocument/hover', params: {}}))
    client.raw(
      Buffer.concat([
        valid(1),
        RawClient.frame('{this is not json'),
        Buffer.from('Garbage-Header: yes\r\n\r\n{"jsonrpc": "2.0"}'),
        valid(2),
        // A Content-Length 40 bytes too long swallows the start of the next frame.
        Buffer.concat([Buffer.from(`Content-Length: ${tooLong.length + 40}\r\n\r\n`), tooLong]),
        valid(4),
        // Too short: the message is cut, its tail is garbage before the next header.
        Buffer.concat([Buffer.from(`Content-Length: ${tooShort.length - 10}\r\n\r\n`), tooShort]),
        valid(5),
        Buffer.from('Content-Length: -12\r\n\r\nnonsense'),
        Buffer.from('random bytes \u0000\u00ff with no header at all'),
        valid(6),
        RawClient.frame('[1, 2, 3]'),
        RawClient.frame('{"jsonrpc": "2.0", "id": 7}'),
        valid(8)
      ])
    )
    for (const id of [1, 2, 3, 4, 5, 6, 8]) {
      const response = await client.waitFor((message) => message.id === id, 30_000, since)
      expect(response.error, `request ${id}`).toBeUndefined()
    }
    // The cut request (id 99) never arrived whole, so it has no answer; each bad frame is logged.
    expect(client.received.slice(since).some((message) => message.id === 99)).toBe(false)
    const logs = client.logs().join('\n')
    expect(logs).toMatch(/unreadable message from the client/)
    expect(logs).toMatch(/malformed header/)
    expect(logs).toMatch(/Content-Length of \d+ is longer than its message/)
    await stillServing()
  })

  it('answers unknown requests with MethodNotFound and ignores unknown notifications', async () => {
    const unknown = await client.request('newslint/noSuchMethod', {})
    expect(unknown.error?.code).toBe(-32601)
    client.notify('newslint/noSuchNotification', {x: 1})
    client.notify('$/cancelRequest', {id: 123_456})
    client.notify('$/setTrace', {value: 'verbose'})
    await stillServing()
  })

  it('answers requests about documents that are not open with nothing, and ignores their notifications', async () => {
    const missing = {uri: uri('never-opened.txt')}
    expect((await client.request('textDocument/hover', {textDocument: missing, position: {line: 0, character: 0}})).result).toBeNull()
    expect((await client.request('textDocument/codeAction', {textDocument: missing, range: {start: {line: 0, character: 0}, end: {line: 0, character: 1}}, context: {diagnostics: []}})).result).toEqual([])
    const resolved = await client.request('codeAction/resolve', {title: 'Fix all', kind: 'source.fixAll.newslint', data: {uri: missing.uri, version: 3}})
    expect(resolved.result).toMatchObject({title: 'Fix all'})
    client.notify('textDocument/didChange', {textDocument: {...missing, version: 2}, contentChanges: [{text: 'x'}]})
    client.notify('textDocument/didClose', {textDocument: missing})
    client.notify('textDocument/didSave', {textDocument: missing})
    // Missing or wrong-typed params are the client's bug; the server answers and carries on.
    for (const params of [null, {}, {textDocument: 5}, {textDocument: {uri: 42}, position: 'x'}]) {
      const answer = await client.request('textDocument/hover', params)
      expect(answer.result ?? null).toBeNull()
    }
    await stillServing()
  })

  it('answers out-of-range positions and ranges without failing', async () => {
    const document = {uri: uri('seed.txt')}
    for (const position of [{line: 1_000_000, character: 5}, {line: 0, character: 1_000_000}, {line: 2 ** 31 - 1, character: 2 ** 31 - 1}]) {
      const hover = await client.request('textDocument/hover', {textDocument: document, position})
      expect(hover.error).toBeUndefined()
    }
    const backwards = {start: {line: 50, character: 9}, end: {line: 0, character: 0}}
    const actions = await client.request('textDocument/codeAction', {textDocument: document, range: backwards, context: {diagnostics: []}})
    expect(Array.isArray(actions.result)).toBe(true)
    // An edit far outside the text is clamped to its end, as the protocol's documents do.
    const since = client.received.length
    client.notify('textDocument/didChange', {textDocument: {...document, version: 2}, contentChanges: [{range: {start: {line: 9_999, character: 0}, end: {line: 9_999, character: 5}}, text: '\nThe end.'}]})
    const published = await client.diagnostics(document.uri, 2, since)
    expect(published.params.diagnostics.length).toBeGreaterThan(0)
    await stillServing()
  })

  it('keeps up with 1,000 rapid didChange events and publishes for the last text only', async () => {
    const target = {uri: uri('other.txt')}
    client.notify('textDocument/didOpen', {textDocument: {...target, languageId: 'plaintext', version: 1, text: ''}})
    const since = client.received.length
    const frames: Buffer[] = []
    const words = 'The minister said teh talks would resume on Monday. '
    for (let version = 2; version <= 1001; version++) {
      const character = version - 2
      frames.push(RawClient.frame({jsonrpc: '2.0', method: 'textDocument/didChange', params: {textDocument: {...target, version}, contentChanges: [{range: {start: {line: 0, character}, end: {line: 0, character}}, text: words[character % words.length]}]}}))
    }
    client.raw(Buffer.concat(frames))
    // Served in between: the other document's hover is answered while the burst is processed.
    await stillServing()
    const last = await client.diagnostics(target.uri, 1001, since)
    expect(last.params.diagnostics.some((diagnostic: {code: string; message: string}) => diagnostic.code === 'spelling' && /`teh`/.test(diagnostic.message))).toBe(true)
    // Stale versions are dropped rather than published late: far fewer publishes than edits.
    const publishes = client.received.slice(since).filter((message) => message.method === 'textDocument/publishDiagnostics' && message.params.uri === target.uri)
    expect(publishes.length).toBeLessThan(1000)
    expect(publishes.every((message, index) => index === 0 || message.params.version >= publishes[index - 1]!.params.version)).toBe(true)
  }, 120_000)

  it('refuses to lint a 5 MB document with one diagnostic, keeps serving, and frees its memory on close', async () => {
    // The first cycle warms caches up (words seen, configs found); the baseline is taken after it,
    // so growth over the next cycles would be a leak.
    const initial = await memory()
    let baseline = initial
    const big = {uri: uri('big.txt')}
    const text = `${defectiveArticle(1)}\n`.repeat(Math.ceil((5 * 1024 * 1024) / defectiveArticle(1).length))
    const articles = Array.from({length: 8}, (_, index) => ({uri: uri(`article-${index}.txt`), text: defectiveArticle(index + 10)}))
    let peakHeap = 0
    for (let cycle = 0; cycle < 3; cycle++) {
      const since = client.received.length
      client.notify('textDocument/didOpen', {textDocument: {...big, languageId: 'plaintext', version: 1, text}})
      for (const article of articles) client.notify('textDocument/didOpen', {textDocument: {uri: article.uri, languageId: 'plaintext', version: 1, text: article.text}})
      const refused = await client.diagnostics(big.uri, 1, since)
      expect(refused.params.diagnostics).toEqual([expect.objectContaining({code: 'document-too-long', severity: 2})])
      for (const article of articles) await client.diagnostics(article.uri, 1, since)
      await stillServing()
      peakHeap = Math.max(peakHeap, (await client.request('newslint/debugMemory', {})).result.heapUsed)
      const closing = client.received.length
      for (const document of [big, ...articles]) client.notify('textDocument/didClose', {textDocument: {uri: document.uri}})
      // Closing clears a document's diagnostics: once the last one is cleared, every close was handled.
      const lastUri = articles.at(-1)!.uri
      await client.waitFor((message) => message.method === 'textDocument/publishDiagnostics' && message.params.uri === lastUri && message.params.diagnostics.length === 0, 60_000, closing)
      if (cycle === 0) baseline = await memory()
    }
    const after = await memory()
    expect(after.documents).toBe(2)
    expect(after.states).toBe(2)
    const mb = (bytes: number) => bytes / 1024 / 1024
    // The 5 MB text alone is 10 MB of UTF-16 on the heap while open; after closing, the heap is back
    // where it was after the first cycle (no growth per cycle), and near where it started.
    expect(mb(peakHeap - baseline.heapUsed)).toBeGreaterThan(8)
    expect(mb(after.heapUsed - baseline.heapUsed)).toBeLessThan(4)
    expect(mb(after.heapUsed - initial.heapUsed)).toBeLessThan(12)
    console.info(
      `server memory: heap ${mb(initial.heapUsed).toFixed(0)} MB at start, ${mb(baseline.heapUsed).toFixed(0)} MB after one cycle, ${mb(peakHeap).toFixed(0)} MB with the documents open, ${mb(after.heapUsed).toFixed(0)} MB after three; ` +
        `RSS now ${residentMb('VmRSS').toFixed(0)} MB, peak ${residentMb('VmHWM').toFixed(0)} MB`
    )
  }, 180_000)

  it('ends cleanly on shutdown and exit after all that', async () => {
    const shutdown = await client.request('shutdown', null)
    expect(shutdown.error).toBeUndefined()
    const exited = new Promise<number | null>((resolve) => client.child.on('exit', resolve))
    client.notify('exit', null)
    expect(await exited).toBe(0)
  })
})
