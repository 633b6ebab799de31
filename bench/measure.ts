// Runs one benchmarked command as a whole process (a fresh `node`), timing it from spawn to exit and
// reading its peak RSS through the `maxrss` preload. A run that exceeds its time limit is stopped
// and reported as such, with what it did until then.
import {spawn} from 'node:child_process'
import {existsSync, readFileSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const preload = pathToFileURL(path.join(here, 'maxrss.js')).href

export interface RunOptions {
  /** Arguments to `node`: the script and its arguments. */
  args: readonly string[]
  cwd?: string
  /** Lines written to the child's standard input, with back-pressure; stdin is closed afterwards. */
  input?: Iterable<string>
  /** Called for each line the child writes to standard output (output is not kept otherwise). */
  onLine?: (line: string) => void
  /** Stop the run (SIGTERM, then SIGKILL 5 s later) after this many milliseconds. */
  timeoutMs?: number
  /** Measure peak RSS (adds a tiny preload module to every node process of the run). */
  rss?: boolean
  /** The report file the run must write: removed before the run; a run that leaves none failed. */
  report?: string
}

export interface RunResult {
  seconds: number
  code: number | null
  signal: NodeJS.Signals | null
  /** The run exceeded its time limit and was stopped; `seconds` is then the limit. */
  timedOut: boolean
  /** The first 64 KB of standard error. */
  stderr: string
  /** Lines seen on standard output (only counted with `onLine`). */
  lines: number
  /** Peak resident set size in MB: the largest process's peak, or the sum of the peaks when several node processes ran. */
  rssMB?: number
  /** CPU time (user + system) of the node processes of the run, worker threads included: less sensitive to load than wall time. */
  cpuSeconds?: number
  /** How many node processes reported a peak (worker threads count with their process). */
  processes?: number
  /** The run exited but did not write its `report` (some tools exit 1 on a crash, as on findings). */
  noReport?: boolean
}

let runs = 0

export async function runNode(options: RunOptions): Promise<RunResult> {
  const rssFile = path.join(os.tmpdir(), `newslint-bench-rss-${process.pid}-${++runs}.txt`)
  const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1'}
  if (options.rss) {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${preload}`.trim()
    env.NEWSLINT_BENCH_RSS_FILE = rssFile
  }
  if (options.report) rmSync(options.report, {force: true})
  const start = process.hrtime.bigint()
  const child = spawn(process.execPath, [...options.args], {
    cwd: options.cwd,
    env,
    stdio: [options.input ? 'pipe' : 'ignore', options.onLine ? 'pipe' : 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    if (stderr.length < 65_536) stderr += chunk
  })
  let lines = 0
  if (options.onLine && child.stdout) {
    let pending = ''
    const onLine = options.onLine
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      pending += chunk
      let newline: number
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline)
        pending = pending.slice(newline + 1)
        if (line.trim()) {
          lines++
          onLine(line)
        }
      }
    })
    child.stdout.on('end', () => {
      if (pending.trim()) {
        lines++
        onLine(pending)
      }
    })
  }

  let timedOut = false
  let hwmKiB: number | undefined
  const timers: NodeJS.Timeout[] = []
  if (options.timeoutMs) {
    timers.push(
      setTimeout(() => {
        timedOut = true
        hwmKiB = linuxPeakRss(child.pid)
        child.kill('SIGTERM')
        timers.push(setTimeout(() => child.kill('SIGKILL'), 5_000))
      }, options.timeoutMs)
    )
  }

  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null; end: bigint}>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({code, signal, end: process.hrtime.bigint()}))
  })
  if (options.input && child.stdin) await feed(child.stdin, options.input)
  const {code, signal, end} = await exited
  for (const timer of timers) clearTimeout(timer)

  const result: RunResult = {
    seconds: timedOut ? options.timeoutMs! / 1000 : Number(end - start) / 1e9,
    code,
    signal,
    timedOut,
    stderr,
    lines
  }
  if (options.report && !timedOut && !existsSync(options.report)) result.noReport = true
  if (options.rss) {
    const reports = readReports(rssFile)
    rmSync(rssFile, {force: true})
    // A process stopped in the middle of synchronous work never runs its handlers: use Linux's
    // VmHWM, read just before the stop, when the preload could not report.
    if (reports.length === 0 && hwmKiB !== undefined) reports.push({rssKiB: hwmKiB})
    if (reports.length > 0) {
      result.rssMB = reports.reduce((sum, report) => sum + report.rssKiB, 0) / 1024
      result.processes = reports.length
      if (reports.every((report) => report.cpuMicros !== undefined)) result.cpuSeconds = reports.reduce((sum, report) => sum + report.cpuMicros!, 0) / 1e6
    }
  }
  return result
}

/** Writes the lines to the child, waiting for 'drain' so a large input is never held in memory. */
async function feed(stdin: NodeJS.WritableStream & {destroyed?: boolean}, input: Iterable<string>): Promise<void> {
  let broken = false
  stdin.on('error', () => {
    broken = true // EPIPE: the child stopped reading (finished early, refused an option, or was stopped)
  })
  const closed = new Promise<void>((resolve) => stdin.once('close', () => resolve()))
  for (const line of input) {
    if (broken || stdin.destroyed) break
    if (!stdin.write(line)) {
      await Promise.race([new Promise<void>((resolve) => stdin.once('drain', () => resolve())), closed])
    }
  }
  if (!broken && !stdin.destroyed) stdin.end()
}

interface ProcessReport {
  rssKiB: number
  cpuMicros?: number
}

/** One report per process (the preload writes once per process; the last line wins). */
function readReports(file: string): ProcessReport[] {
  if (!existsSync(file)) return []
  const byPid = new Map<string, ProcessReport>()
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [pid, kib, cpu] = line.trim().split(/\s+/)
    if (!pid || !kib || !Number.isFinite(Number(kib))) continue
    byPid.set(pid, {rssKiB: Number(kib), ...(cpu && Number.isFinite(Number(cpu)) ? {cpuMicros: Number(cpu)} : {})})
  }
  return [...byPid.values()]
}

/** VmHWM (peak RSS) of a running process from /proc, where there is one; undefined elsewhere. */
function linuxPeakRss(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

/** Runs `times` times (fewer when the runs so far already took `budgetSeconds`) and returns every run, fastest first. */
export async function repeat(times: number, budgetSeconds: number, run: () => Promise<RunResult>): Promise<RunResult[]> {
  const results: RunResult[] = []
  let spent = 0
  for (let index = 0; index < times; index++) {
    const result = await run()
    results.push(result)
    spent += result.seconds
    if (result.timedOut || failed(result) || spent >= budgetSeconds) break
  }
  return results.sort((a, b) => a.seconds - b.seconds)
}

/** The median run (the lower middle one for an even count). */
export function median(results: readonly RunResult[]): RunResult {
  if (results.length === 0) throw new RangeError('no runs')
  const sorted = [...results].sort((a, b) => a.seconds - b.seconds)
  return sorted[(sorted.length - 1) >> 1]!
}

/** Exit code 2, a signal or no report: the tool failed (1 alone only means it found problems). */
export function failed(result: RunResult): boolean {
  return !result.timedOut && (result.signal !== null || (result.code !== 0 && result.code !== 1) || result.noReport === true)
}

/** An option the CLI does not know yet (commander's "unknown option", exit code 2). */
export function unknownOption(result: RunResult): boolean {
  return result.code === 2 && /unknown option/i.test(result.stderr)
}
