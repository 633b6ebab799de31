// The features for large runs and pipelines: worker threads, --cache, --ndjson, --facts.
import {spawnSync} from 'node:child_process'
import {mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {packageRoot} from '../src/paths.js'
import {onlyRules, runCli, workspace} from './helpers/cli.js'

const bin = path.join(packageRoot, 'bin', 'newslint.js')
const articles = Object.fromEntries(
  Array.from({length: 40}, (_, index) => [`desk/${String(index).padStart(2, '0')}.txt`, `Story ${index}: the minister said teh talks on the ${index % 2 ? 'budget' : 'border'} would resume.\n`])
)
const config = onlyRules({spelling: 'warn', unicode: 'warn'})

function cli(args: string[], cwd: string, input?: string) {
  return spawnSync(process.execPath, [bin, ...args], {cwd, encoding: 'utf8', input})
}

describe('worker threads', () => {
  it('give the same report as linting in one thread', () => {
    const dir = workspace({'.lintrc.json': config, ...articles})
    const pooled = cli(['desk', '--workers', '2', '-f', 'json'], dir)
    const single = cli(['desk', '--workers', '0', '-f', 'json'], dir)
    // This thread and two worker threads.
    const three = cli(['desk', '--workers', '3', '-f', 'json'], dir)
    expect(pooled.status).toBe(0)
    expect(pooled.stdout).toBe(single.stdout)
    expect(three.stdout).toBe(single.stdout)
    expect(JSON.parse(pooled.stdout)).toHaveLength(40)
  })

  it('fix files the same way as one thread', () => {
    const broken = Object.fromEntries(Object.entries(articles).map(([name, text]) => [name, text.replace('minister', 'min\u200Bister')]))
    const pooledDir = workspace({'.lintrc.json': config, ...broken})
    const singleDir = workspace({'.lintrc.json': config, ...broken})
    cli(['desk', '--workers', '2', '--fix'], pooledDir)
    cli(['desk', '--workers', '0', '--fix'], singleDir)
    for (const name of Object.keys(broken)) {
      expect(readFileSync(path.join(pooledDir, name), 'utf8')).toBe(readFileSync(path.join(singleDir, name), 'utf8'))
      expect(readFileSync(path.join(pooledDir, name), 'utf8')).not.toContain('\u200B')
    }
  })
})

describe('--cache', () => {
  it('reports the same findings from the cache, and relints a file whose text changed', async () => {
    const dir = workspace({'.lintrc.json': config, ...articles})
    const first = await runCli(['desk', '--cache', '-f', 'json'], {cwd: dir})
    const cacheFile = JSON.parse(readFileSync(path.join(dir, '.newslintcache'), 'utf8')) as {files: Record<string, unknown>}
    expect(Object.keys(cacheFile.files)).toHaveLength(40)
    expect(Object.keys(cacheFile.files)[0]).toMatch(/^desk\/\d\d\.txt$/)
    const second = await runCli(['desk', '--cache', '-f', 'json'], {cwd: dir})
    expect(second.stdout).toBe(first.stdout)

    writeFileSync(path.join(dir, 'desk/00.txt'), 'Story 0: the minister said the talks would resume.\n')
    const third = JSON.parse((await runCli(['desk', '--cache', '-f', 'json'], {cwd: dir})).stdout) as Array<{path: string; messages: unknown[]}>
    expect(third.find((result) => result.path === 'desk/00.txt')?.messages).toEqual([])
    expect(third.find((result) => result.path === 'desk/01.txt')?.messages).toHaveLength(1)
  })

  it('is invalidated by a config change', async () => {
    const dir = workspace({'.lintrc.json': config, ...articles})
    await runCli(['desk', '--cache', '--cache-location', 'tmp/lint.cache'], {cwd: dir})
    writeFileSync(path.join(dir, '.lintrc.json'), onlyRules({unicode: 'warn'}))
    const run = JSON.parse((await runCli(['desk', '--cache', '--cache-location', 'tmp/lint.cache', '-f', 'json'], {cwd: dir})).stdout) as Array<{messages: unknown[]}>
    expect(run.every((result) => result.messages.length === 0)).toBe(true)
  })

  it('reports the folder findings of unchanged files anew when another file changes the folder facts', async () => {
    const names = onlyRules({'name-consistency': 'warn'})
    const dir = workspace({
      '.lintrc.json': names,
      'a.txt': 'Kremlin critic Alexei Navalny spoke on Monday. Navalny was jailed.\n',
      'b.txt': 'Navalny appealed on Tuesday, and Navalny lost.\n',
      'c.txt': 'Supporters of Navalni rallied on Wednesday.\n'
    })
    const findings = async (...args: string[]) => {
      const results = JSON.parse((await runCli(['.', ...args, '-f', 'json'], {cwd: dir})).stdout) as Array<{path: string; messages: Array<{actual: string; expected: string[]}>}>
      return results.flatMap((result) => result.messages.map((message) => `${result.path}: ${message.actual} → ${message.expected[0]}`))
    }
    expect(await findings('--cache')).toEqual(['c.txt: Navalni → Navalny'])
    expect(await findings('--cache')).toEqual(['c.txt: Navalni → Navalny'])
    // c.txt is unchanged, but the folder now spells the name its way.
    writeFileSync(path.join(dir, 'a.txt'), 'Kremlin critic Alexei Navalni spoke on Monday. Navalni was jailed. Navalni appealed.\n')
    writeFileSync(path.join(dir, 'b.txt'), 'Navalni appealed on Tuesday, and Navalni lost.\n')
    const after = await findings('--cache')
    expect(after).not.toContain('c.txt: Navalni → Navalny')
    expect(after).toEqual(await findings())
  })

  it('writes the same folder facts from a run answered wholly from the cache', async () => {
    const dir = workspace({'.lintrc.json': onlyRules({'name-consistency': 'warn', boilerplate: 'warn'}), ...articles})
    await runCli(['desk', '--write-facts', 'fresh.json'], {cwd: dir})
    await runCli(['desk', '--cache'], {cwd: dir})
    const cached = await runCli(['desk', '--cache', '--write-facts', 'cached.json'], {cwd: dir})
    expect(cached.stderr).toBe('')
    const facts = JSON.parse(readFileSync(path.join(dir, 'cached.json'), 'utf8')) as Record<string, unknown>
    expect(Object.keys(facts).length).toBeGreaterThan(0)
    expect(facts).toEqual(JSON.parse(readFileSync(path.join(dir, 'fresh.json'), 'utf8')))
  })

  it('treats a damaged cache file as empty', async () => {
    const dir = workspace({'.lintrc.json': config, 'a.txt': 'The talks on teh budget.\n', '.newslintcache': '{"format": 1, "engi'})
    const run = await runCli(['a.txt', '--cache', '-f', 'json'], {cwd: dir})
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)[0].messages).toHaveLength(1)
  })
})

describe('--ndjson', () => {
  it('writes one result per record, in input order, with the fixed text under --fix', () => {
    const dir = workspace({'.lintrc.json': config})
    const input = ['{"id": "a", "text": "The min\\u200Bister spoke."}', '', '{"id": 7, "text": "Fine words here."}'].join('\n')
    const run = cli(['--ndjson', '--fix'], dir, input)
    expect(run.status).toBe(0)
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as {id: unknown; messages: unknown[]; fixed: string | null})
    expect(lines.map((line) => line.id)).toEqual(['a', 7])
    expect(lines[0]!.fixed).toBe('The minister spoke.')
    expect(lines[1]!.fixed).toBeNull()
  })

  it('lints the records in worker threads when there are several, leaving this thread to read and write the stream', () => {
    // A plugin rule that reports which thread ran it.
    const where = [
      "import {threadId} from 'node:worker_threads'",
      "import {defineRule} from 'newslint'",
      "const thread = defineRule({meta: {id: 'thread', description: 'Names the thread', fixable: false, recommended: 'warn', schema: {type: 'object'}, defaultOptions: {}, messages: {thread: 'thread {{id}}'}},",
      '  check({report}) { report({messageId: \'thread\', data: {id: threadId}, start: 0, end: 1}) }})',
      'export default {rules: {thread}}'
    ].join('\n')
    const dir = workspace({'package.json': '{"type": "module"}', 'where.js': where, '.lintrc.json': onlyRules({}, {plugins: ['./where']})})
    mkdirSync(path.join(dir, 'node_modules'))
    symlinkSync(packageRoot, path.join(dir, 'node_modules', 'newslint'), 'dir')
    const input = Array.from({length: 30}, (_, index) => JSON.stringify({id: index, text: `Record ${index}.`})).join('\n')
    const threadsOf = (workers: string) => {
      const run = cli(['--ndjson', '--workers', workers], dir, input)
      expect(run.stderr).toBe('')
      return new Set(run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as {messages: Array<{message: string}>}).messages[0]!.message))
    }
    expect(threadsOf('1')).toEqual(new Set(['thread 0']))
    const pooled = threadsOf('2')
    expect(pooled.has('thread 0')).toBe(false)
    expect(pooled.size).toBeGreaterThan(0)
  })

  it('answers a malformed record with an error line and exits 2, carrying on with the rest', () => {
    const dir = workspace({'.lintrc.json': config})
    const run = cli(['--ndjson'], dir, 'not json\n{"text": "no id"}\n{"id": 1, "text": "The teh."}\n')
    expect(run.status).toBe(2)
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as {id: unknown; error?: string; messages?: unknown[]})
    expect(lines[0]!.error).toMatch(/line 1: invalid JSON/)
    expect(lines[1]!.error).toMatch(/line 2: a record needs an "id"/)
    expect(lines[2]!.messages).toHaveLength(1)
    expect(run.stderr).toContain('2 malformed records')
  })
})

describe('--write-facts and --facts', () => {
  it('carry folder facts from one shard to another', async () => {
    // Two shards of one site (six articles and two): alone, the second shard is too small to learn the footer.
    const footer = 'The Harbour Light is printed on Quayside Row.\nTide tables appear with every edition of the paper.'
    const topics = ['the fishing fleet', 'the new ferry timetable', 'a lighthouse restoration', 'the harbour dredging', 'winter storm damage', 'the lifeboat appeal', 'a quayside market', 'the marina expansion']
    const story = (index: number) => `Councillors in Portmere debated ${topics[index]} for three hours on Tuesday evening.\nResidents said ${topics[index]} had been promised for ${index + 2} years without result.\n${footer}\n`
    const files = Object.fromEntries(Array.from({length: 8}, (_, index) => [`${index < 6 ? 'one' : 'two'}/${index}.txt`, story(index)]))
    const dir = workspace({'.lintrc.json': onlyRules({boilerplate: 'warn'}), ...files})
    const alone = JSON.parse((await runCli(['two', '-f', 'json'], {cwd: dir})).stdout) as Array<{messages: unknown[]}>
    const together = JSON.parse((await runCli(['one', 'two', '-f', 'json'], {cwd: dir})).stdout) as Array<{path: string; messages: unknown[]}>
    await runCli(['one', '--write-facts', 'one.facts.json'], {cwd: dir})
    const sharded = JSON.parse((await runCli(['two', '--facts', 'one.facts.json', '-f', 'json'], {cwd: dir})).stdout) as Array<{messages: unknown[]}>
    const count = (results: Array<{messages: unknown[]}>) => results.reduce((sum, result) => sum + result.messages.length, 0)
    expect(count(sharded)).toBe(count(together.filter((result) => result.path.startsWith('two/'))))
    expect(count(sharded)).toBeGreaterThan(count(alone))
  })

  it('refuses a file that is not a facts file', async () => {
    const dir = workspace({'a.txt': 'Text.\n', 'bad.json': '{"rules": {}}'})
    const run = await runCli(['a.txt', '--facts', 'bad.json'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('bad.json: not a facts file')
  })
})
