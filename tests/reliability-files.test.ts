// Issue 9, point 3: pathological files. Binary data, invalid UTF-8, UTF-16 with a byte-order mark,
// a 100 MB file (sparse: nothing big is kept on disk), a symbolic-link loop, a dangling link, a
// FIFO (never opened: opening one blocks until a writer comes), a folder of many empty files. Each
// gets one clear line, memory stays bounded, and the run goes on with the other files. The real
// binary runs with a timeout, so a regression that hangs fails instead of stalling the suite.
// `npm run soak` runs the folder of 100,000 empty files.
import {spawnSync} from 'node:child_process'
import {closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it, vi} from 'vitest'
import {measuredCli, type MeasuredRun} from '../bench/measured-cli.js'
import {runCli, workspace} from './helpers/cli.js'


// An engine failure is simulated for texts carrying this marker (the engine has no known one left).
const ENGINE_FAILURE = 'SIMULATED-ENGINE-FAILURE'
vi.mock('../src/jobs.js', async (importOriginal) => {
  const jobs = await importOriginal<typeof import('../src/jobs.js')>()
  return {
    ...jobs,
    runLint: async (job: Parameters<typeof jobs.runLint>[0]) => {
      if (job.text.includes(ENGINE_FAILURE)) throw new RangeError('Maximum call stack size exceeded')
      return jobs.runLint(job)
    }
  }
})

const TYPO = 'The minister said teh talks would resume.\n'
const HUNDRED_MB = 100 * 1024 * 1024
const canMakeFifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0

type Run = MeasuredRun

/** The built CLI as a child process, with its peak memory recorded by bench/maxrss.ts. */
function cli(args: string[], cwd: string): Run {
  return measuredCli(args, cwd, {timeout: 90_000, maxBuffer: 64 * 1024 * 1024})
}

function problems(run: Run): string[] {
  return run.stderr.trim() ? run.stderr.trim().split('\n').sort() : []
}

function sparseFile(file: string, size: number): void {
  const fd = openSync(file, 'w')
  ftruncateSync(fd, size)
  closeSync(fd)
}

describe('pathological files', () => {
  const dir = workspace({
    'desk/good.txt': TYPO,
    'desk/utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TYPO, 'utf16le')]),
    'desk/binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    'desk/latin1.txt': Buffer.from('Caf\xe9 au lait, the minister said.\n', 'latin1')
  })
  const desk = path.join(dir, 'desk')
  sparseFile(path.join(desk, 'huge.txt'), HUNDRED_MB)
  symlinkSync('loop-b.txt', path.join(desk, 'loop-a.txt'))
  symlinkSync('loop-a.txt', path.join(desk, 'loop-b.txt'))
  symlinkSync('missing.txt', path.join(desk, 'dangling.txt'))
  if (canMakeFifo) spawnSync('mkfifo', [path.join(desk, 'pipe.txt')])

  it('walks a folder of them: one line for each unreadable file, the others linted, memory bounded', () => {
    const baseline = cli(['-f', 'json', 'desk/good.txt', 'desk/utf16.txt'], dir)
    const run = cli(['-f', 'json', 'desk'], dir)
    expect(run.status).toBe(2)
    expect(problems(run)).toEqual([
      expect.stringMatching(/^newslint: desk\/binary\.txt: binary file \(NUL byte at offset 8\), not linted$/),
      'newslint: desk/huge.txt: is 100 MB, over the size limit of 20 MB (--max-file-size); not linted',
      expect.stringMatching(/^newslint: desk\/latin1\.txt: invalid UTF-8 \(first bad byte at offset 3\), not linted$/)
    ])
    // Links and the FIFO are not regular files: walking a folder never follows or opens them.
    const linted = (JSON.parse(run.stdout) as Array<{path: string; messages: Array<{actual: string}>}>).map((result) => [result.path, result.messages.map((m) => m.actual)])
    expect(linted).toEqual([
      ['desk/good.txt', ['teh']],
      ['desk/utf16.txt', ['teh']]
    ])
    // The 100 MB file costs nothing: it is refused from its size, never read.
    expect(run.peakMb).toBeLessThan(baseline.peakMb + 64)
  }, 120_000)

  it('names them on the command line: one line each, without hanging on the FIFO', () => {
    const named = ['loop-a.txt', 'dangling.txt', 'huge.txt', 'good.txt', ...(canMakeFifo ? ['pipe.txt'] : [])].map((name) => `desk/${name}`)
    const run = cli(['-f', 'json', ...named], dir)
    expect(run.status).toBe(2)
    expect(problems(run)).toEqual(
      [
        'newslint: desk/dangling.txt: broken symbolic link',
        'newslint: desk/huge.txt: is 100 MB, over the size limit of 20 MB (--max-file-size); not linted',
        'newslint: desk/loop-a.txt: too many levels of symbolic links',
        ...(canMakeFifo ? ['newslint: desk/pipe.txt: is a FIFO (named pipe), not a regular file; not read'] : [])
      ].sort()
    )
    expect((JSON.parse(run.stdout) as Array<{path: string}>).map((result) => result.path)).toEqual(['desk/good.txt'])
  }, 120_000)

  it('takes the size limit from --max-file-size', async () => {
    const small = await runCli(['desk/good.txt', '--max-file-size', '16'], {cwd: dir})
    expect(small.code).toBe(2)
    expect(small.stderr).toBe(`newslint: desk/good.txt: is ${TYPO.length} bytes, over the size limit of 16 bytes (--max-file-size); not linted\n`)
    // Raised above 100 MB, the huge file is read (and refused for what it holds: a sparse file is all NULs).
    const raised = cli(['desk/huge.txt', '--max-file-size', '101MB'], dir)
    expect(problems(raised)).toEqual(['newslint: desk/huge.txt: binary file (NUL byte at offset 0), not linted'])
    const bad = await runCli(['desk/good.txt', '--max-file-size', 'lots'], {cwd: dir})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--max-file-size.*expected a size such as 20MB/)
  }, 120_000)

  it('applies the size limit to standard input', async () => {
    const run = await runCli(['--stdin', '--max-file-size', '1k'], {cwd: dir, stdin: TYPO.repeat(100)})
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('newslint: <stdin>: is over the size limit of 1 KB (--max-file-size); not linted\n')
  })

  it('lints a folder of 2,000 empty files', () => {
    const empties = path.join(dir, 'empties')
    mkdirSync(empties)
    for (let index = 0; index < 2000; index++) writeFileSync(path.join(empties, `${index}.txt`), '')
    const run = cli(['-f', 'json', 'empties'], dir)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const results = JSON.parse(run.stdout) as Array<{messages: unknown[]}>
    expect(results).toHaveLength(2000)
    expect(results.every((result) => result.messages.length === 0)).toBe(true)
  }, 120_000)

  it('gives a file the engine fails on one line, and lints and fixes the others', async () => {
    const folder = workspace({'a.txt': `${ENGINE_FAILURE} teh\n`, 'b.txt': 'The  minister said teh talks would resume.\n'})
    const run = await runCli(['.', '--fix', '-f', 'json'], {cwd: folder})
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('newslint: a.txt: newslint failed on this file (Maximum call stack size exceeded); not linted\n')
    expect((JSON.parse(run.stdout) as Array<{path: string}>).map((result) => result.path)).toEqual(['b.txt'])
    expect(readFileSync(path.join(folder, 'b.txt'), 'utf8')).toBe('The minister said teh talks would resume.\n')
  })
})
