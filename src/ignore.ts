// Which files a run skips: `.newslintignore` in one folder, plus config `ignore` patterns, each
// relative to the folder of the config that set it (gitignore semantics, via `ignore`).
import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import type {Ignore} from 'ignore'
import type {IgnorePattern} from './config.js'

// `ignore` (CommonJS) is required when there is something to ignore: most runs have no patterns.
const require = createRequire(import.meta.url)
const ignore = (): Ignore => (require('ignore') as typeof import('ignore'))()

export const IGNORE_FILE = '.newslintignore'

export class IgnoreRules {
  private fromFile: Ignore | null | undefined
  private readonly matchers = new Map<string, Ignore>()

  /** `folder` holds the `.newslintignore` that applies (the CLI's working folder, an editor's workspace folder). */
  constructor(private readonly folder: string) {}

  isIgnored(file: string, patterns: readonly IgnorePattern[]): boolean {
    const fromFile = this.ignoreFile()
    if (fromFile && matches(fromFile, this.folder, file)) return true
    const byBase = new Map<string, string[]>()
    for (const {pattern, baseDir} of patterns) byBase.set(baseDir, [...(byBase.get(baseDir) ?? []), pattern])
    for (const [baseDir, group] of byBase) if (matches(this.matcher(baseDir, group), baseDir, file)) return true
    return false
  }

  private ignoreFile(): Ignore | null {
    if (this.fromFile === undefined) {
      const file = path.join(this.folder, IGNORE_FILE)
      try {
        this.fromFile = existsSync(file) ? ignore().add(readFileSync(file, 'utf8')) : null
      } catch {
        // An unreadable ignore file ignores nothing rather than stopping the run.
        this.fromFile = null
      }
    }
    return this.fromFile
  }

  private matcher(baseDir: string, patterns: string[]): Ignore {
    const key = `${baseDir}\u0000${patterns.join('\u0000')}`
    let found = this.matchers.get(key)
    if (!found) this.matchers.set(key, (found = ignore().add(patterns)))
    return found
  }
}

function matches(matcher: Ignore, baseDir: string, file: string): boolean {
  const relative = path.relative(baseDir, file)
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return false
  return matcher.ignores(relative.split(path.sep).join('/'))
}
