// Machine output: one object per file, every message with the same keys in the same order.
import type {Fix} from '../rule.js'
import type {Formatter} from './index.js'
import {displayPath, STDIN_NAME, withFingerprints, type FixedFinding, type LintMessage, type LintResult} from './result.js'

export interface JsonMessage {
  ruleId: string
  severity: LintMessage['severity']
  message: string
  line: number
  column: number
  endLine: number
  endColumn: number
  start: number
  end: number
  actual: string | null
  expected: string[]
  fix: Fix | null
  url: string | null
  note: string | null
  messageId: string | null
  fingerprint: string | null
}

export interface JsonResult {
  path: string
  messages: JsonMessage[]
  data?: Record<string, unknown>
  /** Baseline findings that are gone, with `--baseline` and `--report-fixed`. */
  fixed?: FixedFinding[]
}

export function toJsonResults(results: readonly LintResult[], cwd: string): JsonResult[] {
  return results.map((result) => ({
    path: displayPath(result.path, cwd) ?? STDIN_NAME,
    messages: withFingerprints(result).messages.map(toJsonMessage),
    ...(result.data && Object.keys(result.data).length > 0 ? {data: result.data} : {}),
    ...(result.fixed ? {fixed: result.fixed.map(({fingerprint, ruleId, message, excerpt}) => ({fingerprint, ruleId, message, excerpt}))} : {})
  }))
}

export const jsonFormatter: Formatter = (results, {cwd}) => formatJson(results, cwd)

export function formatJson(results: readonly LintResult[], cwd: string): string {
  return `${JSON.stringify(toJsonResults(results, cwd))}\n`
}

// Built key by key (not spread) so the order is the documented one whatever the message object holds.
export function toJsonMessage(message: LintMessage): JsonMessage {
  return {
    ruleId: message.ruleId,
    severity: message.severity,
    message: message.message,
    line: message.line,
    column: message.column,
    endLine: message.endLine,
    endColumn: message.endColumn,
    start: message.start,
    end: message.end,
    actual: message.actual,
    expected: [...message.expected],
    fix: message.fix ? {start: message.fix.start, end: message.fix.end, text: message.fix.text} : null,
    url: message.url,
    note: message.note,
    messageId: message.messageId,
    fingerprint: message.fingerprint ?? null
  }
}
