// The output formats by name. Each formatter returns the whole report: empty, or ending in a newline.
// (The CLI imports only the format it writes, through load.ts.)
import type {NewslintRule} from '../rule.js'
import {codeClimateFormatter} from './codeclimate.js'
import {githubFormatter} from './github.js'
import {jsonFormatter} from './json.js'
import {lspFormatter} from './lsp.js'
import type {LintResult} from './result.js'
import {sarifFormatter} from './sarif.js'
import {stylishFormatter} from './stylish.js'

export type FormatName = 'stylish' | 'json' | 'lsp' | 'sarif' | 'github' | 'codeclimate'

export interface FormatContext {
  /** Paths are shown relative to this folder (SARIF: relative to `%SRCROOT%`, which maps to it). */
  cwd: string
  /** ANSI colour in `stylish`; the other formats never colour. */
  color: boolean
  /** The rules of the run, described in SARIF's `tool.driver.rules`. */
  rules: readonly NewslintRule[]
  /** newslint's version, for SARIF's `tool.driver.version`. */
  version: string
  /** `stylish` also prints each message's note and documentation URL. Default false. */
  verbose?: boolean
  /** `stylish` leaves out files without messages (e.g. after `--quiet` dropped their warnings). Default false. */
  quiet?: boolean
  /** The run was compared with a baseline (`--baseline`): SARIF marks results `new` or `absent`. Default false. */
  baseline?: boolean
}

export type Formatter = (results: LintResult[], context: FormatContext) => string

export const formatters: Record<FormatName, Formatter> = {
  stylish: stylishFormatter,
  json: jsonFormatter,
  lsp: lspFormatter,
  sarif: sarifFormatter,
  github: githubFormatter,
  codeclimate: codeClimateFormatter
}

export const formatNames = Object.keys(formatters) as FormatName[]

export type {FixedFinding, LintMessage, LintResult, MessageSeverity} from './result.js'
