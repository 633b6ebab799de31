// CI output: GitHub Actions workflow commands, which the runner turns into annotations on the diff.
import type {Formatter} from './index.js'
import {displayPath, type LintMessage, type LintResult} from './result.js'

const COMMAND = {error: 'error', warning: 'warning', info: 'notice'} as const

export const githubFormatter: Formatter = (results, {cwd}) => formatGithub(results, cwd)

export function formatGithub(results: readonly LintResult[], cwd: string): string {
  const lines: string[] = []
  for (const result of results) {
    const file = displayPath(result.path, cwd)
    for (const message of result.messages) lines.push(command(message, file))
    for (const fixed of result.fixed ?? []) {
      lines.push(`::notice ${file === undefined ? '' : `file=${escapeProperty(file)},`}title=${escapeProperty(fixed.ruleId)}::${escapeData(`Fixed since the baseline: ${fixed.message}`)}`)
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}

function command(message: LintMessage, file: string | undefined): string {
  const properties: Array<[string, string | number]> = []
  if (file !== undefined) properties.push(['file', file])
  properties.push(['line', message.line])
  // Columns may not be sent for an annotation that spans several lines (@actions/core AnnotationProperties).
  if (message.line === message.endLine) properties.push(['col', message.column])
  properties.push(['endLine', message.endLine])
  if (message.line === message.endLine) properties.push(['endColumn', message.endColumn])
  properties.push(['title', message.ruleId])
  const body = message.note ? `${message.message}\n${message.note}` : message.message
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',')
  return `::${COMMAND[message.severity]} ${list}::${escapeData(body)}`
}

/** Escapes a command's message as @actions/core does (`escapeData`). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Escapes a property value as @actions/core does (`escapeProperty`): also `:` and `,`, its separators. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
