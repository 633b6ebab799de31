// The language server's latency as a post-editor feels it: from a `didChange` leaving the editor to
// the `publishDiagnostics` for that version, on a ~10 KB article, one keystroke at a time.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {defaultSettings} from '../src/server/settings.js'
import {pathToUri, spawnServer} from './lsp-client.js'
import {article} from './corpus.js'

export interface LspLatency {
  /** Milliseconds from didChange to publishDiagnostics, over `edits` keystrokes. */
  median: number
  p95: number
  /** The slowest edit: the first ones after opening, while the JIT compiles the incremental path. */
  max: number
  edits: number
  /** Size of the article in UTF-8 bytes. */
  bytes: number
  /** The server's debounce in ms, part of every figure above (the wait for a pause in typing). */
  debounce: number
  /** didOpen to the first diagnostics: dictionaries and rule data load here, once per process. */
  firstDiagnostics: number
}

/** The same ~10 KB article on every run: paragraphs of generated articles, until the size is reached. */
export function latencyArticle(minBytes = 10_240): string {
  const paragraphs: string[] = []
  let bytes = 0
  for (let index = 0; bytes < minBytes; index++) {
    for (const paragraph of article(index, 7).split('\n\n')) {
      if (bytes >= minBytes) break
      if (!paragraph.trim()) continue
      paragraphs.push(paragraph.trim())
      bytes += Buffer.byteLength(paragraph) + 2
    }
  }
  return `${paragraphs.join('\n\n')}\n`
}

const TYPED = 'Officials in Seoul confirmed the report on Tuesday, and the ministry said talks would resume. '

/** Starts the built server, opens the article and types `edits` characters into its middle, one at a time. */
export async function measureLspLatency({edits = 50, debounce = defaultSettings.debounce}: {edits: number; debounce?: number}): Promise<LspLatency> {
  if (edits < 1) throw new RangeError('edits must be at least 1')
  const folder = mkdtempSync(path.join(os.tmpdir(), 'newslint-lsp-bench-'))
  const file = path.join(folder, 'article.txt')
  const text = latencyArticle()
  writeFileSync(file, text)
  const uri = pathToUri(file)
  const client = spawnServer({cwd: folder})
  try {
    await client.initialize({rootPath: folder, initializationOptions: {debounce}})
    const opened = performance.now()
    client.open(uri, text)
    await client.diagnostics(uri, (params) => params.version === 1, {since: 0, timeout: 60_000})
    const firstDiagnostics = performance.now() - opened

    // Type at the start of a paragraph in the middle, as a post-editor inserting a sentence would.
    const document = TextDocument.create(uri, 'plaintext', 1, text)
    const middle = text.indexOf('\n', text.length >> 1) + 1
    const samples: number[] = []
    for (let index = 0; index < edits; index++) {
      const version = index + 2
      const at = document.positionAt(middle + index)
      const change = {range: {start: at, end: at}, text: TYPED[index % TYPED.length]!}
      TextDocument.update(document, [change], version)
      const since = client.published.length
      const sent = performance.now()
      client.change(uri, version, [change])
      await client.diagnostics(uri, (params) => params.version === version, {since, timeout: 60_000})
      samples.push(performance.now() - sent)
    }
    samples.sort((a, b) => a - b)
    return {
      median: round(quantile(samples, 0.5)),
      p95: round(quantile(samples, 0.95)),
      max: round(samples.at(-1)!),
      edits,
      bytes: Buffer.byteLength(text),
      debounce,
      firstDiagnostics: round(firstDiagnostics)
    }
  } finally {
    await client.stop().catch(() => client.child?.kill())
    rmSync(folder, {recursive: true, force: true})
  }
}

/** Linear interpolation between closest ranks, on sorted samples. */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}

// `node dist/bench/lsp-latency.js [edits]` prints the figures on their own.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const edits = Number(process.argv[2] ?? 50)
  const result = await measureLspLatency({edits})
  console.log(
    `language server, ${result.bytes} B article, ${result.edits} edits: didChange → publishDiagnostics median ${result.median} ms, p95 ${result.p95} ms ` +
      `(includes the ${result.debounce} ms debounce; first diagnostics after open ${result.firstDiagnostics} ms)`
  )
}
