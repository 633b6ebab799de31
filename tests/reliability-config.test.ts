// Issue 9, point 4: config and data cannot hang or escape. Hostile JSON (deep nesting, numbers out
// of range, prototype keys) is refused in one line with exit 2; `extends` and the files rules read
// (`personal` word lists, `packs`, the `names` house list) must be plain files inside the project
// or an installed package; a phrase pack with a catastrophic-looking pattern cannot backtrack, and a
// pack whose examples fail is one config error, not a crash.
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, symlinkSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {BIN} from '../bench/faults.js'
import {onlyRules, runCli, workspace} from './helpers/cli.js'

const TEXT = 'The minister said the talks would resume.\n'

/** Runs the CLI on a.txt with the config given; returns the exit code and standard error's lines. */
async function withConfig(config: string, files: Record<string, string> = {}) {
  // package.json pins the project to this folder, whatever lies above it in the temporary folder.
  const dir = workspace({'package.json': '{}', '.lintrc.json': config, 'a.txt': TEXT, ...files})
  const run = await runCli(['a.txt'], {cwd: dir})
  return {dir, code: run.code, lines: run.stderr.trim().split('\n').filter(Boolean)}
}

function expectOneLine(result: {code: number; lines: string[]}, problem: RegExp): void {
  expect(result.code).toBe(2)
  expect(result.lines).toHaveLength(1)
  expect(result.lines[0]).toMatch(/^newslint: .*\.lintrc\.json: /)
  expect(result.lines[0]).toMatch(problem)
}

describe('hostile JSON in .lintrc.json', () => {
  it('refuses nesting 100,000 levels deep (it would overflow the validator) in one line', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    expectOneLine(await withConfig(`{"rules": {"spelling": ["warn", {"ignore": ${deep}}]}}`), /rules\.spelling\[1\]\.ignore\[0\].*: nested more than 64 levels deep$/)
  })

  it('refuses numbers that are not exact: 1e400 (Infinity) and 1e300 (an "integer" to loop to)', async () => {
    expectOneLine(await withConfig('{"rules": {"boilerplate": ["warn", {"templateWindow": 1e300}]}}'), /rules\.boilerplate\[1\]\.templateWindow: number out of range \(1e\+300\)/)
    expectOneLine(await withConfig('{"rules": {"spelling": ["warn", {"maxSuggestionsPerFile": 1e400}]}}'), /rules\.spelling\[1\]\.maxSuggestionsPerFile: number out of range \(Infinity\)/)
  })

  it('refuses prototype keys anywhere: __proto__, constructor, prototype', async () => {
    expectOneLine(await withConfig('{"names": {"__proto__": ["Navalny"]}}'), /names\.__proto__: forbidden key `__proto__`$/)
    expectOneLine(await withConfig('{"__proto__": {"polluted": true}}'), /__proto__: forbidden key `__proto__`$/)
    expectOneLine(await withConfig('{"rules": {"spelling": ["warn", {"constructor": {"prototype": 1}}]}}'), /rules\.spelling\[1\]\.constructor: forbidden key `constructor`$/)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses malformed JSON and a config that is not a regular file in one line', async () => {
    expectOneLine(await withConfig('{"rules": '), /invalid JSON: /)
    expectOneLine(await withConfig(`{"ignore": ["${'x'.repeat(5 * 1024 * 1024)}"]}`), /cannot read config \(\d+ bytes, over the limit of 4194304\)$/)
  })
})

describe('files a config names stay inside the project', () => {
  // A folder outside the project, holding what a hostile config would like to read.
  const outside = mkdtempSync(path.join(os.tmpdir(), 'newslint-outside-'))
  writeFileSync(path.join(outside, 'base.json'), '{"rules": {"spelling": "error"}}')
  writeFileSync(path.join(outside, 'words.txt'), 'secret\n')
  writeFileSync(path.join(outside, 'names.json'), '{"Navalny": ["Navalni"]}')

  it('refuses `extends` outside the project: absolute, `..`, or through a symbolic link', async () => {
    expectOneLine(await withConfig(JSON.stringify({extends: [path.join(outside, 'base.json')]})), /extends\[0\]: `.*base\.json` is outside the project \(.*\); name a file inside it or an installed package$/)
    const nested = await withConfig(JSON.stringify({extends: [path.relative(os.tmpdir(), path.join(outside, 'base.json')).replace(/^/, '../')]}))
    expectOneLine(nested, /extends\[0\]: .* is outside the project/)
    const dir = workspace({'package.json': '{}', 'a.txt': TEXT})
    symlinkSync(path.join(outside, 'base.json'), path.join(dir, 'linked.json'))
    writeFileSync(path.join(dir, '.lintrc.json'), JSON.stringify({extends: ['./linked.json']}))
    const run = await runCli(['a.txt'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/extends\[0\]: `\.\/linked\.json` is outside the project/)
  })

  it('allows `extends` inside the project (up to the folder with .git or package.json) and from an installed package', async () => {
    const dir = workspace({
      'package.json': '{}',
      'house/base.json': '{"extensions": [".txt"]}',
      'desk/.lintrc.json': JSON.stringify({extends: ['../house/base.json', 'newslint-config-desk/base.json']}),
      'node_modules/newslint-config-desk/package.json': '{"name": "newslint-config-desk"}',
      'node_modules/newslint-config-desk/base.json': '{"rules": {"spelling": "error"}}',
      'desk/a.txt': 'The minister said teh talks would resume.\n'
    })
    const run = await runCli(['desk/a.txt', '-f', 'json'], {cwd: dir})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    // Without package.json the project is the config's own folder, and `../house` is outside it.
    const bare = workspace({'house/base.json': '{}', 'desk/.lintrc.json': JSON.stringify({extends: ['../house/base.json']}), 'desk/a.txt': TEXT})
    expect((await runCli(['desk/a.txt'], {cwd: bare})).stderr).toMatch(/is outside the project/)
  })

  it('refuses word lists and house lists outside the project, and special files such as /dev/zero', async () => {
    expectOneLine(await withConfig(onlyRules({spelling: ['warn', {personal: [path.join(outside, 'words.txt')]}]})), /rules\.spelling\[1\]\.personal\[0\]: .* is outside the project/)
    expectOneLine(await withConfig(onlyRules({spelling: ['warn', {personal: ['/dev/zero']}]})), /personal\[0\]: `\/dev\/zero` is outside the project/)
    expectOneLine(await withConfig(onlyRules({'name-consistency': 'warn'}, {names: path.join(outside, 'names.json')})), /names: .* is outside the project/)
    expectOneLine(await withConfig(onlyRules({spelling: ['warn', {personal: ['missing.txt']}]})), /personal\[0\]: cannot find `missing\.txt`/)
    expectOneLine(await withConfig(onlyRules({'mt-calque': ['warn', {packs: ['../../etc/passwd']}]})), /packs\[0\]: .* is outside the project/)
  })

  it('reads word lists and house lists inside the project', async () => {
    const result = await withConfig(onlyRules({spelling: ['warn', {personal: ['words/house.txt']}], 'name-consistency': 'warn'}, {names: 'names.json'}), {
      'words/house.txt': 'Peskov\n',
      'names.json': '{"Navalny": ["Navalni"]}'
    })
    expect(result.lines).toEqual([])
    expect(result.code).toBe(0)
  })

  it.runIf(process.platform !== 'win32')('refuses a FIFO as a config or a word list without opening it', () => {
    const dir = workspace({'package.json': '{}', 'a.txt': TEXT, 'list/.lintrc.json': onlyRules({spelling: ['warn', {personal: ['words.txt']}]}), 'list/a.txt': TEXT})
    mkdirSync(path.join(dir, 'fifo'))
    spawnSync('mkfifo', [path.join(dir, 'fifo', '.lintrc.json'), path.join(dir, 'list', 'words.txt')])
    writeFileSync(path.join(dir, 'fifo', 'a.txt'), TEXT)
    const config = spawnSync(process.execPath, [BIN, 'fifo/a.txt'], {cwd: dir, encoding: 'utf8', timeout: 30_000})
    expect(config.status).toBe(2)
    expect(config.stderr).toMatch(/fifo\/\.lintrc\.json: cannot read config \(not a regular file\)\n$/)
    const list = spawnSync(process.execPath, [BIN, 'list/a.txt'], {cwd: dir, encoding: 'utf8', timeout: 30_000})
    expect(list.status).toBe(2)
    expect(list.stderr).toMatch(/personal\[0\]: `words\.txt` is not a regular file\n$/)
  })
})

describe('patterns in data cannot backtrack', () => {
  const pack = (flagged: string, actual: string) => `language: ko
description: A hostile entry.
entries:
  - id: backtrack
    source: 특검
    sense: {wrong: a, right: b}
    match: ['(a+)+$']
    right: [b]
    fix: false
    note: The pack language has no repetition operators, so + and $ are plain characters.
    status: unverified
    examples:
      flagged:
        - text: ${flagged}
          actual: ${actual}
          expected: [b]
      unflagged:
        - nothing here
`

  it('reads `(a+)+$` in a house pack as plain characters, so a hostile article is linted at once', async () => {
    const dir = workspace({
      '.lintrc.json': onlyRules({'mt-calque': ['warn', {packs: ['house.yaml']}]}, {sourceLanguages: ['ko']}),
      'house.yaml': pack('They typed a++$ here.', 'a++$'),
      // Read as a pattern, `a++$` over the long line would backtrack until the test's timeout.
      'evil.txt': `${'a'.repeat(200_000)}!\nThey typed a++$ here.\n`
    })
    const run = await runCli(['evil.txt', '-f', 'json'], {cwd: dir})
    expect(run.stderr).toBe('')
    // Only the characters themselves are found.
    expect(JSON.parse(run.stdout)[0].messages.map((message: {line: number; ruleId: string}) => [message.line, message.ruleId])).toEqual([[2, 'mt-calque']])
  })

  it('refuses a house pack whose examples fail in one line naming the rule, before any file is read', async () => {
    const result = await withConfig(onlyRules({'mt-calque': ['warn', {packs: ['house.yaml']}]}), {'house.yaml': pack('aaaa', 'aaaa')})
    expectOneLine(result, /rules\.mt-calque: .*house\.yaml: entry `backtrack`: example fails: flagged example "aaaa"/)
  })

  it('matches house-list names literally: `(a+)+$` as a name cannot backtrack', async () => {
    const dir = workspace({
      '.lintrc.json': onlyRules({'name-consistency': 'warn'}, {names: {'(a+)+$': ['(a+)+$x'], 'Navalny': ['Navalni']}}),
      // Read as a pattern, `(a+)+$` over the long line would backtrack until the test's timeout.
      'evil.txt': `${'a'.repeat(200_000)}!\nThe report named (a+)+$x twice.\n`
    })
    const run = await runCli(['evil.txt', '-f', 'json'], {cwd: dir})
    expect(run.code).toBe(0)
    // Only the characters themselves are found.
    expect(JSON.parse(run.stdout)[0].messages.map((message: {line: number; ruleId: string; expected?: string[]}) => [message.line, message.ruleId, message.expected])).toEqual([[2, 'name-consistency', ['(a+)+$']]])
  })
})
