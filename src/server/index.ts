// The newslint language server: diagnostics as you type, quick fixes from `expected`, fix-all from
// the fixer, hovers with each rule's note. Built on vscode-languageserver (see docs/editors.md).
import path from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  StreamMessageReader,
  StreamMessageWriter,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type InitializeResult,
  type TextEdit,
  type WorkspaceEdit
} from 'vscode-languageserver/node.js'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {IGNORE_FILE} from '../ignore.js'
import {CONFIG_NAME, DEFAULT_EXTENSIONS} from '../config.js'
import {SUPPRESS_FILE} from '../suppression-schema.js'
import {ParseCache} from '../parse.js'
import type {NewslintRule} from '../rule.js'
import {builtinRules} from '../rules.js'
import {version} from '../version.js'
import {FIX_ALL_KIND, FIX_ALL_TITLE, fixAllEdits, hasSafeFix, hoverAt, kindWanted, quickFixes} from './actions.js'
import {FolderFactsStore} from './facts.js'
import {FrameGuard} from './frames.js'
import {filePathOf, lintSnapshot, type LintHost, type LintOutcome, type Snapshot} from './lint.js'
import {defaultSettings, mergeSettings, type ServerSettings} from './settings.js'
import {isInside, Workspace} from './workspace.js'

/** Set by a `shutdown` request: the process then ends with code 0 however the client leaves. */
let shutdownRequested = false

export interface ServerOptions {
  /** Rules to run instead of the built-in ones (tests, or an embedding tool with its own rules). */
  rules?: readonly NewslintRule[]
}

interface DocumentState {
  timer?: NodeJS.Timeout
  running: boolean
  /** A lint was asked for while one was running: run again as soon as it ends. */
  rerun: boolean
  /** The newest outcome that matched the document's version when it finished. */
  latest?: LintOutcome
}

interface FixAllData {
  uri: string
  version: number
}

/**
 * Starts the server on `connection`, or on a new one over stdio (or `--node-ipc`, `--socket=N`,
 * `--pipe=NAME` when given on the command line). Returns the connection, already listening.
 */
export function startServer(given?: Connection, options: ServerOptions = {}): Connection {
  const connection = given ?? createProcessConnection()
  const rules = options.rules ?? builtinRules
  const documents = new TextDocuments(TextDocument)
  const states = new Map<string, DocumentState>()
  const workspace = new Workspace(rules)
  let initSettings: ServerSettings = defaultSettings
  let settings: ServerSettings = defaultSettings
  let capabilities: ClientCapabilities = {}
  let shuttingDown = false

  const log = (message: string) => connection.console.error(message)
  const info = (message: string) => connection.console.info(message)
  const anyRuleCollects = rules.some((rule) => rule.definition.collect)

  // Open documents' lines, parsed once: a keystroke changes one line of an article.
  const parseCache = new ParseCache()
  const facts = new FolderFactsStore({
    workspace,
    rules,
    openText: (filePath) => openDocumentAt(filePath)?.getText(),
    maxFiles: () => settings.maxFolderFiles,
    maxLength: () => settings.maxDocumentLength,
    log,
    parseCache
  })
  const host: LintHost = {workspace, facts, rules, settings: () => settings, log, parseCache}

  function openDocumentAt(filePath: string): TextDocument | undefined {
    return documents.all().find((document) => filePathOf(document.uri) === filePath)
  }

  const snapshotOf = (document: TextDocument): Snapshot => ({uri: document.uri, version: document.version, text: document.getText()})

  // --- diagnostics: debounced, one run per document at a time, stale results dropped -------------

  function schedule(uri: string, delay: number): void {
    let state = states.get(uri)
    if (!state) states.set(uri, (state = {running: false, rerun: false}))
    clearTimeout(state.timer)
    state.timer = setTimeout(() => {
      state.timer = undefined
      void run(uri)
    }, delay)
  }

  async function run(uri: string): Promise<void> {
    const state = states.get(uri)
    const document = documents.get(uri)
    if (!state || !document || shuttingDown) return
    if (state.running) {
      state.rerun = true
      return
    }
    state.running = true
    try {
      const outcome = await lintSnapshot(host, snapshotOf(document))
      // The document moved on (or closed) while this ran: the newer text's run will publish instead.
      if (accept(outcome)) {
        await connection.sendDiagnostics({uri, version: outcome.version, diagnostics: outcome.diagnostics})
      }
    } catch (error) {
      log(`newslint: publishing diagnostics for ${uri} failed: ${(error as Error)?.stack ?? String(error)}`)
    } finally {
      state.running = false
      if (state.rerun && states.get(uri) === state) {
        state.rerun = false
        void run(uri)
      }
    }
  }

  /** Keeps an outcome that is still current; returns false for a stale one. */
  function accept(outcome: LintOutcome): boolean {
    const state = states.get(outcome.uri)
    if (!state || documents.get(outcome.uri)?.version !== outcome.version) return false
    state.latest = outcome
    if (outcome.factsChanged) relintFolderOf(outcome.uri, settings.debounce * 2)
    return true
  }

  /** The findings of the document's current text: the published ones, or a lint now if those are stale. */
  async function currentOutcome(document: TextDocument): Promise<LintOutcome> {
    const latest = states.get(document.uri)?.latest
    if (latest && latest.version === document.version) return latest
    const outcome = await lintSnapshot(host, snapshotOf(document))
    accept(outcome)
    return outcome
  }

  function relintFolderOf(uri: string, delay: number): void {
    const filePath = filePathOf(uri)
    const root = filePath && workspace.folderOf(filePath)
    if (!root) return
    for (const document of documents.all()) {
      if (document.uri === uri) continue
      const other = filePathOf(document.uri)
      if (other && isInside(other, root)) schedule(document.uri, delay)
    }
  }

  function relintAll(): void {
    for (const document of documents.all()) schedule(document.uri, 0)
  }

  // --- folder facts -----------------------------------------------------------------------------

  function scanFolders(roots: readonly string[]): void {
    if (!anyRuleCollects || !settings.folderFacts) return
    for (const root of roots) {
      facts
        .scan(root)
        .then(() => {
          for (const document of documents.all()) {
            const filePath = filePathOf(document.uri)
            if (filePath && workspace.folderOf(filePath) === root) schedule(document.uri, 0)
          }
        })
        .catch((error: unknown) => log(`newslint: reading ${root} for folder facts failed: ${(error as Error)?.stack ?? String(error)}`))
    }
  }

  /** A config or ignore file changed: forget what was loaded, re-read the folders, re-lint. */
  function reloadConfig(): void {
    workspace.clear()
    for (const state of states.values()) state.latest = undefined
    scanFolders(workspace.workspaceFolders)
    relintAll()
  }

  // --- lifecycle --------------------------------------------------------------------------------

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities ?? {}
    const raw = params.initializationOptions as Record<string, unknown> | undefined
    const merged = mergeSettings(defaultSettings, raw && typeof raw === 'object' && 'newslint' in raw ? raw.newslint : raw)
    initSettings = settings = merged.settings
    for (const problem of merged.problems) log(`newslint: ${problem}`)

    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : [])
    const paths = folders.map(filePathOf).filter((folder): folder is string => Boolean(folder))
    if (paths.length === 0 && params.rootPath) paths.push(path.resolve(params.rootPath))
    workspace.setFolders(paths)

    return {
      capabilities: {
        textDocumentSync: {openClose: true, change: TextDocumentSyncKind.Incremental, save: {includeText: false}},
        codeActionProvider: {codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: true},
        hoverProvider: true,
        workspace: {workspaceFolders: {supported: true, changeNotifications: true}}
      },
      serverInfo: {name: 'newslint', version}
    }
  })

  connection.onInitialized(() => {
    info(`newslint ${version} language server; workspace folders: ${workspace.workspaceFolders.join(', ') || '(none)'}`)
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      const extensions = new Set(DEFAULT_EXTENSIONS)
      for (const root of workspace.workspaceFolders) for (const extension of workspace.configFor(path.join(root, '_')).config?.extensions ?? []) extensions.add(extension)
      const bare = [...extensions].map((extension) => extension.replace(/^\./, ''))
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{globPattern: `**/${CONFIG_NAME}`}, {globPattern: `**/${IGNORE_FILE}`}, {globPattern: `**/${SUPPRESS_FILE}`}, {globPattern: `**/*.{${bare.join(',')}}`}]
        })
        .catch((error: unknown) => log(`newslint: cannot watch files: ${String(error)}`))
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(({added, removed}) => {
        const gone = removed.map((folder) => filePathOf(folder.uri)).filter((folder): folder is string => Boolean(folder))
        const fresh = added.map((folder) => filePathOf(folder.uri)).filter((folder): folder is string => Boolean(folder))
        for (const root of gone) facts.drop(path.resolve(root))
        workspace.setFolders([...workspace.workspaceFolders.filter((root) => !gone.some((folder) => path.resolve(folder) === root)), ...fresh])
        workspace.clear()
        scanFolders(fresh.map((root) => path.resolve(root)))
        relintAll()
      })
    }
    scanFolders(workspace.workspaceFolders)
  })

  connection.onDidChangeConfiguration((params) => {
    const section = (params?.settings as {newslint?: unknown} | null | undefined)?.newslint
    if (section === undefined) return
    const merged = mergeSettings(initSettings, section)
    for (const problem of merged.problems) log(`newslint: ${problem}`)
    const wasCollecting = settings.folderFacts
    settings = merged.settings
    if (settings.folderFacts && !wasCollecting) scanFolders(workspace.workspaceFolders)
    relintAll()
  })

  connection.onShutdown(() => {
    shuttingDown = true
    shutdownRequested = true
    for (const state of states.values()) clearTimeout(state.timer)
    for (const root of facts.roots) facts.drop(root)
  })

  // --- documents --------------------------------------------------------------------------------

  documents.onDidChangeContent(({document}) => {
    // The first content of a document is linted at once; edits wait for a pause in typing.
    schedule(document.uri, states.has(document.uri) ? settings.debounce : 0)
  })

  documents.onDidClose(({document}) => {
    const state = states.get(document.uri)
    if (state) clearTimeout(state.timer)
    states.delete(document.uri)
    connection.sendDiagnostics({uri: document.uri, diagnostics: []}).catch(() => {})
    const filePath = filePathOf(document.uri)
    // Its unsaved text no longer counts: the file on disk speaks for it again.
    if (filePath && workspace.folderOf(filePath)) {
      facts
        .refresh(filePath)
        .then((changed) => changed && relintFolderOf(document.uri, settings.debounce))
        .catch((error: unknown) => log(`newslint: ${String(error)}`))
    }
  })

  documents.onDidSave(({document}) => {
    const filePath = filePathOf(document.uri)
    if (filePath && [CONFIG_NAME, IGNORE_FILE, SUPPRESS_FILE].includes(path.basename(filePath))) reloadConfig()
  })

  connection.onDidChangeWatchedFiles(async ({changes}) => {
    try {
      let configChanged = false
      const changedFolders = new Set<string>()
      for (const change of changes ?? []) {
        const filePath = filePathOf(change.uri)
        if (!filePath) continue
        if ([CONFIG_NAME, IGNORE_FILE, SUPPRESS_FILE].includes(path.basename(filePath))) {
          configChanged = true
          continue
        }
        const root = workspace.folderOf(filePath)
        // An open document's own text wins over the file on disk.
        if (!root || openDocumentAt(filePath)) continue
        const changed = change.type === FileChangeType.Deleted ? facts.remove(filePath) : await facts.refresh(filePath)
        if (changed) changedFolders.add(root)
      }
      if (configChanged) reloadConfig()
      else {
        for (const root of changedFolders) {
          for (const document of documents.all()) {
            const other = filePathOf(document.uri)
            if (other && isInside(other, root)) schedule(document.uri, settings.debounce)
          }
        }
      }
    } catch (error) {
      log(`newslint: handling file changes failed: ${(error as Error)?.stack ?? String(error)}`)
    }
  })

  // --- code actions and hover -------------------------------------------------------------------

  function workspaceEdit(outcome: LintOutcome, edits: TextEdit[]): WorkspaceEdit {
    // A versioned edit is refused by the client if the text moved on since it was computed.
    return capabilities.workspace?.workspaceEdit?.documentChanges
      ? {documentChanges: [{textDocument: {uri: outcome.uri, version: outcome.version}, edits}]}
      : {changes: {[outcome.uri]: edits}}
  }

  connection.onCodeAction(async (params) => {
    const document = params?.textDocument?.uri ? documents.get(params.textDocument.uri) : undefined
    if (!document || !params.range) return []
    const only = params.context?.only
    const outcome = await currentOutcome(document)
    const actions: CodeAction[] = []
    if (kindWanted('quickfix', only)) actions.push(...quickFixes(outcome, params.range, (edits) => workspaceEdit(outcome, edits)))
    if (kindWanted(FIX_ALL_KIND, only) && hasSafeFix(outcome)) {
      const data: FixAllData = {uri: outcome.uri, version: outcome.version}
      const action: CodeAction = {title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, data}
      // The fixer runs up to ten lints: only when the client cannot ask for the edit later.
      const lazy = capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit')
      if (!lazy) action.edit = workspaceEdit(outcome, await fixAllEdits(outcome))
      actions.push(action)
    }
    return actions
  })

  connection.onCodeActionResolve(async (action) => {
    const data = action?.data as Partial<FixAllData> | undefined
    if (action?.kind !== FIX_ALL_KIND || typeof data?.uri !== 'string') return action
    const document = documents.get(data.uri)
    if (!document) return action
    const outcome = await currentOutcome(document)
    return {...action, edit: workspaceEdit(outcome, await fixAllEdits(outcome))}
  })

  connection.onHover(async (params) => {
    const document = params?.textDocument?.uri ? documents.get(params.textDocument.uri) : undefined
    if (!document || !params.position) return null
    const outcome = await currentOutcome(document)
    const formats = capabilities.textDocument?.hover?.contentFormat
    return hoverAt(outcome, params.position, !formats || formats.includes('markdown'))
  })

  // Memory figures for the abuse tests and for anyone chasing a leak; only with NEWSLINT_DEBUG=1.
  if (process.env.NEWSLINT_DEBUG === '1') {
    connection.onRequest('newslint/debugMemory', (params: {gc?: boolean} | undefined) => {
      if (params?.gc) collectGarbage()
      return {...process.memoryUsage(), documents: documents.all().length, states: states.size}
    })
  }

  documents.listen(connection)
  connection.listen()
  if (!given) guardProcess(connection)
  return connection
}

/** A full garbage collection, for the debug request: exposes V8's `gc` without a command-line flag. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc') as (() => void) | undefined
  gc?.()
}

function createProcessConnection(): Connection {
  if (process.argv.slice(2).some((arg) => /^--(node-ipc|socket|pipe)(=|$)/.test(arg))) return createConnection()
  // stdio, with or without `--stdio`. Built here rather than by the library so that a malformed
  // message is logged to the client instead of vanishing, and so that the frame guard can skip a
  // malformed frame and find the next one (the library's reader stops reading after a bad header).
  let connection: Connection | undefined
  const guard = new FrameGuard((problem) => connection?.console.error(`newslint: unreadable input from the client: ${problem}`))
  process.stdin.pipe(guard)
  const reader = new StreamMessageReader(guard)
  const writer = new StreamMessageWriter(process.stdout)
  connection = createConnection(reader, writer)
  const created = connection
  reader.onError((error) => created.console.error(`newslint: unreadable message from the client: ${error.message}`))
  // The editor went away: so does the server (`exit` after `shutdown` ends it with code 0 before this).
  reader.onClose(() => process.exit(shutdownRequested ? 0 : 1))
  redirectConsole(created)
  return created
}

/** Anything printed to stdout would corrupt the protocol: send it to the client's log instead. */
function redirectConsole(connection: Connection): void {
  const text = (args: unknown[]) => args.map((arg) => (typeof arg === 'string' ? arg : String((arg as Error)?.stack ?? JSON.stringify(arg)))).join(' ')
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(text(args))
  console.warn = (...args: unknown[]) => connection.console.warn(text(args))
  console.error = (...args: unknown[]) => connection.console.error(text(args))
}

/** A bug in a rule or in the server must cost one answer, not the editor session. */
function guardProcess(connection: Connection): void {
  process.on('uncaughtException', (error) => connection.console.error(`newslint: uncaught exception: ${error?.stack ?? String(error)}`))
  process.on('unhandledRejection', (reason) => connection.console.error(`newslint: unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`))
}
