// `npm run soak`: the long versions of the reliability tests (issue 9), for a nightly job or before
// a release. Each part prints its figures; the script exits 1 if any part found a problem.
//
//   kill          --fix over 2,000 articles, SIGKILLed 24 times at random moments
//   concurrency   two --fix runs with different options on the same 300 files, 3 rounds
//   properties    100,000 generated texts through the engine with every rule on, plus a 1 MB line
//                 and 100,000 tiny lines
//   files         a folder of 100,000 empty files; a real 100 MB file, a FIFO, a link loop
//   scaling       hostile shapes for the rules that once hung on them (one long word, a line of
//                 sentence ends, a run of capitalised words…), each timed at n and 4n with only
//                 its rule on, and every boilerplate catalogue pattern on hostile lines: fails if
//                 time grows far faster than the input
//
// `node dist/bench/soak.js [part ...] [--files N] [--trials N] [--cases N] [--seed N]` runs some parts
// or changes the sizes.
import {spawnSync} from 'node:child_process'
import {closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync, writeSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'
import fc from 'fast-check'
import {packageRoot} from '../src/paths.js'
import {BIN, concurrentRuns, killTrials} from './faults.js'
import {measuredCli} from './measured-cli.js'
import {allRulesConfig, anyUtf16, checkFix, checkLint, filler, mostFixesConfig, newsLikeText, onlyWhitespace, tinyLines} from './hostile.js'

const {values, positionals} = parseArgs({
  allowPositionals: true,
  options: {
    files: {type: 'string', default: '2000'},
    trials: {type: 'string', default: '24'},
    cases: {type: 'string', default: '100000'},
    seed: {type: 'string'}
  }
})
const PARTS = ['kill', 'concurrency', 'properties', 'files', 'scaling'] as const
const wanted: readonly string[] = positionals.length > 0 ? positionals : PARTS
const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed)
const failures: string[] = []
const figures: string[] = []

function log(line: string): void {
  process.stdout.write(`${line}\n`)
}

async function part(name: string, body: () => Promise<void>): Promise<void> {
  if (!wanted.includes(name)) return
  log(`\n== ${name}`)
  const started = performance.now()
  try {
    await body()
  } catch (error) {
    failures.push(`${name}: ${(error as Error)?.stack ?? String(error)}`)
    log(`FAILED: ${(error as Error)?.message ?? String(error)}`)
  }
  log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`)
}

/** The CLI as a child process with its peak resident memory, in MB. */
function cli(args: string[], cwd: string, timeout = 600_000) {
  return measuredCli(args, cwd, {timeout})
}

await part('kill', async () => {
  const result = await killTrials({files: Number(values.files), trials: Number(values.trials), seed, log})
  figures.push(
    `kill: ${result.trials} SIGKILL trials over ${result.files} articles (${result.fixable} fixable): ${result.midWrite} killed mid-write, ${result.finished} finished first, ` +
      `${result.leftovers} temporary files left by kills and cleaned up by later runs, ${result.checked} file states checked; a clean run takes ${(result.cleanRunMs / 1000).toFixed(1)} s`
  )
})

await part('concurrency', async () => {
  const result = await concurrentRuns({files: 300, rounds: 3})
  figures.push(`concurrency: ${result.rounds} rounds of two --fix runs (different options) over ${result.files} files: ${result.conflicts} conflicts reported, no file corrupted`)
})

await part('properties', async () => {
  const cases = Number(values.cases)
  const configs = [allRulesConfig({suggestions: 0}), mostFixesConfig({suggestions: 0}), allRulesConfig()]
  await checkFix('Warm up: teh minister said.The talks donâ€™t resume.', configs[2]!)
  let total = 0
  const properties: Array<[string, fc.Arbitrary<string>, (text: string, config: (typeof configs)[number]) => Promise<unknown>, number, number[]]> = [
    ['lint, news-like text (up to 32 pieces)', newsLikeText(32), checkLint, 0.35, [0, 1]],
    ['lint, any UTF-16', anyUtf16, checkLint, 0.2, [0, 1]],
    ['fix twice, news-like text', newsLikeText(32), checkFix, 0.3, [0, 1]],
    ['fix twice, any UTF-16', anyUtf16, checkFix, 0.1, [0, 1]],
    ['fix twice, spelling suggestions on', newsLikeText(16), checkFix, 0.02, [2]],
    ['only whitespace', onlyWhitespace, checkFix, 0.03, [0, 1]]
  ]
  for (const [name, arbitrary, check, share, configIndexes] of properties) {
    const numRuns = Math.max(1, Math.round(cases * share))
    const started = performance.now()
    const result = await fc.check(
      fc.asyncProperty(arbitrary, fc.constantFrom(...configIndexes), async (text, index) => {
        await check(text, configs[index]!)
      }),
      {numRuns, seed}
    )
    total += result.numRuns
    log(`${name}: ${result.numRuns} cases in ${((performance.now() - started) / 1000).toFixed(0)} s${result.failed ? ' FAILED' : ''}`)
    if (result.failed) failures.push(`property "${name}" (seed ${seed}): ${JSON.stringify(result.counterexample)}: ${String((result.errorInstance as Error)?.message ?? result.errorInstance)}`)
  }
  const shapes: Array<[string, () => string]> = [
    ['a 1 MB line', () => filler(1_000_000, ' ', seed)],
    ['100,000 tiny lines, no final newline', () => tinyLines(100_000)],
    ['1 MB of random code units', () => String.fromCharCode(...fc.sample(fc.integer({min: 0, max: 0xffff}), {numRuns: 50_000, seed})).repeat(20)]
  ]
  for (const [name, make] of shapes) {
    const started = performance.now()
    const text = make()
    await checkLint(text, configs[0]!)
    await checkFix(text, configs[1]!)
    total++
    log(`${name}: linted and fixed twice in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  }
  figures.push(`properties: ${total} generated cases (seed ${seed}), no exception, no rule failure, every offset in bounds on a code-point boundary, fixing idempotent`)
})

await part('files', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'newslint-soak-files-'))
  try {
    const empties = path.join(root, 'empties')
    mkdirSync(empties)
    for (let index = 0; index < 100_000; index++) writeFileSync(path.join(empties, `${String(index).padStart(6, '0')}.txt`), '')
    let started = performance.now()
    const many = cli(['-f', 'json', 'empties'], root, 1_800_000)
    const results = many.status === 0 ? (JSON.parse(many.stdout) as unknown[]).length : 0
    if (many.status !== 0 || results !== 100_000) throw new Error(`100,000 empty files: exit ${many.status}, ${results} results, ${many.stderr.slice(0, 500)}`)
    log(`100,000 empty files: ${((performance.now() - started) / 1000).toFixed(0)} s, peak RSS ${many.peakMb.toFixed(0)} MB`)
    figures.push(`files: 100,000 empty files linted, peak RSS ${many.peakMb.toFixed(0)} MB`)

    // A real 100 MB text file (not sparse), a FIFO and a link loop beside one article.
    const desk = path.join(root, 'desk')
    mkdirSync(desk)
    writeFileSync(path.join(desk, 'good.txt'), 'The minister said teh talks would resume.\n')
    const fd = openSync(path.join(desk, 'huge.txt'), 'w')
    const block = Buffer.from('The minister said the talks would resume on Monday. '.repeat(20_000))
    for (let written = 0; written < 100 * 1024 * 1024; written += block.length) writeSync(fd, block)
    closeSync(fd)
    symlinkSync('loop-b.txt', path.join(desk, 'loop-a.txt'))
    symlinkSync('loop-a.txt', path.join(desk, 'loop-b.txt'))
    spawnSync('mkfifo', [path.join(desk, 'pipe.txt')])
    started = performance.now()
    const baseline = cli(['-f', 'json', 'desk/good.txt'], root)
    const run = cli(['-f', 'json', 'desk', 'desk/pipe.txt', 'desk/loop-a.txt'], root, 120_000)
    const lines = run.stderr.trim().split('\n').sort()
    const expected = [/desk\/huge\.txt: is 10\d(\.\d)? MB, over the size limit of 20 MB/, /desk\/loop-a\.txt: too many levels of symbolic links/, /desk\/pipe\.txt: is a FIFO/]
    if (run.status !== 2 || lines.length !== 3 || !expected.every((pattern, index) => pattern.test(lines[index]!))) throw new Error(`pathological files: exit ${run.status}, ${run.stderr}`)
    if (!(run.peakMb < baseline.peakMb + 64)) throw new Error(`the 100 MB file raised the peak RSS from ${baseline.peakMb} to ${run.peakMb} MB`)
    log(`a real 100 MB file, a FIFO, a link loop: one line each in ${((performance.now() - started) / 1000).toFixed(1)} s; peak RSS ${run.peakMb.toFixed(0)} MB (one small file: ${baseline.peakMb.toFixed(0)} MB)`)
    figures.push(`files: a real 100 MB file refused from its size (peak RSS ${run.peakMb.toFixed(0)} MB against ${baseline.peakMb.toFixed(0)} MB for one small file), FIFO and link loop one line each`)
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
})

await part('scaling', async () => {
  // Shapes that made a rule superlinear (issue 9), and their neighbours: [rule, text of size n, n].
  // Each runs in a child with a time limit, so a hang cannot stall the soak; the child runs the rule
  // alone (the parse, and the engine around the rule, timed apart: they are not under test here) on
  // the text at n and at 4n and prints both times. Linear work takes about 4 times as long; more than
  // 8 times fails.
  const shapes: Array<[string, string, number]> = [
    ['spelling', "'a'.repeat(n)", 50_000],
    ['spelling', "'Xyzzy' + 'q'.repeat(n) + ' said.'", 50_000],
    ['spelling', "'ab-'.repeat(n) + 'ab'", 20_000],
    ['spelling', "'xyzq '.repeat(n)", 20_000],
    ['boilerplate', "'A.'.repeat(n)", 100_000],
    ['boilerplate', "'#aB '.repeat(n)", 20_000],
    ['boilerplate', "'Share.Tweet.'.repeat(n)", 10_000],
    ['boilerplate', "'By A ' + 'A-'.repeat(n)", 20_000],
    ['boilerplate', "'(With inputs from ' + ' '.repeat(n) + '@a.b'", 20_000],
    ['boilerplate', "'Updated ' + ' '.repeat(n) + '@a.b'", 20_000],
    ['boilerplate', "'Menu ' + ' '.repeat(n) + 'x'", 20_000],
    ['boilerplate', "'[email' + '\\u00A0'.repeat(n) + ']'", 10_000],
    ['name-consistency', "'Alpha '.repeat(n)", 2_000],
    ['name-consistency', "'Alpha Beta '.repeat(n) + '\\n'", 2_000],
    ['name-consistency', "'The talks, said ' + 'Alpha '.repeat(n) + 'x.'", 2_000],
    ['name-consistency', "'x ' + 'Abab'.repeat(n) + ' x.'", 10_000],
    ['name-consistency', "'x ' + 'Ab-'.repeat(n) + 'Ab x.'", 10_000],
    ['name-consistency', "'x ' + Array.from({length: n}, (_, i) => 'A' + i.toString(2).padStart(16, '0').replace(/0/g, 'b').replace(/1/g, 'B') + 'cd').join(' and ') + '.'", 1_000],
    ['name-consistency', "'Kiev @a '.repeat(n)", 4_000]
  ]
  const dist = path.join(packageRoot, 'dist')
  let slow = 0
  for (const [rule, text, size] of shapes) {
    const script = `import {unified} from '${import.meta.resolve('unified')}'
import {VFile} from '${import.meta.resolve('vfile')}'
import newslintParse from '${path.join(dist, 'src', 'parse.js')}'
import {builtinRules} from '${path.join(dist, 'src', 'rules.js')}'
const rule = builtinRules.find((candidate) => candidate.meta.id === '${rule}')
const processor = unified().use(newslintParse).use(rule.plugin, 'warn', {baseDir: process.cwd(), settings: {}}).freeze()
const run = async (text) => {
  const file = new VFile({value: text})
  const tree = processor.parse(file)
  const started = performance.now()
  await processor.run(tree, file)
  return performance.now() - started
}
await run('Warm up: teh minister, Alexei Navalny, said.')
const times = []
for (const n of [${size}, ${size * 4}]) {
  const text = ${text}
  times.push(Math.min(await run(text), await run(text)))
}
console.log(JSON.stringify(times))`
    const started = performance.now()
    const result = spawnSync(process.execPath, ['--max-old-space-size=2048', '--input-type=module', '-e', script], {timeout: 120_000, encoding: 'utf8'})
    const name = `${rule}: ${text} at n = ${size.toLocaleString('en')} and 4n`
    if (result.status !== 0) {
      slow++
      failures.push(`scaling: ${name}: ${result.signal ? `stopped after ${((performance.now() - started) / 1000).toFixed(0)} s` : `exit ${result.status}: ${result.stderr.slice(0, 500)}`}`)
      log(`${name}: FAILED (${result.signal ? 'timed out' : `exit ${result.status}`})`)
      continue
    }
    const [small, large] = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as [number, number]
    // Below 25 ms, timer noise and a garbage collection weigh as much as the work.
    const superlinear = large > 8 * Math.max(small, 25)
    if (superlinear) {
      slow++
      failures.push(`scaling: ${name}: ${small.toFixed(0)} ms, then ${large.toFixed(0)} ms`)
    }
    log(`${name}: ${small.toFixed(0)} ms, then ${large.toFixed(0)} ms (×${(large / Math.max(small, 1)).toFixed(1)})${superlinear ? ' SUPERLINEAR' : ''}`)
  }

  // Every pattern of the boilerplate catalogue on hostile lines (a long run of one piece between a
  // prefix a pattern may start with and an end that makes it fail late): those that take a
  // millisecond at 2,000 characters are timed at 8,000 and 32,000. Patterns run on every line of
  // every article: one that backtracks on a long run (two `\s*` around an optional piece, a
  // repeated group whose alternatives overlap) shows here, named.
  const patterns = `import {builtinCatalogue} from '${path.join(dist, 'rules', 'boilerplate', 'catalogue.js')}'
const prefixes = ['', 'x ', 'A', 'By A ', 'By ', '[email', '(', '#a', 'Photo', 'Read:', 'Copyright ', '©', 'Updated ', '(With inputs from ', 'Reporter A ', 'Home > ', 'Share ', 'Follow ', '— A (@a) ', '(Reporting by ', 'Tags: ', 'Source: ', 'Edited by A ', '(c) A', 'January 1, 2020 1:11 ', 'A. (']
const pieces = ['A.', 'A. ', 'a', 'A', 'Ab ', 'a ', 'A-', 'a@', '#a ', '(a', ' ', '\\u00A0', '- ', '1 ', '1:', 'A, ', ', ', '> ', '| ', '&#160;', 'Share ', 'By ', "A'"]
const ends = ['', ' x', '@a.b', '.', ')', ']', ' All Rights Reserved']
const time = (pattern, text) => { const started = performance.now(); pattern.exec(text); return performance.now() - started }
// The first shape a pattern is superlinear on, if any: one is enough to name it.
function slowShape(pattern, scope) {
  for (const prefix of prefixes) for (const piece of pieces) for (const end of ends) {
    const make = (n) => { const text = prefix + piece.repeat(Math.ceil(n / piece.length)) + end; return scope === 'line' ? text.trim() : text }
    const screen = time(pattern, make(2000))
    if (screen < 1) continue
    // A linear pattern reads 2,000 characters in well under a millisecond; a cubic one may take hours on 8,000.
    if (screen > 100) return JSON.stringify(prefix + piece + '…' + end) + ': ' + screen.toFixed(0) + ' ms at 2,000 characters'
    // Texts made once and timed three times: the first run of a new string flattens it.
    const small = make(8000)
    const large = make(32000)
    const best = (text) => Math.min(time(pattern, text), time(pattern, text), time(pattern, text))
    const shape = JSON.stringify(prefix + piece + '…' + end) + ': '
    const atSmall = best(small)
    // A linear pattern reads 8,000 characters in a few milliseconds; a quadratic one may take minutes on 32,000.
    if (atSmall > 250) return shape + atSmall.toFixed(0) + ' ms at 8,000 characters'
    const atLarge = best(large)
    if (atLarge <= 8 * Math.max(atSmall, 2)) continue
    const figures = shape + atSmall.toFixed(1) + ' ms at 8,000 characters, then ' + atLarge.toFixed(1) + ' ms at 32,000'
    if (atLarge > 1000) return figures
    // Confirmed one size further: a cache or a collection can make one step look superlinear.
    const atHuge = best(make(128000))
    if (atHuge > 8 * atLarge) return figures + ', then ' + atHuge.toFixed(0) + ' ms at 128,000'
  }
  return undefined
}
const slow = []
for (const entry of builtinCatalogue()) for (const scope of ['line', 'contains', 'tail']) {
  const pattern = entry[scope]
  if (!pattern) continue
  // Named before it runs: if it hangs, the parent names it.
  console.log('pattern ' + entry.id + '.' + scope)
  const found = slowShape(pattern, scope)
  if (found) slow.push(entry.id + '.' + scope + ' on ' + found)
}
console.log(JSON.stringify(slow))`
  const started = performance.now()
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', patterns], {timeout: 300_000, encoding: 'utf8'})
  if (result.status !== 0) {
    slow++
    const last = result.stdout.trim().split('\n').at(-1) ?? ''
    failures.push(`scaling: boilerplate catalogue patterns: ${result.signal ? `stopped: ${last.startsWith('pattern ') ? `${last} hangs` : 'a pattern hangs'}` : `exit ${result.status}: ${result.stderr.slice(0, 500)}`}`)
    log(`boilerplate catalogue patterns: FAILED (${result.signal ? 'timed out' : `exit ${result.status}`})`)
  } else {
    const found = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as string[]
    for (const line of found) failures.push(`scaling: boilerplate catalogue pattern ${line}`)
    slow += found.length
    log(`boilerplate catalogue patterns on hostile lines: ${found.length === 0 ? 'all linear' : `${found.length} superlinear`} (${((performance.now() - started) / 1000).toFixed(0)} s)`)
  }
  figures.push(`scaling: ${shapes.length} hostile shapes at n and 4n and the boilerplate catalogue's patterns, ${slow === 0 ? 'all linear' : `${slow} superlinear or hanging`}`)
})

log('\n== figures')
for (const line of figures) log(line)
if (failures.length > 0) {
  log('\n== failures')
  for (const failure of failures) log(failure)
  process.exitCode = 1
}
