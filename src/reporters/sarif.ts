// Code-scanning output: a SARIF 2.1.0 log with one run, for GitHub code scanning and SARIF viewers.
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {docsBase, type NewslintRule, type Severity} from '../rule.js'
import {isStdin, STDIN_NAME, type LintMessage, type LintResult} from './result.js'

export interface SarifOptions {
  cwd: string
  rules: readonly NewslintRule[]
  version: string
}

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'
const INFORMATION_URI = 'https://github.com/newslint/newslint'
/** Relative artifact URIs resolve against this base, which the run maps to the working folder. */
const SOURCE_ROOT = '%SRCROOT%'
const LEVEL = {error: 'error', warning: 'warning', info: 'note'} as const

interface ArtifactLocation {
  uri?: string
  uriBaseId?: string
  description?: {text: string}
}

interface ReportingDescriptor {
  id: string
  shortDescription: {text: string}
  helpUri: string
  defaultConfiguration?: {enabled?: boolean; level?: string}
  properties?: {fixable: boolean}
}

export function toSarifLog(results: readonly LintResult[], options: SarifOptions): Record<string, unknown> {
  const descriptors: ReportingDescriptor[] = options.rules.map(({meta}) => ({
    id: meta.id,
    shortDescription: {text: meta.description},
    helpUri: `${docsBase}${meta.id}/README.md`,
    defaultConfiguration: defaultConfiguration(meta.recommended),
    properties: {fixable: meta.fixable}
  }))
  const ruleIndex = new Map(descriptors.map((descriptor, index) => [descriptor.id, index]))

  // A message from a rule the caller did not list (a plugin, an engine failure) still gets a descriptor.
  function indexOf(message: LintMessage): number {
    let index = ruleIndex.get(message.ruleId)
    if (index === undefined) {
      index = descriptors.length
      descriptors.push({
        id: message.ruleId,
        shortDescription: {text: message.ruleId},
        helpUri: message.url ?? `${INFORMATION_URI}#readme`
      })
      ruleIndex.set(message.ruleId, index)
    }
    return index
  }

  const sarifResults = results.flatMap((result) => {
    const artifactLocation = artifactLocationOf(result.path, options.cwd)
    return result.messages.map((message) => toSarifResult(message, indexOf(message), artifactLocation, result.text))
  })

  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'newslint',
            version: options.version,
            informationUri: INFORMATION_URI,
            rules: descriptors
          }
        },
        originalUriBaseIds: {[SOURCE_ROOT]: {uri: directoryUri(options.cwd)}},
        // Columns and character offsets are UTF-16 code units, as in every other newslint output.
        columnKind: 'utf16CodeUnits',
        results: sarifResults
      }
    ]
  }
}

export function formatSarif(results: readonly LintResult[], options: SarifOptions): string {
  return `${JSON.stringify(toSarifLog(results, options), null, 2)}\n`
}

function toSarifResult(message: LintMessage, ruleIndex: number, artifactLocation: ArtifactLocation, text: string): Record<string, unknown> {
  const region: Record<string, unknown> = {
    startLine: message.line,
    startColumn: message.column,
    endLine: message.endLine,
    endColumn: message.endColumn,
    charOffset: message.start,
    charLength: message.end - message.start
  }
  if (message.actual) region.snippet = {text: message.actual}
  const result: Record<string, unknown> = {
    ruleId: message.ruleId,
    ruleIndex,
    level: LEVEL[message.severity],
    message: {text: message.message},
    locations: [{physicalLocation: {artifactLocation, region}}]
  }
  if (message.fix) {
    const {start, end, text: inserted} = message.fix
    result.fixes = [
      {
        description: {text: describeFix(text.slice(start, end), inserted)},
        artifactChanges: [
          {
            artifactLocation,
            replacements: [{deletedRegion: {charOffset: start, charLength: end - start}, insertedContent: {text: inserted}}]
          }
        ]
      }
    ]
  }
  // Candidates that are not safe to apply stay suggestions, as in the JSON output.
  if (message.expected.length > 0 || message.note) {
    result.properties = {
      ...(message.expected.length > 0 ? {expected: message.expected} : {}),
      ...(message.note ? {note: message.note} : {})
    }
  }
  return result
}

function describeFix(removed: string, inserted: string): string {
  if (removed === '') return `Insert \`${inserted}\``
  if (inserted === '') return `Delete \`${removed}\``
  return `Replace \`${removed}\` with \`${inserted}\``
}

function defaultConfiguration(severity: Severity): ReportingDescriptor['defaultConfiguration'] {
  if (severity === 'off') return {enabled: false}
  return {level: severity === 'error' ? 'error' : severity === 'warn' ? 'warning' : 'note'}
}

/**
 * Files under the working folder get a relative URI against %SRCROOT% (what code scanning expects);
 * others an absolute file URI; stdin has no URI at all, only a description.
 */
function artifactLocationOf(filePath: string | undefined, cwd: string): ArtifactLocation {
  if (!filePath || isStdin(filePath)) return {description: {text: STDIN_NAME}}
  const absolute = path.resolve(cwd, filePath)
  const relative = path.relative(cwd, absolute)
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return {uri: pathToFileURL(absolute).href}
  return {uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT}
}

function directoryUri(cwd: string): string {
  const href = pathToFileURL(path.resolve(cwd)).href
  return href.endsWith('/') ? href : `${href}/`
}
