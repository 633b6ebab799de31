// Plugins and house packs from outside newslint: `plugins` and `packs` in .lintrc.json, the worker
// pool and the language server running plugin rules, and `newslint test-pack`.
import {spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {pathToUri, spawnServer} from '../bench/lsp-client.js'
import {ConfigError, loadConfig, loadConfigAsync} from '../src/config.js'
import {fix, lint} from '../src/engine.js'
import {packageRoot} from '../src/paths.js'
import {runCli, workspace} from './helpers/cli.js'

const fixtures = path.join(packageRoot, 'fixtures', 'plugins')
const bin = path.join(packageRoot, 'bin', 'newslint.js')

/**
 * A desk's project as installed: the fixture project, the plugin package in its node_modules, and
 * newslint beside it (a link to this package), so the plugin's `import … from 'newslint'` resolves.
 */
function project(files: Record<string, string> = {}): string {
  const dir = workspace({})
  cpSync(path.join(fixtures, 'project'), dir, {recursive: true})
  cpSync(path.join(fixtures, 'packages', 'newslint-plugin-housestyle'), path.join(dir, 'node_modules', 'newslint-plugin-housestyle'), {recursive: true})
  symlinkSync(packageRoot, path.join(dir, 'node_modules', 'newslint'), 'dir')
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), {recursive: true})
    writeFileSync(path.join(dir, name), content)
  }
  return dir
}

const fixtureConfig = JSON.parse(readFileSync(path.join(fixtures, 'project', '.lintrc.json'), 'utf8')) as {rules: Record<string, unknown>} & Record<string, unknown>

/** The fixture config with changes: `rules` entries are merged, other keys replaced. */
function configWith(change: {rules?: Record<string, unknown>} & Record<string, unknown>): string {
  return JSON.stringify({...fixtureConfig, ...change, rules: {...fixtureConfig.rules, ...change.rules}})
}

interface JsonMessage {
  ruleId: string
  severity: string
  actual: string
  url: string | null
  note: string | null
  fix: {start: number; end: number; text: string} | null
}

function messagesOf(stdout: string, file = 'story.txt'): JsonMessage[] {
  const results = JSON.parse(stdout) as Array<{path: string; messages: JsonMessage[]}>
  return results.find((result) => result.path === file)?.messages ?? []
}

describe('plugins', () => {
  it('runs a rule of an installed plugin package under its namespace, with its url, and applies its fix', async () => {
    const dir = project()
    const run = await runCli(['story.txt', '-f', 'json'], {cwd: dir})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    const found = messagesOf(run.stdout).find((message) => message.ruleId === 'housestyle/per-cent')
    expect(found).toMatchObject({severity: 'error', actual: 'percent', url: 'https://desk.example/style/per-cent', fix: {text: 'per cent'}})

    const fixed = await runCli(['story.txt', '--fix'], {cwd: dir})
    expect(fixed.stderr).toBe('')
    const text = readFileSync(path.join(dir, 'story.txt'), 'utf8')
    expect(text).toContain('rose 2 per cent on Monday')
    expect(text).not.toContain('percent')
  })

  it('runs a rule of a local plugin named by a path inside the project', async () => {
    const run = await runCli(['story.txt', '-f', 'json'], {cwd: project()})
    const found = messagesOf(run.stdout).filter((message) => message.ruleId === 'local/banned-words')
    expect(found.map((message) => message.actual)).toEqual(['slammed'])
    // No `meta.url`: a plugin rule never borrows the built-in rules' documentation address.
    expect(found[0]!.url).toBeNull()
  })

  it('checks a plugin rule\'s options against its schema: one line naming the file and option, exit 2', async () => {
    const dir = project({'.lintrc.json': configWith({rules: {'housestyle/per-cent': ['error', {spelling: 'pct'}]}})})
    const run = await runCli(['story.txt'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain('.lintrc.json: rules.housestyle/per-cent[1].spelling: must be equal to one of the allowed values')
  })

  it('refuses a rule the plugin does not have, listing the ones it has', async () => {
    const run = await runCli(['story.txt'], {cwd: project({'.lintrc.json': configWith({rules: {'housestyle/per-cents': 'warn'}})})})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('rules.housestyle/per-cents: unknown rule `housestyle/per-cents`: plugin `newslint-plugin-housestyle` has `housestyle/per-cent`, `housestyle/email-spelling`')
  })

  it('refuses a namespaced rule when no plugin gives that namespace', async () => {
    const run = await runCli(['story.txt'], {cwd: project({'.lintrc.json': configWith({rules: {'wire/no-foo': 'warn'}})})})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('rules.wire/no-foo: unknown rule `wire/no-foo`: no plugin in `plugins` gives rules the namespace `wire/`')
  })

  const broken: Array<[string, Record<string, string>, string, RegExp]> = [
    ['a plugin with a syntax error', {'rules/local/index.js': 'export default {rules: {'}, './rules/local', /plugins\[1\]: plugin `\.\/rules\/local` cannot be imported \(.*\)/],
    ['a plugin that exports no rules', {'rules/local/index.js': 'export const version = 1\n'}, './rules/local', /plugins\[1\]: plugin `\.\/rules\/local` exports no rules/],
    [
      'a plugin whose rule is not a rule',
      {'rules/local/index.js': "export default {rules: {'banned-words': {meta: {id: 'banned-words'}}}}\n"},
      './rules/local',
      /plugins\[1\]: plugin `\.\/rules\/local` rule `banned-words`: has no `check` function/
    ],
    ['a plugin package that is not installed', {}, 'newslint-plugin-missing', /plugins\[2\]: cannot find plugin package `newslint-plugin-missing` in node_modules/],
    ['a package not named as a plugin', {}, 'lodash', /plugins\[2\]: `lodash` is not a plugin name/],
    ['a plugin named like a built-in rule', {'rules/spelling.js': 'export const rules = {}\n'}, './rules/spelling.js', /plugins\[2\]: plugin `\.\/rules\/spelling\.js` clashes with the built-in rule `spelling`/]
  ]
  for (const [what, files, entry, problem] of broken) {
    it(`stops on ${what} with one line naming the config and the plugin, exit 2`, async () => {
      const plugins = entry === './rules/local' ? ['newslint-plugin-housestyle', entry] : ['newslint-plugin-housestyle', './rules/local', entry]
      const rules = entry === './rules/local' ? {'local/banned-words': 'off'} : {}
      const dir = project({...files, '.lintrc.json': configWith({plugins, rules})})
      const run = await runCli(['story.txt'], {cwd: dir})
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      const lines = run.stderr.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toContain(`${path.join(dir, '.lintrc.json')}: `)
      expect(lines[0]).toMatch(problem)
    })
  }

  it('refuses two plugins that would give their rules the same namespace', async () => {
    const dir = project({'other/local.js': "export const rules = {}\n", '.lintrc.json': configWith({plugins: ['newslint-plugin-housestyle', './rules/local', './other/local.js']})})
    const run = await runCli(['story.txt'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('plugins[2]: plugin `./other/local.js` clashes with plugin `./rules/local`')
  })

  it('refuses two configs of an `extends` chain whose plugins take the same namespace', async () => {
    const dir = project({
      'a/base.json': JSON.stringify({plugins: ['./local.js']}),
      'a/local.js': 'export const rules = {}\n',
      'b/base.json': JSON.stringify({plugins: ['./local/index.js']}),
      'b/local/index.js': 'export const rules = {}\n',
      '.lintrc.json': JSON.stringify({extends: ['./a/base.json', './b/base.json']})
    })
    const run = await runCli(['story.txt'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/\.lintrc\.json: extends: plugin `\.\/local\/index\.js` \(named in .*b\/base\.json\) clashes with plugin `\.\/local\.js`/)
  })

  it('refuses a local plugin outside the project', async () => {
    const outside = workspace({'evil/index.js': 'export const rules = {}\n'})
    const dir = project({'package.json': '{"name": "desk"}', '.lintrc.json': configWith({plugins: [path.join(outside, 'evil')]})})
    const run = await runCli(['story.txt'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/plugins\[0\]: `.*evil` is outside the project/)
  })

  it('takes part in the folder phase: facts collected from every file, merged by the plugin, across worker threads', () => {
    const articles: Record<string, string> = {}
    for (let index = 0; index < 30; index++) {
      articles[`desk/${String(index).padStart(2, '0')}.txt`] = index < 3 ? `Readers wrote by e-mail on day ${index}.\n` : `Readers wrote by email on day ${index}.\n`
    }
    const dir = project({...articles, '.lintrc.json': configWith({rules: {'mt-calque': 'off'}})})
    const pooled = spawnSync(process.execPath, [bin, 'desk', '--workers', '2', '-f', 'json'], {cwd: dir, encoding: 'utf8'})
    const single = spawnSync(process.execPath, [bin, 'desk', '--workers', '0', '-f', 'json'], {cwd: dir, encoding: 'utf8'})
    expect(pooled.stderr).toBe('')
    expect(pooled.stdout).toBe(single.stdout)
    const minority = (JSON.parse(pooled.stdout) as Array<{path: string; messages: Array<JsonMessage & {message: string}>}>).flatMap((result) =>
      result.messages.filter((message) => message.ruleId === 'housestyle/email-spelling').map((message) => ({path: result.path, message: message.message}))
    )
    expect(minority).toEqual([0, 1, 2].map((index) => ({path: `desk/0${index}.txt`, message: 'Unexpected `e-mail`, expected `email` (used 27 times in this folder)'})))
  })

  it('fixes with plugin rules in worker threads as in one thread', () => {
    const articles = Object.fromEntries(Array.from({length: 30}, (_, index) => [`desk/${index}.txt`, `Prices rose ${index} percent.\n`]))
    const dir = project({...articles, '.lintrc.json': configWith({rules: {'mt-calque': 'off'}})})
    const run = spawnSync(process.execPath, [bin, 'desk', '--workers', '2', '--fix'], {cwd: dir, encoding: 'utf8'})
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    for (let index = 0; index < 30; index++) expect(readFileSync(path.join(dir, `desk/${index}.txt`), 'utf8')).toBe(`Prices rose ${index} per cent.\n`)
  })

  it('takes `--rule` for a plugin rule, and refuses one no plugin has', async () => {
    const dir = project()
    const off = await runCli(['story.txt', '-f', 'json', '--rule', 'housestyle/per-cent=off'], {cwd: dir})
    expect(messagesOf(off.stdout).some((message) => message.ruleId === 'housestyle/per-cent')).toBe(false)
    const unknown = await runCli(['story.txt', '--rule', 'housestyle/nope=off'], {cwd: dir})
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown rule `housestyle/nope`')
  })

  it('lists plugin rules with --list-rules and shows them in --print-config', async () => {
    const dir = project()
    const listed = await runCli(['--list-rules'], {cwd: dir})
    expect(listed.stdout).toMatch(/^housestyle\/per-cent\s+warn\s+fixable\s+Spell "per cent" the house way$/m)
    expect(listed.stdout).toMatch(/^local\/banned-words\s+warn\s+Words the desk/m)
    const printed = JSON.parse((await runCli(['--print-config', 'story.txt'], {cwd: dir})).stdout) as {rules: Record<string, unknown>; plugins: Array<{namespace: string}>}
    expect(printed.rules['housestyle/per-cent']).toEqual(['error', {spelling: 'per cent'}])
    expect(printed.rules['housestyle/email-spelling']).toEqual(['warn', {}])
    expect(printed.plugins.map((plugin) => plugin.namespace)).toEqual(['housestyle', 'local'])
  })

  it('relints from --cache when the plugin\'s code changes', async () => {
    const dir = project()
    // Separate processes, as real runs are: a module once imported stays as it was in its process.
    const cli = () => spawnSync(process.execPath, [bin, 'story.txt', '--cache', '-f', 'json'], {cwd: dir, encoding: 'utf8'}).stdout
    expect(cli()).toContain('Unexpected `slammed`: not in house copy')
    const file = path.join(dir, 'rules/local/index.js')
    writeFileSync(file, readFileSync(file, 'utf8').replace("not in house copy'", "banned by the desk'"))
    expect(cli()).toContain('Unexpected `slammed`: banned by the desk')
  })

  it('loads plugins through the Node API: loadConfigAsync checks their rules, lint imports them itself', async () => {
    const dir = project()
    const configFile = path.join(dir, '.lintrc.json')
    const text = 'Turnout was 60 percent.\n'
    const config = await loadConfigAsync(configFile)
    expect((await lint(text, {config})).messages.map((message) => message.ruleId)).toContain('housestyle/per-cent')
    expect((await fix(text, {config})).output).toBe('Turnout was 60 per cent.\n')

    const other = project({'.lintrc.json': configWith({rules: {'housestyle/per-cent': ['warn', {spelling: 'percent'}]}})})
    // Synchronously, before its plugins are imported: lint imports them.
    const early = loadConfig(path.join(other, '.lintrc.json'))
    expect((await fix('Turnout was 60 per cent.\n', {config: early})).output).toBe('Turnout was 60 percent.\n')

    const bad = project({'.lintrc.json': configWith({rules: {'housestyle/per-cent': ['warn', {spelling: 'pct'}]}})})
    await expect(loadConfigAsync(path.join(bad, '.lintrc.json'))).rejects.toThrow(ConfigError)
  })

  it('runs plugin rules in the language server', async () => {
    const dir = project()
    const client = spawnServer({cwd: dir})
    try {
      await client.initialize({rootPath: dir})
      const uri = pathToUri(path.join(dir, 'story.txt'))
      client.open(uri, readFileSync(path.join(dir, 'story.txt'), 'utf8'))
      const published = await client.diagnostics(uri, (params) => params.diagnostics.length > 0, {since: 0})
      const diagnostic = published.diagnostics.find((candidate) => candidate.code === 'housestyle/per-cent')
      expect(diagnostic).toMatchObject({severity: 1, codeDescription: {href: 'https://desk.example/style/per-cent'}})
      expect(published.diagnostics.some((candidate) => candidate.code === 'local/banned-words')).toBe(true)
    } finally {
      await client.stop()
    }
  })
})

describe('house packs (`packs`)', () => {
  it('adds the pack\'s calques to mt-calque, reported and fixed like built-in entries', async () => {
    const dir = project()
    const run = await runCli(['story.txt', '-f', 'json'], {cwd: dir})
    const calque = messagesOf(run.stdout).find((message) => message.ruleId === 'mt-calque' && message.actual === 'prosecution general chief')
    expect(calque?.note).toContain('pack entry `ko/prosecution-general-chief`')
    await runCli(['story.txt', '--fix'], {cwd: dir})
    expect(readFileSync(path.join(dir, 'story.txt'), 'utf8')).toContain('after the Prosecutor General resigned')
  })

  it('adds up packs along `extends`, each relative to the config that names it', async () => {
    const dir = project({
      'package.json': '{"name": "desk"}',
      'base/base.json': JSON.stringify({packs: ['../packs-of-base/extra.yaml']}),
      'packs-of-base/extra.yaml': readFileSync(path.join(fixtures, 'packs', 'failing.yaml'), 'utf8').replace(/\n {2}- id: blue-house[\s\S]*$/, '\n'),
      '.lintrc.json': configWith({extends: ['./base/base.json']}),
      'story.txt': 'Analysts called it a tiger economy after the prosecution general chief spoke.\n'
    })
    const actual = messagesOf((await runCli(['story.txt', '-f', 'json'], {cwd: dir})).stdout)
      .filter((message) => message.ruleId === 'mt-calque')
      .map((message) => message.actual)
    expect(actual).toEqual(['tiger economy', 'prosecution general chief'])
  })

  it('refuses a pack whose examples fail, with one line naming the pack and the entry, exit 2', async () => {
    const dir = project({'house/failing.yaml': readFileSync(path.join(fixtures, 'packs', 'failing.yaml'), 'utf8'), '.lintrc.json': configWith({packs: ['./house/calques.yaml', './house/failing.yaml']})})
    const run = await runCli(['story.txt'], {cwd: dir})
    expect(run.code).toBe(2)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('.lintrc.json: packs: ')
    expect(lines[0]).toContain('failing.yaml: entry `blue-house`: example fails: flagged example "A spokesman for the Blue Roof said the talks would resume."')
  })

  it('refuses a pack outside the project', async () => {
    const outside = workspace({'calques.yaml': readFileSync(path.join(fixtures, 'project', 'house', 'calques.yaml'), 'utf8')})
    const dir = project({'package.json': '{"name": "desk"}', '.lintrc.json': configWith({packs: [path.join(outside, 'calques.yaml')]})})
    const run = await runCli(['story.txt'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/\.lintrc\.json: packs\[0\]: `.*calques\.yaml` is outside the project/)
  })

  it('refuses a pack that does not exist, naming where it looked', async () => {
    const run = await runCli(['story.txt'], {cwd: project({'.lintrc.json': configWith({packs: ['./house/missing.yaml']})})})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('packs[0]: cannot find `./house/missing.yaml`')
  })
})

describe('newslint test-pack', () => {
  const good = path.join(fixtures, 'project', 'house', 'calques.yaml')
  const failing = path.join(fixtures, 'packs', 'failing.yaml')

  it('passes a pack whose examples all hold, entry by entry, exit 0', async () => {
    const run = await runCli(['test-pack', good], {cwd: fixtures})
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('project/house/calques.yaml (language ko, 2 entries)')
    expect(run.stdout).toMatch(/^ {2}pass {2}ko\/prosecution-general-chief {2}1 flagged, 1 unflagged$/m)
    expect(run.stdout).toMatch(/^ {2}pass {2}ko\/special-inspection\s+1 flagged, 1 unflagged$/m)
    expect(run.stdout).toContain('2 entries: 2 passed, 0 failed')
  })

  it('fails a pack with a failing example, naming the entry, the example, what was expected and what was found, exit 1', async () => {
    const run = await runCli(['test-pack', good, failing], {cwd: fixtures})
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^ {2}pass {2}any\/tiger-economy/m)
    expect(run.stdout).toMatch(/^ {2}FAIL {2}any\/blue-house/m)
    expect(run.stdout).toContain('- flagged example "A spokesman for the Blue Roof said the talks would resume.": expected a report on "Blue Roof", got none')
    expect(run.stdout).toContain('- unflagged example "Tourists visited the Blue House gardens, now a public park.": reported "Blue House"')
    expect(run.stdout).toContain('4 entries: 3 passed, 1 failed')
  })

  it('says in one line why a pack cannot be read or is not valid, exit 2', async () => {
    const dir = workspace({'bad.yaml': 'language: ko\ndescription: x\nentries:\n  - id: x\n    sauce: y\n'})
    const missing = await runCli(['test-pack', 'missing.yaml'], {cwd: dir})
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe('newslint: missing.yaml: cannot read pack (ENOENT)\n')
    const invalid = await runCli(['test-pack', 'bad.yaml', good], {cwd: dir})
    expect(invalid.code).toBe(2)
    expect(invalid.stderr).toBe('newslint: bad.yaml: entry `x`: unknown key `sauce`\n')
    // The readable packs are still tested.
    expect(invalid.stdout).toContain('2 entries: 2 passed, 0 failed')
  })

  it('asks for at least one pack', async () => {
    const run = await runCli(['test-pack'], {cwd: fixtures})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("missing required argument 'packs'")
  })
})
