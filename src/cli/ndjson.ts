// `--ndjson`: a filter for ingestion pipelines. One `{"id", "text"}` record per input line, one
// `{"id", "messages", "fixed"?, "data"?}` result per output line, in input order, with a bounded
// number of records in flight, so memory does not grow with the length of the stream.
import {createInterface} from 'node:readline'
import {Readable} from 'node:stream'
import type {Config} from '../config.js'
import type {FolderFacts} from '../engine.js'
import type {LintOutcome} from '../jobs.js'
import {toJsonMessage} from '../reporters/json.js'
import type {Executor} from './executor.js'
import type {CliIO} from './main.js'

export interface NdjsonOptions {
  io: CliIO
  config: Config
  facts: FolderFacts
  fix: boolean
  executor: Executor
}

interface Pending {
  line: number
  id: unknown
  outcome: Promise<LintOutcome> | {error: string}
}

/** Returns the exit code: 2 when a record was malformed, 1 when a record has lint errors, else 0. */
export async function runNdjson({io, config, facts, fix, executor}: NdjsonOptions): Promise<number> {
  const window = Math.max(4, executor.threads * 4)
  const queue: Pending[] = []
  let malformed = 0
  let errors = 0

  const flush = async (pending: Pending) => {
    if ('error' in pending.outcome) {
      malformed++
      io.stdout.write(`${JSON.stringify({id: pending.id ?? null, error: pending.outcome.error})}\n`)
      return
    }
    const {result, output} = await pending.outcome
    const messages = result.messages.map(toJsonMessage)
    errors += messages.filter((message) => message.severity === 'error').length
    const record: Record<string, unknown> = {id: pending.id, messages}
    if (fix) record.fixed = output ?? null
    if (result.data && Object.keys(result.data).length > 0) record.data = result.data
    io.stdout.write(`${JSON.stringify(record)}\n`)
  }

  const lines = createInterface({input: Readable.from(io.stdin), crlfDelay: Number.POSITIVE_INFINITY})
  let number = 0
  for await (const line of lines) {
    number++
    if (!line.trim()) continue
    queue.push(parseRecord(line, number, (id, text) => executor.lint(`<record ${String(id)}>`, text, config, facts, fix)))
    // Results leave in input order; once the window is full, wait for the oldest.
    while (queue.length >= window) await flush(queue.shift()!)
  }
  while (queue.length > 0) await flush(queue.shift()!)
  if (malformed > 0) io.stderr.write(`newslint: ${malformed} malformed record${malformed === 1 ? '' : 's'} in the input (see the "error" lines)\n`)
  return malformed > 0 ? 2 : errors > 0 ? 1 : 0
}

function parseRecord(line: string, number: number, lint: (id: string | number, text: string) => Promise<LintOutcome>): Pending {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    return {line: number, id: null, outcome: {error: `line ${number}: invalid JSON (${(error as Error).message})`}}
  }
  const record = value as {id?: unknown; text?: unknown}
  const id = record && typeof record === 'object' ? record.id : undefined
  if (typeof id !== 'string' && typeof id !== 'number') return {line: number, id: null, outcome: {error: `line ${number}: a record needs an "id" (string or number)`}}
  if (typeof record.text !== 'string') return {line: number, id, outcome: {error: `line ${number}: a record needs a "text" string`}}
  return {line: number, id, outcome: lint(id, record.text)}
}
