// Plugins: rules from outside the package, written against the public rule contract (src/rule.ts)
// and named in config (`"plugins": ["newslint-plugin-housestyle", "./rules/local"]`). A plugin is an
// ES module whose default export (or named export `rules`) is `{rules: {<id>: rule}}`; its rules run
// under a namespace taken from its name (`housestyle/no-foo`), so they can never shadow a built-in.
//
// Resolving a plugin is synchronous (config loading is); importing it is not. So a config records
// where its plugins are (`PluginRef`, plain data that crosses worker threads), and the modules are
// imported once per thread, before the first lint that needs them.
import {existsSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {defineRule, OptionsError, type NewslintRule, type RuleDefinition} from './rule.js'
import {builtinRules} from './rules.js'

/** A plugin named by a config, resolved to the module to import. Plain JSON. */
export interface PluginRef {
  /** As written in the config: `newslint-plugin-housestyle`, `./rules/local`. */
  name: string
  /** Prefix of its rule ids: `housestyle` (newslint-plugin-housestyle), `local` (./rules/local). */
  namespace: string
  /** The module imported (absolute path). */
  file: string
  /** The folder (or single file) the plugin is made of, hashed by `--cache`. */
  root: string
  /** The config file that names it, and where in it (`plugins[0]`), for error messages. */
  config: string
  at: string
}

/** What a plugin module exports (as its default export, or its named exports). */
export interface NewslintPlugin {
  rules: Record<string, NewslintRule | RuleDefinition<any, any>>
}

/** Kebab-case, the shape of a rule id and of a plugin namespace. */
const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/
const PACKAGE_PREFIX = 'newslint-plugin'

/**
 * The namespace of a plugin's rules, from its name: `newslint-plugin-housestyle` → `housestyle`,
 * `@desk/newslint-plugin` → `@desk`, `@desk/newslint-plugin-wire` → `@desk/wire`, and a local path
 * `./rules/local` (or `./rules/local/index.js`) → `local`. Throws with the problem otherwise.
 */
export function pluginNamespace(entry: string): string {
  if (isLocal(entry)) {
    const parsed = path.parse(entry.replace(/[\\/]+$/, ''))
    const name = parsed.name === 'index' ? path.basename(parsed.dir) : parsed.name
    if (!KEBAB.test(name)) throw new Error(`cannot take a rule namespace from \`${entry}\`: name the plugin's file or folder in kebab-case (\`./rules/house-style\`)`)
    return name
  }
  const scoped = /^(@[a-z0-9][a-z0-9-._]*)\/([^/]+)$/.exec(entry)
  const [scope, name] = scoped ? [scoped[1]!, scoped[2]!] : [undefined, entry]
  const convention = `a plugin package is named \`${PACKAGE_PREFIX}-<name>\`, \`@<scope>/${PACKAGE_PREFIX}\` or \`@<scope>/${PACKAGE_PREFIX}-<name>\``
  if (scope && name === PACKAGE_PREFIX) return scope
  if (!name.startsWith(`${PACKAGE_PREFIX}-`)) throw new Error(`\`${entry}\` is not a plugin name: ${convention}`)
  const short = name.slice(PACKAGE_PREFIX.length + 1)
  if (!KEBAB.test(short)) throw new Error(`\`${entry}\` is not a plugin name: ${convention}, with <name> in kebab-case`)
  return scope ? `${scope}/${short}` : short
}

/** A path (`./rules/local`, `/abs/plugin.js`) rather than an installed package name. */
export function isLocal(entry: string): boolean {
  return entry.startsWith('.') || path.isAbsolute(entry)
}

/**
 * Finds the module of a plugin: a local path (a file, a file without its `.js`, or a folder with a
 * package.json or an index.js) resolved against `baseDir`, or an installed package found in the
 * `node_modules` folders at and above `baseDir`, as Node finds it, entering it through its `exports`
 * (`import`, `node` or `default` condition) or `main`. Throws with the problem.
 */
export function resolvePlugin(entry: string, baseDir: string): {file: string; root: string} {
  if (isLocal(entry)) {
    const target = path.resolve(baseDir, entry)
    if (isFile(target)) return {file: target, root: target}
    for (const extension of ['.js', '.mjs']) if (isFile(target + extension)) return {file: target + extension, root: target + extension}
    if (isDirectory(target)) {
      const file = packageEntry(target)
      if (file) return {file, root: target}
    }
    throw new Error(`cannot find plugin \`${entry}\` (looked for ${target}, ${target}.js and ${path.join(target, 'index.js')})`)
  }
  for (let dir = baseDir; ; dir = path.dirname(dir)) {
    const folder = path.join(dir, 'node_modules', ...entry.split('/'))
    if (isFile(path.join(folder, 'package.json'))) {
      const file = packageEntry(folder)
      if (!file) throw new Error(`plugin package \`${entry}\` (${folder}) has no entry point: give its package.json \`exports\` or \`main\``)
      return {file, root: folder}
    }
    if (path.dirname(dir) === dir) break
  }
  throw new Error(`cannot find plugin package \`${entry}\` in node_modules at or above ${baseDir} (is it installed?)`)
}

/** The module a folder exports: package.json `exports` (ESM conditions), then `main`, then index.js. */
function packageEntry(folder: string): string | undefined {
  let manifest: {exports?: unknown; main?: unknown} = {}
  const manifestFile = path.join(folder, 'package.json')
  if (isFile(manifestFile)) {
    try {
      manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as typeof manifest
    } catch (error) {
      throw new Error(`cannot read ${manifestFile} (${(error as Error).message.split('\n')[0]})`)
    }
  }
  const exported = exportTarget(manifest.exports)
  if (exported !== undefined) {
    const file = path.resolve(folder, exported)
    return isFile(file) ? file : undefined
  }
  const candidates = typeof manifest.main === 'string' ? [manifest.main, `${manifest.main}.js`, path.join(manifest.main, 'index.js')] : []
  for (const candidate of [...candidates, 'index.js', 'index.mjs']) {
    const file = path.resolve(folder, candidate)
    if (isFile(file)) return file
  }
  return undefined
}

/** The `.` target of a package.json `exports` value, for an ESM import under Node. */
function exportTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = exportTarget(item)
      if (found !== undefined) return found
    }
    return undefined
  }
  if (!value || typeof value !== 'object') return undefined
  const map = value as Record<string, unknown>
  if (Object.keys(map).some((key) => key.startsWith('.'))) return exportTarget(map['.'])
  for (const condition of ['import', 'node', 'default']) {
    if (condition in map) {
      const found = exportTarget(map[condition])
      if (found !== undefined) return found
    }
  }
  return undefined
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile()
  } catch {
    return false
  }
}

function isDirectory(file: string): boolean {
  return existsSync(file) && statSync(file).isDirectory()
}

const refKey = (ref: Pick<PluginRef, 'namespace' | 'file'>) => `${ref.namespace}\0${ref.file}`

/** Settled imports by namespace and file: the plugin's rules, or why it cannot be used. */
const settled = new Map<string, NewslintRule[] | Error>()
const pending = new Map<string, Promise<NewslintRule[]>>()

/**
 * Imports a plugin (once per thread) and returns its rules under its namespace. Throws an Error
 * whose message says what is wrong with the plugin (the caller names the config and the entry).
 */
export async function importPlugin(ref: PluginRef): Promise<NewslintRule[]> {
  const key = refKey(ref)
  const done = settled.get(key)
  if (done instanceof Error) throw done
  if (done) return done
  let promise = pending.get(key)
  if (!promise) {
    promise = (async () => {
      let module: Record<string, unknown>
      try {
        module = (await import(pathToFileURL(ref.file).href)) as Record<string, unknown>
      } catch (error) {
        throw new Error(`cannot be imported (${firstLine(error)})`)
      }
      return pluginRules(module, ref.namespace)
    })().then(
      (rules) => {
        settled.set(key, rules)
        return rules
      },
      (error: Error) => {
        settled.set(key, error)
        throw error
      }
    )
    pending.set(key, promise)
  }
  return promise
}

/** Whether every plugin is imported, so `rulesOf` can answer at once. */
export function pluginsLoaded(refs: readonly PluginRef[] | undefined): boolean {
  return (refs ?? []).every((ref) => {
    const done = settled.get(refKey(ref))
    return done !== undefined && !(done instanceof Error)
  })
}

/** A plugin's rules if it has been imported; undefined if not yet. Throws if it failed. */
export function loadedPluginRules(ref: PluginRef): NewslintRule[] | undefined {
  const done = settled.get(refKey(ref))
  if (done instanceof Error) throw done
  return done
}

const ruleSets = new WeakMap<readonly NewslintRule[], Map<string, readonly NewslintRule[]>>()

/**
 * The rules a config runs: `base` (the built-in rules) and then its plugins' rules, as one stable
 * array per combination (the engine caches a processor per config and rule array). The plugins must
 * have been imported (`loadPlugins` in config.ts; `lint` and `fix` do it themselves).
 */
export function rulesOf(plugins: readonly PluginRef[] | undefined, base: readonly NewslintRule[] = builtinRules): readonly NewslintRule[] {
  if (!plugins || plugins.length === 0) return base
  let byKey = ruleSets.get(base)
  if (!byKey) ruleSets.set(base, (byKey = new Map()))
  const key = plugins.map(refKey).join('\n')
  let rules = byKey.get(key)
  if (!rules) {
    const extra: NewslintRule[] = []
    for (const ref of plugins) {
      const loaded = loadedPluginRules(ref)
      if (!loaded) throw new Error(`plugin \`${ref.name}\` (named in ${ref.config}) is not loaded yet: load the config with \`loadConfigAsync\`, or call \`loadPlugins(config)\` first`)
      extra.push(...loaded)
    }
    byKey.set(key, (rules = [...base, ...extra]))
  }
  return rules
}

/** The built-in rules and every plugin rule imported in this thread (for merging facts by rule id). */
export function knownRules(): NewslintRule[] {
  const rules = [...builtinRules]
  for (const value of settled.values()) if (!(value instanceof Error)) rules.push(...value)
  return rules
}

/** Checks a plugin module's exports and re-defines its rules under the namespace. */
function pluginRules(module: Record<string, unknown>, namespace: string): NewslintRule[] {
  const exported = (module.default as {rules?: unknown} | undefined)?.rules !== undefined ? (module.default as {rules: unknown}).rules : module.rules
  if (!exported || typeof exported !== 'object' || Array.isArray(exported)) {
    throw new Error('exports no rules: its default export (or a named export `rules`) must be `{rules: {<rule-id>: defineRule({...})}}`')
  }
  const entries = Object.entries(exported as Record<string, unknown>)
  if (entries.length === 0) throw new Error('exports an empty `rules` object')
  return entries.map(([key, value]) => namespacedRule(key, value, namespace))
}

function namespacedRule(key: string, value: unknown, namespace: string): NewslintRule {
  const fail = (problem: string): never => {
    throw new Error(`rule \`${key}\`: ${problem}`)
  }
  // A rule made with defineRule (this package's or another copy's) carries its definition; a bare definition works too.
  const definition = (value && typeof value === 'object' && 'definition' in value ? (value as NewslintRule).definition : value) as RuleDefinition<object, unknown>
  if (!definition || typeof definition !== 'object' || !definition.meta || typeof definition.meta !== 'object') fail('is not a rule: make it with `defineRule({meta, check})`')
  const {meta} = definition
  if (typeof definition.check !== 'function') fail('has no `check` function')
  if (meta.id !== key) fail(`its \`meta.id\` is ${JSON.stringify(meta.id)}; it must equal its key in \`rules\``)
  if (!KEBAB.test(key)) fail('the id must be kebab-case (`no-foo`)')
  if (typeof meta.description !== 'string' || meta.description === '') fail('`meta.description` must be a non-empty string')
  if (typeof meta.fixable !== 'boolean') fail('`meta.fixable` must be true or false')
  if (!['off', 'info', 'warn', 'error'].includes(meta.recommended)) fail('`meta.recommended` must be one of off, info, warn, error')
  if (!meta.messages || typeof meta.messages !== 'object' || !Object.values(meta.messages).every((message) => typeof message === 'string')) fail('`meta.messages` must map message ids to strings')
  if (!meta.schema || typeof meta.schema !== 'object') fail('`meta.schema` must be a JSON schema object (`{type: "object", additionalProperties: false, properties: {}}` for no options)')
  if (!meta.defaultOptions || typeof meta.defaultOptions !== 'object') fail('`meta.defaultOptions` must be an object')
  if (meta.url !== undefined && typeof meta.url !== 'string') fail('`meta.url` must be a string')
  // Top-level config keys belong to newslint; a plugin rule is configured through its options.
  if (meta.settings !== undefined) fail('`meta.settings` is for built-in rules only: take options instead')
  if (Boolean(definition.collect) !== Boolean(definition.merge)) fail('a folder rule needs both `collect` and `merge`')
  const rule = defineRule({...definition, meta: {...meta, id: `${namespace}/${key}`}})
  // Compiles the schema and checks the defaults against it now, not on the first file.
  try {
    rule.parseSetting(['warn', {}])
  } catch (error) {
    if (error instanceof OptionsError) fail(`its \`meta.defaultOptions\` do not match its schema (${error.problem})`)
    fail(`\`meta.schema\` is not a valid JSON schema (${firstLine(error)})`)
  }
  return rule
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!
}
