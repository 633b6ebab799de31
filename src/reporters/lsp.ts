// The `lsp` output format: every file's messages as LSP diagnostics, exactly as the language server
// publishes them, so any LSP-aware tool can read a CI run.
import path from 'node:path'
import {TextDocument} from 'vscode-languageserver-textdocument'
import type {Diagnostic, DiagnosticSeverity, Position, TextEdit} from 'vscode-languageserver'
import {URI} from 'vscode-uri'
import type {Formatter} from './index.js'
import {STDIN_NAME, type LintMessage, type LintResult, type MessageSeverity} from './result.js'

/** What newslint puts in `Diagnostic.data`: enough for a client to build quick fixes and hovers. */
export interface NewslintDiagnosticData {
  /** Replacement candidates for the diagnostic's range, best first. */
  expected: string[]
  /** The one safe fix, when the rule has one. */
  fix: TextEdit | null
  /** Why: the rule's explanation, shown on hover. */
  note: string | null
}

export interface LspFileDiagnostics {
  uri: string
  diagnostics: Diagnostic[]
}

/** Maps a 0-based UTF-16 offset of the linted text to an LSP position. */
export type PositionAt = (offset: number) => Position

const SEVERITY: Record<MessageSeverity, DiagnosticSeverity> = {error: 1, warning: 2, info: 3}

/**
 * One message as an LSP diagnostic. Pass `positionAt` when the text is at hand: it places the fix
 * exactly even outside the message's own span, and follows LSP's line breaks (a lone `\r` too).
 */
export function toDiagnostic(message: LintMessage, positionAt: PositionAt = anchoredPositions(message)): Diagnostic {
  const data: NewslintDiagnosticData = {
    expected: [...message.expected],
    fix: message.fix ? {range: {start: positionAt(message.fix.start), end: positionAt(message.fix.end)}, newText: message.fix.text} : null,
    note: message.note
  }
  return {
    range: {start: positionAt(message.start), end: positionAt(message.end)},
    severity: SEVERITY[message.severity],
    code: message.ruleId,
    ...(message.url ? {codeDescription: {href: message.url}} : {}),
    source: 'newslint',
    message: message.message,
    data
  }
}

/** The whole `lsp` report: one entry per linted file (an empty list clears an editor's old findings). */
export const lspFormatter: Formatter = (results, {cwd}) => `${JSON.stringify(toLspOutput(results, cwd))}\n`

export function toLspOutput(results: readonly LintResult[], cwd: string): LspFileDiagnostics[] {
  return results.map((result) => {
    const uri = fileUri(result.path, cwd)
    const document = TextDocument.create(uri, 'plaintext', 0, result.text)
    const positionAt: PositionAt = (offset) => document.positionAt(offset)
    return {uri, diagnostics: result.messages.map((message) => toDiagnostic(message, positionAt))}
  })
}

/** A `file://` URI for a reported path; standard input without a file name becomes `untitled:<stdin>`. */
export function fileUri(filePath: string, cwd: string): string {
  if (!filePath || filePath === STDIN_NAME) return URI.from({scheme: 'untitled', path: STDIN_NAME}).toString()
  return URI.file(path.resolve(cwd, filePath)).toString()
}

/**
 * Without the text, positions are known at the message's two ends; other offsets on the start line
 * (a fix inside or beside the span) are counted from the start, which holds for one-line messages.
 */
function anchoredPositions(message: LintMessage): PositionAt {
  const start = {line: message.line - 1, character: message.column - 1}
  const end = {line: message.endLine - 1, character: message.endColumn - 1}
  return (offset) => {
    if (offset === message.start) return start
    if (offset === message.end) return end
    if (message.line === message.endLine || offset < message.end) {
      return {line: start.line, character: Math.max(0, start.character + offset - message.start)}
    }
    return {line: end.line, character: end.character + offset - message.end}
  }
}
