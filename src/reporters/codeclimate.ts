// GitLab's Code Quality report (a subset of the Code Climate engine format): findings appear in the
// merge request widget and on the diff. GitLab matches findings across pipelines by `fingerprint`,
// which must be unique in the report, so the file's path is hashed in with the finding's own.
import {createHash} from 'node:crypto'
import type {Formatter} from './index.js'
import {displayPath, STDIN_NAME, withFingerprints, type LintMessage, type LintResult} from './result.js'

export interface CodeClimateIssue {
  type: 'issue'
  check_name: string
  description: string
  content?: {body: string}
  categories: string[]
  severity: 'info' | 'minor' | 'major'
  fingerprint: string
  location: {path: string; positions: {begin: {line: number; column: number}; end: {line: number; column: number}}}
}

const SEVERITY = {error: 'major', warning: 'minor', info: 'info'} as const

export function toCodeClimate(results: readonly LintResult[], cwd: string): CodeClimateIssue[] {
  const issues: CodeClimateIssue[] = []
  for (const result of results) {
    const file = displayPath(result.path, cwd) ?? STDIN_NAME
    for (const message of withFingerprints(result).messages) issues.push(toIssue(message, file))
  }
  return issues
}

export const codeClimateFormatter: Formatter = (results, {cwd}) => formatCodeClimate(results, cwd)

export function formatCodeClimate(results: readonly LintResult[], cwd: string): string {
  return `${JSON.stringify(toCodeClimate(results, cwd), null, 2)}\n`
}

function toIssue(message: LintMessage, file: string): CodeClimateIssue {
  const body = [message.note, message.url ? `See ${message.url}` : undefined].filter(Boolean).join('\n\n')
  return {
    type: 'issue',
    check_name: message.ruleId,
    description: message.message,
    ...(body ? {content: {body}} : {}),
    categories: ['Style'],
    severity: SEVERITY[message.severity],
    fingerprint: createHash('sha256').update(`${file}\0${message.ruleId}\0${message.fingerprint ?? `${message.start}:${message.end}`}`).digest('hex').slice(0, 32),
    location: {path: file, positions: {begin: {line: message.line, column: message.column}, end: {line: message.endLine, column: message.endColumn}}}
  }
}
