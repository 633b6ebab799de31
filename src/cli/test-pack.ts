// `newslint test-pack <packs...>`: runs the examples of phrase packs (mt-calque's data) entry by
// entry, so an editor who writes house entries sees which pass and, for the others, what was
// expected and what was found. The same checks refuse a house pack when a config loads it.
import {statSync} from 'node:fs'
import path from 'node:path'
import {checkEntryExamples, loadPack, PackError, type Pack} from '../../rules/mt-calque/index.js'

export interface TestPackIO {
  stdout: {write(chunk: string): unknown}
  stderr: {write(chunk: string): unknown}
  cwd: string
}

/** Largest pack read, as for packs a config names. */
const MAX_PACK_BYTES = 16 * 1024 * 1024

/** Prints one block per pack; returns 0 when every example passes, 1 when one fails, 2 when a pack cannot be used. */
export function testPacks(files: readonly string[], {io, color}: {io: TestPackIO; color: boolean}): number {
  const paint = (code: number) => (text: string) => (color ? `\u001B[${code}m${text}\u001B[39m` : text)
  const green = paint(32)
  const red = paint(31)
  let failedEntries = 0
  let passedEntries = 0
  let unusable = 0

  for (const [index, file] of files.entries()) {
    const shown = displayPath(path.resolve(io.cwd, file), io.cwd)
    let pack: Pack
    try {
      pack = readPack(path.resolve(io.cwd, file), shown)
    } catch (error) {
      if (!(error instanceof PackError)) throw error
      io.stderr.write(`newslint: ${shown}: ${error.entryId ? `entry \`${error.entryId}\`: ` : ''}${error.problem}\n`)
      unusable++
      continue
    }
    if (index > 0) io.stdout.write('\n')
    io.stdout.write(`${shown} (language ${pack.language}, ${pack.entries.length} ${pack.entries.length === 1 ? 'entry' : 'entries'})\n`)
    const width = Math.max(...pack.entries.map((entry) => entry.key.length))
    for (const entry of pack.entries) {
      const problems = checkEntryExamples(entry, pack)
      const {flagged, unflagged} = entry.entry.examples
      const counts = `${flagged.length} flagged, ${unflagged.length} unflagged`
      if (problems.length === 0) {
        passedEntries++
        io.stdout.write(`  ${green('pass')}  ${entry.key.padEnd(width)}  ${counts}\n`)
        continue
      }
      failedEntries++
      io.stdout.write(`  ${red('FAIL')}  ${entry.key.padEnd(width)}  ${counts}\n`)
      for (const problem of problems) io.stdout.write(`          - ${problem}\n`)
    }
  }

  const total = passedEntries + failedEntries
  if (total > 0 || unusable === 0) {
    const summary = `${total} ${total === 1 ? 'entry' : 'entries'}: ${passedEntries} passed, ${failedEntries} failed`
    io.stdout.write(`\n${failedEntries > 0 ? red(summary) : green(summary)}${unusable > 0 ? `; ${unusable} ${unusable === 1 ? 'pack' : 'packs'} not read` : ''}\n`)
  }
  return unusable > 0 ? 2 : failedEntries > 0 ? 1 : 0
}

/** A pack file: a plain file of sane size (a FIFO would block), valid against the pack schema. */
function readPack(file: string, shown: string): Pack {
  let size: number
  try {
    const info = statSync(file)
    if (!info.isFile()) throw new PackError(shown, undefined, 'not a regular file')
    size = info.size
  } catch (error) {
    if (error instanceof PackError) throw error
    throw new PackError(shown, undefined, `cannot read pack (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  if (size > MAX_PACK_BYTES) throw new PackError(shown, undefined, `${size} bytes, over the limit of ${MAX_PACK_BYTES}`)
  return loadPack(file)
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file)
  return relative && !relative.startsWith('..') ? relative.split(path.sep).join('/') : file
}
