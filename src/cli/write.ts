// Writing fixed files without ever losing one: a temporary file in the same folder, flushed to
// disk, given the original's mode, then renamed over the original, and only if the original still
// holds the bytes that were linted. A run killed at any moment leaves each file either as it was or
// fully fixed, plus at most a temporary file, which the next `--fix` run removes.
import {randomBytes} from 'node:crypto'
import * as nodeFs from 'node:fs/promises'
import path from 'node:path'
import {InputError, ioProblem} from './read.js'

/** Prefix of the temporary files this writer creates, so a later run can recognise leftovers. */
export const TEMP_MARK = '.newslint-tmp-'

/** `.newslint-tmp-<pid>-<random>-<name>`: the pid tells whether the run that made it is still alive. */
const TEMP_NAME = /^\.newslint-tmp-(\d+)-[0-9a-f]+-/

/** The file-system calls the writer makes; tests swap them to inject faults (a full disk, a failing rename). */
export interface WriteFs {
  open: typeof nodeFs.open
  chmod: typeof nodeFs.chmod
  rename: typeof nodeFs.rename
  unlink: typeof nodeFs.unlink
  readFile: typeof nodeFs.readFile
}

const realFs: WriteFs = {open: nodeFs.open, chmod: nodeFs.chmod, rename: nodeFs.rename, unlink: nodeFs.unlink, readFile: nodeFs.readFile}
let fs: WriteFs = realFs

/** Replaces some of the writer's file-system calls (for fault-injection tests); no argument restores the real ones. */
export function setWriteFs(overrides?: Partial<WriteFs>): void {
  fs = {...realFs, ...overrides}
}

export async function writeAtomically(file: string, bytes: Buffer, expected: {bytes: Buffer; mode: number}): Promise<void> {
  await assertUnchanged(file, expected.bytes)
  const temp = path.join(path.dirname(file), `${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}-${path.basename(file)}`)
  try {
    const handle = await fs.open(temp, 'wx', expected.mode & 0o7777)
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    // The umask may have narrowed the mode given to open().
    await fs.chmod(temp, expected.mode & 0o7777)
    await assertUnchanged(file, expected.bytes)
    await fs.rename(temp, file)
  } catch (error) {
    await fs.unlink(temp).catch(() => {})
    if (error instanceof InputError) throw error
    throw new InputError(file, `not written: ${ioProblem(error)}; the original is unchanged`)
  }
}

/**
 * Writes a file newslint owns (a baseline) atomically: a temporary file in the same folder, flushed,
 * then renamed over the target, so a reader never sees half a file. Throws `InputError` on failure.
 */
export async function writeNewFileAtomically(file: string, bytes: Buffer): Promise<void> {
  const temp = path.join(path.dirname(file), `${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}-${path.basename(file)}`)
  try {
    const handle = await fs.open(temp, 'wx', 0o666)
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, file)
  } catch (error) {
    await fs.unlink(temp).catch(() => {})
    throw new InputError(file, `not written: ${ioProblem(error)}`)
  }
}

async function assertUnchanged(file: string, bytes: Buffer): Promise<void> {
  let current: Buffer
  try {
    current = await fs.readFile(file)
  } catch (error) {
    throw new InputError(file, `not written: ${ioProblem(error)}`)
  }
  if (!current.equals(bytes)) throw new InputError(file, 'changed on disk since it was read; not written (run again to fix the new text)')
}

/**
 * Removes the temporary files that runs killed before their rename left in these folders: those
 * whose pid is not a live process. A live run's files (this one's, or a concurrent run's) are kept.
 * Returns the paths removed. Best effort: a folder that cannot be read is skipped.
 */
export async function removeStaleTempFiles(folders: Iterable<string>): Promise<string[]> {
  const removed: string[] = []
  for (const folder of new Set(folders)) {
    let names: string[]
    try {
      names = await nodeFs.readdir(folder)
    } catch {
      continue
    }
    for (const name of names) {
      const pid = Number(TEMP_NAME.exec(name)?.[1])
      if (!pid || isAlive(pid)) continue
      const temp = path.join(folder, name)
      try {
        // Only a plain file is ours to delete: never follow a link or empty a folder that happens to match.
        if (!(await nodeFs.lstat(temp)).isFile()) continue
        await nodeFs.unlink(temp)
        removed.push(temp)
      } catch {
        // Gone already (another run cleaned it) or not ours to remove: either way nothing to do.
      }
    }
  }
  return removed
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Keeps the file's line-ending style: in a CRLF file, a line break a fix inserted becomes CRLF too. */
export function keepLineEndings(original: string, fixed: string): string {
  const crlf = (original.match(/\r\n/g) ?? []).length
  const lf = (original.match(/\n/g) ?? []).length
  if (crlf === 0 || crlf !== lf) return fixed
  return fixed.replace(/\r?\n/g, '\r\n')
}
