// A small LSP client over vscode-jsonrpc: starts the server as a child process (or talks to one over
// any streams) and records what it publishes. Used by the end-to-end tests and the latency bench.
import {spawn, type ChildProcess} from 'node:child_process'
import path from 'node:path'
import type {Readable, Writable} from 'node:stream'
import {createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection} from 'vscode-jsonrpc/node.js'
import type {
  ClientCapabilities,
  InitializeResult,
  LogMessageParams,
  PublishDiagnosticsParams,
  Registration,
  TextDocumentContentChangeEvent
} from 'vscode-languageserver'
import {URI} from 'vscode-uri'
import {packageRoot} from '../src/paths.js'

export interface LspClient {
  connection: MessageConnection
  /** Every `textDocument/publishDiagnostics`, in arrival order. */
  published: PublishDiagnosticsParams[]
  /** Every `window/logMessage`. */
  logs: LogMessageParams[]
  /** Dynamic registrations the server asked for. */
  registrations: Registration[]
  initialize(options?: {rootPath?: string; capabilities?: ClientCapabilities; initializationOptions?: unknown}): Promise<InitializeResult>
  open(uri: string, text: string, version?: number, languageId?: string): void
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void
  close(uri: string): void
  request<R>(method: string, params: unknown): Promise<R>
  notify(method: string, params: unknown): void
  /** Resolves with the first publish for `uri` at index `since` or later that satisfies `test`. */
  diagnostics(uri: string, test?: (params: PublishDiagnosticsParams) => boolean, options?: {since?: number; timeout?: number}): Promise<PublishDiagnosticsParams>
  /** `shutdown` then `exit`; resolves with the child's exit code (null when not a child process). */
  stop(): Promise<number | null>
  child?: ChildProcess
  /** What the child wrote to stderr. */
  stderr(): string
}

/** The capabilities of a modern editor: versioned edits, lazy code-action edits, Markdown hovers. */
export const editorCapabilities: ClientCapabilities = {
  workspace: {workspaceEdit: {documentChanges: true}, didChangeWatchedFiles: {dynamicRegistration: true}, workspaceFolders: true, configuration: false},
  textDocument: {
    synchronization: {didSave: true},
    publishDiagnostics: {versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true},
    codeAction: {
      codeActionLiteralSupport: {codeActionKind: {valueSet: ['quickfix', 'source', 'source.fixAll']}},
      isPreferredSupport: true,
      dataSupport: true,
      resolveSupport: {properties: ['edit']}
    },
    hover: {contentFormat: ['markdown', 'plaintext']}
  }
}

/** Starts `bin/newslint-language-server.js` (the built server) and connects to it over stdio. */
export function spawnServer(options: {args?: string[]; cwd?: string} = {}): LspClient {
  const child = spawn(process.execPath, [path.join(packageRoot, 'bin', 'newslint-language-server.js'), '--stdio', ...(options.args ?? [])], {
    cwd: options.cwd ?? packageRoot,
    stdio: ['pipe', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const client = connectClient(child.stdout!, child.stdin!, async () => {
    const timer = setTimeout(() => child.kill(), 5000)
    const code = await exited
    clearTimeout(timer)
    return code
  })
  client.child = child
  client.stderr = () => stderr
  return client
}

/** A client over any pair of streams (an in-process server in tests). */
export function connectClient(input: Readable, output: Writable, afterExit: () => Promise<number | null> = async () => null): LspClient {
  const connection = createMessageConnection(new StreamMessageReader(input), new StreamMessageWriter(output))
  const published: PublishDiagnosticsParams[] = []
  const logs: LogMessageParams[] = []
  const registrations: Registration[] = []
  const waiters = new Set<() => void>()
  const wake = () => {
    for (const waiter of [...waiters]) waiter()
  }

  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params)
    wake()
  })
  connection.onNotification('window/logMessage', (params: LogMessageParams) => {
    logs.push(params)
    wake()
  })
  connection.onRequest('client/registerCapability', (params: {registrations: Registration[]}) => {
    registrations.push(...params.registrations)
    return null
  })
  connection.onRequest('client/unregisterCapability', () => null)
  connection.onRequest('window/workDoneProgress/create', () => null)
  connection.onRequest('workspace/configuration', (params: {items: unknown[]}) => params.items.map(() => null))
  connection.listen()

  const client: LspClient = {
    connection,
    published,
    logs,
    registrations,
    async initialize({rootPath, capabilities = editorCapabilities, initializationOptions} = {}) {
      const rootUri = rootPath ? pathToUri(rootPath) : null
      const result = await connection.sendRequest<InitializeResult>('initialize', {
        processId: null,
        rootUri,
        workspaceFolders: rootPath ? [{uri: rootUri, name: path.basename(rootPath)}] : null,
        capabilities,
        initializationOptions
      })
      await connection.sendNotification('initialized', {})
      return result
    },
    open(uri, text, version = 1, languageId = 'plaintext') {
      void connection.sendNotification('textDocument/didOpen', {textDocument: {uri, languageId, version, text}})
    },
    change(uri, version, changes) {
      void connection.sendNotification('textDocument/didChange', {textDocument: {uri, version}, contentChanges: changes})
    },
    close(uri) {
      void connection.sendNotification('textDocument/didClose', {textDocument: {uri}})
    },
    request: (method, params) => connection.sendRequest(method, params),
    notify: (method, params) => void connection.sendNotification(method, params),
    diagnostics(uri, test = () => true, {since = published.length, timeout = 20_000} = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = published.slice(since).find((params) => params.uri === uri && test(params))
          if (!found) return
          waiters.delete(check)
          clearTimeout(timer)
          resolve(found)
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no matching diagnostics for ${uri} within ${timeout} ms (got ${published.filter((params) => params.uri === uri).length} publishes)`))
        }, timeout)
        waiters.add(check)
        check()
      })
    },
    async stop() {
      await connection.sendRequest('shutdown')
      await connection.sendNotification('exit')
      const code = await afterExit()
      connection.dispose()
      return code
    },
    stderr: () => ''
  }
  return client
}

export function pathToUri(filePath: string): string {
  return URI.file(path.resolve(filePath)).toString()
}
