// Data files of the built-in rules (catalogues, phrase lists, tables), read through one loader.
//
// A data file is parsed (YAML or JSON), validated strictly against its JSON schema (an unknown key
// is an error naming the file) and checked further by its rule (duplicates, patterns, each entry's
// examples). For the built-in files all of that runs once, at build time (src/build-data.ts), which
// writes the validated data to dist/data/<rule-id>/<file>.json; a process that lints one article then
// reads that JSON and neither loads the YAML parser and ajv nor compiles a schema for its data.
// Tests run from source, where there are no snapshots, so they always take (and prove) the parsing
// path; a user's own data file always takes it too.
import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {isDeepStrictEqual} from 'node:util'
import type {ErrorObject, Options as AjvOptions, ValidateFunction} from 'ajv'
import {packageRoot, ruleDataPath} from './paths.js'

/** How one kind of data file is read and checked. */
export interface DataSpec<T> {
  /** JSON schema of the parsed content (or a function returning it, read only when a file is parsed). */
  schema: object | (() => object)
  /** ajv's strict mode for the schema (default true: a schema mistake is an error, not a warning). */
  strict?: boolean
  /** Collect every schema error, for a `schemaError` that picks the most useful (default false). */
  allErrors?: boolean
  /**
   * What the schema cannot say: duplicates, patterns that must compile, each entry's examples. Throws
   * naming the file and the entry. Runs wherever the file is parsed, so for built-in data at build
   * time: a failing example stops the build, and costs a linting process nothing.
   */
  check?(data: T, file: string): void
  /**
   * Checks too costly to run wherever the file is parsed (mt-calque runs every example of a pack
   * through the scanner with the whole pack: seconds, not milliseconds): run by the build before it
   * writes the snapshot, so a failing example still stops the build, and by the rule's own tests.
   */
  buildCheck?(data: T, file: string): void
  /** The error for a file that fails its schema (default: `<file>: <path> <message>` from the first error). */
  schemaError?(errors: readonly ErrorObject[], data: unknown, file: string): Error
  /** The error for a file that cannot be read or parsed (default: `<file>: <problem>`). */
  fileError?(problem: string, file: string): Error
}

/** One built-in data file, declared once per process; its content is read on first `load()`. */
export interface RuleData<T> {
  readonly ruleId: string
  /** Path inside rules/<rule-id>/, e.g. `catalogue.yml` or `packs/ko.yaml`. */
  readonly file: string
  /** Absolute path of the source file: what messages name. */
  readonly path: string
  readonly spec: DataSpec<T>
  /** The validated data: from the build's snapshot when there is a fresh one, else parsed and checked here. Cached. */
  load(): T
  /** Always parses, validates and checks the source file (not cached): the build and the tests use it. */
  parse(): T
}

/** Where the build writes snapshots: dist/data/<rule-id>/<file>.json. */
export const SNAPSHOT_DIR = path.join(packageRoot, 'dist', 'data')

// Compiled code reads snapshots; code run from source (the tests, via vitest) never does, so the tests
// always exercise the validation and the examples. The build turns snapshots off while it writes them.
let snapshotDir: string | undefined = import.meta.url.endsWith('.ts') ? undefined : SNAPSHOT_DIR

/** Turns reading snapshots off (`undefined`) or points it at a folder; returns the previous setting. */
export function useSnapshots(dir: string | undefined): string | undefined {
  const previous = snapshotDir
  snapshotDir = dir
  return previous
}


const registry = new Map<string, RuleData<unknown>>()

/** Declares a built-in data file (rules/<rule-id>/<file>) without reading it; the build snapshots every declared file. */
export function ruleData<T>(ruleId: string, file: string, spec: DataSpec<T>): RuleData<T> {
  const key = `${ruleId}/${file}`
  const declared = registry.get(key)
  if (declared) {
    if (declared.spec !== spec) throw new Error(`${key} is declared twice, with different specs`)
    return declared as RuleData<T>
  }
  let loaded: {data: T} | undefined
  const handle: RuleData<T> = {
    ruleId,
    file,
    path: ruleDataPath(ruleId, file),
    spec,
    load() {
      if (!loaded) {
        const snapshot = snapshotDir === undefined ? undefined : readSnapshot(handle, snapshotDir)
        loaded = snapshot ?? {data: handle.parse()}
      }
      return loaded.data
    },
    parse: () => readDataFile(handle.path, spec)
  }
  registry.set(key, handle as RuleData<unknown>)
  return handle
}

/** Declares and loads a built-in data file at once: what a rule module calls at its top level. */
export function loadRuleData<T>(ruleId: string, file: string, spec: DataSpec<T>): T {
  return ruleData(ruleId, file, spec).load()
}

/** Every data file declared so far in this process. */
export function declaredRuleData(): Array<RuleData<unknown>> {
  return [...registry.values()]
}

/** Reads any data file (a built-in one's source, or a user's own): parse, schema, then the spec's check. */
export function readDataFile<T>(file: string, spec: DataSpec<T>): T {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw fileError(spec, file, `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  return parseDataText(text, file, spec)
}

/** The same from a text already in memory (an editor's unsaved buffer); `file` names it in messages and picks the format (`.json`, else YAML). */
export function parseDataText<T>(text: string, file: string, spec: DataSpec<T>): T {
  const data = parseText(text.replace(/^\uFEFF/, ''), file, (problem) => fileError(spec, file, problem))
  const validate = validator(schemaOf(spec), {strict: spec.strict ?? true, allErrors: spec.allErrors ?? false})
  if (!validate(data)) {
    const errors = validate.errors ?? []
    if (spec.schemaError) throw spec.schemaError(errors, data, file)
    throw new Error(`${file}: ${errors[0]?.instancePath || '/'} ${errors[0]?.message ?? 'is invalid'}`)
  }
  spec.check?.(data as T, file)
  return data as T
}

function fileError(spec: DataSpec<never>, file: string, problem: string): Error {
  return spec.fileError ? spec.fileError(problem, file) : new Error(`${file}: ${problem}`)
}

// Keyed by the function, so specs that share a schema (one spreading another) read and compile it once.
const schemas = new WeakMap<() => object, object>()
function schemaOf(spec: DataSpec<never>): object {
  if (typeof spec.schema !== 'function') return spec.schema
  const read = spec.schema as () => object
  let schema = schemas.get(read)
  if (!schema) {
    schema = read()
    schemas.set(read, schema)
  }
  return schema
}

function parseText(text: string, file: string, fail: (problem: string) => Error): unknown {
  if (/\.json$/i.test(file)) {
    try {
      return JSON.parse(text)
    } catch (error) {
      throw fail(`invalid JSON: ${(error as Error).message}`)
    }
  }
  try {
    return parseYaml(text)
  } catch (error) {
    throw fail(`invalid YAML: ${(error as Error).message.split('\n')[0]}`)
  }
}

/** Parses YAML (duplicate keys are an error), loading the YAML parser on first use. Throws the parser's error. */
export function parseYaml(text: string): unknown {
  return lazyRequire<typeof import('yaml')>('yaml').parse(text, {uniqueKeys: true})
}

// The YAML parser and ajv cost a cold process about a fifth of a second to load: they are required
// only when a file is actually parsed or a schema compiled (both are CommonJS, so this stays synchronous).
const require = createRequire(import.meta.url)
function lazyRequire<T>(name: string): T {
  return require(name) as T
}

type Ajv = InstanceType<typeof import('ajv').Ajv>

/**
 * A new ajv instance, with ajv required on first use. Every schema newslint validates (config, rule
 * options, baselines, suppressions, data files) compiles through here or `validator`, so a run that
 * validates nothing never loads ajv.
 */
export function createAjv(options: AjvOptions): Ajv {
  const {Ajv} = lazyRequire<typeof import('ajv')>('ajv')
  return new Ajv(options)
}

const ajvs = new Map<string, Ajv>()
const validators = new WeakMap<object, Map<string, ValidateFunction>>()

/**
 * A schema's validate function, compiled once per process and options, on first use. For rules
 * that validate a user's own file (a house list) without paying for ajv when no such file is set.
 */
export function validator<T = unknown>(schema: object, options: Pick<AjvOptions, 'strict' | 'allErrors'> = {}): ValidateFunction<T> {
  const key = JSON.stringify([options.strict ?? true, options.allErrors ?? false])
  let bySchema = validators.get(schema)
  if (!bySchema) validators.set(schema, (bySchema = new Map()))
  let found = bySchema.get(key)
  if (!found) {
    let ajv = ajvs.get(key)
    if (!ajv) ajvs.set(key, (ajv = createAjv({strict: options.strict ?? true, allErrors: options.allErrors ?? false})))
    // A schema with an `$id` is known to ajv by it: a second copy of it (read again) is the same schema.
    const id = (schema as {$id?: unknown}).$id
    found = (typeof id === 'string' ? ajv.getSchema(id) : undefined) ?? ajv.compile(schema)
    bySchema.set(key, found)
  }
  return found as ValidateFunction<T>
}

/**
 * Writes validators for named schemas as ajv standalone code (the checks and error objects of
 * compiling each schema with `options`, without ajv's compiler) to `file`, each with its schema's
 * hash: what `prebuiltValidator` loads. The build writes them into the snapshot folder.
 */
export function writeValidators(file: string, schemas: Record<string, object>, options: AjvOptions): string {
  const ajv = createAjv({...options, code: {source: true}})
  for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, name)
  const {default: standaloneCode} = lazyRequire<typeof import('ajv/dist/standalone/index.js')>('ajv/dist/standalone')
  const code = standaloneCode(ajv, Object.fromEntries(Object.keys(schemas).map((name) => [name, name])))
  const hashes = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, hashOf(JSON.stringify(schema))]))
  mkdirSync(path.dirname(file), {recursive: true})
  writeFileSync(file, `${code}\nexports[${JSON.stringify(SCHEMA_HASHES)}] = ${JSON.stringify(hashes)};\n`)
  return file
}

const SCHEMA_HASHES = '#schemaHashes'

/**
 * The validator the build wrote for `schema` under `name` in `file` (inside the snapshot folder), if
 * it was written for exactly this schema; else undefined, and the caller compiles the schema. Loading
 * ajv and compiling a schema costs a cold process tens to hundreds of milliseconds; this, a few.
 */
export function prebuiltValidator<T = unknown>(file: string, name: string, schema: object): ValidateFunction<T> | undefined {
  if (snapshotDir === undefined) return undefined
  try {
    const prebuilt = require(path.join(snapshotDir, file)) as Record<string, unknown>
    const hashes = prebuilt[SCHEMA_HASHES] as Record<string, string> | undefined
    const validate = prebuilt[name]
    return typeof validate === 'function' && hashes?.[name] === hashOf(JSON.stringify(schema)) ? (validate as ValidateFunction<T>) : undefined
  } catch {
    return undefined
  }
}

interface Snapshot {
  /** SHA-256 of the source file the data was read from: a file edited after the build is parsed again. */
  source: string
  data: unknown
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** dist/data/<rule-id>/<file>.json, or the same under `dir`. */
export function snapshotPath(handle: Pick<RuleData<unknown>, 'ruleId' | 'file'>, dir = SNAPSHOT_DIR): string {
  return path.join(dir, handle.ruleId, `${handle.file}.json`)
}

/** The snapshot's data, if there is one for the source file as it is now (`{data}`), else undefined. */
export function readSnapshot<T>(handle: RuleData<T>, dir = SNAPSHOT_DIR): {data: T} | undefined {
  let snapshot: Snapshot
  let source: string
  try {
    snapshot = JSON.parse(readFileSync(snapshotPath(handle, dir), 'utf8')) as Snapshot
    source = readFileSync(handle.path, 'utf8')
  } catch {
    return undefined
  }
  // Hashing a few dozen kilobytes takes well under a millisecond; parsing them as YAML and validating takes a hundred.
  return snapshot.source === hashOf(source.replace(/^\uFEFF/, '')) ? {data: snapshot.data as T} : undefined
}

/**
 * Parses, validates and checks every declared file, and writes its snapshot under `dir`. Returns the
 * files written. `buildChecks` (what the build passes) also runs each spec's `buildCheck`.
 */
export function writeSnapshots(dir = SNAPSHOT_DIR, {buildChecks = false} = {}): string[] {
  const written: string[] = []
  for (const handle of registry.values()) {
    // The text that is hashed is the text that is parsed and checked.
    const source = readFileSync(handle.path, 'utf8').replace(/^\uFEFF/, '')
    const data = parseDataText(source, handle.path, handle.spec)
    if (buildChecks) handle.spec.buildCheck?.(data, handle.path)
    const json = JSON.stringify(data)
    // Only plain JSON values survive a snapshot (a YAML date or a non-finite number would not).
    if (!isDeepStrictEqual(JSON.parse(json), data)) throw new Error(`${handle.path}: holds values that JSON cannot represent`)
    const target = snapshotPath(handle, dir)
    mkdirSync(path.dirname(target), {recursive: true})
    writeFileSync(target, `{"source":${JSON.stringify(hashOf(source))},"data":${json}}\n`)
    written.push(target)
  }
  return written
}
