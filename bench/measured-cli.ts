// The built CLI as a child process with its peak resident memory, recorded on exit by the
// bench/maxrss.ts preload. Shared by the soak script and the pathological-file tests.
import {spawnSync} from 'node:child_process'
import {readFileSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {packageRoot} from '../src/paths.js'

const BIN = path.join(packageRoot, 'bin', 'newslint.js')
const RSS_PRELOAD = path.join(packageRoot, 'dist', 'bench', 'maxrss.js')

export interface MeasuredRun {
  status: number | null
  stdout: string
  stderr: string
  /** Peak RSS in MB; NaN when the process died before it could record it. */
  peakMb: number
}

export function measuredCli(args: string[], cwd: string, {timeout = 600_000, maxBuffer = 1024 * 1024 * 1024} = {}): MeasuredRun {
  const rssFile = path.join(os.tmpdir(), `newslint-rss-${process.pid}-${Math.random().toString(36).slice(2)}`)
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout,
    maxBuffer,
    env: {...process.env, NODE_OPTIONS: `--import=${RSS_PRELOAD}`, NEWSLINT_BENCH_RSS_FILE: rssFile}
  })
  let peakMb = Number.NaN
  try {
    peakMb = Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map((line) => Number(line.split(' ')[1]) / 1024))
    rmSync(rssFile)
  } catch {
    // No record: the process died before exiting; the status says so.
  }
  return {status: result.status, stdout: result.stdout, stderr: result.stderr, peakMb}
}
