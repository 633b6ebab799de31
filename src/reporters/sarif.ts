// Code-scanning output: a SARIF 2.1.0 log with one run, for GitHub code scanning and SARIF viewers.
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {FINGERPRINT_VERSION} from '../fingerprint.js'
import {ruleUrl, type NewslintRule, type Severity} from '../rule.js'
import type {Formatter} from './index.js'
import {isStdin, STDIN_NAME, withFingerprints, type FixedFinding, type LintMessage, type LintResult} from './result.js'

export interface SarifOptions {
  cwd: string
  rules: readonly NewslintRule[]
  version: string
  /** The run was compared with a baseline: results say `baselineState` (`new`, or `absent` for fixed findings). */
  baseline?: boolean
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
    helpUri: ruleUrl(meta) ?? INFORMATION_URI,
    defaultConfiguration: defaultConfiguration(meta.recommended),
    properties: {fixable: meta.fixable}
  }))
  const ruleIndex = new Map(descriptors.map((descriptor, index) => [descriptor.id, index]))

  // A message from a rule the caller did not list (a plugin, an engine failure) still gets a descriptor.
  function indexOf(message: Pick<LintMessage, 'ruleId' | 'url'>): number {
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
    const found = withFingerprints(result).messages.map((message) => {
      const sarifResult = toSarifResult(message, indexOf(message), artifactLocation, result.text)
      if (options.baseline) sarifResult.baselineState = 'new'
      return sarifResult
    })
    const gone = (result.fixed ?? []).map((fixed) => toAbsentResult(fixed, indexOf({ruleId: fixed.ruleId, url: null}), artifactLocation))
    return [...found, ...gone]
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

export const sarifFormatter: Formatter = (results, {cwd, rules, version, baseline}) => formatSarif(results, {cwd, rules, version, baseline})

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
  // Lets code scanning follow a finding as lines move (see src/fingerprint.ts).
  if (message.fingerprint) result.partialFingerprints = {[FINGERPRINT_VERSION]: message.fingerprint}
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

/** A baseline finding that is gone: SARIF's `baselineState: absent`, with no region (the text is not there). */
function toAbsentResult(fixed: FixedFinding, ruleIndex: number, artifactLocation: ArtifactLocation): Record<string, unknown> {
  return {
    ruleId: fixed.ruleId,
    ruleIndex,
    kind: 'pass',
    level: 'none',
    message: {text: `Fixed since the baseline: ${fixed.message}`},
    locations: [{physicalLocation: {artifactLocation}}],
    partialFingerprints: {[FINGERPRINT_VERSION]: fixed.fingerprint},
    baselineState: 'absent'
  }
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
