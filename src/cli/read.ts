// Reading article files: decoding with the byte-order mark and line endings remembered, so a fixed
// file is written back in exactly the encoding it came in.
import {closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats} from 'node:fs'

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

/** Files larger than this are refused unless `--max-file-size` says otherwise: 20 MiB, about 200 long articles. */
export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024

export interface ReadOptions {
  /** Largest file read, in bytes (default `DEFAULT_MAX_FILE_SIZE`): bigger ones are refused before a byte is read. */
  maxBytes?: number
}

/**
 * Reads one article. Only regular files are opened (a FIFO would block the run, a device never
 * ends), files over the size limit are refused from their metadata, and no more than the limit is
 * ever read, even from a file that grows meanwhile: memory stays bounded whatever the folder holds.
 * Synchronous: each of the six calls of a read, made through the promise API, went through the
 * thread pool and back (2,000 articles, 16 at a time: 250 ms and 380 ms of CPU; one by one with
 * these calls: 40 ms and 50 ms).
 */
export function readSourceFile(file: string, {maxBytes = DEFAULT_MAX_FILE_SIZE}: ReadOptions = {}): SourceFile {
  let bytes: Buffer
  let mode: number
  try {
    checkKind(file, statSync(file), maxBytes)
    // O_NONBLOCK: if the path became a FIFO since stat(), open() returns instead of waiting for a writer.
    const descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)
    try {
      const info = fstatSync(descriptor)
      checkKind(file, info, maxBytes)
      mode = info.mode
      bytes = readAtMost(descriptor, maxBytes, file, info.size)
    } finally {
      closeSync(descriptor)
    }
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new InputError(file, ioProblem(error))
  }
  return {path: file, ...decode(file, bytes), bytes, mode}
}

function checkKind(file: string, info: Stats, maxBytes: number): void {
  if (info.isDirectory()) throw new InputError(file, 'is a directory')
  if (!info.isFile()) throw new InputError(file, `is ${specialKind(info)}, not a regular file; not read`)
  if (info.size > maxBytes) throw tooLarge(file, info.size, maxBytes)
}

function tooLarge(file: string, size: number, maxBytes: number, grew = false): InputError {
  const what = grew ? 'grew past' : `is ${formatSize(size)}, over`
  return new InputError(file, `${what} the size limit of ${formatSize(maxBytes)} (--max-file-size); not linted`)
}

function specialKind(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  return 'a special file'
}

/**
 * Reads the whole file, but never more than `maxBytes` (plus one byte, to tell that it grew past it).
 * The first buffer fits the size `stat` gave (a byte more, to see a file that grew): a fixed large
 * buffer per file would make thousands of small files cost gigabytes of allocation and garbage collection.
 */
function readAtMost(descriptor: number, maxBytes: number, file: string, expected: number): Buffer {
  const chunks: Buffer[] = []
  let total = 0
  for (;;) {
    // After the expected bytes, one more read of a byte tells the end from growth.
    const want = Math.min(total === 0 ? expected + 1 : total === expected ? 1 : 64 * 1024, 1024 * 1024, maxBytes + 1 - total)
    if (want <= 0) throw tooLarge(file, total, maxBytes, true)
    const buffer = Buffer.allocUnsafe(want)
    const bytesRead = readSync(descriptor, buffer, 0, want, null)
    if (bytesRead === 0) break
    chunks.push(bytesRead === want ? buffer : buffer.subarray(0, bytesRead))
    total += bytesRead
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total)
}

/** `20MB`, `500k`, `1048576`: a size in bytes (k/M/G are powers of 1024, an optional `B` or `iB` is ignored). */
export function parseSize(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$/i.exec(value)
  if (!match) throw new Error(`expected a size such as 20MB, 500k or 1048576, got \`${value}\``)
  const scale = {'': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3}[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g']
  const bytes = Math.floor(Number(match[1]) * scale)
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new Error(`expected a size of at least one byte, got \`${value}\``)
  return bytes
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${trim(bytes / 1024 ** 3)} GB`
  if (bytes >= 1024 ** 2) return `${trim(bytes / 1024 ** 2)} MB`
  if (bytes >= 1024) return `${trim(bytes / 1024)} KB`
  return `${bytes} bytes`
}

function trim(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '')
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
    case 'EDQUOT':
      return 'disk quota exceeded'
    case 'EBUSY':
      return 'the file is busy (a mount point, or locked)'
    case 'EXDEV':
      return 'cannot rename across file systems'
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files'
    default:
      return code ? `${code}: ${(error as Error).message}` : String((error as Error)?.message ?? error)
  }
}
