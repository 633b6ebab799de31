// Preloaded into a benchmarked child (`NODE_OPTIONS=--import=<this file>`): on exit, appends
// "<pid> <peak RSS in KiB> <CPU time in µs>" to the file named by NEWSLINT_BENCH_RSS_FILE. Portable (no
// /usr/bin/time): `process.resourceUsage().maxRSS` is getrusage's ru_maxrss for the whole process,
// worker threads included. Node subprocesses inherit NODE_OPTIONS, so each appends its own line.
import {appendFileSync} from 'node:fs'
import {isMainThread} from 'node:worker_threads'

const target = process.env.NEWSLINT_BENCH_RSS_FILE

if (target && isMainThread) {
  let written = false
  const record = (): void => {
    if (written) return
    written = true
    try {
      const usage = process.resourceUsage()
      appendFileSync(target, `${process.pid} ${usage.maxRSS} ${usage.userCPUTime + usage.systemCPUTime}\n`)
    } catch {
      // The benchmark reports "unknown" rather than failing the run it measures.
    }
  }
  process.on('exit', record)
  // The benchmark stops a run that exceeds its time limit with SIGTERM: record the peak so far.
  process.on('SIGTERM', () => {
    record()
    process.exit(143)
  })
}
