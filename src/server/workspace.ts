// Which config a document uses and whether it is ignored: the CLI's answers, bounded by the
// editor's workspace folders.
import path from 'node:path'
import {ConfigError, clearConfigCache, findConfigFile, loadConfig, loadConfigAsync, recommendedConfig, type Config} from '../config.js'
import {pluginsLoaded} from '../plugins.js'
import {IgnoreRules} from '../ignore.js'
import type {NewslintRule} from '../rule.js'
import {createSuppressionLookup, type LoadedSuppression, type SuppressionLookup} from '../suppress.js'

export type ConfigLookup = {config: Config; path: string | undefined; error?: undefined} | {config?: undefined; path: string; error: ConfigError}

export class Workspace {
  private folders: string[] = []
  private readonly loaded = new Map<string, Config | ConfigError>()
  private readonly ignoreRules = new Map<string, IgnoreRules>()
  private recommended: Config | undefined
  private suppressionLookup: SuppressionLookup | undefined

  constructor(private readonly rules: readonly NewslintRule[]) {}

  setFolders(folders: readonly string[]): void {
    // Longest first, so a nested workspace folder wins over the one around it.
    this.folders = [...new Set(folders.map((folder) => path.resolve(folder)))].sort((a, b) => b.length - a.length)
    this.recommended = undefined
  }

  get workspaceFolders(): readonly string[] {
    return this.folders
  }

  /** The workspace folder holding a file, if any. */
  folderOf(filePath: string): string | undefined {
    return this.folders.find((folder) => isInside(filePath, folder))
  }

  /**
   * The nearest `.lintrc.json` walking up from the file, as the CLI finds it, but not above the
   * workspace folder that holds the file; files outside every workspace folder walk up freely.
   */
  configFor(filePath: string | undefined): ConfigLookup {
    if (!filePath) return {config: this.recommendedConfig(), path: undefined}
    let found = findConfigFile(filePath)
    const folder = this.folderOf(filePath)
    if (found && folder && !isInside(found, folder)) found = undefined
    if (!found) return {config: this.recommendedConfig(), path: undefined}

    let config = this.loaded.get(found)
    if (!config) {
      try {
        config = loadConfig(found, this.rules)
      } catch (error) {
        config = error instanceof ConfigError ? error : new ConfigError(found, '', String((error as Error)?.message ?? error))
      }
      this.loaded.set(found, config)
    }
    return config instanceof ConfigError ? {path: found, error: config} : {config, path: found}
  }

  /**
   * `configFor`, with the config's plugins imported (once per process) and their rules' settings
   * checked: what linting needs. A plugin that cannot be used makes the config's error.
   */
  async configForAsync(filePath: string | undefined): Promise<ConfigLookup> {
    const lookup = this.configFor(filePath)
    if (!lookup.config || !lookup.path || pluginsLoaded(lookup.config.plugins)) return lookup
    const found = lookup.path
    let config: Config | ConfigError
    try {
      config = await loadConfigAsync(found, this.rules)
    } catch (error) {
      config = error instanceof ConfigError ? error : new ConfigError(found, '', String((error as Error)?.message ?? error))
    }
    // Unless the config changed on disk meanwhile (and was forgotten), this is its answer from now on.
    if (this.loaded.get(found) === lookup.config) this.loaded.set(found, config)
    return config instanceof ConfigError ? {path: found, error: config} : {config, path: found}
  }

  /**
   * Files a `newslint <folder>` run would skip: `.newslintignore` at the workspace folder's root (the
   * CLI reads it in its working folder) and the config's `ignore` patterns, gitignore semantics.
   */
  isIgnored(filePath: string, config: Config): boolean {
    const folder = this.folderOf(filePath) ?? path.dirname(filePath)
    let rules = this.ignoreRules.get(folder)
    if (!rules) this.ignoreRules.set(folder, (rules = new IgnoreRules(folder)))
    return rules.isIgnored(filePath, config.ignore)
  }

  /**
   * The fingerprint suppressions of a file (its config's and the nearest sidecar's), read once and
   * kept until a config, ignore or sidecar file changes: typing must not stat the folders above.
   * Throws `ConfigError` for an invalid sidecar.
   */
  suppressionsFor(filePath: string, config: Config): LoadedSuppression[] {
    this.suppressionLookup ??= createSuppressionLookup()
    return this.suppressionLookup.for(filePath, config)
  }

  /** Forgets every config, ignore and suppressions file read, after one of them changed on disk. */
  clear(): void {
    this.suppressionLookup = undefined
    this.loaded.clear()
    this.ignoreRules.clear()
    this.recommended = undefined
    clearConfigCache()
  }

  private recommendedConfig(): Config {
    return (this.recommended ??= recommendedConfig(this.rules, this.folders[this.folders.length - 1] ?? process.cwd()))
  }
}

export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}
