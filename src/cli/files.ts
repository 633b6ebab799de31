// Turning the command line's paths and globs into the list of files to lint.
import {lstatSync, statSync} from 'node:fs'
import path from 'node:path'
import type {IgnorePattern} from '../config.js'
import {IgnoreRules} from '../ignore.js'
import {InputError, ioProblem} from './read.js'

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
  const ignoring = new IgnoreRules(options.cwd)
  const filter = (file: string) => ignoring.isIgnored(file, options.ignoreFor(file))
  const files = new Map<string, FileTarget>()
  const errors: InputError[] = []

  for (const input of inputs) {
    const absolute = path.resolve(options.cwd, input)
    const kind = pathKind(absolute)
    let found: string[] = []
    if (kind === 'file') {
      files.set(absolute, {path: absolute, explicit: true})
      continue
    }
    // The walker is imported only for folders and globs: a run over named files never loads it.
    const {glob, isDynamicPattern} = await import('tinyglobby')
    if (kind === 'folder') {
      found = await glob(`**/${extensionGlob(options.extensionsFor(absolute))}`, {cwd: absolute, absolute: true, ignore: ALWAYS_SKIPPED, dot: false, followSymbolicLinks: false})
      found = found.filter((file) => !filter(file))
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
