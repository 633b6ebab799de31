// Runs the CLI in-process with captured streams, and makes throwaway workspaces.
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {main} from '../../src/cli/main.js'
import {builtinRules} from '../../src/rules.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export async function runCli(args: string[], options: {cwd: string; stdin?: string; env?: Record<string, string>; tty?: boolean}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, {
    stdout: {write: (chunk: string) => (stdout += chunk), isTTY: options.tty ?? false},
    stderr: {write: (chunk: string) => (stderr += chunk), isTTY: options.tty ?? false},
    stdin: (async function* () {
      if (options.stdin !== undefined) yield Buffer.from(options.stdin)
    })(),
    cwd: options.cwd,
    env: options.env ?? {}
  })
  return {code, stdout, stderr}
}

export function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newslint-cli-'))
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), {recursive: true})
    writeFileSync(path.join(dir, name), content)
  }
  return dir
}

/** A config with only the named rules on, at the given severities. */
export function onlyRules(rules: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  const off = Object.fromEntries(builtinRules.map((rule) => [rule.meta.id, 'off']))
  return JSON.stringify({rules: {...off, ...rules}, ...extra})
}
