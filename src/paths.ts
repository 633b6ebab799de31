// Where the package's own files are, whether running from src/ (tests) or dist/ (installed).
import {existsSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('newslint: cannot find its own package.json')
    dir = parent
  }
  return dir
}

export const packageRoot = findPackageRoot()

/** A data file of a built-in rule: rules/<rule-id>/<name> (data is not compiled, so never under dist/). */
export function ruleDataPath(ruleId: string, name: string): string {
  return path.join(packageRoot, 'rules', ruleId, name)
}
