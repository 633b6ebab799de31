// The output formats by name. Each formatter returns the whole report: empty, or ending in a newline.
import type {NewslintRule} from '../rule.js'
import {formatCodeClimate} from './codeclimate.js'
import {formatGithub} from './github.js'
import {formatJson} from './json.js'
import {toLspOutput} from './lsp.js'
import type {LintResult} from './result.js'
import {formatSarif} from './sarif.js'
import {formatStylish} from './stylish.js'

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
  stylish: (results, {cwd, color, verbose, quiet}) => formatStylish(results, {cwd, color, verbose, quiet}),
  json: (results, {cwd}) => formatJson(results, cwd),
  lsp: (results, {cwd}) => `${JSON.stringify(toLspOutput(results, cwd))}\n`,
  sarif: (results, {cwd, rules, version, baseline}) => formatSarif(results, {cwd, rules, version, baseline}),
  github: (results, {cwd}) => formatGithub(results, cwd),
  codeclimate: (results, {cwd}) => formatCodeClimate(results, cwd)
}

export const formatNames = Object.keys(formatters) as FormatName[]

export type {FixedFinding, LintMessage, LintResult, MessageSeverity} from './result.js'
