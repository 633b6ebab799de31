// Pack entries carry their own tests, like prh's `specs` and LanguageTool's `<example>`: texts the
// entry must flag (with the exact span and the text after one fix pass) and texts it must leave
// alone. The test suite runs the built-in packs' examples; house packs run theirs when they load.
import {documentAnalysis} from '../../src/analysis.js'
import {applyFixes} from '../../src/fix.js'
import {parseText} from '../../src/parse.js'
import type {Fix} from '../../src/rule.js'
import {PackError, type CompiledEntry, type Pack} from './pack.js'
import {scanDocument, type Finding} from './scan.js'

export interface ExampleFailure {
  /** `<language>/<id>` of the entry. */
  entry: string
  problem: string
}

function findingsOf(text: string, pack: Pack): {findings: Finding[]; fixed: string} {
  const analysis = documentAnalysis(text, parseText(text))
  const findings = scanDocument(analysis, pack.entries)
  // As the rule wrapper does: nothing inside a direct quotation is fixed without a human.
  const fixes = findings.map((finding) => finding.fix).filter((fix): fix is Fix => fix !== undefined && !analysis.insideQuotation(fix.start, fix.end))
  return {findings, fixed: applyFixes(text, fixes).output}
}

/** The problems with one entry's examples (empty when they all pass). Examples see the whole pack. */
export function checkEntryExamples(entry: CompiledEntry, pack: Pack): string[] {
  const problems: string[] = []
  const show = (text: string) => JSON.stringify(text.length > 90 ? `${text.slice(0, 87)}...` : text)
  for (const example of entry.entry.examples.flagged) {
    const {findings, fixed} = findingsOf(example.text, pack)
    const own = findings.filter((finding) => finding.entry === entry)
    const spans = own.map((finding) => example.text.slice(finding.start, finding.end))
    const hit = own.find((finding) => example.text.slice(finding.start, finding.end) === example.actual)
    if (!hit) {
      const others = findings.filter((finding) => finding.entry !== entry).map((finding) => `${finding.entry.key} on ${show(example.text.slice(finding.start, finding.end))}`)
      problems.push(
        `flagged example ${show(example.text)}: expected a report on ${show(example.actual)}, got ${spans.length > 0 ? spans.map(show).join(', ') : 'none'}${others.length > 0 ? ` (other entries: ${others.join('; ')})` : ''}`
      )
      continue
    }
    if (example.expected && JSON.stringify(hit.expected) !== JSON.stringify(example.expected)) {
      problems.push(`flagged example ${show(example.text)}: expected renderings ${JSON.stringify(example.expected)}, got ${JSON.stringify(hit.expected)}`)
    }
    if (example.fixed !== undefined) {
      if (fixed !== example.fixed) problems.push(`flagged example ${show(example.text)}: fixed text should be ${show(example.fixed)}, got ${show(fixed)}`)
      // Fixes are idempotent: the fixed text gives this entry nothing more to report.
      else if (fixed !== example.text && findingsOf(fixed, pack).findings.some((finding) => finding.entry === entry)) {
        problems.push(`flagged example ${show(example.text)}: the fixed text ${show(fixed)} is reported again`)
      }
    }
  }
  for (const text of entry.entry.examples.unflagged) {
    const own = findingsOf(text, pack).findings.filter((finding) => finding.entry === entry)
    if (own.length > 0) problems.push(`unflagged example ${show(text)}: reported ${own.map((finding) => show(text.slice(finding.start, finding.end))).join(', ')}`)
  }
  return problems
}

/** Runs every example of a pack; what a `test-pack` command prints. */
export function checkPackExamples(pack: Pack): ExampleFailure[] {
  const failures: ExampleFailure[] = []
  for (const entry of pack.entries) {
    for (const problem of checkEntryExamples(entry, pack)) failures.push({entry: entry.key, problem})
  }
  return failures
}

/** Refuses a pack with a failing example, naming the first such entry: what loading a house pack and building a built-in one do. */
export function assertPackExamples(pack: Pack): Pack {
  const failures = checkPackExamples(pack)
  if (failures.length > 0) throw new PackError(pack.file, failures[0]!.entry.split('/')[1], `example fails: ${failures[0]!.problem}`)
  return pack
}
