// The one shape every reporter starts from: a file's path, its text and plain message objects.
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
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
}

export interface LintResult {
  path: string
  /** The text that was linted (after BOM removal); needed by formats that quote or re-index it. */
  text: string
  messages: LintMessage[]
  /** File-level data for pipelines (e.g. detected source-language provenance). */
  data?: Record<string, unknown>
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
    messageId: message.messageId ?? null
  }
}

export function toLintResult(file: VFile, path = file.path): LintResult {
  const data = file.data.newslint?.report
  return {
    path,
    text: String(file.value ?? ''),
    messages: file.messages.map(toLintMessage),
    ...(data && Object.keys(data).length > 0 ? {data} : {})
  }
}
