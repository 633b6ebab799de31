// The one shape every reporter starts from: a file's path, its text and plain message objects.
import path from 'node:path'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {fingerprints} from '../fingerprint.js'
import type {Fix} from '../rule.js'

export type MessageSeverity = 'error' | 'warning' | 'info'

export interface LintMessage {
  ruleId: string
  severity: MessageSeverity
  message: string
  /** 1-based line and column (UTF-16 code units), end exclusive. */
  line: number
  column: number
  endLine: number
  endColumn: number
  /** 0-based UTF-16 offsets into the file's text. */
  start: number
  end: number
  actual: string | null
  expected: string[]
  fix: Fix | null
  url: string | null
  note: string | null
  messageId: string | null
  /** Identifies the finding across edits elsewhere in the file (src/fingerprint.ts); set by `toLintResult`. */
  fingerprint?: string
}

/** A finding recorded in a baseline that the run no longer finds (`--report-fixed`). */
export interface FixedFinding {
  fingerprint: string
  ruleId: string
  message: string
  excerpt: string
}

export interface LintResult {
  path: string
  /** The text that was linted (after BOM removal); needed by formats that quote or re-index it. */
  text: string
  messages: LintMessage[]
  /** File-level data for pipelines (e.g. detected source-language provenance). */
  data?: Record<string, unknown>
  /** Baseline findings of this file that are gone (with `--report-fixed`). */
  fixed?: FixedFinding[]
  /** Indices of the fingerprint suppressions given for this file that suppressed something (see src/suppress.ts). */
  usedSuppressions?: number[]
}

export function severityOf(message: VFileMessage): MessageSeverity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
}

export function toLintMessage(message: VFileMessage): LintMessage {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  const end = place && 'start' in place ? place.end : place
  return {
    ruleId: message.ruleId ?? 'newslint',
    severity: severityOf(message),
    message: message.reason,
    line: start?.line ?? 1,
    column: start?.column ?? 1,
    endLine: end?.line ?? start?.line ?? 1,
    endColumn: end?.column ?? start?.column ?? 1,
    start: start?.offset ?? 0,
    end: end?.offset ?? start?.offset ?? 0,
    actual: message.actual ?? null,
    expected: message.expected ?? [],
    fix: message.fix ?? null,
    url: message.url ?? null,
    note: message.note ?? null,
    messageId: message.messageId ?? null,
    ...(message.fingerprint ? {fingerprint: message.fingerprint} : {})
  }
}

export function toLintResult(file: VFile, path = file.path): LintResult {
  const data = file.data.newslint?.report
  const used = file.data.newslint?.usedSuppressions
  return withFingerprints({
    path,
    text: String(file.value ?? ''),
    messages: file.messages.map(toLintMessage),
    ...(data && Object.keys(data).length > 0 ? {data} : {}),
    ...(used && used.length > 0 ? {usedSuppressions: used} : {})
  })
}

/**
 * The result with a fingerprint on every message. The engine stamps them (before suppressions, so
 * occurrence indices never shift); a result made some other way gets them computed from its text here.
 */
export function withFingerprints<T extends Pick<LintResult, 'text' | 'messages'>>(result: T): T {
  if (result.messages.every((message) => message.fingerprint)) return result
  const prints = fingerprints(result.text, result.messages)
  return {...result, messages: result.messages.map((message, index) => (message.fingerprint ? message : {...message, fingerprint: prints[index]}))}
}

/** What the reports call a text that came without a path (stdin without `--stdin-filename`). */
export const STDIN_NAME = '<stdin>'

/** Whether a result's path means standard input without a file name (no path, or `<stdin>`). */
export function isStdin(filePath: string | undefined): boolean {
  return !filePath || filePath === STDIN_NAME
}

/**
 * A result's path as the reports show it: relative to `cwd` with forward slashes (`../` when the file
 * lies outside it), so reports read the same on every machine; `undefined` for stdin.
 */
export function displayPath(filePath: string | undefined, cwd: string): string | undefined {
  if (!filePath || isStdin(filePath)) return undefined
  const relative = path.relative(cwd, path.resolve(cwd, filePath))
  // path.relative gives an absolute path only across Windows drives; either way, use `/`.
  return relative.split(path.sep).join('/')
}
