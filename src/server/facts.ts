// Folder facts for the editor: collected once per workspace folder in the background, kept up to
// date as documents change, and merged exactly as `newslint <folder>` merges them (files that share
// a config, in path order), with an open document's own text standing in for its file.
import path from 'node:path'
import type {Config} from '../config.js'
import {expandPaths} from '../cli/files.js'
import {InputError, readSourceFile} from '../cli/read.js'
import {collectFacts, mergeFacts, needsFacts, type FolderFacts} from '../engine.js'
import type {ParseCache} from '../parse.js'
import {rulesOf} from '../plugins.js'
import type {NewslintRule} from '../rule.js'
import type {Workspace} from './workspace.js'

export interface FactsHost {
  workspace: Workspace
  rules: readonly NewslintRule[]
  /** The text of an open document, which wins over the file on disk. */
  openText(filePath: string): string | undefined
  maxFiles(): number
  /** Files longer than this are left out, as they would not be linted in the editor either. */
  maxLength(): number
  log(message: string): void
  /** The open documents' parsed lines (see `ParseCache`). */
  parseCache?: ParseCache
}

interface FileFacts {
  config: Config
  facts: FolderFacts
  /** To tell whether an update changed anything other files see. */
  json: string
}

interface FolderIndex {
  root: string
  files: Map<string, FileFacts>
  ready: boolean
  /** Bumped on every change; cached merges of other files are valid for one generation. */
  generation: number
  merged: Map<string, {generation: number; config: Config; before: FolderFacts; after: FolderFacts}>
  /** A newer scan replaces this token, and the older one stops. */
  token: object
}

export class FolderFactsStore {
  private readonly folders = new Map<string, FolderIndex>()

  constructor(private readonly host: FactsHost) {}

  /** (Re)reads a workspace folder in the background; resolves when its facts are complete. */
  async scan(root: string): Promise<void> {
    const token = {}
    const index: FolderIndex = {root, files: new Map(), ready: false, generation: 0, merged: new Map(), token}
    this.folders.set(root, index)
    const {workspace} = this.host
    const {files} = await expandPaths([root], {
      cwd: root,
      extensionsFor: (folder) => workspace.configFor(path.join(folder, '_')).config?.extensions ?? [],
      ignoreFor: (file) => workspace.configFor(file).config?.ignore ?? []
    })
    const limit = this.host.maxFiles()
    if (files.length > limit) this.host.log(`newslint: ${root} has ${files.length} files; folder facts use the first ${limit} (setting maxFolderFiles)`)
    for (const target of files.slice(0, limit)) {
      if (index.token !== token) return
      await this.collect(index, target.path, this.host.openText(target.path))
      // Let edits and requests in between files: the scan must never make typing wait.
      await new Promise((resolve) => setImmediate(resolve))
    }
    if (index.token !== token) return
    index.ready = true
    index.generation++
  }

  /** Stops using a folder that left the workspace. */
  drop(root: string): void {
    const index = this.folders.get(root)
    if (index) index.token = {}
    this.folders.delete(root)
  }

  get roots(): string[] {
    return [...this.folders.keys()]
  }

  /**
   * A file changed on disk or its document closed: re-reads it (or the open text given).
   * Returns whether what the other files see changed.
   */
  async refresh(filePath: string, text?: string): Promise<boolean> {
    const index = this.indexOf(filePath)
    if (!index) return false
    const before = index.files.get(filePath)?.json
    await this.collect(index, filePath, text ?? this.host.openText(filePath))
    const after = index.files.get(filePath)?.json
    if (before === after) return false
    index.generation++
    return true
  }

  /** A file was deleted. Returns whether the other files' facts changed. */
  remove(filePath: string): boolean {
    const index = this.indexOf(filePath)
    if (!index || !index.files.delete(filePath)) return false
    index.generation++
    return true
  }

  /**
   * The facts to lint `filePath` with, given the facts of its current text (`own`, from `survey`);
   * undefined when no active rule needs any. `changed` says whether this text changed what the
   * other files of the folder see.
   */
  factsFor(filePath: string | undefined, config: Config, own: FolderFacts): {facts: FolderFacts | undefined; changed: boolean} {
    // The config's plugins are loaded: the document's lint looked its config up with them.
    const rules = rulesOf(config.plugins, this.host.rules)
    if (!needsFacts({config, rules})) return {facts: undefined, changed: false}
    const index = filePath ? this.indexOf(filePath) : undefined
    // Outside a workspace folder, or before the folder is read, a document stands alone (as `newslint file`).
    if (!filePath || !index) return {facts: mergeFacts({}, own, rules), changed: false}

    const json = JSON.stringify(own)
    const previous = index.files.get(filePath)
    // A document the folder walk would not find (another extension) sees the folder but adds nothing to it.
    const changed = walkable(filePath, config) && (previous?.json !== json || previous.config !== config)
    let cached = index.merged.get(filePath)
    if (changed) {
      const wasCurrent = cached?.generation === index.generation
      index.files.set(filePath, {config, facts: own, json})
      index.generation++
      // This file's own change leaves the merge of the *other* files as it was: typing stays cheap.
      if (cached && wasCurrent) cached.generation = index.generation
    }
    if (!index.ready) return {facts: mergeFacts({}, own, rules), changed: false}

    if (!cached || cached.config !== config || cached.generation !== index.generation) {
      let before: FolderFacts = {}
      let after: FolderFacts = {}
      const others = [...index.files].filter(([other, entry]) => other !== filePath && entry.config === config).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      for (const [other, entry] of others) {
        if (other < filePath) before = mergeFacts(before, entry.facts, rules)
        else after = mergeFacts(after, entry.facts, rules)
      }
      cached = {generation: index.generation, config, before, after}
      index.merged.set(filePath, cached)
    }
    // Merging is associative, so (files before) + this file + (files after) equals the in-order fold.
    return {facts: mergeFacts(mergeFacts(cached.before, own, rules), cached.after, rules), changed}
  }

  private indexOf(filePath: string): FolderIndex | undefined {
    const root = this.host.workspace.folderOf(filePath)
    return root ? this.folders.get(root) : undefined
  }

  private async collect(index: FolderIndex, filePath: string, openText: string | undefined): Promise<void> {
    const {workspace} = this.host
    const lookup = await workspace.configForAsync(filePath)
    const config = lookup.config
    const rules = config && rulesOf(config.plugins, this.host.rules)
    if (!config || !rules || !walkable(filePath, config) || workspace.isIgnored(filePath, config) || !needsFacts({config, rules})) {
      index.files.delete(filePath)
      return
    }
    let text = openText
    if (text === undefined) {
      try {
        text = readSourceFile(filePath).text
      } catch (error) {
        // Deleted since, unreadable or binary: the CLI would skip it with a message, so it adds no facts.
        if (!(error instanceof InputError)) this.host.log(`newslint: cannot read ${filePath}: ${String(error)}`)
        index.files.delete(filePath)
        return
      }
    }
    if (text.length > this.host.maxLength()) {
      index.files.delete(filePath)
      return
    }
    try {
      // An open document's lines are in the parse cache already; a closed file's stay out of it (a folder would flush it).
      const parseCache = openText !== undefined ? this.host.parseCache : undefined
      const facts = collectFacts(text, {filePath, config, rules, ...(parseCache ? {parseCache} : {})})
      index.files.set(filePath, {config, facts, json: JSON.stringify(facts)})
    } catch (error) {
      this.host.log(`newslint: collecting folder facts of ${filePath} failed: ${(error as Error)?.stack ?? String(error)}`)
      index.files.delete(filePath)
    }
  }
}

/** Whether walking the folder finds this file: its extension is one the config lints. */
function walkable(filePath: string, config: Config): boolean {
  return config.extensions.includes(path.extname(filePath))
}
