// Suppressions: comment directives in the text, fingerprint entries in a sidecar or the config, what
// is reported with --report-unused-suppressions, and that a suppressed finding is never fixed.
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {fix, lint} from '../src/engine.js'
import {parseDirectives} from '../src/suppress.js'
import {recommendedConfig, type Config} from '../src/config.js'
import {pathToUri, spawnServer} from '../bench/lsp-client.js'
import {onlyRules, runCli, workspace} from './helpers/cli.js'

/** Only these rules on, at `warn`. */
function only(...ids: string[]): Config {
  const config = recommendedConfig()
  config.rules = Object.fromEntries(Object.keys(config.rules).map((id) => [id, ids.includes(id) ? 'warn' : 'off']))
  return config
}

async function found(text: string, config: Config, extra: Parameters<typeof lint>[1] = {}): Promise<string[]> {
  const file = await lint(text, {config, ...extra})
  return file.messages.map((message) => `${message.ruleId}:${message.actual}`)
}

const spelling = only('spelling')
const TYPOS = 'The minister said teh talks would resume.\n'

describe('comment directives', () => {
  it('parses kinds, rule lists and a description after --', () => {
    const text = '<!-- newslint-disable spelling, typography -- names we keep -->\n<!--newslint-enable-->\n<!-- newslint-disable-next-line unicode -->'
    expect(parseDirectives(text).map(({kind, rules}) => [kind, rules.map((rule) => rule.id)])).toEqual([
      ['disable', ['spelling', 'typography']],
      ['enable', []],
      ['disable-next-line', ['unicode']]
    ])
    const [first] = parseDirectives(text)
    expect(text.slice(first!.rules[1]!.start, first!.rules[1]!.end)).toBe('typography')
    // Not a directive: another word after `newslint-`, or a comment that never closes.
    expect(parseDirectives('<!-- newslint-disabled spelling -->\n<!-- newslint-disable spelling')).toEqual([])
  })

  it('a disable/enable block suppresses the rule between the comments, and only there', async () => {
    const text = `${TYPOS}\n<!-- newslint-disable spelling -->\n\nHe said teh.\n\nShe said teh too.\n\n<!-- newslint-enable spelling -->\n\nThey said teh.\n`
    expect(await found(text, spelling)).toEqual(['spelling:teh', 'spelling:teh'])
    const lines = (await lint(text, {config: spelling})).messages.map((message) => message.line)
    expect(lines).toEqual([1, 11])
    // Without the comments every one is reported.
    expect(await found(text.replace(/<!--.*?-->/g, ''), spelling)).toHaveLength(4)
  })

  it('a disable without rules covers every rule; an enable naming one rule brings that rule back', async () => {
    const config = only('spelling', 'typography')
    const text = '<!-- newslint-disable -->\n<!-- newslint-enable typography -->\nHe said  teh.\n'
    expect(await found(text, config)).toEqual(['typography:  '])
    expect(await found('He said  teh.\n', config)).toEqual(['typography:  ', 'spelling:teh'])
  })

  it('a disable naming another rule leaves this one reported', async () => {
    const text = `<!-- newslint-disable typography -->\n${TYPOS}`
    expect(await found(text, spelling)).toEqual(['spelling:teh'])
  })

  it('disable-next-line covers the next line only', async () => {
    const text = `<!-- newslint-disable-next-line spelling -->\n${TYPOS}${TYPOS}`
    const file = await lint(text, {config: spelling})
    expect(file.messages.map((message) => [message.actual, message.line])).toEqual([['teh', 3]])
    expect(await found(text.replace(/<!--.*?-->/, ''), spelling)).toHaveLength(2)
  })

  it('disable-line covers its own line', async () => {
    const text = `The minister said teh talks. <!-- newslint-disable-line spelling -->\n${TYPOS}`
    const file = await lint(text, {config: spelling})
    expect(file.messages.map((message) => [message.actual, message.line])).toEqual([['teh', 2]])
  })

  it('no rule reports a directive comment itself, while an ordinary HTML comment is still residue', async () => {
    const config = recommendedConfig()
    const text = `<!-- newslint-disable-next-line spelling -->\n${TYPOS}\n<!-- newslint-disable typography -->\n\nA note for the desk. <!-- editor note -->\n`
    const file = await lint(text, {config})
    const directives = parseDirectives(text)
    for (const message of file.messages) {
      const start = message.place && 'start' in message.place ? message.place.start.offset! : 0
      expect(directives.some((directive) => start >= directive.start && start < directive.end), `${message.ruleId} reported ${message.actual}`).toBe(false)
    }
    expect(file.messages.map((message) => `${message.ruleId}:${message.actual}`)).toContain('markup-residue:<!-- editor note -->')
    // markup-residue would report the directive were it not one.
    expect(await found('<!-- newslint disable spelling -->\n', only('markup-residue'))).toEqual(['markup-residue:<!-- newslint disable spelling -->'])
  })

  it('a suppressed finding is not fixed, and the fix loop never removes a directive', async () => {
    const config = only('typography', 'markup-residue')
    const text = '<!-- newslint-disable typography -->\nThe minister said  the talks would resume.\n'
    const fixed = await fix(text, {config})
    expect(fixed.output).toBe(text)
    expect(fixed.file.messages).toEqual([])
    // Without the directive the same fix is applied.
    expect((await fix('The minister said  the talks would resume.\n', {config})).output).toBe('The minister said the talks would resume.\n')
  })

  it('reports unused directives only when asked', async () => {
    const text = `<!-- newslint-disable-next-line spelling, typography, no-such-rule -->\n${TYPOS}<!-- newslint-disable-line spelling -->\n<!-- newslint-disable -->\n`
    expect(await found(text, spelling)).toEqual([])
    const file = await lint(text, {config: spelling, reportUnusedSuppressions: true})
    expect(file.messages.map((message) => [message.ruleId, message.actual, message.line, message.fatal])).toEqual([
      ['unused-suppression', 'typography', 1, false],
      ['unused-suppression', 'no-such-rule', 1, false],
      ['unused-suppression', 'spelling', 3, false],
      ['unused-suppression', '<!-- newslint-disable -->', 4, false]
    ])
    expect(file.messages[1]!.reason).toBe('Unused suppression: `no-such-rule` in this `newslint-disable-next-line` comment is not a newslint rule')
    expect(file.messages[2]!.reason).toBe('Unused suppression: `spelling` in this `newslint-disable-line` comment suppressed nothing')
    expect(file.messages[3]!.reason).toBe('Unused suppression: this `newslint-disable` comment suppressed nothing')
  })

  it('keeps the fingerprints of findings when a directive is added on their line', async () => {
    const config = only('spelling', 'typography')
    const before = await lint('He said  teh talks.\n', {config})
    const after = await lint('He said  teh <!-- newslint-disable-line spelling --> talks.\n', {config})
    expect(after.messages.map((message) => message.ruleId)).toEqual(['typography'])
    expect(after.messages[0]!.fingerprint).toBe(before.messages.find((message) => message.ruleId === 'typography')!.fingerprint)
  })
})

describe('fingerprint entries', () => {
  it('the engine suppresses a finding whose rule and fingerprint an entry names, and says which entry it used', async () => {
    const [finding] = (await lint(TYPOS, {config: spelling})).messages
    const entries = [{fingerprint: '0000000000000000', rule: 'spelling'}, {fingerprint: finding!.fingerprint!, rule: 'spelling'}]
    const file = await lint(TYPOS, {config: spelling, suppressions: entries})
    expect(file.messages).toEqual([])
    expect(file.data.newslint?.usedSuppressions).toEqual([1])
    // The same fingerprint under another rule id suppresses nothing.
    expect(await found(TYPOS, spelling, {suppressions: [{fingerprint: finding!.fingerprint!, rule: 'typography'}]})).toEqual(['spelling:teh'])
  })
})

async function fingerprintOf(dir: string, file: string): Promise<string> {
  const run = await runCli(['-f', 'json', file], {cwd: dir})
  const [result] = JSON.parse(run.stdout) as Array<{messages: Array<{fingerprint: string}>}>
  return result!.messages[0]!.fingerprint
}

describe('newslint: suppressions from a sidecar and the config', () => {
  const config = onlyRules({spelling: 'error'})

  it('a .newslint-suppress.json entry with a reason suppresses the finding; without it the finding is reported', async () => {
    const dir = workspace({'.lintrc.json': config, 'desk/a.txt': TYPOS})
    expect((await runCli(['desk/a.txt'], {cwd: dir})).code).toBe(1)
    const fingerprint = await fingerprintOf(dir, 'desk/a.txt')
    // Found upward from the article's folder; `path` is relative to the sidecar.
    writeFileSync(path.join(dir, '.newslint-suppress.json'), JSON.stringify({suppressions: [{fingerprint, rule: 'spelling', path: 'desk/a.txt', reason: 'a quoted typo'}]}))
    const run = await runCli(['-f', 'json', 'desk/a.txt'], {cwd: dir})
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)[0].messages).toEqual([])
  })

  it('an entry with a `path` applies to that file only', async () => {
    const dir = workspace({'.lintrc.json': config, 'a.txt': TYPOS, 'b.txt': TYPOS})
    const fingerprint = await fingerprintOf(dir, 'a.txt')
    writeFileSync(path.join(dir, '.newslint-suppress.json'), JSON.stringify({suppressions: [{fingerprint, rule: 'spelling', path: 'a.txt', reason: 'deliberate'}]}))
    const run = await runCli(['-f', 'json', '.'], {cwd: dir})
    expect((JSON.parse(run.stdout) as Array<{path: string; messages: unknown[]}>).map((result) => [result.path, result.messages.length])).toEqual([
      ['a.txt', 0],
      ['b.txt', 1]
    ])
  })

  it('a sidecar entry without a reason stops the run with one line naming the file and the entry', async () => {
    const dir = workspace({'.lintrc.json': config, 'a.txt': TYPOS, '.newslint-suppress.json': JSON.stringify({suppressions: [{fingerprint: '0123456789abcdef', rule: 'spelling'}]})})
    const run = await runCli(['a.txt'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain(`${path.join(dir, '.newslint-suppress.json')}: suppressions[0]: missing key \`reason\``)
  })

  it('a malformed sidecar is one line, and --fix writes nothing', async () => {
    const dir = workspace({'.lintrc.json': onlyRules({typography: 'warn'}), 'a.txt': 'He said  so.\n', '.newslint-suppress.json': '{"suppressions": [}'})
    const run = await runCli(['--fix', 'a.txt'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/\.newslint-suppress\.json: invalid JSON/)
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('He said  so.\n')
  })

  it('the config\'s `suppressions` suppress a finding; without them it is reported', async () => {
    const dir = workspace({'.lintrc.json': config, 'a.txt': TYPOS})
    const fingerprint = await fingerprintOf(dir, 'a.txt')
    writeFileSync(path.join(dir, '.lintrc.json'), onlyRules({spelling: 'error'}, {suppressions: [{fingerprint, rule: 'spelling', path: 'a.txt', reason: 'the speaker\'s spelling'}]}))
    expect((await runCli(['a.txt'], {cwd: dir})).code).toBe(0)
    writeFileSync(path.join(dir, '.lintrc.json'), onlyRules({spelling: 'error'}, {suppressions: [{fingerprint, rule: 'spelling', reason: 'x', path: 'other.txt'}]}))
    expect((await runCli(['a.txt'], {cwd: dir})).code).toBe(1)
  })

  it('a config suppression without a reason is a config error', async () => {
    const dir = workspace({'.lintrc.json': onlyRules({spelling: 'error'}, {suppressions: [{fingerprint: '0123456789abcdef', rule: 'spelling', reason: ' '}]}), 'a.txt': TYPOS})
    const run = await runCli(['a.txt'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('.lintrc.json: suppressions[0].reason: must match pattern')
  })

  it('a suppressed fixable finding is not fixed by --fix', async () => {
    const dir = workspace({'.lintrc.json': onlyRules({typography: 'warn'}), 'a.txt': 'He said  so.\n', 'b.txt': 'He said  so.\n'})
    const fingerprint = await fingerprintOf(dir, 'a.txt')
    writeFileSync(path.join(dir, '.newslint-suppress.json'), JSON.stringify({suppressions: [{fingerprint, rule: 'typography', path: 'a.txt', reason: 'layout'}]}))
    expect((await runCli(['--fix', '.'], {cwd: dir})).code).toBe(0)
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('He said  so.\n')
    expect(readFileSync(path.join(dir, 'b.txt'), 'utf8')).toBe('He said so.\n')
  })

  it('--report-unused-suppressions warns about unused comments and sidecar entries, and only with the flag', async () => {
    const dir = workspace({
      '.lintrc.json': config,
      'a.txt': `<!-- newslint-disable-next-line spelling -->\n${TYPOS}\n<!-- newslint-disable-next-line spelling -->\nNothing wrong here.\n`
    })
    writeFileSync(
      path.join(dir, '.newslint-suppress.json'),
      JSON.stringify({suppressions: [{fingerprint: 'ffffffffffffffff', rule: 'spelling', reason: 'was a typo once'}]}, null, 2)
    )
    const quiet = await runCli(['-f', 'json', 'a.txt'], {cwd: dir})
    expect(quiet.code).toBe(0)
    expect(JSON.parse(quiet.stdout)).toEqual([{path: 'a.txt', messages: []}])

    const run = await runCli(['-f', 'json', '--report-unused-suppressions', 'a.txt'], {cwd: dir})
    const results = JSON.parse(run.stdout) as Array<{path: string; messages: Array<{ruleId: string; severity: string; line: number; message: string}>}>
    expect(results.map((result) => [result.path, result.messages.map((message) => [message.ruleId, message.severity, message.line])])).toEqual([
      ['.newslint-suppress.json', [['unused-suppression', 'warning', 4]]],
      ['a.txt', [['unused-suppression', 'warning', 4]]]
    ])
    expect(results[0]!.messages[0]!.message).toContain('`ffffffffffffffff` (`spelling`) suppressed nothing')
    // Warnings count against --max-warnings.
    expect((await runCli(['--report-unused-suppressions', '--max-warnings', '0', 'a.txt'], {cwd: dir})).code).toBe(1)
  })

  it('the language server honours a sidecar too (it lints through the same engine step)', async () => {
    const dir = workspace({'.lintrc.json': config, 'a.txt': TYPOS})
    const fingerprint = await fingerprintOf(dir, 'a.txt')
    writeFileSync(path.join(dir, '.newslint-suppress.json'), JSON.stringify({suppressions: [{fingerprint, rule: 'spelling', path: 'a.txt', reason: 'deliberate'}]}))
    const client = spawnServer({cwd: dir})
    try {
      await client.initialize({rootPath: dir})
      const suppressed = pathToUri(path.join(dir, 'a.txt'))
      const reported = pathToUri(path.join(dir, 'b.txt'))
      client.open(suppressed, TYPOS)
      client.open(reported, TYPOS)
      expect((await client.diagnostics(suppressed, undefined, {since: 0})).diagnostics).toEqual([])
      expect((await client.diagnostics(reported, undefined, {since: 0})).diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['spelling'])
    } finally {
      client.child?.kill()
    }
  })
})
