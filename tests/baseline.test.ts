// Baselines: `--write-baseline` records the findings of a run, `--baseline` reports only new ones,
// through edits above and below a finding, moved paragraphs and repeated findings.
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {applyBaseline, createBaseline, formatBaseline, parseBaseline} from '../src/baseline.js'
import type {LintResult} from '../src/reporters/result.js'
import {onlyRules, runCli, workspace} from './helpers/cli.js'

const CONFIG = onlyRules({spelling: 'error'})

const ARTICLE = [
  'Seoul, May 3 -- The minister said teh talks would resume on Monday.',
  '',
  'Officials in Pyongyang did not respond to a request for comment.',
  '',
  'The oposition party called the plan a step backwards.',
  ''
].join('\n')

interface JsonResult {
  path: string
  messages: Array<{ruleId: string; actual: string; line: number; fingerprint: string}>
  fixed?: Array<{fingerprint: string; ruleId: string; message: string; excerpt: string}>
}

async function json(args: string[], cwd: string): Promise<{code: number; results: JsonResult[]; stderr: string}> {
  const run = await runCli(['-f', 'json', ...args], {cwd})
  return {code: run.code, results: run.stdout ? (JSON.parse(run.stdout) as JsonResult[]) : [], stderr: run.stderr}
}

function reported(results: JsonResult[]): string[] {
  return results.flatMap((result) => result.messages.map((message) => `${result.path}:${message.line}:${message.actual}`))
}

function baselined(): string {
  const dir = workspace({'.lintrc.json': CONFIG, 'desk/story.txt': ARTICLE})
  return dir
}

async function writeBaseline(dir: string, file = 'baseline.json', paths = ['desk']): Promise<void> {
  const run = await runCli(['--write-baseline', file, ...paths], {cwd: dir})
  expect(run.code, run.stderr).toBe(0)
}

function edit(dir: string, change: (text: string) => string): void {
  const file = path.join(dir, 'desk/story.txt')
  writeFileSync(file, change(readFileSync(file, 'utf8')))
}

describe('newslint --write-baseline', () => {
  it('records every finding by file, sorted, with rule, excerpt and message, and reports nothing new', async () => {
    const dir = baselined()
    const before = await json(['desk'], dir)
    expect(before.code).toBe(1)
    const run = await runCli(['--write-baseline', 'baseline.json', 'desk'], {cwd: dir})
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('desk/story.txt: no issues found\n')
    expect(run.stderr).toBe('newslint: wrote 2 findings in 1 file to the baseline baseline.json\n')
    const written = JSON.parse(readFileSync(path.join(dir, 'baseline.json'), 'utf8'))
    expect(written.version).toBe(1)
    expect(Object.keys(written.files)).toEqual(['desk/story.txt'])
    expect(written.files['desk/story.txt']).toEqual([
      {fingerprint: before.results[0]!.messages[1]!.fingerprint, rule: 'spelling', excerpt: 'oposition', message: expect.stringContaining('`oposition`')},
      {fingerprint: before.results[0]!.messages[0]!.fingerprint, rule: 'spelling', excerpt: 'teh', message: expect.stringContaining('`teh`')}
    ])
  })

  it('writes the same bytes twice (stable order) and leaves no temporary file', async () => {
    const dir = baselined()
    await writeBaseline(dir)
    const first = readFileSync(path.join(dir, 'baseline.json'), 'utf8')
    // Another order of the same paragraphs: the file does not change.
    edit(dir, (text) => text.split('\n\n').reverse().join('\n\n'))
    await writeBaseline(dir)
    expect(readFileSync(path.join(dir, 'baseline.json'), 'utf8')).toBe(first)
    expect(readdirSync(dir).filter((name) => name.includes('newslint-tmp'))).toEqual([])
  })

  it('is not written when a file could not be linted, since the next run would find its findings new', async () => {
    const dir = workspace({'.lintrc.json': CONFIG, 'desk/story.txt': ARTICLE, 'desk/binary.txt': Buffer.from([0x00, 0x01, 0x02, 0x00])})
    const run = await runCli(['--write-baseline', 'baseline.json', 'desk'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('newslint: baseline.json: baseline not written, since not every file could be linted')
    expect(existsSync(path.join(dir, 'baseline.json'))).toBe(false)
  })

  it('cannot be combined with --baseline', async () => {
    const dir = baselined()
    await writeBaseline(dir)
    const run = await runCli(['--baseline', 'baseline.json', '--write-baseline', 'baseline.json', 'desk'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe('newslint --baseline', () => {
  it('still suppresses a finding after lines are inserted above it and removed below it', async () => {
    const dir = baselined()
    await writeBaseline(dir)
    edit(dir, (text) => `UPDATE: this story was updated at 10:00.\n\nAn extra paragraph added on top.\n\n${text.replace('Officials in Pyongyang did not respond to a request for comment.\n\n', '')}`)
    // The findings moved (line 1 → 5, line 5 → 7): without the baseline both are reported.
    expect(reported((await json(['desk'], dir)).results)).toEqual(['desk/story.txt:5:teh', 'desk/story.txt:7:oposition'])
    const run = await json(['--baseline', 'baseline.json', 'desk'], dir)
    expect(run.code).toBe(0)
    expect(reported(run.results)).toEqual([])
  })

  it('reports a new finding, and only it, with an exit code that counts only new findings', async () => {
    const dir = baselined()
    await writeBaseline(dir)
    edit(dir, (text) => `${text}The goverment declined to comment.\n`)
    const run = await json(['--baseline', 'baseline.json', 'desk'], dir)
    expect(run.code).toBe(1)
    expect(reported(run.results)).toEqual(['desk/story.txt:6:goverment'])
  })

  it('does not resurrect the findings of a moved paragraph', async () => {
    const dir = baselined()
    await writeBaseline(dir)
    edit(dir, (text) => {
      const [first, second, third] = text.trimEnd().split('\n\n')
      return `${second}\n\n${third}\n\n${first}\n`
    })
    expect(reported((await json(['desk'], dir)).results)).toEqual(['desk/story.txt:3:oposition', 'desk/story.txt:5:teh'])
    const run = await json(['--baseline', 'baseline.json', 'desk'], dir)
    expect(run.code).toBe(0)
    expect(reported(run.results)).toEqual([])
  })

  it('matches the same finding repeated by count', async () => {
    const line = 'The minister said teh talks would resume.'
    const dir = workspace({'.lintrc.json': CONFIG, 'desk/story.txt': `${line}\n\n${line}\n`})
    await writeBaseline(dir)
    edit(dir, (text) => `${text}\n${line}\n`)
    const more = await json(['--baseline', 'baseline.json', 'desk'], dir)
    expect(more.code).toBe(1)
    expect(reported(more.results)).toHaveLength(1)
    edit(dir, () => `${line}\n`)
    const fewer = await json(['--baseline', 'baseline.json', '--report-fixed', 'desk'], dir)
    expect(fewer.code).toBe(0)
    expect(reported(fewer.results)).toEqual([])
    expect(fewer.results[0]!.fixed?.map((fixed) => fixed.excerpt)).toEqual(['teh'])
  })

  it('lists a fixed finding with --report-fixed (JSON `fixed`, stylish section), and not without it', async () => {
    const dir = baselined()
    await writeBaseline(dir)
    edit(dir, (text) => text.replace('teh talks', 'the talks'))
    const without = await json(['--baseline', 'baseline.json', 'desk'], dir)
    expect(without.results).toEqual([{path: 'desk/story.txt', messages: []}])
    const run = await json(['--baseline', 'baseline.json', '--report-fixed', 'desk'], dir)
    expect(run.code).toBe(0)
    expect(run.results[0]!.fixed).toEqual([{fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), ruleId: 'spelling', message: expect.stringContaining('`teh`'), excerpt: 'teh'}])
    const stylish = await runCli(['--baseline', 'baseline.json', '--report-fixed', 'desk'], {cwd: dir})
    expect(stylish.stdout).toContain('1 baseline finding fixed (update the baseline with --write-baseline):\n  desk/story.txt  spelling  Unexpected unknown word `teh`')
  })

  it('lists the findings of a deleted file as fixed, and says nothing of files not linted', async () => {
    const dir = workspace({'.lintrc.json': CONFIG, 'desk/story.txt': ARTICLE, 'desk/old.txt': 'He said teh.\n', 'wire/other.txt': 'She said teh.\n'})
    await writeBaseline(dir, 'baseline.json', ['desk', 'wire'])
    rmSync(path.join(dir, 'desk/old.txt'))
    const run = await json(['--baseline', 'baseline.json', '--report-fixed', 'desk'], dir)
    expect(run.code).toBe(0)
    expect(run.results.map((result) => [result.path, result.fixed?.length ?? 0])).toEqual([
      ['desk/story.txt', 0],
      ['desk/old.txt', 1]
    ])
  })

  it('keys files relative to the baseline file, so a run from another folder finds them', async () => {
    const dir = baselined()
    mkdirSync(path.join(dir, 'ci'))
    await writeBaseline(dir, 'ci/baseline.json')
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, 'ci/baseline.json'), 'utf8')).files)).toEqual(['../desk/story.txt'])
    const run = await json(['--baseline', '../ci/baseline.json', 'story.txt'], path.join(dir, 'desk'))
    expect(run.code).toBe(0)
    expect(reported(run.results)).toEqual([])
  })

  it('a missing or malformed baseline is one line naming the file, exit 2', async () => {
    const dir = baselined()
    const missing = await runCli(['--baseline', 'nope.json', 'desk'], {cwd: dir})
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^newslint: nope\.json: cannot read the baseline \(ENOENT\)\n$/)
    writeFileSync(path.join(dir, 'bad.json'), '{"version": 1, "files": {"a.txt": [{"rule": "spelling"}]}}')
    const malformed = await runCli(['--baseline', 'bad.json', 'desk'], {cwd: dir})
    expect(malformed.code).toBe(2)
    expect(malformed.stderr).toBe('newslint: bad.json: files.a.txt[0]: missing key `fingerprint`\n')
    writeFileSync(path.join(dir, 'other.json'), '[1, 2]')
    expect((await runCli(['--baseline', 'other.json', 'desk'], {cwd: dir})).stderr).toContain('other.json: not a newslint baseline')
    writeFileSync(path.join(dir, 'broken.json'), '{"version": 1,')
    expect((await runCli(['--baseline', 'broken.json', 'desk'], {cwd: dir})).stderr).toMatch(/^newslint: broken\.json: invalid JSON/)
  })

  it('--report-fixed needs --baseline', async () => {
    const dir = baselined()
    const run = await runCli(['--report-fixed', 'desk'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--report-fixed: needs --baseline FILE')
  })

  it('works on standard input with --stdin-filename', async () => {
    const dir = baselined()
    await writeBaseline(dir)
    const run = await runCli(['-f', 'json', '--stdin', '--stdin-filename', 'desk/story.txt', '--baseline', 'baseline.json'], {cwd: dir, stdin: `${ARTICLE}He said teh.\n`})
    expect(run.code).toBe(1)
    expect(reported(JSON.parse(run.stdout) as JsonResult[])).toEqual(['desk/story.txt:6:teh'])
  })
})

describe('the baseline API', () => {
  const result = (messages: Array<{ruleId: string; start: number; end: number}>, text: string): LintResult => ({
    path: 'a.txt',
    text,
    messages: messages.map((message) => ({
      ...message,
      severity: 'warning',
      message: `Unexpected \`${text.slice(message.start, message.end)}\``,
      line: 1,
      column: message.start + 1,
      endLine: 1,
      endColumn: message.end + 1,
      actual: text.slice(message.start, message.end),
      expected: [],
      fix: null,
      url: null,
      note: null,
      messageId: null
    }))
  })

  it('round-trips through formatBaseline and parseBaseline, and filters what it holds', () => {
    const text = 'one teh two tpyo'
    const results = [result([{ruleId: 'spelling', start: 4, end: 7}, {ruleId: 'spelling', start: 12, end: 16}], text)]
    const baseline = parseBaseline(formatBaseline(createBaseline(results)), 'b.json')
    expect(applyBaseline(results, baseline)[0]!.messages).toEqual([])
    const later = [result([{ruleId: 'spelling', start: 4, end: 7}], text)]
    expect(applyBaseline(later, baseline, {reportFixed: true})[0]!.fixed?.map((fixed) => fixed.excerpt)).toEqual(['tpyo'])
  })

  it('a result without stored fingerprints gets them from its text', () => {
    const text = 'one teh two'
    expect(createBaseline([result([{ruleId: 'spelling', start: 4, end: 7}], text)]).files['a.txt']![0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/)
  })
})
