import {spawnSync} from 'node:child_process'
import {chmodSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {writeAtomically} from '../src/cli/write.js'
import {packageRoot} from '../src/paths.js'
import {builtinRules} from '../src/rules.js'
import {onlyRules, runCli, workspace} from './helpers/cli.js'

const TYPO = 'The minister said teh talks would resume.\n'
const CLEAN = 'The minister said the talks would resume.\n'
const spellingError = onlyRules({spelling: 'error'})
const spellingWarn = onlyRules({spelling: 'warn'})

describe('newslint: linting and exit codes', () => {
  it('exits 1 and prints stylish findings when there are lint errors', async () => {
    const dir = workspace({'.lintrc.json': spellingError, 'a.txt': TYPO, 'b.txt': CLEAN})
    const run = await runCli(['.'], {cwd: dir})
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('a.txt')
    expect(run.stdout).toMatch(/1:19-1:22\s+error\s+Unexpected unknown word `teh`/)
    expect(run.stdout).toContain('b.txt: no issues found')
  })

  it('exits 0 when there are only warnings', async () => {
    const dir = workspace({'.lintrc.json': spellingWarn, 'a.txt': TYPO})
    expect((await runCli(['a.txt'], {cwd: dir})).code).toBe(0)
  })

  it('exits 1 when warnings exceed --max-warnings', async () => {
    const dir = workspace({'.lintrc.json': spellingWarn, 'a.txt': TYPO})
    expect((await runCli(['a.txt', '--max-warnings', '1'], {cwd: dir})).code).toBe(0)
    const over = await runCli(['a.txt', '--max-warnings', '0'], {cwd: dir})
    expect(over.code).toBe(1)
    expect(over.stderr).toContain('too many warnings (1, at most 0 allowed)')
  })

  it('hides warnings with --quiet', async () => {
    const dir = workspace({'.lintrc.json': spellingWarn, 'a.txt': TYPO})
    const run = await runCli(['a.txt', '--quiet', '--format', 'json'], {cwd: dir})
    expect(JSON.parse(run.stdout)[0].messages).toEqual([])
  })

  it('turns rules on and off with --rule', async () => {
    const dir = workspace({'.lintrc.json': spellingWarn, 'a.txt': TYPO})
    expect((await runCli(['a.txt', '--rule', 'spelling=error'], {cwd: dir})).code).toBe(1)
    const off = await runCli(['a.txt', '--rule', 'spelling=off', '-f', 'json'], {cwd: dir})
    expect(JSON.parse(off.stdout)[0].messages).toEqual([])
  })

  it('exits 2 with one line for a malformed or unknown --rule', async () => {
    const dir = workspace({'a.txt': TYPO})
    for (const value of ['spelling', 'spelling=loud', 'no-such-rule=warn']) {
      const run = await runCli(['a.txt', '--rule', value], {cwd: dir})
      expect(run.code).toBe(2)
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
      expect(run.stderr).toContain('--rule')
    }
  })

  it('uses --config instead of the nearest .lintrc.json', async () => {
    const dir = workspace({'.lintrc.json': spellingWarn, 'strict.json': spellingError, 'a.txt': TYPO})
    expect((await runCli(['a.txt', '--config', 'strict.json'], {cwd: dir})).code).toBe(1)
  })

  it('uses the nearest .lintrc.json of each file', async () => {
    const dir = workspace({'.lintrc.json': spellingWarn, 'strict/.lintrc.json': spellingError, 'strict/a.txt': TYPO, 'lax/a.txt': TYPO})
    expect((await runCli(['lax'], {cwd: dir})).code).toBe(0)
    expect((await runCli(['strict'], {cwd: dir})).code).toBe(1)
  })

  it('exits 2 naming the file and the JSON path for a bad config, before touching any file', async () => {
    const dir = workspace({'.lintrc.json': JSON.stringify({rules: {spelling: ['warn', {dialect: 'en-AU'}]}}), 'a.txt': TYPO})
    const run = await runCli(['a.txt', '--fix'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^newslint: .*\.lintrc\.json: rules\.spelling\[1\]\.dialect/)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stdout).toBe('')
  })

  it('exits 2 for a config file that is not JSON', async () => {
    const dir = workspace({'.lintrc.json': '{rules: spelling}', 'a.txt': TYPO})
    const run = await runCli(['a.txt'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('.lintrc.json: invalid JSON')
  })
})

describe('newslint: finding files', () => {
  it('walks folders for .txt and .md, skipping node_modules and .git', async () => {
    const dir = workspace({
      '.lintrc.json': spellingWarn,
      'desk/a.txt': TYPO,
      'desk/b.md': TYPO,
      'desk/c.html': TYPO,
      'desk/node_modules/d.txt': TYPO,
      'desk/.git/e.txt': TYPO
    })
    const run = await runCli(['desk', '-f', 'json'], {cwd: dir})
    expect(JSON.parse(run.stdout).map((result: {path: string}) => result.path)).toEqual(['desk/a.txt', 'desk/b.md'])
  })

  it('walks the extensions set in config', async () => {
    const dir = workspace({'.lintrc.json': onlyRules({spelling: 'warn'}, {extensions: ['.story']}), 'a.story': TYPO, 'b.txt': TYPO})
    const run = await runCli(['.', '-f', 'json'], {cwd: dir})
    expect(JSON.parse(run.stdout).map((result: {path: string}) => result.path)).toEqual(['a.story'])
  })

  it('expands globs', async () => {
    const dir = workspace({'.lintrc.json': spellingWarn, 'in/a.txt': TYPO, 'in/b.txt': TYPO, 'in/c.md': TYPO})
    const run = await runCli(['in/*.txt', '-f', 'json'], {cwd: dir})
    expect(JSON.parse(run.stdout).map((result: {path: string}) => result.path)).toEqual(['in/a.txt', 'in/b.txt'])
  })

  it('exits 2 for a glob that matches nothing and for a missing path', async () => {
    const dir = workspace({'a.txt': CLEAN})
    const glob = await runCli(['in/*.txt'], {cwd: dir})
    expect(glob.code).toBe(2)
    expect(glob.stderr).toContain('in/*.txt: no files match this glob')
    const missing = await runCli(['a.txt', 'missing.txt'], {cwd: dir})
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('missing.txt: no such file or directory')
    expect(missing.stdout).toContain('a.txt')
  })

  it('honours .newslintignore and config `ignore` with gitignore semantics', async () => {
    const dir = workspace({
      '.lintrc.json': onlyRules({spelling: 'warn'}, {ignore: ['archive/']}),
      '.newslintignore': '# drafts are not filed yet\n*.draft.txt\n!keep.draft.txt\n',
      'a.txt': TYPO,
      'b.draft.txt': TYPO,
      'keep.draft.txt': TYPO,
      'archive/old.txt': TYPO
    })
    const run = await runCli(['.', '-f', 'json'], {cwd: dir})
    expect(JSON.parse(run.stdout).map((result: {path: string}) => result.path)).toEqual(['a.txt', 'keep.draft.txt'])
  })

  it('reports a binary file, invalid UTF-8 and an unreadable path in one line each, and lints the rest', async () => {
    const dir = workspace({
      '.lintrc.json': spellingWarn,
      'good.txt': TYPO,
      'image.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      'latin1.txt': Buffer.from('Caf\xe9 talks\n', 'latin1')
    })
    symlinkSync('loop.txt', path.join(dir, 'loop.txt'))
    const run = await runCli(['good.txt', 'image.txt', 'latin1.txt', 'loop.txt', '-f', 'json'], {cwd: dir})
    expect(run.code).toBe(2)
    const lines = run.stderr.trim().split('\n').sort()
    expect(lines).toEqual([
      expect.stringMatching(/^newslint: image\.txt: binary file/),
      'newslint: latin1.txt: invalid UTF-8 (first bad byte at offset 3), not linted',
      'newslint: loop.txt: too many levels of symbolic links'
    ])
    expect(JSON.parse(run.stdout).map((result: {path: string}) => result.path)).toEqual(['good.txt'])
  })

  it('lints UTF-16 files with a byte-order mark', async () => {
    const dir = workspace({'.lintrc.json': spellingWarn, 'a.txt': Buffer.from(`\uFEFF${TYPO}`, 'utf16le')})
    const run = await runCli(['a.txt', '-f', 'json'], {cwd: dir})
    expect(JSON.parse(run.stdout)[0].messages.map((m: {actual: string}) => m.actual)).toEqual(['teh'])
  })
})

describe('newslint: standard input', () => {
  it('lints --stdin, using --stdin-filename for the report and the config lookup', async () => {
    const dir = workspace({'desk/.lintrc.json': spellingError})
    const run = await runCli(['--stdin', '--stdin-filename', 'desk/story.txt', '-f', 'json'], {cwd: dir, stdin: TYPO})
    expect(run.code).toBe(1)
    const [result] = JSON.parse(run.stdout)
    expect(result.path).toBe('desk/story.txt')
    expect(result.messages[0].actual).toBe('teh')
  })

  it('reads standard input for `-`', async () => {
    const dir = workspace({'.lintrc.json': spellingWarn})
    const run = await runCli(['-', '-f', 'json'], {cwd: dir, stdin: TYPO})
    expect(JSON.parse(run.stdout)[0].path).toBe('<stdin>')
  })

  it('refuses standard input together with paths', async () => {
    const run = await runCli(['-', 'a.txt'], {cwd: workspace({}), stdin: TYPO})
    expect(run.code).toBe(2)
  })
})

describe('newslint: output', () => {
  it('writes the report to --output-file, uncoloured', async () => {
    const dir = workspace({'.lintrc.json': spellingWarn, 'a.txt': TYPO})
    const run = await runCli(['a.txt', '-o', 'report.json', '-f', 'json'], {cwd: dir, env: {FORCE_COLOR: '1'}})
    expect(run.stdout).toBe('')
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))[0].messages[0].ruleId).toBe('spelling')
  })

  it('colours only on a TTY, honouring NO_COLOR and FORCE_COLOR', async () => {
    const dir = workspace({'.lintrc.json': spellingWarn, 'a.txt': TYPO})
    const ansi = /\u001B\[/
    expect((await runCli(['a.txt'], {cwd: dir})).stdout).not.toMatch(ansi)
    expect((await runCli(['a.txt'], {cwd: dir, tty: true})).stdout).toMatch(ansi)
    expect((await runCli(['a.txt'], {cwd: dir, tty: true, env: {NO_COLOR: '1'}})).stdout).not.toMatch(ansi)
    expect((await runCli(['a.txt'], {cwd: dir, env: {FORCE_COLOR: '1'}})).stdout).toMatch(ansi)
    expect((await runCli(['a.txt', '--no-color'], {cwd: dir, env: {FORCE_COLOR: '1'}})).stdout).not.toMatch(ansi)
  })

  it('refuses an unknown format', async () => {
    const run = await runCli(['a.txt', '-f', 'xml'], {cwd: workspace({'a.txt': CLEAN})})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('xml')
  })

  it('prints each format', async () => {
    const dir = workspace({'.lintrc.json': spellingWarn, 'a.txt': TYPO})
    const github = await runCli(['a.txt', '-f', 'github'], {cwd: dir})
    expect(github.stdout).toMatch(/^::warning file=a\.txt,line=1,col=19,endLine=1,endColumn=22,title=spelling::Unexpected unknown word `teh`/m)
    const lsp = JSON.parse((await runCli(['a.txt', '-f', 'lsp'], {cwd: dir})).stdout)
    expect(lsp[0].uri).toBe(`file://${path.join(dir, 'a.txt')}`)
    expect(lsp[0].diagnostics[0].range).toEqual({start: {line: 0, character: 18}, end: {line: 0, character: 21}})
    const sarif = JSON.parse((await runCli(['a.txt', '-f', 'sarif'], {cwd: dir})).stdout)
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0].results[0].ruleId).toBe('spelling')
  })
})

describe('newslint: information commands', () => {
  it('prints the version from package.json', async () => {
    const run = await runCli(['--version'], {cwd: workspace({})})
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')).version)
  })

  it('prints help with the exit codes', async () => {
    const run = await runCli(['--help'], {cwd: workspace({})})
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('--fix-dry-run')
    expect(run.stdout).toContain('Exit codes')
  })

  it('lists every rule with its recommended severity', async () => {
    const run = await runCli(['--list-rules'], {cwd: workspace({})})
    for (const rule of builtinRules) expect(run.stdout).toMatch(new RegExp(`^${rule.meta.id}\\s+${rule.meta.recommended}`, 'm'))
  })

  it('prints the resolved config of a file', async () => {
    const dir = workspace({'.lintrc.json': JSON.stringify({rules: {spelling: ['warn', {dialect: 'en-GB'}]}})})
    const run = await runCli(['--print-config', 'story.txt'], {cwd: dir})
    const printed = JSON.parse(run.stdout)
    expect(printed.configFile).toBe(path.join(dir, '.lintrc.json'))
    expect(printed.rules.spelling).toEqual(['warn', expect.objectContaining({dialect: 'en-GB', personal: []})])
  })

  it('exits 2 without paths', async () => {
    const run = await runCli([], {cwd: workspace({})})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('no paths given')
  })

  it('exits 2 for an unknown flag', async () => {
    const run = await runCli(['--fixx', 'a.txt'], {cwd: workspace({})})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--fixx')
  })
})

describe('writing files atomically', () => {
  it('does not overwrite a file that changed on disk since it was read', async () => {
    const dir = workspace({'a.txt': 'old\n'})
    const file = path.join(dir, 'a.txt')
    const read = {bytes: readFileSync(file), mode: statSync(file).mode}
    writeFileSync(file, 'edited by someone else\n')
    await expect(writeAtomically(file, Buffer.from('fixed\n'), read)).rejects.toThrow(/changed on disk since it was read/)
    expect(readFileSync(file, 'utf8')).toBe('edited by someone else\n')
    expect(readdirSync(dir)).toEqual(['a.txt'])
  })

  it('keeps the mode of the file it replaces and leaves no temporary file', async () => {
    const dir = workspace({'a.txt': 'old\n'})
    const file = path.join(dir, 'a.txt')
    chmodSync(file, 0o640)
    await writeAtomically(file, Buffer.from('new\n'), {bytes: readFileSync(file), mode: statSync(file).mode})
    expect(readFileSync(file, 'utf8')).toBe('new\n')
    expect(statSync(file).mode & 0o777).toBe(0o640)
    expect(readdirSync(dir)).toEqual(['a.txt'])
  })

  it('leaves the original intact when the write fails', async () => {
    const dir = workspace({'a.txt': 'old\n'})
    const file = path.join(dir, 'a.txt')
    const read = {bytes: readFileSync(file), mode: statSync(file).mode}
    // A folder where the temporary file should go makes the write fail the way a full disk does.
    const failing = path.join(dir, 'gone', 'a.txt')
    await expect(writeAtomically(failing, Buffer.from('new\n'), read)).rejects.toThrow(/not written/)
    expect(readFileSync(file, 'utf8')).toBe('old\n')
    expect(existsSync(path.join(dir, 'gone'))).toBe(false)
  })
})

describe('the installed binary', () => {
  it('runs as a real process and returns the exit code', () => {
    const dir = workspace({'.lintrc.json': spellingError, 'a.txt': TYPO})
    const bin = path.join(packageRoot, 'bin', 'newslint.js')
    const lintErrors = spawnSync(process.execPath, [bin, 'a.txt'], {cwd: dir, encoding: 'utf8'})
    expect(lintErrors.status).toBe(1)
    expect(lintErrors.stdout).toContain('teh')
    const usage = spawnSync(process.execPath, [bin, 'missing.txt'], {cwd: dir, encoding: 'utf8'})
    expect(usage.status).toBe(2)
    expect(usage.stderr).toBe('newslint: missing.txt: no such file or directory\n')
  })
})

describe('the progress bar', () => {
  const files = Object.fromEntries(Array.from({length: 201}, (_, index) => [`in/${index}.txt`, CLEAN]))

  it('shows on an interactive terminal for runs of more than 200 files', async () => {
    const dir = workspace({'.lintrc.json': spellingWarn, ...files})
    const run = await runCli(['in'], {cwd: dir, tty: true})
    expect(run.stderr).toContain('201/201 files')
  })

  it('stays silent when standard error is not a terminal', async () => {
    const dir = workspace({'.lintrc.json': spellingWarn, ...files})
    expect((await runCli(['in'], {cwd: dir})).stderr).toBe('')
  })
})

describe('newslint --fix and --fix-dry-run', () => {
  // The unicode rule's safe fix removes a zero-width space, which makes a convenient, certain fix.
  const unicodeOnly = onlyRules({unicode: 'error'})
  const BROKEN = 'The min\u200Bister said.\n'
  const FIXED = 'The minister said.\n'

  it('writes the fixed text and reports only what is left', async () => {
    const dir = workspace({'.lintrc.json': unicodeOnly, 'a.txt': BROKEN, 'b.txt': FIXED})
    const before = statSync(path.join(dir, 'b.txt')).mtimeMs
    const run = await runCli(['.', '--fix', '-f', 'json'], {cwd: dir})
    expect(run.code).toBe(0)
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe(FIXED)
    expect(JSON.parse(run.stdout).every((result: {messages: unknown[]}) => result.messages.length === 0)).toBe(true)
    // An unchanged file is not rewritten.
    expect(statSync(path.join(dir, 'b.txt')).mtimeMs).toBe(before)
    expect(readdirSync(dir).sort()).toEqual(['.lintrc.json', 'a.txt', 'b.txt'])
  })

  it('keeps CRLF line endings, the byte-order mark and the file mode', async () => {
    const dir = workspace({'.lintrc.json': unicodeOnly, 'a.txt': Buffer.from(`\uFEFF${BROKEN.replace('\n', '\r\n')}Second line.\r\n`)})
    chmodSync(path.join(dir, 'a.txt'), 0o600)
    await runCli(['a.txt', '--fix'], {cwd: dir})
    expect(readFileSync(path.join(dir, 'a.txt')).toString('latin1')).toBe(Buffer.from(`\uFEFF${FIXED.replace('\n', '\r\n')}Second line.\r\n`).toString('latin1'))
    expect(statSync(path.join(dir, 'a.txt')).mode & 0o777).toBe(0o600)
  })

  it('writes UTF-16 files back as UTF-16', async () => {
    const dir = workspace({'.lintrc.json': unicodeOnly, 'a.txt': Buffer.from(`\uFEFF${BROKEN}`, 'utf16le')})
    await runCli(['a.txt', '--fix'], {cwd: dir})
    expect(readFileSync(path.join(dir, 'a.txt')).equals(Buffer.from(`\uFEFF${FIXED}`, 'utf16le'))).toBe(true)
  })

  it('changes nothing the second time', async () => {
    const dir = workspace({'.lintrc.json': unicodeOnly, 'a.txt': BROKEN})
    await runCli(['a.txt', '--fix'], {cwd: dir})
    const once = readFileSync(path.join(dir, 'a.txt'))
    const mtime = statSync(path.join(dir, 'a.txt')).mtimeMs
    await runCli(['a.txt', '--fix'], {cwd: dir})
    expect(readFileSync(path.join(dir, 'a.txt')).equals(once)).toBe(true)
    expect(statSync(path.join(dir, 'a.txt')).mtimeMs).toBe(mtime)
  })

  it('prints a unified diff with --fix-dry-run and writes nothing', async () => {
    const dir = workspace({'.lintrc.json': unicodeOnly, 'a.txt': BROKEN})
    const run = await runCli(['a.txt', '--fix-dry-run'], {cwd: dir})
    expect(run.stdout).toContain('--- a/a.txt')
    expect(run.stdout).toContain('+++ b/a.txt')
    expect(run.stdout).toContain(`-${BROKEN.trimEnd()}`)
    expect(run.stdout).toContain(`+${FIXED.trimEnd()}`)
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe(BROKEN)
  })

  it('prints the fixed text of standard input, with the report on standard error', async () => {
    const dir = workspace({'.lintrc.json': unicodeOnly})
    const run = await runCli(['--stdin', '--fix'], {cwd: dir, stdin: BROKEN})
    expect(run.stdout).toBe(FIXED)
    expect(run.stderr).toContain('no issues found')
  })

  it('refuses --fix together with --fix-dry-run', async () => {
    const run = await runCli(['a.txt', '--fix', '--fix-dry-run'], {cwd: workspace({'a.txt': BROKEN})})
    expect(run.code).toBe(2)
  })

  it('never writes a file it could not lint', async () => {
    const binary = Buffer.from([0x41, 0x00, 0xe2, 0x80, 0x8b])
    const dir = workspace({'.lintrc.json': unicodeOnly, 'bin.txt': binary})
    const run = await runCli(['bin.txt', '--fix'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(readFileSync(path.join(dir, 'bin.txt')).equals(binary)).toBe(true)
  })
})

describe('newslint names', () => {
  const seeds = path.join(packageRoot, 'seeds')

  it('prints the name groups of a folder as JSON', async () => {
    const run = await runCli(['names', seeds, '--json'], {cwd: packageRoot})
    expect(run.code).toBe(0)
    const groups = JSON.parse(run.stdout) as Array<{canonical: string; variants: Array<{form: string}>}>
    const navalny = groups.find((group) => group.variants.some((variant) => variant.form === 'Navalni'))
    expect(navalny?.variants.map((variant) => variant.form)).toEqual(expect.arrayContaining(['Navalni', 'Navalny', 'Aleksey Navalny', 'Alexey Navalny']))
  })

  it('saves the groups as a house list that a config can use', async () => {
    const dir = workspace({
      'a.txt': 'Kremlin critic Alexei Navalny spoke. Navalny was jailed. Navalny appealed.\n',
      'b.txt': 'Supporters of Alexey Navalni rallied. Navalni was moved.\n'
    })
    const run = await runCli(['names', '.', '--write', 'names.json'], {cwd: dir})
    expect(run.code).toBe(0)
    const house = JSON.parse(readFileSync(path.join(dir, 'names.json'), 'utf8')) as Record<string, string[]>
    expect(Object.values(house).flat()).toEqual(expect.arrayContaining(['Navalni']))
  })

  it('makes the house form win over the majority', async () => {
    const articles = {
      'a.txt': 'Kremlin critic Alexei Navalny spoke on Monday. Navalny was jailed.\n',
      'b.txt': 'Navalny appealed on Tuesday, and Navalny lost.\n',
      'c.txt': 'Supporters of Navalni rallied on Wednesday.\n'
    }
    const majority = await runCli(['.', '-f', 'json'], {cwd: workspace({'.lintrc.json': onlyRules({'name-consistency': 'warn'}), ...articles})})
    expect(JSON.parse(majority.stdout).flatMap((result: {messages: Array<{expected: string[]}>}) => result.messages.flatMap((m) => m.expected))).toContain('Navalny')
    const config = onlyRules({'name-consistency': 'warn'}, {names: {'Alexei Navalni': ['Alexei Navalny', 'Navalny']}})
    const house = await runCli(['.', '-f', 'json'], {cwd: workspace({'.lintrc.json': config, ...articles})})
    const expected = JSON.parse(house.stdout).flatMap((result: {messages: Array<{actual: string; expected: string[]}>}) => result.messages.map((m) => [m.actual, m.expected[0]]))
    expect(expected).toContainEqual(['Navalny', 'Navalni'])
    expect(expected.map(([actual]: string[]) => actual)).not.toContain('Navalni')
  })

  it('exits 2 for a path that does not exist', async () => {
    const run = await runCli(['names', 'missing/'], {cwd: workspace({})})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('missing/: no such file or directory')
  })
})
