// Code actions and hovers, built from a lint of the document's current text.
import {diffChars, diffLines} from 'diff'
import type {CodeAction, Hover, MarkupKind, Position, Range, TextEdit} from 'vscode-languageserver'
import {fix} from '../engine.js'
import type {LintMessage} from '../reporters/result.js'
import type {LintOutcome} from './lint.js'

export const FIX_ALL_KIND = 'source.fixAll.newslint'
export const FIX_ALL_TITLE = 'Fix all newslint problems'

/** Whether an action of `kind` is wanted by a request's `only` filter (kinds are dotted hierarchies). */
export function kindWanted(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true
  return only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`))
}

function overlaps(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start))
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character)
}

export function quote(text: string): string {
  // A value containing backticks is wrapped in a longer fence, as Markdown does.
  const fence = text.includes('`') ? '``' : '`'
  return `${fence}${text.replace(/\n/g, '⏎')}${fence}`
}

/**
 * One quick fix per `expected` candidate of every finding in `range` (preferred when there is just
 * one), plus the rule's safe fix when it is not already among them.
 */
export function quickFixes(outcome: LintOutcome, range: Range, makeEdit: (edits: TextEdit[]) => CodeAction['edit']): CodeAction[] {
  const actions: CodeAction[] = []
  for (const [index, message] of outcome.messages.entries()) {
    const diagnostic = outcome.diagnostics[index]!
    if (!overlaps(diagnostic.range, range)) continue
    const candidates = [...new Set(message.expected)]
    const fixIsCandidate = message.fix !== null && message.fix.start === message.start && message.fix.end === message.end && candidates.includes(message.fix.text)
    const extraFix = message.fix !== null && !fixIsCandidate
    for (const candidate of candidates) {
      actions.push({
        title: replaceTitle(message.actual ?? '', candidate),
        kind: 'quickfix',
        diagnostics: [diagnostic],
        isPreferred: fixIsCandidate ? candidate === message.fix!.text : candidates.length === 1 && !extraFix,
        edit: makeEdit([{range: diagnostic.range, newText: candidate}])
      })
    }
    if (extraFix) {
      const edit = message.fix!
      const editRange = {start: outcome.positionAt(edit.start), end: outcome.positionAt(edit.end)}
      actions.push({
        title: `Fix: ${replaceTitle(outcome.text.slice(edit.start, edit.end), edit.text)}`,
        kind: 'quickfix',
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: makeEdit([{range: editRange, newText: edit.text}])
      })
    }
  }
  return actions
}

function replaceTitle(actual: string, replacement: string): string {
  if (replacement === '') return `Remove ${quote(actual)}`
  if (actual === '') return `Insert ${quote(replacement)}`
  return `Replace ${quote(actual)} with ${quote(replacement)}`
}

export function hasSafeFix(outcome: LintOutcome): boolean {
  return outcome.messages.some((message) => message.fix !== null)
}

/** The fixer's multi-pass result as the smallest edits that turn the linted text into it. */
export async function fixAllEdits(outcome: LintOutcome): Promise<TextEdit[]> {
  if (!outcome.options) return []
  const {output} = await fix(outcome.text, outcome.options)
  return minimalEdits(outcome.text, output, outcome.positionAt)
}

/**
 * Small edits between two texts: a line diff finds the changed stretches (fast whatever the size),
 * then a character diff inside each stretch keeps every edit to the characters that changed.
 */
export function minimalEdits(before: string, after: string, positionAt: (offset: number) => Position): TextEdit[] {
  if (before === after) return []
  const edits: TextEdit[] = []
  const edit = (start: number, end: number, newText: string) => edits.push({range: {start: positionAt(start), end: positionAt(end)}, newText})
  let offset = 0
  let removed = ''
  let added = ''
  const flush = () => {
    if (!removed && !added) return
    // Inside one stretch, character edits; adjacent removals and insertions merge into replacements.
    let cursor = offset
    let pending: {start: number; end: number; text: string} | undefined
    for (const change of diffChars(removed, added)) {
      if (!change.added && !change.removed) {
        if (pending) edit(pending.start, pending.end, pending.text)
        pending = undefined
        cursor += change.value.length
        continue
      }
      pending ??= {start: cursor, end: cursor, text: ''}
      if (change.removed) {
        cursor += change.value.length
        pending.end = cursor
      } else {
        pending.text += change.value
      }
    }
    if (pending) edit(pending.start, pending.end, pending.text)
    offset += removed.length
    removed = ''
    added = ''
  }
  for (const change of diffLines(before, after)) {
    if (change.removed) removed += change.value
    else if (change.added) added += change.value
    else {
      flush()
      offset += change.value.length
    }
  }
  flush()
  return edits
}

/** The findings under a position, as one hover: message, the rule's note (why), and its docs. */
export function hoverAt(outcome: LintOutcome, position: Position, markdown: boolean): Hover | null {
  const found: Array<{message: LintMessage; range: Range}> = []
  for (const [index, message] of outcome.messages.entries()) {
    const range = outcome.diagnostics[index]!.range
    if (!before(position, range.start) && !before(range.end, position)) found.push({message, range})
  }
  // Server-made diagnostics (a broken config, a failure) have no message object but deserve a hover too.
  const own = outcome.messages.length === 0 ? outcome.diagnostics.filter((diagnostic) => !before(position, diagnostic.range.start) && !before(diagnostic.range.end, position)) : []
  if (found.length === 0 && own.length === 0) return null

  const parts = [
    ...found.map(({message}) => {
      const lines = markdown ? [`**newslint** \`${message.ruleId}\` (${message.severity})`, '', message.message] : [`newslint ${message.ruleId} (${message.severity}): ${message.message}`]
      if (message.note) lines.push('', message.note)
      if (message.url) lines.push('', markdown ? `[Rule documentation](${message.url})` : message.url)
      return lines.join('\n')
    }),
    ...own.map((diagnostic) => (markdown ? `**newslint** \`${String(diagnostic.code)}\`\n\n${diagnostic.message}` : `newslint ${String(diagnostic.code)}: ${diagnostic.message}`))
  ]
  const range = found[0]?.range ?? own[0]!.range
  const kind: MarkupKind = markdown ? 'markdown' : 'plaintext'
  return {contents: {kind, value: parts.join(markdown ? '\n\n---\n\n' : '\n\n')}, range}
}
