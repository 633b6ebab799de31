// Issue 9, points 1 and 6: `--fix` loses nothing under faults. The real CLI is killed with SIGKILL
// at random moments; files change on disk between read and write; the folder is read-only, the
// rename fails, the disk is full (injected through write.ts's file-system seam, and for real in a
// private mount namespace where `unshare` allows it); two runs fix the same folder at once.
// `npm run soak` runs the kill trials over 2,000 articles.
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import * as fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {BIN, concurrentRuns, defectiveArticle, killTrials} from '../bench/faults.js'
import {setWriteFs, type WriteFs} from '../src/cli/write.js'
import {runCli, workspace} from './helpers/cli.js'

// Two articles with fixable defects (a zero-width space, mojibake) and one clean one.
const BROKEN_A = defectiveArticle(0)
const BROKEN_B = defectiveArticle(2)
const CLEAN = defectiveArticle(7)

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated fault`), {code})
}

function lines(text: string): string[] {
  return text.trim() ? text.trim().split('\n') : []
}

afterEach(() => setWriteFs())

describe('--fix killed with SIGKILL at random moments', () => {
  it('leaves every file byte-identical to its original or its fully fixed text, and a later run cleans up', async () => {
    // One thread: the writes are the same as with the pool (always from the main thread), at half the start-up cost.
    // Renames 60 ms apart: the write phase lasts seconds, so a kill aimed at it lands in it even under load.
    const figures = await killTrials({files: 40, trials: 4, seed: 20_240_901, args: ['--workers', '0'], slowRenameMs: 60})
    expect(figures.trials).toBe(4)
    // The two trials killed at a temporary file's event land inside the write phase.
    expect(figures.midWrite).toBeGreaterThanOrEqual(2)
  }, 240_000)

  it('removes temporary files of dead runs, never those of a live run, and only when fixing', () => {
    const dir = workspace({'desk/a.txt': BROKEN_A})
    const dead = spawnSync(process.execPath, ['-e', '']).pid!
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], {stdio: 'ignore'})
    try {
      const names = {dead: `.newslint-tmp-${dead}-0badc0de-a.txt`, live: `.newslint-tmp-${live.pid}-0badc0de-a.txt`, folder: `.newslint-tmp-${dead}-0badc0de-folder`}
      writeFileSync(path.join(dir, 'desk', names.dead), 'half a fix')
      writeFileSync(path.join(dir, 'desk', names.live), 'another run, still writing')
      mkdirSync(path.join(dir, 'desk', names.folder))

      const lintOnly = spawnSync(process.execPath, [BIN, 'desk'], {cwd: dir, encoding: 'utf8'})
      expect(lintOnly.status).toBe(0)
      expect(readdirSync(path.join(dir, 'desk')).sort()).toEqual([names.dead, names.folder, names.live, 'a.txt'].sort())

      const fixing = spawnSync(process.execPath, [BIN, '--fix', 'desk'], {cwd: dir, encoding: 'utf8'})
      expect(fixing.stderr).toBe('')
      expect(readdirSync(path.join(dir, 'desk')).sort()).toEqual([names.folder, names.live, 'a.txt'].sort())
      expect(readFileSync(path.join(dir, 'desk', 'a.txt'), 'utf8')).not.toContain('\u200B')
    } finally {
      live.kill()
    }
  })
})

describe('--fix when the file or the disk fails (injected)', () => {
  async function fixWith(overrides: Partial<WriteFs>) {
    const dir = workspace({'a.txt': BROKEN_A, 'b.txt': BROKEN_B, 'c.txt': CLEAN})
    const target = path.join(dir, 'a.txt')
    // Only a.txt meets the fault; b.txt is still fixed, c.txt needs nothing.
    const only = <T extends (...args: never[]) => unknown>(real: T, faulty: T): T =>
      ((...args: Parameters<T>) => (String(args[0]).includes('a.txt') || String(args[1] ?? '').endsWith('a.txt') ? faulty(...args) : real(...args))) as T
    const realFs: WriteFs = {open: fsp.open, chmod: fsp.chmod, rename: fsp.rename, unlink: fsp.unlink, readFile: fsp.readFile}
    setWriteFs(Object.fromEntries(Object.entries(overrides).map(([name, faulty]) => [name, only(realFs[name as keyof WriteFs] as never, faulty as never)])))
    const run = await runCli(['.', '--fix'], {cwd: dir})
    setWriteFs()
    return {dir, target, run, problems: lines(run.stderr)}
  }

  function expectIntact(result: Awaited<ReturnType<typeof fixWith>>, reason: RegExp) {
    expect(result.run.code).toBe(2)
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatch(/^newslint: a\.txt: /)
    expect(result.problems[0]).toMatch(reason)
    expect(readFileSync(result.target, 'utf8')).toBe(BROKEN_A)
    expect(readFileSync(path.join(result.dir, 'b.txt'), 'utf8')).not.toBe(BROKEN_B)
    expect(readdirSync(result.dir).sort()).toEqual(['a.txt', 'b.txt', 'c.txt'])
  }

  it('a read-only folder: one line, the original intact, the other files fixed', async () => {
    expectIntact(await fixWith({open: async () => Promise.reject(errno('EROFS'))}), /not written: read-only file system; the original is unchanged$/)
  })

  it('a failing rename: one line, the original intact, the temporary file removed', async () => {
    expectIntact(await fixWith({rename: async () => Promise.reject(errno('EXDEV'))}), /not written: cannot rename across file systems; the original is unchanged$/)
  })

  it('a full disk (half the bytes written, then ENOSPC): one line, the original intact, no partial file left', async () => {
    const open = (async (file: string, flags: string, mode: number) => {
      const handle = await fsp.open(file, flags, mode)
      handle.writeFile = async (data: Buffer) => {
        await handle.write(data.subarray(0, data.length >> 1))
        throw errno('ENOSPC')
      }
      return handle
    }) as unknown as WriteFs['open']
    expectIntact(await fixWith({open}), /not written: no space left on device; the original is unchanged$/)
  })

  it('a file changed on disk between read and write: not overwritten, and reported', async () => {
    const edited = `${BROKEN_A}An editor added this line meanwhile.\n`
    const result = await fixWith({
      open: (async (...args: Parameters<typeof fsp.open>) => {
        writeFileSync(path.join(path.dirname(String(args[0])), 'a.txt'), edited)
        return fsp.open(...args)
      }) as WriteFs['open']
    })
    expect(result.run.code).toBe(2)
    expect(result.problems).toEqual(['newslint: a.txt: changed on disk since it was read; not written (run again to fix the new text)'])
    expect(readFileSync(result.target, 'utf8')).toBe(edited)
    expect(readdirSync(result.dir).sort()).toEqual(['a.txt', 'b.txt', 'c.txt'])
  })

  it('a file deleted between read and write: not recreated, and reported', async () => {
    const result = await fixWith({
      open: (async (...args: Parameters<typeof fsp.open>) => {
        rmSync(path.join(path.dirname(String(args[0])), 'a.txt'))
        return fsp.open(...args)
      }) as WriteFs['open']
    })
    expect(result.problems).toEqual(['newslint: a.txt: not written: no such file or directory'])
    expect(readdirSync(result.dir).sort()).toEqual(['b.txt', 'c.txt'])
  })
})

// The same faults for real, in a private mount namespace (nothing leaks to the host even if the
// test dies): a read-only bind mount, a file bind-mounted over itself (rename fails with EBUSY),
// a full tmpfs. Skipped where `unshare` cannot make one (no user namespaces, no privilege).
const unshareFlags = process.getuid?.() === 0 ? ['-m'] : ['-r', '-m']
const canUnshare = process.platform === 'linux' && spawnSync('unshare', [...unshareFlags, 'true']).status === 0

describe.runIf(canUnshare)('--fix when the file system really fails (private mount namespace)', () => {
  function fixInNamespace(setup: string): {status: string; stderr: string; after: string; listing: string[]} {
    const root = mkdtempSync(path.join(os.tmpdir(), 'newslint-mounts-'))
    const dir = path.join(root, 'desk')
    const out = path.join(root, 'out')
    mkdirSync(dir)
    mkdirSync(out)
    writeFileSync(path.join(root, 'a.txt'), BROKEN_A)
    const script = [
      'set -u',
      setup,
      `"${process.execPath}" "${BIN}" --fix "$DIR/a.txt" --no-color > "$OUT/stdout" 2> "$OUT/stderr"; echo $? > "$OUT/status"`,
      'cat "$DIR/a.txt" > "$OUT/after"',
      'ls -A "$DIR" > "$OUT/listing"'
    ].join('\n')
    const result = spawnSync('unshare', [...unshareFlags, 'sh', '-c', script], {env: {...process.env, DIR: dir, OUT: out, SRC: root}, encoding: 'utf8'})
    try {
      expect(result.status, result.stderr).toBe(0)
      const read = (name: string) => readFileSync(path.join(out, name), 'utf8')
      return {status: read('status').trim(), stderr: read('stderr'), after: read('after'), listing: lines(read('listing'))}
    } finally {
      rmSync(root, {recursive: true, force: true})
    }
  }

  it('a read-only mount: one line, the original intact', () => {
    const result = fixInNamespace('cp "$SRC/a.txt" "$DIR/a.txt" && mount --bind "$DIR" "$DIR" && mount -o remount,bind,ro "$DIR"')
    expect(result.status).toBe('2')
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/a\.txt: not written: read-only file system; the original is unchanged$/)])
    expect(result.after).toBe(BROKEN_A)
    expect(result.listing).toEqual(['a.txt'])
  })

  it('a rename that fails (the file is a mount point): one line, the original intact, no temporary file', () => {
    const result = fixInNamespace('cp "$SRC/a.txt" "$DIR/a.txt" && mount --bind "$DIR/a.txt" "$DIR/a.txt"')
    expect(result.status).toBe('2')
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/a\.txt: not written: the file is busy \(a mount point, or locked\); the original is unchanged$/)])
    expect(result.after).toBe(BROKEN_A)
    expect(result.listing).toEqual(['a.txt'])
  })

  it('a full disk: one line, the original intact, no partial file', () => {
    const result = fixInNamespace('mount -t tmpfs -o size=64k tmpfs "$DIR" && cp "$SRC/a.txt" "$DIR/a.txt" && (head -c 1048576 /dev/zero > "$DIR/filler" 2>/dev/null; true)')
    expect(result.status).toBe('2')
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/a\.txt: not written: no space left on device; the original is unchanged$/)])
    expect(result.after).toBe(BROKEN_A)
    expect(result.listing.sort()).toEqual(['a.txt', 'filler'])
  })
})

describe('two --fix runs on the same folder at once', () => {
  it('never corrupt a file: each file is fixed once, and the run that lost a race reports it', async () => {
    const figures = await concurrentRuns({files: 30, rounds: 1, sameOptions: true, args: ['--workers', '0']})
    expect(figures.rounds).toBe(1)
  }, 240_000)

})
