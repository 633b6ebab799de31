// Linting one editor document: the CLI's config and folder facts, the `lsp` format's diagnostics,
// and one plain diagnostic (never a crash) when the document cannot be linted.
import path from 'node:path'
import type {Diagnostic} from 'vscode-languageserver'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {URI} from 'vscode-uri'
import {CONFIG_NAME, ConfigError} from '../config.js'
import {lint, survey, type LintOptions} from '../engine.js'
import {rulesOf} from '../plugins.js'
import type {ParseCache} from '../parse.js'
import type {NewslintRule} from '../rule.js'
import {toDiagnostic, type PositionAt} from '../reporters/lsp.js'
import {toLintResult, type LintMessage} from '../reporters/result.js'
import {readSuppressFile, SUPPRESS_FILE} from '../suppress.js'
import type {FolderFactsStore} from './facts.js'
import type {ServerSettings} from './settings.js'
import type {Workspace} from './workspace.js'

/** The text a lint ran on; positions are computed on it, never on the live (maybe newer) document. */
export interface Snapshot {
  uri: string
  version: number
  text: string
}

export interface LintOutcome extends Snapshot {
  /** The rules' findings; empty when the rules did not run. */
  messages: LintMessage[]
  diagnostics: Diagnostic[]
  /** How the rules ran (for fix-all); undefined when they did not. */
  options?: LintOptions
  /** Whether this text changed the folder facts other documents are linted with. */
  factsChanged: boolean
  positionAt: PositionAt
}

export interface LintHost {
  workspace: Workspace
  facts: FolderFactsStore
  rules: readonly NewslintRule[]
  settings(): ServerSettings
  log(message: string): void
  parseCache?: ParseCache
}

/** Codes of the diagnostics the server makes itself (rule ids are the codes of the rest). */
export const SERVER_CODES = {config: 'config-error', tooLong: 'document-too-long', failure: 'lint-failure'} as const

export function filePathOf(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri)
    return parsed.scheme === 'file' ? parsed.fsPath : undefined
  } catch {
    return undefined
  }
}

export async function lintSnapshot(host: LintHost, snapshot: Snapshot): Promise<LintOutcome> {
  const document = TextDocument.create(snapshot.uri, 'plaintext', snapshot.version, snapshot.text)
  const positionAt: PositionAt = (offset) => document.positionAt(offset)
  const outcome = (diagnostics: Diagnostic[], extra: Partial<LintOutcome> = {}): LintOutcome => ({
    ...snapshot,
    messages: [],
    diagnostics,
    factsChanged: false,
    positionAt,
    ...extra
  })
  const filePath = filePathOf(snapshot.uri)
  const {workspace} = host

  try {
    // A config file is not prose: the only finding on it is whether it loads.
    if (filePath && path.basename(filePath) === CONFIG_NAME) {
      const lookup = await workspace.configForAsync(filePath)
      return outcome(lookup.error ? [configDiagnostic(lookup.error, document)] : [])
    }
    // Nor is a suppressions sidecar.
    if (filePath && path.basename(filePath) === SUPPRESS_FILE) {
      try {
        readSuppressFile(filePath)
        return outcome([])
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error
        return outcome([configDiagnostic(error, document)])
      }
    }

    const limit = host.settings().maxDocumentLength
    if (snapshot.text.length > limit) {
      return outcome([
        topDiagnostic(
          document,
          2,
          SERVER_CODES.tooLong,
          `Document not linted: ${snapshot.text.length} characters is over the limit of ${limit} (setting \`maxDocumentLength\`)`
        )
      ])
    }

    const lookup = await workspace.configForAsync(filePath)
    if (lookup.error) return outcome([configDiagnostic(lookup.error, document)])
    const {config} = lookup
    if (filePath && workspace.isIgnored(filePath, config)) return outcome([])

    // Kept by the workspace until a sidecar or config changes on disk (the server watches them).
    let suppressions: LintOptions['suppressions']
    try {
      suppressions = filePath ? workspace.suppressionsFor(filePath, config).map(({fingerprint, rule}) => ({fingerprint, rule})) : undefined
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
      return outcome([configDiagnostic(error, document)])
    }

    // The server's rules (the built-in ones, unless an embedding tool gives its own) and the config's plugin rules.
    const rules = rulesOf(config.plugins, host.rules)
    const parsing = host.parseCache ? {parseCache: host.parseCache} : {}
    // One pass collects the document's facts and runs the rules that need none; the lint below runs the folder rules only.
    const surveyed = await survey(snapshot.text, {filePath, config, rules, ...parsing}, true)
    const {facts, changed} = host.facts.factsFor(filePath, config, surveyed.facts)
    const options: LintOptions = {
      filePath,
      config,
      rules,
      ...(facts ? {facts} : {}),
      ...parsing,
      ...(suppressions && suppressions.length > 0 ? {suppressions} : {})
    }
    const file = await lint(snapshot.text, {...options, held: surveyed.held})
    const messages = toLintResult(file).messages
    for (const message of file.messages) {
      if (message.messageId === 'rule-failure') {
        const cause = message.cause as Error | undefined
        host.log(`newslint: ${message.reason} (${snapshot.uri})${cause?.stack ? `\n${cause.stack}` : ''}`)
      }
    }
    return outcome(
      messages.map((message) => toDiagnostic(message, positionAt)),
      {messages, options, factsChanged: changed}
    )
  } catch (error) {
    host.log(`newslint: linting ${snapshot.uri} failed: ${(error as Error)?.stack ?? String(error)}`)
    return outcome([
      topDiagnostic(document, 1, SERVER_CODES.failure, `newslint could not lint this document: ${(error as Error)?.message ?? String(error)}`)
    ])
  }
}

function configDiagnostic(error: ConfigError, document: TextDocument): Diagnostic {
  const diagnostic = topDiagnostic(document, 1, SERVER_CODES.config, `Cannot use config ${error.message}`)
  diagnostic.relatedInformation = [
    {location: {uri: URI.file(error.file).toString(), range: {start: {line: 0, character: 0}, end: {line: 0, character: 0}}}, message: 'the config file'}
  ]
  return diagnostic
}

/** A diagnostic about the whole document, over its first line: seen at once, whatever is below. */
function topDiagnostic(document: TextDocument, severity: 1 | 2, code: string, message: string): Diagnostic {
  const text = document.getText()
  const lineBreak = /[\r\n]/.exec(text)
  const range = {start: {line: 0, character: 0}, end: {line: 0, character: lineBreak ? lineBreak.index : text.length}}
  return {range, severity, code, source: 'newslint', message, data: {expected: [], fix: null, note: null}}
}
