// Faults for `newslint --fix`, shared by the reliability tests (small) and the soak script (big):
// a folder of generated articles with fixable defects, the real CLI killed with SIGKILL at random
// moments, two runs at once. Every check throws an Error naming the file and what is wrong.
import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {packageRoot} from '../src/paths.js'
import {article, random} from './corpus.js'

export const BIN = path.join(packageRoot, 'bin', 'newslint.js')
const SLOW_WRITES = path.join(packageRoot, 'dist', 'bench', 'slow-writes.js')
const TEMP = /^\.newslint-tmp-/

/**
 * A generated article with the defects `--fix` repairs: zero-width spaces, mojibake, doubled
 * spaces, a space before punctuation, TeX quotes. About one article in eight stays clean.
 */
export function defectiveArticle(index: number, seed = 9): string {
  let text = article(index, seed)
  if (index % 8 === 7) return text
  if (index % 2 === 0) text = text.replace(' the ', ' t\u200Bhe ')
  if (index % 3 === 0) text = text.replace(' said', '  said')
  if (index % 4 === 1) text = text.replace(/ (officials|talks) /, ' $1\u200B ')
  if (index % 5 === 2) text = text.replace(' would ', ' donâ€™t ')
  if (index % 6 === 3) text = text.replace(', ', ' , ')
  if (index % 7 === 4) text = text.replace(/"([^"]+)"/, '``$1\'\'')
  return text
}

export interface Corpus {
  /** The folder that holds `desk/`; runs use it as their working folder. */
  root: string
  folder: string
  /** File name → original bytes. */
  originals: Map<string, Buffer>
}

export function writeCorpus(count: number, seed = 9, root = mkdtempSync(path.join(os.tmpdir(), 'newslint-faults-'))): Corpus {
  const folder = path.join(root, 'desk')
  mkdirSync(folder, {recursive: true})
  const originals = new Map<string, Buffer>()
  for (let index = 0; index < count; index++) {
    const name = `article-${String(index).padStart(5, '0')}.txt`
    const bytes = Buffer.from(defectiveArticle(index, seed))
    writeFileSync(path.join(folder, name), bytes)
    originals.set(name, bytes)
  }
  return {root, folder, originals}
}

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  stderr: string
  ms: number
}

/** Starts `newslint --fix desk` (plus `args`) in the corpus root. */
export function startFix(root: string, args: string[] = [], slowRenameMs = 0): {child: ChildProcess; done: Promise<RunResult>} {
  const started = performance.now()
  const preload = slowRenameMs > 0 ? ['--import', pathToFileURL(SLOW_WRITES).href] : []
  const env = slowRenameMs > 0 ? {...process.env, NEWSLINT_SLOW_RENAME_MS: String(slowRenameMs)} : process.env
  const child = spawn(process.execPath, [...preload, BIN, '--fix', 'desk', '--format', 'json', ...args], {cwd: root, env, stdio: ['ignore', 'ignore', 'pipe']})
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({code, signal, stderr, ms: performance.now() - started}))
  })
  return {child, done}
}

/** The fully fixed bytes of every file: a clean run over a copy of `files` (name → bytes). */
export async function fixedVersions(files: Map<string, Buffer>, args: string[] = [], slowRenameMs = 0): Promise<{fixed: Map<string, Buffer>; ms: number}> {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'newslint-faults-expected-'))
  try {
    mkdirSync(path.join(copy, 'desk'))
    for (const [name, bytes] of files) writeFileSync(path.join(copy, 'desk', name), bytes)
    const run = await startFix(copy, args, slowRenameMs).done
    if (run.code !== 0 && run.code !== 1) throw new Error(`the clean run failed (exit ${run.code}): ${run.stderr}`)
    const fixed = new Map<string, Buffer>()
    for (const name of files.keys()) fixed.set(name, readFileSync(path.join(copy, 'desk', name)))
    return {fixed, ms: run.ms}
  } finally {
    rmSync(copy, {recursive: true, force: true})
  }
}

/** Temporary files in the folder (leftovers of killed runs). */
export function tempFiles(folder: string): string[] {
  return readdirSync(folder).filter((name) => TEMP.test(name))
}

/**
 * Checks that every file is byte-identical to its original or to one of its fixed versions, and
 * that nothing else is in the folder but temporary files. Returns how many files are fixed.
 */
export function checkFolder(corpus: Corpus, ...fixedSets: Array<Map<string, Buffer>>): {fixed: number; temps: string[]} {
  let fixed = 0
  const names = readdirSync(corpus.folder)
  for (const name of names) {
    if (TEMP.test(name)) continue
    if (!corpus.originals.has(name)) throw new Error(`unexpected file ${name} in ${corpus.folder}`)
  }
  for (const [name, original] of corpus.originals) {
    const file = path.join(corpus.folder, name)
    if (!existsSync(file)) throw new Error(`${name} is gone`)
    const bytes = readFileSync(file)
    if (bytes.equals(original)) continue
    if (fixedSets.some((set) => set.get(name)!.equals(bytes))) {
      if (!fixedSets.every((set) => set.get(name)!.equals(original))) fixed++
      continue
    }
    const expected = fixedSets[0]!.get(name)!
    const kind = bytes.length < Math.min(original.length, expected.length) ? 'truncated' : 'neither the original nor the fixed text (a mix?)'
    throw new Error(`${name} is ${kind}: ${bytes.length} bytes, original ${original.length}, fixed ${expected.length}`)
  }
  return {fixed, temps: names.filter((name) => TEMP.test(name))}
}

/** Puts every file back to its original bytes (leftover temporary files stay, for the next run to clean). */
export function restore(corpus: Corpus): void {
  for (const [name, original] of corpus.originals) {
    const file = path.join(corpus.folder, name)
    if (!readFileSync(file).equals(original)) writeFileSync(file, original)
  }
}

export interface KillFigures {
  files: number
  /** Files a full run changes. */
  fixable: number
  trials: number
  /** Trials killed after some but not all files were written. */
  midWrite: number
  /** Trials that finished before the kill. */
  finished: number
  /** Temporary files found after kills, all removed by later runs. */
  leftovers: number
  /** File states checked (files × (trials + 1)). */
  checked: number
  cleanRunMs: number
}

/**
 * Runs `--fix` and kills it with SIGKILL: half the trials at a random time within the length of
 * a clean run, half at a random event on a temporary file in the folder (created or renamed
 * away), so kills land inside the write phase, often between a temporary file and its rename. After each kill every file must be
 * its original or its fixed bytes; temporary files left by a kill must be gone once a later run
 * has started writing; a final full run must leave every file fixed and no temporary file.
 */
export async function killTrials(options: {
  files: number
  trials: number
  seed?: number
  args?: string[]
  /** Serialise the run's renames this many ms apart (bench/slow-writes.ts), so kills land mid-write even on a fast or a loaded machine. */
  slowRenameMs?: number
  log?: (line: string) => void
}): Promise<KillFigures> {
  const next = random(options.seed ?? 1)
  const log = options.log ?? (() => {})
  const corpus = writeCorpus(options.files)
  try {
    const args = options.args ?? []
    const slow = options.slowRenameMs ?? 0
    const {fixed, ms: cleanRunMs} = await fixedVersions(corpus.originals, args, slow)
    const fixable = [...corpus.originals].filter(([name, bytes]) => !fixed.get(name)!.equals(bytes)).length
    if (fixable === 0 || fixable === options.files) throw new Error(`the corpus should mix fixable and clean files (${fixable} of ${options.files} fixable)`)
    const figures: KillFigures = {files: options.files, fixable, trials: 0, midWrite: 0, finished: 0, leftovers: 0, checked: 0, cleanRunMs}
    let leftovers: string[] = []

    for (let trial = 0; trial < options.trials; trial++) {
      restore(corpus)
      const byEvent = trial % 2 === 1
      const {child, done} = startFix(corpus.root, args, slow)
      let events = 0
      // Each write shows as two 'rename' events on its temporary file (created, renamed away); the writes of a
      // run overlap, so the first `fixable` events are mostly creations: aim at one of the renames.
      const target = fixable + 1 + Math.floor(next() * (fixable - 1))
      const delay = next() * cleanRunMs * 1.1
      const kill = () => child.kill('SIGKILL')
      // This run's temporary files only: the clean-up of an earlier trial's leftovers makes events too.
      const ownTemp = `.newslint-tmp-${child.pid}-`
      const watcher = byEvent ? watch(corpus.folder, (event, name) => event === 'rename' && String(name).startsWith(ownTemp) && ++events === target && kill()) : undefined
      const timer = setTimeout(kill, byEvent ? cleanRunMs * 4 : delay)
      const result = await done
      clearTimeout(timer)
      watcher?.close()

      const state = checkFolder(corpus, fixed)
      figures.trials++
      figures.checked += options.files
      if (result.signal === null) figures.finished++
      else if (state.fixed > 0 && state.fixed < fixable) figures.midWrite++
      // Once this run wrote a file it had passed its clean-up: the earlier leftovers must be gone.
      if (state.fixed > 0) for (const name of leftovers) if (existsSync(path.join(corpus.folder, name))) throw new Error(`leftover ${name} was not cleaned up by a later run`)
      const fresh = state.temps.filter((name) => !leftovers.includes(name))
      figures.leftovers += fresh.length
      leftovers = state.temps
      log(
        `trial ${trial + 1}: ${byEvent ? `killed at fs event ${target}` : `killed at ${Math.round(delay)} ms`}, ${result.signal ? 'killed' : `finished (exit ${result.code})`}; ` +
          `${state.fixed}/${fixable} files fixed, ${state.temps.length} temporary files`
      )
    }

    restore(corpus)
    const final = await startFix(corpus.root, args).done
    if (final.code !== 0 && final.code !== 1) throw new Error(`the final run failed (exit ${final.code}): ${final.stderr}`)
    const state = checkFolder(corpus, fixed)
    figures.checked += options.files
    if (state.fixed !== fixable) throw new Error(`after a full run ${state.fixed} of ${fixable} files are fixed`)
    if (state.temps.length > 0) throw new Error(`temporary files left after a full run: ${state.temps.join(', ')}`)
    return figures
  } finally {
    rmSync(corpus.root, {recursive: true, force: true})
  }
}

export interface ConcurrencyFigures {
  files: number
  conflicts: number
  rounds: number
}

/**
 * Two `--fix` runs on the same folder at once, the second with other options (`--rule
 * typography=off`, unless `sameOptions`), so their fixed texts differ and a mix would show. Every file must end as its
 * original or a whole fixed text: one run's, or one run's fix of the other's (when a run starts
 * late enough to read the other's output). Each run may only report conflicts ("changed on disk
 * since it was read"), exit 2 when it does, and no temporary file may remain.
 */
export async function concurrentRuns(options: {files: number; rounds: number; sameOptions?: boolean; args?: string[]}): Promise<ConcurrencyFigures> {
  const corpus = writeCorpus(options.files, 11)
  const args = options.args ?? []
  // With the same options both runs write the same bytes (fixing is idempotent): cheaper, for CI.
  const otherArgs = [...args, ...(options.sameOptions ? [] : ['--rule', 'typography=off'])]
  try {
    const {fixed: fixedA} = await fixedVersions(corpus.originals, args)
    const {fixed: fixedB} = options.sameOptions ? {fixed: fixedA} : await fixedVersions(corpus.originals, otherArgs)
    const {fixed: fixedAB} = options.sameOptions ? {fixed: fixedA} : await fixedVersions(fixedA, otherArgs)
    const {fixed: fixedBA} = options.sameOptions ? {fixed: fixedA} : await fixedVersions(fixedB, args)
    const figures: ConcurrencyFigures = {files: options.files, conflicts: 0, rounds: 0}
    for (let round = 0; round < options.rounds; round++) {
      restore(corpus)
      const [a, b] = await Promise.all([startFix(corpus.root, args).done, startFix(corpus.root, otherArgs).done])
      for (const [name, run] of [['first', a], ['second', b]] as const) {
        const lines = run.stderr.trim() ? run.stderr.trim().split('\n') : []
        const strange = lines.filter((line) => !/changed on disk since it was read; not written/.test(line))
        if (strange.length > 0) throw new Error(`the ${name} run printed ${strange.join(' | ')}`)
        const expectedCodes = lines.length > 0 ? [2] : [0, 1]
        if (!expectedCodes.includes(run.code ?? -1)) throw new Error(`the ${name} run exited ${run.code} with ${lines.length} conflicts`)
        figures.conflicts += lines.length
      }
      const state = checkFolder(corpus, fixedA, fixedB, fixedAB, fixedBA)
      if (state.temps.length > 0) throw new Error(`temporary files left: ${state.temps.join(', ')}`)
      // The loser of a race saw the winner's text, so every file one run could fix was written by one of them.
      for (const [name, original] of corpus.originals) {
        const bytes = readFileSync(path.join(corpus.folder, name))
        if (bytes.equals(original) && !(fixedA.get(name)!.equals(original) && fixedB.get(name)!.equals(original))) throw new Error(`${name} was fixed by neither run`)
      }
      figures.rounds++
    }
    return figures
  } finally {
    rmSync(corpus.root, {recursive: true, force: true})
  }
}
