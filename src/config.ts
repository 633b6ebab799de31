// Loading, validating and merging `.lintrc.json` files.
import {existsSync, readFileSync, realpathSync, statSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import type {Options as AjvOptions, ValidateFunction} from 'ajv'
import {importPlugin, isLocal, loadedPluginRules, pluginNamespace, pluginsLoaded, resolvePlugin, type PluginRef} from './plugins.js'
import {createAjv, prebuiltValidator, SNAPSHOT_DIR, writeValidators} from './data.js'
import {OptionsError, type NewslintRule, type RuleSetting} from './rule.js'
import {describeSchemaErrors, jsonPath} from './schema-errors.js'
import {suppressionsSchema, type Suppression} from './suppression-schema.js'
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
  /** Plugins named by this config and the configs it extends, resolved (see src/plugins.ts). */
  plugins: PluginRef[]
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

const CORE_KEYS = ['$schema', 'extends', 'rules', 'ignore', 'extensions', 'plugins'] as const
const SEVERITY = {enum: ['off', 'info', 'warn', 'error']}
/** A plugin rule's id in `rules`: a namespace, a slash, a kebab-case id. */
const PLUGIN_RULE_ID = '^(@[a-z0-9][a-z0-9-._]*/)?[a-z0-9][a-z0-9-]*/[a-z][a-z0-9]*(-[a-z0-9]+)*$'

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
      plugins: {
        description:
          'Rules from outside newslint: installed packages (`newslint-plugin-<name>`, resolved from this file\'s folder) or paths relative to this file. Their rules are configured under `rules` as `<name>/<rule-id>`.',
        type: 'array',
        items: {type: 'string', minLength: 1},
        uniqueItems: true
      },
      rules: {
        description: 'Rule settings: `off`, `info`, `warn`, `error`, or `[severity, {options}]`. Unlisted rules keep their recommended setting.',
        type: 'object',
        additionalProperties: false,
        properties: ruleProperties,
        // Plugin rules (`housestyle/no-foo`): their options are checked against the plugin's own schema when it loads.
        patternProperties: {
          [PLUGIN_RULE_ID]: {
            description: 'A rule of a plugin named in `plugins`.',
            oneOf: [{...SEVERITY}, {type: 'array', items: [SEVERITY], minItems: 1, maxItems: 1}, {type: 'array', items: [SEVERITY, {type: 'object'}], minItems: 2, maxItems: 2}]
          }
        }
      },
      ignore: {description: 'Globs (gitignore syntax) of files not to lint, relative to this file.', type: 'array', items: {type: 'string'}},
      extensions: {
        description: 'File extensions linted when walking a folder. Default: [".txt", ".md"].',
        type: 'array',
        items: {type: 'string', pattern: '^\\.[^/\\\\]+$'},
        minItems: 1
      },
      suppressions: suppressionsSchema,
      ...settings
    }
  }
}

const VALIDATOR_OPTIONS: AjvOptions = {allErrors: true, strict: false}
/** The config validator the build generates, in the snapshot folder (dist/data). */
const PREBUILT_VALIDATOR = 'config-validator.cjs'

const validators = new WeakMap<readonly NewslintRule[], ValidateFunction>()
function validator(rules: readonly NewslintRule[]): ValidateFunction {
  let validate = validators.get(rules)
  if (!validate) {
    // Options are checked by each rule (compiling only the schemas a config uses): a smaller compile at start-up.
    const schema = configSchema(rules, {ruleOptions: false})
    // The build's code for this very schema (checked by its hash) spares a cold process ajv and the compile.
    validate = prebuiltValidator(PREBUILT_VALIDATOR, 'config', schema) ?? createAjv(VALIDATOR_OPTIONS).compile(schema)
    validators.set(rules, validate)
  }
  return validate
}

/** `npm run build` step: the config validator for the built-in rules, as code (see `prebuiltValidator`). Returns the file written. */
export function writeConfigValidator(dir = SNAPSHOT_DIR, rules: readonly NewslintRule[] = builtinRules): string {
  return writeValidators(path.join(dir, PREBUILT_VALIDATOR), {config: configSchema(rules, {ruleOptions: false})}, VALIDATOR_OPTIONS)
}

/** The recommended config: every rule at its recommended severity with default options. */
export function recommendedConfig(rules: readonly NewslintRule[] = builtinRules, baseDir = process.cwd()): Config {
  return {
    rules: Object.fromEntries(rules.map((rule) => [rule.meta.id, rule.meta.recommended])),
    ruleBaseDirs: Object.fromEntries(rules.map((rule) => [rule.meta.id, baseDir])),
    ignore: [],
    extensions: [...DEFAULT_EXTENSIONS],
    settings: {},
    baseDir,
    plugins: []
  }
}

/** Reads and validates a config file, resolving its `extends` chain. */
export function loadConfig(file: string, rules: readonly NewslintRule[] = builtinRules): Config {
  const config = load(path.resolve(file), rules, [])
  // `names` is read against the folder of the config that set name-consistency, which may not be the one that set `names`.
  const names = config.settings.names
  if (typeof names === 'string') checkDataPath(config.path ?? file, config.ruleBaseDirs['name-consistency'] ?? config.baseDir, names, 'names')
  return config
}

/**
 * Loads a config and imports the plugins it names, so every rule it sets is checked, plugin rules
 * included. `loadConfig` alone checks a plugin rule's setting only once the plugin is imported.
 */
export async function loadConfigAsync(file: string, rules: readonly NewslintRule[] = builtinRules): Promise<Config> {
  const config = loadConfig(file, rules)
  if (pluginsLoaded(config.plugins)) return config
  await loadPlugins(config)
  return loadConfig(file, rules)
}

/** Imports a config's plugins (once per thread); a plugin that cannot be used is a `ConfigError` naming the config and the plugin. */
export async function loadPlugins(config: Pick<Config, 'plugins'>): Promise<void> {
  for (const ref of config.plugins ?? []) {
    try {
      await importPlugin(ref)
    } catch (error) {
      throw new ConfigError(ref.config, ref.at, `plugin \`${ref.name}\` ${String((error as Error)?.message ?? error)}`)
    }
  }
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
    const target = resolveExtends(file, entry, `extends[${index}]`)
    config = mergeConfig(config, load(target, rules, [...chain, file]))
  }

  const plugins = [...config.plugins]
  for (const [index, ref] of plugins.entries()) {
    const same = plugins.findIndex((other) => other.namespace === ref.namespace)
    if (same !== index) {
      throw new ConfigError(file, 'extends', `plugin \`${ref.name}\` (named in ${ref.config}) clashes with plugin \`${plugins[same]!.name}\` (named in ${plugins[same]!.config}): both give rules the namespace \`${ref.namespace}/\``)
    }
  }
  for (const [index, entry] of ((value.plugins as string[] | undefined) ?? []).entries()) {
    const ref = resolvePluginEntry(file, entry, `plugins[${index}]`, rules)
    const same = plugins.find((other) => other.namespace === ref.namespace)
    if (same && same.file !== ref.file) {
      throw new ConfigError(file, ref.at, `plugin \`${entry}\` clashes with plugin \`${same.name}\` (named in ${same.config}): both give rules the namespace \`${ref.namespace}/\``)
    }
    if (!same) plugins.push(ref)
  }

  // Each rule's options are validated here, once, so a bad option fails before any file is read.
  const own: Record<string, RuleSetting> = (value.rules as Record<string, RuleSetting> | undefined) ?? {}
  for (const [id, setting] of Object.entries(own)) {
    const rule = id.includes('/') ? pluginRule(file, id, plugins) : rules.find((candidate) => candidate.meta.id === id)!
    // A plugin not imported yet: its rules' settings are checked when it is (`loadConfigAsync`).
    if (!rule) continue
    try {
      rule.parseSetting(setting)
    } catch (error) {
      if (!(error instanceof OptionsError)) throw error
      throw new ConfigError(file, `rules.${id}${error.path ? `[1].${error.path}` : ''}`, error.problem)
    }
  }

  // Files the rules will read: inside the project or an installed package, plain files, of sane size.
  for (const [id, optionNames] of Object.entries(PATH_OPTIONS)) {
    const options = Array.isArray(own[id]) ? (own[id] as [unknown, Record<string, unknown>?])[1] : undefined
    for (const option of optionNames) {
      const paths = options?.[option]
      if (Array.isArray(paths)) for (const [index, entry] of paths.entries()) checkDataPath(file, baseDir, String(entry), `rules.${id}[1].${option}[${index}]`)
    }
  }
  if (typeof value.names === 'string') checkDataPath(file, baseDir, value.names, 'names')

  const settings = Object.fromEntries(Object.entries(value).filter(([key]) => !(CORE_KEYS as readonly string[]).includes(key)))
  // House phrase packs for mt-calque, kept as absolute paths: configs that extend this one add their own.
  if (Array.isArray(value.packs)) {
    settings.packs = (value.packs as string[]).map((entry, index) => {
      checkDataPath(file, baseDir, entry, `packs[${index}]`)
      return path.resolve(baseDir, entry)
    })
  }
  // Suppression entries name their file relative to this config: kept absolute, with the config that lists them.
  if (Array.isArray(value.suppressions)) {
    settings.suppressions = (value.suppressions as Suppression[]).map((entry) => ({...entry, ...(entry.path ? {path: path.resolve(baseDir, entry.path)} : {}), source: file}))
  }
  return mergeConfig(config, {
    path: file,
    rules: own,
    ruleBaseDirs: Object.fromEntries(Object.keys(own).map((id) => [id, baseDir])),
    ignore: ((value.ignore as string[] | undefined) ?? []).map((pattern) => ({pattern, baseDir})),
    extensions: (value.extensions as string[] | undefined) ?? config.extensions,
    settings,
    baseDir,
    plugins
  })
}

function mergeConfig(base: Config, over: Config): Config {
  const settings = {...base.settings, ...over.settings}
  // Packs add up along the `extends` chain, as plugins do; every other setting is overridden.
  if (Array.isArray(base.settings.packs) && Array.isArray(over.settings.packs)) settings.packs = [...new Set([...base.settings.packs, ...over.settings.packs])]
  // So do suppressions: a house config's deliberate findings stay deliberate in the configs built on it.
  if (Array.isArray(base.settings.suppressions) && Array.isArray(over.settings.suppressions)) settings.suppressions = [...base.settings.suppressions, ...over.settings.suppressions]
  const plugins = [...base.plugins]
  for (const ref of over.plugins) if (!plugins.some((other) => other.namespace === ref.namespace && other.file === ref.file)) plugins.push(ref)
  return {
    path: over.path ?? base.path,
    rules: {...base.rules, ...over.rules},
    ruleBaseDirs: {...base.ruleBaseDirs, ...over.ruleBaseDirs},
    ignore: [...base.ignore, ...over.ignore],
    extensions: over.extensions,
    settings,
    baseDir: over.baseDir,
    plugins
  }
}

/** A `plugins` entry: its namespace, its module (inside the project or an installed package), where it is named. */
function resolvePluginEntry(file: string, entry: string, at: string, rules: readonly NewslintRule[]): PluginRef {
  const baseDir = path.dirname(file)
  let namespace: string
  let resolved: {file: string; root: string}
  try {
    namespace = pluginNamespace(entry)
    resolved = resolvePlugin(entry, baseDir)
  } catch (error) {
    throw new ConfigError(file, at, (error as Error).message)
  }
  if (rules.some((rule) => rule.meta.id === namespace)) {
    throw new ConfigError(file, at, `plugin \`${entry}\` clashes with the built-in rule \`${namespace}\`: its rules would be named \`${namespace}/…\`; rename the plugin`)
  }
  // A local plugin is code the project holds; a package is confined by being installed.
  if (isLocal(entry)) checkFile(file, baseDir, entry, resolved.file, at, MAX_DATA_BYTES)
  return {name: entry, namespace, file: resolved.file, root: resolved.root, config: file, at}
}

/** The plugin rule a namespaced id names; undefined while its plugin is not imported. */
function pluginRule(file: string, id: string, plugins: readonly PluginRef[]): NewslintRule | undefined {
  const namespace = id.slice(0, id.lastIndexOf('/'))
  const ref = plugins.find((candidate) => candidate.namespace === namespace)
  if (!ref) {
    const named = plugins.length > 0 ? ` (the plugins named give ${plugins.map((plugin) => `\`${plugin.namespace}/\``).join(', ')})` : ''
    throw new ConfigError(file, `rules.${id}`, `unknown rule \`${id}\`: no plugin in \`plugins\` gives rules the namespace \`${namespace}/\`${named}`)
  }
  let loaded: NewslintRule[] | undefined
  try {
    loaded = loadedPluginRules(ref)
  } catch (error) {
    throw new ConfigError(ref.config, ref.at, `plugin \`${ref.name}\` ${(error as Error).message}`)
  }
  if (!loaded) return undefined
  const rule = loaded.find((candidate) => candidate.meta.id === id)
  if (!rule) throw new ConfigError(file, `rules.${id}`, `unknown rule \`${id}\`: plugin \`${ref.name}\` has ${loaded.map((candidate) => `\`${candidate.meta.id}\``).join(', ')}`)
  return rule
}

function readConfigJson(file: string): unknown {
  let text: string
  try {
    // A FIFO or a device named as a config would block or never end: only a plain file of sane size is read.
    const info = statSync(file)
    if (!info.isFile()) throw new ConfigError(file, '', 'cannot read config (not a regular file)')
    if (info.size > MAX_CONFIG_BYTES) throw new ConfigError(file, '', `cannot read config (${info.size} bytes, over the limit of ${MAX_CONFIG_BYTES})`)
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (error instanceof ConfigError) throw error
    throw new ConfigError(file, '', `cannot read config (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new ConfigError(file, '', `invalid JSON: ${(error as Error).message.split('\n')[0]}`)
  }
  const problem = hostileJson(value)
  if (problem) throw new ConfigError(file, jsonPath(problem.path), problem.problem)
  return value
}

/** Largest config file read: far above any real config (inline house lists included). */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024
/** Largest word list, house list or phrase pack a config may name. */
const MAX_DATA_BYTES = 16 * 1024 * 1024
/** Deepest nesting a config needs is about 6 (`rules.x[1].option[0]`); 64 leaves room and keeps every walk shallow. */
const MAX_JSON_DEPTH = 64
/** Keys that mean something to JavaScript objects, never to a config. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * What JSON.parse accepts but a config must not hold: nesting deeper than any config needs (ajv and
 * the error reporter recurse, so a deep value would overflow the stack), prototype keys, and numbers
 * that are not exact (1e400 parses as Infinity; 1e300 as an "integer" a rule might loop to).
 * Walks with an explicit stack, so the check itself cannot overflow.
 */
export function hostileJson(root: unknown): {path: string[]; problem: string} | undefined {
  const stack: Array<{value: unknown; path: string[]}> = [{value: root, path: []}]
  while (stack.length > 0) {
    const {value, path: at} = stack.pop()!
    if (typeof value === 'number' && !(Math.abs(value) <= Number.MAX_SAFE_INTEGER)) {
      return {path: at, problem: `number out of range (${String(value)}): numbers must lie within ±${Number.MAX_SAFE_INTEGER}`}
    }
    if (typeof value !== 'object' || value === null) continue
    if (at.length >= MAX_JSON_DEPTH) return {path: at.slice(0, 8), problem: `nested more than ${MAX_JSON_DEPTH} levels deep`}
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return {path: [...at, key], problem: `forbidden key \`${key}\``}
      stack.push({value: (value as Record<string, unknown>)[key], path: [...at, key]})
    }
  }
  return undefined
}

/** Options that name files, by rule: they resolve against the config that sets them. */
const PATH_OPTIONS: Record<string, string[]> = {spelling: ['personal'], 'mt-calque': ['packs']}

/**
 * The project a config belongs to: the nearest folder at or above it holding `.git` or
 * `package.json`, else the config's own folder. `extends` and data files must stay inside it.
 */
function projectRoot(dir: string): string {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git')) || existsSync(path.join(current, 'package.json'))) return current
    if (path.dirname(current) === current) return dir
  }
}

/** Whether a real path is inside the project of `baseDir`, or inside an installed package. */
function allowedPath(real: string, baseDir: string): boolean {
  if (real.split(path.sep).includes('node_modules')) return true
  let root: string
  try {
    root = realpathSync(projectRoot(baseDir))
  } catch {
    root = projectRoot(baseDir)
  }
  const relative = path.relative(root, real)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

function resolveExtends(file: string, entry: string, at: string): string {
  const baseDir = path.dirname(file)
  let target = path.resolve(baseDir, entry)
  if (!existsSync(target)) {
    // A bare name (`newslint-config-desk`, `@desk/lint/base.json`) is an installed package.
    const bare = !entry.startsWith('.') && !path.isAbsolute(entry)
    try {
      if (!bare) throw new Error('not a package')
      target = createRequire(file).resolve(entry)
    } catch {
      throw new ConfigError(file, at, `cannot find \`${entry}\``)
    }
  }
  checkFile(file, baseDir, entry, target, at, MAX_CONFIG_BYTES)
  return target
}

/** A word list, house list or pack named by a config: it must exist inside the project, as a plain file. */
function checkDataPath(file: string, baseDir: string, entry: string, at: string): void {
  const target = path.resolve(baseDir, entry)
  if (!existsSync(target)) throw new ConfigError(file, at, `cannot find \`${entry}\` (looked for ${target})`)
  checkFile(file, baseDir, entry, target, at, MAX_DATA_BYTES)
}

function checkFile(file: string, baseDir: string, entry: string, target: string, at: string, maxBytes: number): void {
  let real: string
  try {
    real = realpathSync(target)
  } catch (error) {
    throw new ConfigError(file, at, `cannot read \`${entry}\` (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  if (!allowedPath(real, baseDir)) {
    throw new ConfigError(file, at, `\`${entry}\` is outside the project (${projectRoot(baseDir)}); name a file inside it or an installed package`)
  }
  const info = statSync(real)
  if (!info.isFile()) throw new ConfigError(file, at, `\`${entry}\` is not a regular file`)
  if (info.size > maxBytes) throw new ConfigError(file, at, `\`${entry}\` is ${info.size} bytes, over the limit of ${maxBytes}`)
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
