// Reading article files: decoding with the byte-order mark and line endings remembered, so a fixed
// file is written back in exactly the encoding it came in.
import {readFile, stat} from 'node:fs/promises'

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be'

export interface SourceFile {
  path: string
  /** Decoded text without the byte-order mark. */
  text: string
  encoding: Encoding
  bom: boolean
  /** The bytes as read, to detect a change on disk before writing. */
  bytes: Buffer
  mode: number
}

/** A file that cannot be linted, with the one-line reason shown to the user. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string
  ) {
    super(`${file}: ${problem}`)
    this.name = 'InputError'
  }
}

export async function readSourceFile(file: string): Promise<SourceFile> {
  let bytes: Buffer
  let mode: number
  try {
    const info = await stat(file)
    if (info.isDirectory()) throw new InputError(file, 'is a directory')
    if (!info.isFile()) throw new InputError(file, 'is not a regular file')
    mode = info.mode
    bytes = await readFile(file)
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new InputError(file, ioProblem(error))
  }
  return {path: file, ...decode(file, bytes), bytes, mode}
}

/** Decodes UTF-8 (with or without BOM) or UTF-16 with a BOM; refuses binary data and invalid UTF-8. */
export function decode(file: string, bytes: Buffer): {text: string; encoding: Encoding; bom: boolean} {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return {text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true}
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return {text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true}
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  const body = bom ? bytes.subarray(3) : bytes
  const nul = body.indexOf(0)
  if (nul !== -1) throw new InputError(file, `binary file (NUL byte at offset ${nul + (bom ? 3 : 0)}), not linted`)
  try {
    return {text: new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(body), encoding: 'utf-8', bom}
  } catch {
    throw new InputError(file, `invalid UTF-8 (first bad byte at offset ${firstInvalidUtf8(body) + (bom ? 3 : 0)}), not linted`)
  }
}

export function encode(text: string, encoding: Encoding, bom: boolean): Buffer {
  if (encoding === 'utf-8') return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')])
  const little = Buffer.from(`\uFEFF${text}`, 'utf16le')
  return encoding === 'utf-16le' ? little : little.swap16()
}

/** Byte offset of the first undecodable sequence (the first replacement character a lenient decode makes). */
function firstInvalidUtf8(bytes: Buffer): number {
  const lenient = new TextDecoder('utf-8', {ignoreBOM: true}).decode(bytes)
  return Buffer.byteLength(lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD'))), 'utf8')
}

export function ioProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'is a directory'
    case 'ELOOP':
      return 'too many levels of symbolic links'
    case 'ENOSPC':
      return 'no space left on device'
    case 'EROFS':
      return 'read-only file system'
    default:
      return code ? `${code}: ${(error as Error).message}` : String((error as Error)?.message ?? error)
  }
}
