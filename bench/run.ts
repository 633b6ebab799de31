// `npm run bench`: newslint's throughput over a generated corpus, beside baselines measured in the
// same run, reported as ratios (absolute times vary from machine to machine; ratios less so).
import {spawnSync} from 'node:child_process'
import {readFileSync, rmSync, statSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {recommendedConfig} from '../src/config.js'
import {lintTogether} from '../src/engine.js'
import {writeCorpus} from './corpus.js'
import {measureLspLatency} from './lsp-latency.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const fileCount = Number(process.env.BENCH_FILES ?? 1000)
const corpus = path.join(os.tmpdir(), `newslint-bench-${process.pid}`)

interface Row {
  name: string
  seconds: number
}

function time(name: string, work: () => void): Row {
  const start = process.hrtime.bigint()
  work()
  return {name, seconds: Number(process.hrtime.bigint() - start) / 1e9}
}

async function timeAsync(name: string, work: () => Promise<void>): Promise<Row> {
  const start = process.hrtime.bigint()
  await work()
  return {name, seconds: Number(process.hrtime.bigint() - start) / 1e9}
}

/** 200 phrases, as a phrase-list linter would hold them, in one alternation. */
function phraseRegex(): RegExp {
  const words = ['oil painting', 'Kremlin Palace', 'returning to Korea', 'local time', 'our government', 'in-house', 'the the']
  const phrases = Array.from({length: 200}, (_, index) => `${words[index % words.length]} ${index}`)
  return new RegExp(`\\b(?:${phrases.map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'g')
}

async function main(): Promise<void> {
  const files = writeCorpus(corpus, fileCount)
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0)
  const rows: Row[] = []
  try {
    rows.push(time('baseline: read every file', () => {
      for (const file of files) readFileSync(file, 'utf8')
    }))
    const pattern = phraseRegex()
    rows.push(time('baseline: read + one regex of 200 phrases', () => {
      for (const file of files) for (const _ of readFileSync(file, 'utf8').matchAll(pattern));
    }))
    const config = recommendedConfig()
    rows.push(await timeAsync('newslint API, all rules (in process)', async () => {
      await lintTogether(files.map((file) => ({path: file, text: readFileSync(file, 'utf8')})), {config})
    }))
    rows.push(time('newslint CLI, all rules (whole process)', () => {
      const result = spawnSync(process.execPath, [path.join(root, 'bin', 'newslint.js'), corpus, '--format', 'json', '--output-file', path.join(corpus, '..', `newslint-bench-${process.pid}.json`)], {encoding: 'utf8'})
      if (result.status === 2) throw new Error(`newslint failed: ${result.stderr}`)
    }))
  } finally {
    rmSync(corpus, {recursive: true, force: true})
    rmSync(path.join(corpus, '..', `newslint-bench-${process.pid}.json`), {force: true})
  }

  const baseline = rows[0]!.seconds
  const megabytes = bytes / 1e6
  console.log(`corpus: ${files.length} generated articles, ${megabytes.toFixed(2)} MB (seeded, identical on every run)`)
  console.log(`node ${process.version}, ${os.cpus().length} cores\n`)
  console.log(`${'what'.padEnd(46)} ${'seconds'.padStart(8)} ${'MB/s'.padStart(9)} ${'files/s'.padStart(10)} ${'× read time'.padStart(12)}`)
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(46)} ${row.seconds.toFixed(3).padStart(8)} ${(megabytes / row.seconds).toFixed(2).padStart(9)} ${(files.length / row.seconds).toFixed(0).padStart(10)} ${(row.seconds / baseline).toFixed(1).padStart(12)}`
    )
  }
}

await main()
const latency = await measureLspLatency({edits: 50})
console.log(
  `\nlanguage server, didChange → publishDiagnostics on a ${latency.bytes}-byte article, ${latency.edits} edits: ` +
    `median ${latency.median.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms (includes the ${latency.debounce} ms debounce)`
)
