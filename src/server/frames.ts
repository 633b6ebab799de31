// A guard between standard input and the JSON-RPC reader. vscode-jsonrpc's reader gives up on the
// stream after one bad header (every later message is lost), buffers whatever Content-Length a
// client claims, and swallows the next messages when a length is too long. This guard passes
// well-formed frames through untouched and, after a bad one, finds the next `Content-Length:`
// header, so one malformed message costs that message only, never the editor session.
import {Transform, type TransformCallback} from 'node:stream'

/** Frames larger than this are skipped without being buffered: 64 MiB, far above any document the server lints. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024
/** A header block longer than this is garbage, not a header. */
const MAX_HEADER_BYTES = 8 * 1024
const MARKER = 'content-length:'

interface Body {
  length: number
  parts: Buffer[]
  size: number
  /** Over MAX_FRAME_BYTES: counted and dropped as it arrives, never held. */
  discard: boolean
}

export class FrameGuard extends Transform {
  private pending: Buffer = Buffer.alloc(0)
  private body: Body | undefined

  constructor(
    private readonly report: (problem: string) => void,
    private readonly maxFrame = MAX_FRAME_BYTES
  ) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk
    try {
      this.drain()
      callback()
    } catch (error) {
      callback(error as Error)
    }
  }

  private drain(): void {
    for (;;) {
      if (this.body) {
        if (!this.fillBody(this.body)) return
        continue
      }
      const end = this.pending.indexOf('\r\n\r\n')
      if (end === -1) {
        if (this.pending.length > MAX_HEADER_BYTES) this.resync('a header block that never ends')
        return
      }
      const length = contentLength(this.pending.subarray(0, end).toString('latin1'))
      if (length === undefined) {
        this.resync(`a malformed header ${JSON.stringify(this.pending.subarray(0, Math.min(end, 80)).toString('latin1'))}`)
        continue
      }
      this.pending = this.pending.subarray(end + 4)
      const discard = length > this.maxFrame
      if (discard) this.report(`skipping a message of ${length} bytes (over the limit of ${this.maxFrame})`)
      this.body = {length, parts: [], size: 0, discard}
    }
  }

  /** Moves bytes into the body; emits it when complete. Returns false when more input is needed. */
  private fillBody(body: Body): boolean {
    if (this.pending.length === 0) return false
    const take = Math.min(body.length - body.size, this.pending.length)
    const part = this.pending.subarray(0, take)
    this.pending = this.pending.subarray(take)
    const before = body.size
    body.size += take
    if (body.discard) {
      if (body.size < body.length) return false
      this.body = undefined
      return true
    }
    body.parts.push(part)
    // A Content-Length that was too long swallows the next message: when a header shows up inside
    // the body and what precedes it is a whole JSON message, that message is given its true length
    // and the rest is read as the next frame. (Inside a JSON string the prefix is never whole JSON.)
    // Only the new bytes (and a marker's length before them) are searched: large bodies stay linear.
    const previous = body.parts.length > 1 ? body.parts[body.parts.length - 2]! : Buffer.alloc(0)
    const overlap = previous.subarray(Math.max(0, previous.length - MARKER.length))
    const found = indexOfMarker(Buffer.concat([overlap, part]), 0)
    if (found !== -1 && before - overlap.length + found > 0) {
      const joined = Buffer.concat(body.parts, body.size)
      const cut = before - overlap.length + found
      if (isJson(joined.subarray(0, cut))) {
        this.report(`a Content-Length of ${body.length} is longer than its message (${cut} bytes); reading the rest as the next message`)
        this.body = undefined
        this.pending = Buffer.concat([joined.subarray(cut), this.pending])
        this.pushFrame(joined.subarray(0, cut))
        return true
      }
      body.parts = [joined]
    }
    if (body.size < body.length) return false
    this.body = undefined
    this.pushFrame(Buffer.concat(body.parts, body.size))
    return true
  }

  private pushFrame(body: Buffer): void {
    this.push(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]))
  }

  /** Drops bytes up to the next `Content-Length:` header (or all but a possible partial one). */
  private resync(what: string): void {
    const next = this.markerAt(1)
    const skipped = next === -1 ? Math.max(0, this.pending.length - MARKER.length) : next
    this.pending = this.pending.subarray(skipped)
    this.report(`skipped ${skipped} bytes of the input stream: ${what}`)
  }

  private markerAt(from: number): number {
    return indexOfMarker(this.pending, from)
  }
}

function indexOfMarker(buffer: Buffer, from: number): number {
  // Header names are case-insensitive; clients send `Content-Length`, a few `content-length`.
  const found = [buffer.indexOf('Content-Length:', from), buffer.indexOf('content-length:', from)].filter((index) => index !== -1)
  return found.length > 0 ? Math.min(...found) : -1
}

/** The Content-Length of a header block, or undefined when the block is not a valid header. */
function contentLength(header: string): number | undefined {
  let length: number | undefined
  for (const line of header.split('\r\n')) {
    const match = /^([A-Za-z0-9-]+):[ \t]*(.*?)[ \t]*$/.exec(line)
    if (!match) return undefined
    if (match[1]!.toLowerCase() === 'content-length') {
      if (!/^\d{1,15}$/.test(match[2]!)) return undefined
      length = Number(match[2])
    }
  }
  return length
}

function isJson(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'))
    return true
  } catch {
    return false
  }
}
