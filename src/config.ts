// Loading, validating and merging `.lintrc.json` files.
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {Ajv, type ValidateFunction} from 'ajv'
import {OptionsError, type NewslintRule, type RuleSetting} from './rule.js'
import {describeSchemaErrors, jsonPath} from './schema-errors.js'
import {builtinRules} from './rules.js'

export const CONFIG_NAME = '.lintrc.json'
export const DEFAULT_EXTENSIONS = ['.txt', '.md']

/** A config after `extends` is resolved: every rule has a setting and knows the folder it was set in. */
export interface Config {
  /** The config file this came from; undefined for the built-in recommended config. */
  path?: string
  rules: Record<string, RuleSetting>
  /** Folder against which each rule's option paths resolve (the file that last set it). */
  ruleBaseDirs: Record<string, string>
  /** Gitignore-style patterns, each relative to the folder of the config that set it. */
  ignore: IgnorePattern[]
  extensions: string[]
  /** Other top-level keys (`sourceLanguages`, `names`, …), for the rules that read them. */
  settings: Record<string, unknown>
  baseDir: string
}

/** A config problem: one line naming the file and the JSON path. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    readonly problem: string
  ) {
    super(`${file}${jsonPath ? `: ${jsonPath}` : ''}: ${problem}`)
    this.name = 'ConfigError'
  }
}

export interface IgnorePattern {
  pattern: string
  baseDir: string
}

const CORE_KEYS = ['$schema', 'extends', 'rules', 'ignore', 'extensions'] as const
const SEVERITY = {enum: ['off', 'info', 'warn', 'error']}

/** The JSON schema of `.lintrc.json` for a set of rules; shipped as lintrc.schema.json for editors. */
export function configSchema(rules: readonly NewslintRule[] = builtinRules, {ruleOptions = true} = {}): Record<string, unknown> {
  const ruleProperties: Record<string, unknown> = {}
  const settings: Record<string, unknown> = {
    sourceLanguages: {
      description: 'Source languages whose MT artefacts are always checked, whatever the article shows (ISO 639-1).',
      type: 'array',
      items: {enum: ['ko', 'ja', 'zh', 'ru']},
      uniqueItems: true
    }
  }
  for (const {meta} of rules) {
    ruleProperties[meta.id] = {
      description: `${meta.description} (recommended: ${meta.recommended})`,
      oneOf: [
        {...SEVERITY},
        {type: 'array', items: [SEVERITY], minItems: 1, maxItems: 1},
        {type: 'array', items: [SEVERITY, ruleOptions ? meta.schema : {type: 'object'}], minItems: 2, maxItems: 2}
      ]
    }
    Object.assign(settings, meta.settings)
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/newslint/newslint/lintrc.schema.json',
    title: 'newslint configuration (.lintrc.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: {type: 'string'},
      extends: {
        description: 'Configs this one builds on, in order: paths relative to this file, or `newslint:recommended`.',
        type: 'array',
        items: {type: 'string', minLength: 1}
      },
      rules: {
        description: 'Rule settings: `off`, `info`, `warn`, `error`, or `[severity, {options}]`. Unlisted rules keep their recommended setting.',
        type: 'object',
        additionalProperties: false,
        properties: ruleProperties
      },
      ignore: {description: 'Globs (gitignore syntax) of files not to lint, relative to this file.', type: 'array', items: {type: 'string'}},
      extensions: {
        description: 'File extensions linted when walking a folder. Default: [".txt", ".md"].',
        type: 'array',
        items: {type: 'string', pattern: '^\\.[^/\\\\]+$'},
        minItems: 1
      },
      ...settings
    }
  }
}

const validators = new WeakMap<readonly NewslintRule[], ValidateFunction>()
function validator(rules: readonly NewslintRule[]): ValidateFunction {
  let validate = validators.get(rules)
  if (!validate) {
    // Options are checked by each rule (compiling only the schemas a config uses): a smaller compile at start-up.
    validate = new Ajv({allErrors: true, strict: false}).compile(configSchema(rules, {ruleOptions: false}))
    validators.set(rules, validate)
  }
  return validate
}

/** The recommended config: every rule at its recommended severity with default options. */
export function recommendedConfig(rules: readonly NewslintRule[] = builtinRules, baseDir = process.cwd()): Config {
  return {
    rules: Object.fromEntries(rules.map((rule) => [rule.meta.id, rule.meta.recommended])),
    ruleBaseDirs: Object.fromEntries(rules.map((rule) => [rule.meta.id, baseDir])),
    ignore: [],
    extensions: [...DEFAULT_EXTENSIONS],
    settings: {},
    baseDir
  }
}

/** Reads and validates a config file, resolving its `extends` chain. */
export function loadConfig(file: string, rules: readonly NewslintRule[] = builtinRules): Config {
  return load(path.resolve(file), rules, [])
}

function load(file: string, rules: readonly NewslintRule[], chain: string[]): Config {
  if (chain.includes(file)) throw new ConfigError(file, 'extends', `circular \`extends\` (${[...chain, file].join(' -> ')})`)
  const raw = readConfigJson(file)
  const validate = validator(rules)
  if (!validate(raw)) {
    const {path: segments, problem} = describeSchemaErrors(validate.errors ?? [], raw)
    const unknownRule = segments.length === 2 && segments[0] === 'rules' && problem.startsWith('unknown key')
    throw new ConfigError(file, jsonPath(segments), unknownRule ? `unknown rule \`${segments[1]}\`` : problem)
  }
  const value = raw as Record<string, unknown>
  const baseDir = path.dirname(file)

  let config = recommendedConfig(rules, baseDir)
  for (const [index, entry] of ((value.extends as string[] | undefined) ?? []).entries()) {
    if (entry === 'newslint:recommended') continue
    const target = path.resolve(baseDir, entry)
    if (!existsSync(target)) throw new ConfigError(file, `extends[${index}]`, `cannot find \`${entry}\``)
    config = mergeConfig(config, load(target, rules, [...chain, file]))
  }

  // Each rule's options are validated here, once, so a bad option fails before any file is read.
  const own: Record<string, RuleSetting> = (value.rules as Record<string, RuleSetting> | undefined) ?? {}
  for (const [id, setting] of Object.entries(own)) {
    const rule = rules.find((candidate) => candidate.meta.id === id)!
    try {
      rule.parseSetting(setting)
    } catch (error) {
      if (!(error instanceof OptionsError)) throw error
      throw new ConfigError(file, `rules.${id}${error.path ? `[1].${error.path}` : ''}`, error.problem)
    }
  }

  const settings = Object.fromEntries(Object.entries(value).filter(([key]) => !(CORE_KEYS as readonly string[]).includes(key)))
  return mergeConfig(config, {
    path: file,
    rules: own,
    ruleBaseDirs: Object.fromEntries(Object.keys(own).map((id) => [id, baseDir])),
    ignore: ((value.ignore as string[] | undefined) ?? []).map((pattern) => ({pattern, baseDir})),
    extensions: (value.extensions as string[] | undefined) ?? config.extensions,
    settings,
    baseDir
  })
}

function mergeConfig(base: Config, over: Config): Config {
  return {
    path: over.path ?? base.path,
    rules: {...base.rules, ...over.rules},
    ruleBaseDirs: {...base.ruleBaseDirs, ...over.ruleBaseDirs},
    ignore: [...base.ignore, ...over.ignore],
    extensions: over.extensions,
    settings: {...base.settings, ...over.settings},
    baseDir: over.baseDir
  }
}

function readConfigJson(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(file, '', `cannot read config (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new ConfigError(file, '', `invalid JSON: ${(error as Error).message}`)
  }
}

const found = new Map<string, string | undefined>()

/** The nearest `.lintrc.json` in the file's folder or above it, or undefined. */
export function findConfigFile(filePath: string): string | undefined {
  let dir = path.dirname(path.resolve(filePath))
  const visited: string[] = []
  let result: string | undefined
  for (;;) {
    if (found.has(dir)) {
      result = found.get(dir)
      break
    }
    visited.push(dir)
    const candidate = path.join(dir, CONFIG_NAME)
    if (existsSync(candidate)) {
      result = candidate
      break
    }
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  for (const folder of visited) found.set(folder, result)
  return result
}

export function clearConfigCache(): void {
  found.clear()
}
