// Writing fixed files without ever losing one: a temporary file in the same folder, flushed to
// disk, given the original's mode, then renamed over the original, and only if the original still
// holds the bytes that were linted.
import {randomBytes} from 'node:crypto'
import {chmod, open, readFile, rename, unlink} from 'node:fs/promises'
import path from 'node:path'
import {InputError, ioProblem} from './read.js'

/** Prefix of the temporary files this writer creates, so a later run can recognise leftovers. */
export const TEMP_MARK = '.newslint-tmp-'

export async function writeAtomically(file: string, bytes: Buffer, expected: {bytes: Buffer; mode: number}): Promise<void> {
  await assertUnchanged(file, expected.bytes)
  const temp = path.join(path.dirname(file), `${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}-${path.basename(file)}`)
  try {
    const handle = await open(temp, 'wx', expected.mode & 0o7777)
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    // The umask may have narrowed the mode given to open().
    await chmod(temp, expected.mode & 0o7777)
    await assertUnchanged(file, expected.bytes)
    await rename(temp, file)
  } catch (error) {
    await unlink(temp).catch(() => {})
    if (error instanceof InputError) throw error
    throw new InputError(file, `not written: ${ioProblem(error)}; the original is unchanged`)
  }
}

async function assertUnchanged(file: string, bytes: Buffer): Promise<void> {
  let current: Buffer
  try {
    current = await readFile(file)
  } catch (error) {
    throw new InputError(file, `not written: ${ioProblem(error)}`)
  }
  if (!current.equals(bytes)) throw new InputError(file, 'changed on disk since it was read; not written (run again to fix the new text)')
}

/** Keeps the file's line-ending style: in a CRLF file, a line break a fix inserted becomes CRLF too. */
export function keepLineEndings(original: string, fixed: string): string {
  const crlf = (original.match(/\r\n/g) ?? []).length
  const lf = (original.match(/\n/g) ?? []).length
  if (crlf === 0 || crlf !== lf) return fixed
  return fixed.replace(/\r?\n/g, '\r\n')
}
