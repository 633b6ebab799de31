// The `newslint` command: lint, report and fix files, folders, globs or standard input.
// What a plain lint of a few files does not need is imported where it is used (the diff of
// --fix-dry-run, --ndjson, the `names` and `test-pack` commands, every output format but the one
// asked for), so that one article is linted cold in as little time as possible.
import {readFileSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {setFlagsFromString} from 'node:v8'
import {Command, CommanderError, InvalidArgumentError, Option} from 'commander'
import {DEFAULT_CACHE_FILE, hash, LintCache} from './cache.js'
import {createExecutor} from './executor.js'
import {ConfigError, findConfigFile, loadConfig, loadConfigAsync, recommendedConfig, type Config} from '../config.js'
import {factsOf, fix, FoldInOrder, lint, mergeFacts, needsFacts, type FolderFacts} from '../engine.js'
import type {FormatName} from '../reporters/index.js'
import {loadFormatter} from '../reporters/load.js'
import {toLintResult, type LintResult} from '../reporters/result.js'
import {pluginsLoaded, rulesOf} from '../plugins.js'
import {OptionsError, type NewslintRule, type RuleSetting, type Severity} from '../rule.js'
import {builtinRules} from '../rules.js'
import {version} from '../version.js'
import type {NameGroup} from '../names-report.js'
import {expandPaths} from './files.js'
import {FindingFilters} from './filters.js'
import {progressBar} from './progress.js'
import {decode, DEFAULT_MAX_FILE_SIZE, encode, formatSize, InputError, ioProblem, parseSize, readSourceFile, type SourceFile} from './read.js'
import {keepLineEndings, removeStaleTempFiles, writeAtomically} from './write.js'

export interface CliIO {
  stdout: {write(chunk: string): unknown; isTTY?: boolean}
  stderr: {write(chunk: string): unknown; isTTY?: boolean}
  stdin: AsyncIterable<Buffer | string>
  cwd: string
  env: Record<string, string | undefined>
}

export const EXIT_OK = 0
export const EXIT_LINT_ERRORS = 1
export const EXIT_USAGE = 2

const FORMATS: FormatName[] = ['stylish', 'json', 'lsp', 'sarif', 'github', 'codeclimate']
/** Runs with more files than this show a progress bar on an interactive terminal. */
const PROGRESS_THRESHOLD = 200

interface CliOptions {
  stdin?: boolean
  stdinFilename?: string
  config?: string
  rule: string[]
  format: FormatName
  outputFile?: string
  quiet?: boolean
  maxWarnings: number
  fix?: boolean
  fixDryRun?: boolean
  printConfig?: string
  listRules?: boolean
  color?: boolean
  cache?: boolean
  cacheLocation?: string
  workers?: number
  facts?: string
  writeFacts?: string
  ndjson?: boolean
  maxFileSize: number
  baseline?: string
  writeBaseline?: string
  reportFixed?: boolean
  reportUnusedSuppressions?: boolean
}

/** A problem with how newslint was called: one line, exit code 2. */
class UsageError extends Error {}

export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  // Regular expressions compiled to machine code on first use, not interpreted first: the rules'
  // large joined patterns ran interpreted through each thread's first hundred articles, a quarter
  // of a second per thread (CPU profiles of the first 100 files: 234 ms in boilerplate's catalogue
  // test, 74 ms with this). The flags are process-wide, so worker threads started later have them.
  // Functions are optimised after four times V8's default interrupt budget: with the default, each
  // worker optimised hundreds of functions early, on incomplete type feedback, then again after
  // deoptimising, and the compiler threads took a third of a run's CPU (4.2 s of 12.5 s on the
  // bench corpus, measured per thread from /proc; 2.6 s of 10.2 s with this, the workers' own time
  // unchanged).
  setFlagsFromString('--no-regexp-tier-up --interrupt-budget=270336')
  if (argv[0] === 'lsp') {
    // The server lives as long as the editor keeps its standard input open.
    const {startServer} = await import('../server/index.js')
    startServer()
    return EXIT_OK
  }
  if (argv[0] === 'names') return namesCommand(argv.slice(1), io)
  if (argv[0] === 'test-pack') return testPackCommand(argv.slice(1), io)
  const program = new Command('newslint')
  let exitCode = EXIT_OK
  program
    .description('Lint machine-translated and scraped news copy: MT artefacts, names, duplicates, boilerplate, broken text.')
    .argument('[paths...]', 'files, folders (walked recursively) or globs; `-` reads standard input')
    .option('--stdin', 'lint text from standard input')
    .option('--stdin-filename <path>', 'path used for standard input (config lookup and reports)')
    .option('-c, --config <file>', 'use this config file instead of the nearest .lintrc.json')
    .option('--rule <id=severity>', 'set a rule to off, info, warn or error (repeatable)', collect, [])
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMATS).default('stylish'))
    .option('-o, --output-file <file>', 'write the report to a file instead of standard output')
    .option('--quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCount, -1)
    .option('--fix', 'apply safe fixes and write the files')
    .option('--fix-dry-run', 'print the fixes as a unified diff; write nothing')
    .option('--print-config <file>', 'print the configuration that applies to a file')
    .option('--list-rules', 'list the rules with their recommended severity')
    .option('--cache', 'skip files unchanged since the last run (text, config, folder facts and newslint itself)')
    .option('--cache-location <file>', `where the cache lives (default: ${DEFAULT_CACHE_FILE} in the working folder)`)
    .option('--workers <n>', 'threads that lint, this one included, or with --ndjson worker threads besides it (0 or 1: this thread only; default: one per core for larger runs)', parseCount)
    .option('--facts <file>', 'folder facts from another run (--write-facts), merged with this run\'s')
    .option('--write-facts <file>', 'save the merged folder facts of this run, for --facts in another run or shard')
    .option('--ndjson', 'read {"id","text"} records from standard input, one per line; write one result per line')
    .option('--baseline <file>', 'report only findings not recorded in this baseline (--write-baseline)')
    .option('--write-baseline <file>', 'record every current finding in a baseline file, so later runs report only new ones')
    .option('--report-fixed', 'with --baseline, also list the baseline\'s findings that are gone')
    .option('--report-unused-suppressions', 'warn about suppression comments and entries that suppressed nothing')
    .option('--max-file-size <size>', `refuse files larger than this, e.g. 50MB or 500k (default: ${formatSize(DEFAULT_MAX_FILE_SIZE)})`, parseSizeOption, DEFAULT_MAX_FILE_SIZE)
    .option('--no-color', 'never colour the output (also NO_COLOR=1)')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput(commanderOutput(io))
    .addHelpText(
      'after',
      '\nExit codes: 0 no errors (and warnings within --max-warnings), 1 lint errors, 2 usage, config or I/O errors.\n' +
        'Commands: `newslint names <paths...> [--json] [--write FILE]`, `newslint test-pack <packs...>`, `newslint lsp --stdio`.'
    )
    .action(async (paths: string[], options: CliOptions) => {
      exitCode = await run(paths, options, io)
    })

  return parseCommand(program, argv, io, () => exitCode)
}

async function run(paths: string[], options: CliOptions, io: CliIO): Promise<number> {
  if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together')
  const overrides = parseRuleOverrides(options.rule)
  const configs = configResolver(io.cwd, options.config, overrides)

  if (options.listRules) {
    // The built-in rules and the plugin rules of the config that applies here.
    io.stdout.write(listRules(rulesOf((await configs.load(path.join(io.cwd, '_'))).plugins)))
    return EXIT_OK
  }
  if (options.printConfig) {
    io.stdout.write(`${JSON.stringify(printable(await configs.load(path.resolve(io.cwd, options.printConfig))), null, 2)}\n`)
    return EXIT_OK
  }

  if (options.ndjson) {
    if (paths.length > 0 || options.stdin) throw new UsageError('--ndjson reads standard input only; it takes no paths')
    if (options.fixDryRun) throw new UsageError('--ndjson writes the fixed text in each result with --fix; --fix-dry-run does not apply')
    if (options.baseline || options.writeBaseline) throw new UsageError('--ndjson records have no paths for a baseline to key them by; lint files for --baseline and --write-baseline')
    const config = await configs.load(path.resolve(io.cwd, options.stdinFilename ?? 'stdin.txt'))
    const facts = options.facts ? readFacts(path.resolve(io.cwd, options.facts)) : {}
    const executor = createExecutor(Number.POSITIVE_INFINITY, options.workers, {streaming: true})
    const {runNdjson} = await import('./ndjson.js')
    try {
      return await runNdjson({io, config, facts, fix: Boolean(options.fix), executor})
    } finally {
      await executor.close()
    }
  }

  const useStdin = options.stdin || paths.includes('-')
  const filePaths = paths.filter((entry) => entry !== '-')
  if (!useStdin && filePaths.length === 0) throw new UsageError('no paths given (try `newslint seeds/`, or `--stdin`); see --help')
  if (useStdin && filePaths.length > 0) throw new UsageError('standard input cannot be combined with paths')
  if (!useStdin && options.stdinFilename) throw new UsageError('--stdin-filename needs --stdin')

  const color = !options.outputFile && colorEnabled(io, options.color)
  let results: LintResult[] = []
  const problems: string[] = []
  const diffs: string[] = []
  const filters = FindingFilters.open(options, io)

  if (useStdin) {
    const name = options.stdinFilename ?? '<stdin>'
    const config = await configs.load(path.resolve(io.cwd, options.stdinFilename ?? 'stdin.txt'))
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of io.stdin) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
      size += chunks.at(-1)!.length
      if (size > options.maxFileSize) throw new InputError(name, `is over the size limit of ${formatSize(options.maxFileSize)} (--max-file-size); not linted`)
    }
    const {text} = decode(name, Buffer.concat(chunks))
    const facts = factsOf([{path: name, text}], {config, facts: options.facts ? readFacts(path.resolve(io.cwd, options.facts)) : undefined})
    const suppressed = path.resolve(io.cwd, options.stdinFilename ?? 'stdin.txt')
    const suppression = filters.job(suppressed, config)
    if (options.fix || options.fixDryRun) {
      const fixed = await fix(text, {filePath: name, config, facts, ...suppression})
      if (options.fix) io.stdout.write(fixed.output)
      else if (fixed.changed) diffs.push(await unifiedDiff(name, text, fixed.output))
      results.push(toLintResult(fixed.file, name))
    } else {
      results.push(toLintResult(await lint(text, {filePath: name, config, facts, ...suppression}), name))
    }
    filters.record(suppressed, results[0]!)
    results = await filters.finish(results)
    // With --fix on standard input the fixed text owns standard output; the report goes to stderr.
    return report(results, problems, diffs, options, io, color, options.fix ? io.stderr : io.stdout, configs.rules())
  }

  const {files, folders} = await listSources(filePaths, configs, io, problems)
  // The pool starts once the files are listed: its threads load the rules while this one reads.
  // With the cache, at the first file that needs linting: an unchanged folder needs no thread.
  const executor = createExecutor(files.length, options.workers)
  if (!options.cache) executor.start()
  let groups: Map<Config, SourceFile[]>
  let sources: SourceFile[]
  let given: FolderFacts
  let cache: LintCache | undefined
  try {
    ;({groups, sources} = readListed(files, configs, io, problems, options.maxFileSize))
    // Suppression sidecars are read now, so an invalid one stops the run before any file is fixed.
    for (const source of sources) filters.prepare(source.path, configs.for(source.path))
    // Temporary files of earlier runs that were killed before their rename; never a live run's.
    if (options.fix) await removeStaleTempFiles(folders)
    given = options.facts ? readFacts(path.resolve(io.cwd, options.facts)) : {}
    cache = options.cache ? await LintCache.open(path.resolve(io.cwd, options.cacheLocation ?? DEFAULT_CACHE_FILE)) : undefined
  } catch (error) {
    await executor.close()
    throw error
  }
  const fixing = Boolean(options.fix || options.fixDryRun)
  // A cached report with nothing left to fix stands for a fix run too.
  const usable = (cached: Pick<LintResult, 'messages'> | undefined) => cached !== undefined && !(fixing && cached.messages.some((message) => message.fix))
  const progress = progressBar(io.stderr, sources.length, sources.length > PROGRESS_THRESHOLD && Boolean(io.stderr.isTTY))
  let allFacts: FolderFacts = {}
  // An engine failure on one file (a bug, a parser overflow) costs that file, not the run.
  // Every file's job is handed to the executor at once: the texts are all in memory already, a
  // waiting job adds a promise, and the executor gives the threads work as they can take it.
  const failed = new Set<SourceFile>()
  const failure = (source: SourceFile, error: unknown) => {
    if (!failed.has(source)) problems.push(`${displayPath(source.path, io.cwd)}: newslint failed on this file (${String((error as Error)?.message ?? error).split('\n')[0]}); not linted`)
    failed.add(source)
  }
  try {
    for (const [config, group] of groups) {
      const keys = new Map(group.map((source) => [source, cache ? cache.keyOf(source.text, config) + filters.cacheKey(source.path, config) : '']))
      // When an earlier run merged the facts of these very files and has every report, the facts
      // are not merged again: the hash of what they merged to finds the reports.
      const groupKey = cache ? cache.groupKey(group.map((source) => ({shown: displayPath(source.path, io.cwd), key: keys.get(source)!})), given) : ''
      const remembered = options.writeFacts ? undefined : cache?.factsKeyOf(groupKey)
      const allCached = remembered !== undefined && group.every((source) => usable(cache?.result(source.path, keys.get(source)!, remembered)))
      // Folder facts first, from every file of the group (from the cache when the file is unchanged).
      let facts = given
      if (needsFacts({config}) && !allCached) {
        const fold = new FoldInOrder(given, group.length, rulesOf(config.plugins))
        await Promise.all(
          group.map(async (source, index) => {
            const key = keys.get(source)!
            let collected = cache?.facts(source.path, key)
            if (!collected) {
              try {
                collected = await executor.collect(displayPath(source.path, io.cwd), source.text, config)
                cache?.setFacts(source.path, key, collected)
              } catch (error) {
                failure(source, error)
                collected = {}
              }
            }
            fold.add(index, collected)
          })
        )
        facts = fold.result
      }
      allFacts = mergeFacts(allFacts, facts)
      const factsKey = allCached ? remembered : cache ? hash(JSON.stringify(facts)) : ''
      cache?.setFactsKey(groupKey, factsKey)

      await Promise.all(
        group.map(async (source) => {
          const shown = displayPath(source.path, io.cwd)
          const key = keys.get(source)!
          const cached = cache?.result(source.path, key, factsKey)
          if (failed.has(source)) return progress.tick()
          let outcome: Awaited<ReturnType<typeof executor.lint>>
          try {
            outcome = cached && usable(cached)
              ? {result: cached}
              : await executor.lint(shown, source.text, config, facts, fixing, filters.job(source.path, config))
          } catch (error) {
            failure(source, error)
            return progress.tick()
          }
          if (!cached && !outcome.output) cache?.setResult(source.path, key, factsKey, outcome.result)
          let result: LintResult = {...outcome.result, path: shown, text: outcome.output ?? source.text}
          if (outcome.output !== undefined) {
            const output = keepLineEndings(source.text, outcome.output)
            if (options.fixDryRun) diffs.push(await unifiedDiff(shown, source.text, output))
            else {
              try {
                await writeAtomically(source.path, encode(output, source.encoding, source.bom), source)
              } catch (error) {
                if (!(error instanceof InputError)) throw error
                problems.push(relativeMessage(error, io.cwd))
                // The file keeps its old text, so the report describes the old text.
                result = {...(await executor.lint(shown, source.text, config, facts, false, filters.job(source.path, config))).result, path: shown, text: source.text}
              }
            }
          }
          filters.record(source.path, result)
          results.push(result)
          progress.tick()
        })
      )
    }
  } catch (error) {
    progress.done()
    await executor.close()
    throw error
  }
  progress.done()
  // The threads stop while the report is made: stopping them takes 50 to 90 ms. A failure to stop
  // them is thrown below, once the report is out; meanwhile it must not count as unhandled (which
  // would end the process).
  const closing = executor.close()
  closing.catch(() => {})
  try {
    await cache?.save()
    if (options.writeFacts) await writeFacts(path.resolve(io.cwd, options.writeFacts), allFacts, problems)
    diffs.sort()
    results.sort((a, b) => a.path.localeCompare(b.path))
    results = await filters.finish(results, problems)
    return await report(results, problems, diffs, options, io, color, io.stdout, configs.rules())
  } finally {
    await closing
  }
}

/**
 * Expands the paths and loads every config (before any file is touched, so a config error never
 * leaves a half-fixed folder). Unreadable paths become one-line problems.
 */
async function listSources(filePaths: string[], configs: ConfigResolver, io: CliIO, problems: string[]) {
  const {files, errors} = await expandPaths(filePaths, {
    cwd: io.cwd,
    extensionsFor: (folder) => configs.for(path.join(folder, '_')).extensions,
    ignoreFor: (file) => configs.for(file).ignore
  })
  problems.push(...errors.map((error) => error.message))
  // Plugins are imported here too, so a broken one stops the run before any file is read.
  for (const target of files) await configs.load(target.path)
  return {files, folders: new Set(files.map((target) => path.dirname(target.path)))}
}

/** Reads the listed files, in order, and groups them by config. Unreadable files become one-line problems. */
function readListed(files: ReadonlyArray<{path: string}>, configs: ConfigResolver, io: CliIO, problems: string[], maxBytes = DEFAULT_MAX_FILE_SIZE) {
  const sources: SourceFile[] = []
  for (const target of files) {
    try {
      sources.push(readSourceFile(target.path, {maxBytes}))
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      problems.push(relativeMessage(error, io.cwd))
    }
  }
  const groups = new Map<Config, SourceFile[]>()
  for (const source of sources) {
    const config = configs.for(source.path)
    const group = groups.get(config)
    if (group) group.push(source)
    else groups.set(config, [source])
  }
  return {groups, sources}
}

/** `newslint names <paths...>`: the name groups found across articles, optionally saved as a house list. */
async function namesCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const program = new Command('newslint names')
  let exitCode = EXIT_OK
  program
    .description('Print the groups of name spellings found across articles (canonical form, variants, counts, files).')
    .argument('<paths...>', 'files, folders or globs')
    .option('-c, --config <file>', 'use this config file instead of the nearest .lintrc.json')
    .option('--json', 'print the groups as JSON')
    .option('--write <file>', 'save the groups as a house list (`names` in .lintrc.json) to review')
    .exitOverride()
    .configureOutput(commanderOutput(io))
    .action(async (paths: string[], options: {config?: string; json?: boolean; write?: string}) => {
      const {formatNameGroups, houseList, nameGroups} = await import('../names-report.js')
      const problems: string[] = []
      const configs = configResolver(io.cwd, options.config, {})
      const {groups} = readListed((await listSources(paths, configs, io, problems)).files, configs, io, problems)
      const found: NameGroup[] = []
      for (const [config, group] of groups) {
        found.push(...nameGroups(group.map((source) => ({path: displayPath(source.path, io.cwd), text: source.text})), config))
      }
      io.stdout.write(formatNameGroups(found, {json: Boolean(options.json)}))
      if (options.write) {
        try {
          await writeFile(path.resolve(io.cwd, options.write), `${JSON.stringify(houseList(found), null, 2)}\n`)
        } catch (error) {
          problems.push(`${options.write}: cannot write the house list (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
        }
      }
      for (const problem of problems) io.stderr.write(`newslint: ${problem}\n`)
      exitCode = problems.length > 0 ? EXIT_USAGE : EXIT_OK
    })
  return parseCommand(program, argv, io, () => exitCode)
}

/** `newslint test-pack <packs...>`: runs phrase packs' examples, entry by entry, for the editors who write them. */
async function testPackCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const program = new Command('newslint test-pack')
  let exitCode = EXIT_OK
  program
    .description("Run the examples of mt-calque phrase packs (YAML or JSON): each entry's flagged and unflagged texts and expected fixes.")
    .argument('<packs...>', 'pack files')
    .option('--no-color', 'never colour the output (also NO_COLOR=1)')
    .addHelpText('after', '\nExit codes: 0 every example passes, 1 an example fails, 2 a pack cannot be read or is not valid.')
    .exitOverride()
    .configureOutput(commanderOutput(io))
    .action(async (files: string[], options: {color?: boolean}) => {
      const {testPacks} = await import('./test-pack.js')
      exitCode = testPacks(files, {io, color: colorEnabled(io, options.color)})
    })
  return parseCommand(program, argv, io, () => exitCode)
}

function commanderOutput(io: CliIO) {
  return {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    outputError: (text: string, write: (text: string) => void) => write(`newslint: ${text.replace(/^error: /, '')}`)
  }
}

/** Runs a commander program, turning its errors and ours into exit codes and one-line messages. */
async function parseCommand(program: Command, argv: readonly string[], io: CliIO, exitCode: () => number): Promise<number> {
  try {
    await program.parseAsync([...argv], {from: 'user'})
    return exitCode()
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? EXIT_OK : EXIT_USAGE
    }
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof InputError) {
      io.stderr.write(`newslint: ${error.message}\n`)
      return EXIT_USAGE
    }
    throw error
  }
}

async function report(
  results: LintResult[],
  problems: string[],
  diffs: string[],
  options: CliOptions,
  io: CliIO,
  color: boolean,
  out: CliIO['stdout'],
  rules: readonly NewslintRule[] = builtinRules
): Promise<number> {
  const shown = options.quiet ? results.map((result) => ({...result, messages: result.messages.filter((m) => m.severity === 'error')})) : results
  const format = await loadFormatter(options.format)
  const output = format(shown, {cwd: io.cwd, color, rules, version, quiet: options.quiet, baseline: Boolean(options.baseline)})
  if (diffs.length > 0) io.stdout.write(diffs.join(''))
  if (options.outputFile) {
    try {
      await writeFile(path.resolve(io.cwd, options.outputFile), output)
    } catch (error) {
      problems.push(`${options.outputFile}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
    }
  } else if (output) {
    out.write(output.endsWith('\n') ? output : `${output}\n`)
  }
  for (const problem of problems) io.stderr.write(`newslint: ${problem}\n`)

  if (problems.length > 0) return EXIT_USAGE
  const errors = results.reduce((sum, result) => sum + result.messages.filter((m) => m.severity === 'error').length, 0)
  const warnings = results.reduce((sum, result) => sum + result.messages.filter((m) => m.severity === 'warning').length, 0)
  if (errors > 0) return EXIT_LINT_ERRORS
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    io.stderr.write(`newslint: too many warnings (${warnings}, at most ${options.maxWarnings} allowed)\n`)
    return EXIT_LINT_ERRORS
  }
  return EXIT_OK
}

type ConfigResolver = ReturnType<typeof configResolver>

/**
 * Sets the rules up (house packs load and run their examples here) before any file is read, so a
 * bad pack or word list is one config error naming the rule, not a crash in the middle of a run.
 */
function prepare(config: Config): void {
  try {
    needsFacts({config})
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error
    throw new ConfigError(config.path ?? '(recommended config)', error.setting ?? `rules.${error.ruleId}${error.path ? `[1].${error.path}` : ''}`, error.problem)
  }
}

/**
 * Finds, loads and caches the config for each file, with `--rule` overrides on top. `for` answers
 * at once (enough for `extensions` and `ignore`); `load` also imports the config's plugins and sets
 * its rules up, and is what linting uses.
 */
function configResolver(cwd: string, explicit: string | undefined, overrides: Record<string, Severity>) {
  const loaded = new Map<string, Config>()
  /** Read, but with plugins not imported yet. */
  const unready = new Map<string, Config>()
  const all = new Set<Config>()
  const withOverrides = (config: Config): Config => {
    if (Object.keys(overrides).length === 0) return config
    const rules: Record<string, RuleSetting> = {...config.rules}
    for (const [id, severity] of Object.entries(overrides)) {
      const current = rules[id]
      rules[id] = Array.isArray(current) && current.length === 2 ? [severity, current[1]] : severity
    }
    return {...config, rules}
  }
  const ready = (key: string, config: Config): Config => {
    const withRules = withOverrides(config)
    for (const id of Object.keys(overrides)) {
      if (!rulesOf(withRules.plugins).some((rule) => rule.meta.id === id)) throw new UsageError(`--rule \`${id}=${overrides[id]}\`: unknown rule \`${id}\` (see --list-rules)`)
    }
    prepare(withRules)
    loaded.set(key, withRules)
    unready.delete(key)
    all.add(withRules)
    return withRules
  }
  const read = (key: string): Config => {
    let config = loaded.get(key) ?? unready.get(key)
    if (!config) {
      const raw = key ? loadConfig(key) : recommendedConfig(builtinRules, cwd)
      if (pluginsLoaded(raw.plugins)) config = ready(key, raw)
      else unready.set(key, (config = withOverrides(raw)))
    }
    return config
  }
  const explicitPath = explicit ? path.resolve(cwd, explicit) : undefined
  const keyOf = (file: string) => explicitPath ?? findConfigFile(file) ?? ''
  return {
    for: (file: string) => read(keyOf(file)),
    async load(file: string): Promise<Config> {
      const key = keyOf(file)
      read(key)
      return loaded.get(key) ?? ready(key, await loadConfigAsync(key))
    },
    /** Every rule of the configs loaded (for reporters). */
    rules(): NewslintRule[] {
      const rules = new Map<string, NewslintRule>()
      for (const config of all) for (const rule of rulesOf(config.plugins)) if (!rules.has(rule.meta.id)) rules.set(rule.meta.id, rule)
      return rules.size > 0 ? [...rules.values()] : [...builtinRules]
    }
  }
}

function parseRuleOverrides(entries: string[]): Record<string, Severity> {
  const overrides: Record<string, Severity> = {}
  for (const entry of entries) {
    const match = /^([a-z0-9@._/-]+)=(off|info|warn|error)$/.exec(entry)
    if (!match) throw new UsageError(`--rule \`${entry}\`: expected <rule-id>=off|info|warn|error`)
    const [, id, severity] = match
    // A plugin rule (`housestyle/no-foo`) is checked once the config's plugins are loaded.
    if (!id!.includes('/') && !builtinRules.some((rule) => rule.meta.id === id)) throw new UsageError(`--rule \`${entry}\`: unknown rule \`${id}\` (see --list-rules)`)
    overrides[id!] = severity as Severity
  }
  return overrides
}

function listRules(rules: readonly NewslintRule[]): string {
  const width = Math.max(...rules.map((rule) => rule.meta.id.length))
  return `${rules
    .map((rule) => `${rule.meta.id.padEnd(width)}  ${rule.meta.recommended.padEnd(5)}  ${rule.meta.fixable ? 'fixable' : '       '}  ${rule.meta.description}`)
    .join('\n')}\n`
}

function printable(config: Config) {
  const rules: Record<string, unknown> = {}
  for (const rule of rulesOf(config.plugins)) {
    try {
      const {severity, options} = rule.parseSetting(config.rules[rule.meta.id])
      rules[rule.meta.id] = [severity, options]
    } catch (error) {
      if (!(error instanceof OptionsError)) throw error
      rules[rule.meta.id] = config.rules[rule.meta.id]
    }
  }
  return {
    configFile: config.path ?? null,
    rules,
    ignore: config.ignore.map((entry) => path.join(entry.baseDir, entry.pattern)),
    extensions: config.extensions,
    ...(config.plugins?.length ? {plugins: config.plugins.map(({name, namespace, file}) => ({name, namespace, file}))} : {}),
    ...config.settings
  }
}

async function unifiedDiff(name: string, before: string, after: string): Promise<string> {
  const {createTwoFilesPatch} = await import('diff')
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, '', '', {context: 3})
}

function colorEnabled(io: CliIO, flag: boolean | undefined): boolean {
  if (flag === false) return false
  const force = io.env.FORCE_COLOR
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false
  return Boolean(io.stdout.isTTY)
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file)
  return relative && !relative.startsWith('..') ? relative.split(path.sep).join('/') : file
}

function relativeMessage(error: InputError, cwd: string): string {
  return `${displayPath(path.resolve(cwd, error.file), cwd)}: ${error.problem}`
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

function parseSizeOption(value: string): number {
  try {
    return parseSize(value)
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message)
  }
}

function parseCount(value: string): number {
  if (!/^-?\d+$/.test(value) || Number(value) < -1) throw new InvalidArgumentError('expected a whole number (-1 for no limit)')
  return Number(value)
}

const FACTS_FORMAT = 'newslint-facts/1'

/** Reads a `--write-facts` file; anything else is a usage error naming the file. */
function readFacts(file: string): FolderFacts {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(`${file}: ${code ? ioProblem(error) : `invalid JSON: ${(error as Error).message}`}`)
  }
  const value = parsed as {format?: unknown; facts?: unknown}
  if (value?.format !== FACTS_FORMAT || !value.facts || typeof value.facts !== 'object' || Array.isArray(value.facts)) {
    throw new UsageError(`${file}: not a facts file (expected {"format": "${FACTS_FORMAT}", "facts": {…}}, as --write-facts writes)`)
  }
  return value.facts as FolderFacts
}

async function writeFacts(file: string, facts: FolderFacts, problems: string[]): Promise<void> {
  try {
    await writeFile(file, `${JSON.stringify({format: FACTS_FORMAT, facts})}\n`)
  } catch (error) {
    problems.push(`${file}: cannot write the facts (${ioProblem(error)})`)
  }
}

function processIO(): CliIO {
  return {stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env}
}
