// `--cache`: skip files whose text, config, folder facts and newslint itself are unchanged since
// the last run. Paths are stored relative to the cache file and every key is a content hash, so
// the file is safe to share between CI runs and checkouts.
import {createHash, randomBytes} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {mkdir, readFile, rename, unlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {Config} from '../config.js'
import type {FolderFacts} from '../engine.js'
import type {LintOutcome} from '../jobs.js'
import {packageRoot} from '../paths.js'
import {version} from '../version.js'

export const DEFAULT_CACHE_FILE = '.newslintcache'
const FORMAT = 2

interface CacheFile {
  format: number
  /** Hash of newslint's version, code and rule data: any change empties the cache. */
  engine: string
  files: Record<string, FileEntry>
  /** Hash of the merged folder facts, by the key of the files they were merged from (see `groupKey`). */
  groups?: Record<string, string>
}

interface FileEntry {
  /** Hash of the text and of the config it was linted with. */
  key: string
  /**
   * The file's folder facts as JSON text, parsed only when the facts are merged again. As objects
   * they were most of the time spent opening the cache (2,000 files: 80 of 95 ms in JSON.parse),
   * since every name and template line is a property key of its own.
   */
  facts?: string
  /** Result per hash of the merged folder facts it was checked against. */
  factsKey?: string
  result?: LintOutcome['result']
}

export function hash(text: string): string {
  return createHash('sha1').update(text).digest('base64url')
}

let engineHash: string | undefined

/** newslint's own version, compiled code and rule data, hashed once per process. */
function engineKey(): string {
  if (engineHash) return engineHash
  const digest = createHash('sha1').update(version)
  const walk = (dir: string) => {
    if (!existsSync(dir)) return
    for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (!entry.name.endsWith('.map') && !entry.name.endsWith('.d.ts')) digest.update(entry.name).update(readFileSync(full))
    }
  }
  walk(path.join(packageRoot, 'dist', 'src'))
  walk(path.join(packageRoot, 'dist', 'rules'))
  walk(path.join(packageRoot, 'rules'))
  return (engineHash = digest.digest('base64url'))
}

/** Most files of a plugin hashed into the cache key; a plugin is a few modules, not a project. */
const MAX_PLUGIN_FILES = 2000

/** Hashes the files of a folder (or one file) in path order, skipping nested node_modules. */
function hashTree(digest: ReturnType<typeof createHash>, root: string): void {
  let budget = MAX_PLUGIN_FILES
  const walk = (target: string) => {
    if (budget <= 0 || !existsSync(target)) return
    const info = statSync(target)
    if (info.isFile()) {
      budget--
      digest.update(target).update(readFileSync(target))
      return
    }
    if (!info.isDirectory()) return
    for (const entry of readdirSync(target).sort()) if (entry !== 'node_modules' && entry !== '.git') walk(path.join(target, entry))
  }
  walk(root)
}

export class LintCache {
  private readonly configKeys = new WeakMap<Config, string>()
  /** The `groups` entries of this run: the others are dropped when the cache is written. */
  private readonly groups = new Map<string, string>()
  private changed = false

  private constructor(
    readonly file: string,
    private readonly data: CacheFile
  ) {}

  /** Opens the cache; a missing, unreadable or outdated file is an empty cache, never an error. */
  static async open(file: string): Promise<LintCache> {
    const engine = engineKey()
    let data: CacheFile = {format: FORMAT, engine, files: {}}
    try {
      const read = JSON.parse(await readFile(file, 'utf8')) as CacheFile
      if (read.format === FORMAT && read.engine === engine && read.files && typeof read.files === 'object') data = read
    } catch {
      // No cache yet, or a damaged one: start afresh.
    }
    return new LintCache(file, data)
  }

  /** The key of a file's text under a config: a change to either invalidates the entry. */
  keyOf(text: string, config: Config): string {
    return `${hash(text)}.${this.configKey(config)}`
  }

  facts(filePath: string, key: string): FolderFacts | undefined {
    const entry = this.data.files[this.name(filePath)]
    return entry?.key === key && typeof entry.facts === 'string' ? (JSON.parse(entry.facts) as FolderFacts) : undefined
  }

  setFacts(filePath: string, key: string, facts: FolderFacts): void {
    const name = this.name(filePath)
    const entry = this.data.files[name]
    const json = JSON.stringify(facts)
    this.data.files[name] = entry?.key === key ? {...entry, facts: json} : {key, facts: json}
    this.changed = true
  }

  /**
   * The key of a group of files linted together: their paths as the facts name them (`shown`),
   * their keys, in order, and the facts given from outside. The same key, the same merged facts:
   * folder facts are a function of the files' texts, paths and config.
   */
  groupKey(files: Array<{shown: string; key: string}>, given: FolderFacts): string {
    const digest = createHash('sha1').update(JSON.stringify(given))
    for (const {shown, key} of files) digest.update(`\n${shown}\t${key}`)
    return digest.digest('base64url')
  }

  /** The hash of the merged facts of a group of files, if an earlier run merged them. */
  factsKeyOf(groupKey: string): string | undefined {
    const factsKey = this.data.groups?.[groupKey]
    if (typeof factsKey !== 'string') return undefined
    this.groups.set(groupKey, factsKey)
    return factsKey
  }

  setFactsKey(groupKey: string, factsKey: string): void {
    if (this.data.groups?.[groupKey] !== factsKey) this.changed = true
    this.groups.set(groupKey, factsKey)
  }

  result(filePath: string, key: string, factsKey: string): LintOutcome['result'] | undefined {
    const entry = this.data.files[this.name(filePath)]
    return entry?.key === key && entry.factsKey === factsKey ? entry.result : undefined
  }

  setResult(filePath: string, key: string, factsKey: string, result: LintOutcome['result']): void {
    const name = this.name(filePath)
    const entry = this.data.files[name]
    this.data.files[name] = {...(entry?.key === key ? entry : {}), key, factsKey, result}
    this.changed = true
  }

  /** Writes the cache atomically (a temporary file, then a rename); only when something changed. */
  async save(): Promise<void> {
    if (!this.changed) return
    this.data.groups = Object.fromEntries(this.groups)
    await mkdir(path.dirname(this.file), {recursive: true})
    const temp = `${this.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`
    try {
      await writeFile(temp, JSON.stringify(this.data))
      await rename(temp, this.file)
    } finally {
      await unlink(temp).catch(() => {})
    }
  }

  private name(filePath: string): string {
    return path.relative(path.dirname(this.file), filePath).split(path.sep).join('/')
  }

  /**
   * The config's rules and settings, plus the contents of any file an option names (word lists,
   * house lists), since those change results without changing the config.
   */
  private configKey(config: Config): string {
    let key = this.configKeys.get(config)
    if (key) return key
    const digest = createHash('sha1').update(JSON.stringify({rules: config.rules, settings: config.settings}))
    const visit = (value: unknown, baseDir: string) => {
      if (typeof value === 'string') {
        const candidate = path.resolve(baseDir, value)
        if (value.length < 4096 && existsSync(candidate) && statSync(candidate).isFile()) digest.update(readFileSync(candidate))
      } else if (Array.isArray(value)) for (const item of value) visit(item, baseDir)
      else if (value && typeof value === 'object') for (const item of Object.values(value)) visit(item, baseDir)
    }
    for (const [id, setting] of Object.entries(config.rules)) visit(setting, config.ruleBaseDirs[id] ?? config.baseDir)
    visit(config.settings, config.baseDir)
    // A plugin's code decides its findings as much as newslint's own does.
    for (const plugin of config.plugins ?? []) hashTree(digest.update(plugin.namespace), plugin.root)
    key = digest.digest('base64url')
    this.configKeys.set(config, key)
    return key
  }
}
