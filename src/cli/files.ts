// Turning the command line's paths and globs into the list of files to lint.
import {existsSync, lstatSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import ignore, {type Ignore} from 'ignore'
import {glob, isDynamicPattern} from 'tinyglobby'
import type {IgnorePattern} from '../config.js'
import {InputError, ioProblem} from './read.js'

export const IGNORE_FILE = '.newslintignore'
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**']

export interface FileTarget {
  path: string
  /** Named on the command line rather than found by walking a folder or a glob. */
  explicit: boolean
}

export interface ExpandOptions {
  cwd: string
  /** Extensions to walk for in a folder (from the config that applies there). */
  extensionsFor(folder: string): readonly string[]
  /** Config `ignore` patterns that apply to a file (each relative to its config's folder). */
  ignoreFor(file: string): readonly IgnorePattern[]
}

/**
 * Folders are walked recursively for the configured extensions, globs are expanded, files named
 * explicitly are always linted. `.newslintignore` (in the working folder) and config `ignore`
 * patterns, gitignore semantics, apply to what walking and globs find.
 */
export async function expandPaths(inputs: readonly string[], options: ExpandOptions): Promise<{files: FileTarget[]; errors: InputError[]}> {
  const filter = ignoreFilter(options)
  const files = new Map<string, FileTarget>()
  const errors: InputError[] = []

  for (const input of inputs) {
    const absolute = path.resolve(options.cwd, input)
    const kind = pathKind(absolute)
    let found: string[] = []
    if (kind === 'folder') {
      found = await glob(`**/${extensionGlob(options.extensionsFor(absolute))}`, {cwd: absolute, absolute: true, ignore: ALWAYS_SKIPPED, dot: false, followSymbolicLinks: false})
      found = found.filter((file) => !filter(file))
    } else if (kind === 'file') {
      files.set(absolute, {path: absolute, explicit: true})
      continue
    } else if (kind === 'missing' && isDynamicPattern(input)) {
      found = (await glob(input, {cwd: options.cwd, absolute: true, ignore: ALWAYS_SKIPPED, dot: false, onlyFiles: true})).filter((file) => !filter(file))
      if (found.length === 0) errors.push(new InputError(input, 'no files match this glob'))
    } else {
      errors.push(new InputError(input, kind === 'missing' ? 'no such file or directory' : kind.problem))
      continue
    }
    for (const file of found.sort()) if (!files.has(file)) files.set(file, {path: file, explicit: false})
  }
  return {files: [...files.values()], errors}
}

/** What a path is; a broken link or a link loop carries the reason it cannot be read. */
function pathKind(absolute: string): 'folder' | 'file' | 'missing' | {problem: string} {
  try {
    const info = statSync(absolute, {throwIfNoEntry: false})
    if (info) return info.isDirectory() ? 'folder' : 'file'
    return lstatSync(absolute, {throwIfNoEntry: false}) ? {problem: 'broken symbolic link'} : 'missing'
  } catch (error) {
    return {problem: ioProblem(error)}
  }
}

function extensionGlob(extensions: readonly string[]): string {
  const bare = extensions.map((extension) => extension.replace(/^\./, ''))
  return bare.length === 1 ? `*.${bare[0]}` : `*.{${bare.join(',')}}`
}

function ignoreFilter(options: ExpandOptions): (file: string) => boolean {
  const ignoreFile = path.join(options.cwd, IGNORE_FILE)
  const fromFile = existsSync(ignoreFile) ? ignore().add(readFileSync(ignoreFile, 'utf8')) : undefined
  const matchers = new Map<string, Ignore>()
  const matcher = (patterns: readonly IgnorePattern[], baseDir: string) => {
    const key = `${baseDir}\u0000${patterns.map((entry) => entry.pattern).join('\u0000')}`
    let found = matchers.get(key)
    if (!found) matchers.set(key, (found = ignore().add(patterns.map((entry) => entry.pattern))))
    return found
  }
  return (file) => {
    if (fromFile && matches(fromFile, options.cwd, file)) return true
    const byBase = new Map<string, IgnorePattern[]>()
    for (const entry of options.ignoreFor(file)) byBase.set(entry.baseDir, [...(byBase.get(entry.baseDir) ?? []), entry])
    for (const [baseDir, patterns] of byBase) if (matches(matcher(patterns, baseDir), baseDir, file)) return true
    return false
  }
}

function matches(matcher: Ignore, baseDir: string, file: string): boolean {
  const relative = path.relative(baseDir, file)
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return false
  return matcher.ignores(relative.split(path.sep).join('/'))
}
