// Human output: vfile-reporter's report, the format of the unified collective, rebuilt from plain results.
import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import type {Formatter} from './index.js'
import {displayPath, STDIN_NAME, type LintMessage, type LintResult} from './result.js'

export interface StylishOptions {
  cwd: string
  color: boolean
  /** Also print each message's note and documentation URL. Default false. */
  verbose?: boolean
  /** Leave out files without messages. Default false (vfile-reporter's "no issues found" lines). */
  quiet?: boolean
}

export const stylishFormatter: Formatter = (results, {cwd, color, verbose, quiet}) => formatStylish(results, {cwd, color, verbose, quiet})

export function formatStylish(results: readonly LintResult[], options: StylishOptions): string {
  const files = results.map((result) => toVFile(result, options.cwd))
  const report = reporter(files, {
    color: options.color,
    verbose: options.verbose ?? false,
    quiet: options.quiet ?? false,
    defaultName: STDIN_NAME
  })
  const fixed = fixedSection(results, options.cwd)
  return `${report ? `${report}\n` : ''}${fixed}`
}

/** Baseline findings that are gone (`--report-fixed`): a section of their own, since they have no place in the text. */
function fixedSection(results: readonly LintResult[], cwd: string): string {
  const lines = results.flatMap((result) =>
    (result.fixed ?? []).map((fixed) => `  ${displayPath(result.path, cwd) ?? STDIN_NAME}  ${fixed.ruleId}  ${fixed.message}`)
  )
  if (lines.length === 0) return ''
  return `${lines.length} baseline finding${lines.length === 1 ? '' : 's'} fixed (update the baseline with --write-baseline):\n${lines.join('\n')}\n`
}

/** vfile-reporter reads VFiles, so each result becomes one again, with the path as it should be shown. */
function toVFile(result: LintResult, cwd: string): VFile {
  const shown = displayPath(result.path, cwd)
  const file = new VFile(shown ? {path: shown, cwd} : {cwd})
  for (const message of result.messages) addMessage(file, message)
  return file
}

function addMessage(file: VFile, message: LintMessage): void {
  const vfileMessage = file.message(message.message, {
    place: {
      start: {line: message.line, column: message.column, offset: message.start},
      end: {line: message.endLine, column: message.endColumn, offset: message.end}
    },
    ruleId: message.ruleId,
    source: 'newslint'
  })
  // vfile-reporter labels true as error, false as warning and undefined as info.
  vfileMessage.fatal = message.severity === 'error' ? true : message.severity === 'warning' ? false : undefined
  if (message.url) vfileMessage.url = message.url
  if (message.note) vfileMessage.note = message.note
  if (message.actual !== null) vfileMessage.actual = message.actual
  if (message.expected.length > 0) vfileMessage.expected = message.expected
}
