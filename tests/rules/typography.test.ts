import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {fix, lint} from '../../src/engine.js'
import typography from '../../rules/typography/index.js'
import {onlyRule, runRuleTests, type InvalidCase} from '../helpers/rule-tester.js'

/** Offsets of the `nth` occurrence of `needle` in `text`. */
function span(text: string, needle: string, nth = 0): {start: number; end: number} {
  let start = -1
  for (let seen = 0; seen <= nth; seen++) start = text.indexOf(needle, start + 1)
  if (start === -1) throw new Error(`no ${needle} in ${text}`)
  return {start, end: start + needle.length}
}

/** Offsets of the `nth` occurrence of a needle in the case's own text. */
type At = (needle: string, nth?: number) => {start: number; end: number}

/** A case whose offsets are found in its own text. */
function invalid(text: string, build: (at: At) => Omit<InvalidCase, 'text'>): InvalidCase {
  return {text, ...build((needle, nth) => span(text, needle, nth))}
}

runRuleTests(typography, {
  valid: [
    {name: 'initialisms, decimals, times and initials', text: 'U.S. officials said the rate rose 3.5% by 10 a.m. as J.R.R. Tolkien and the U.K. agreed.'},
    {name: 'URLs, domains, e-mail addresses, handles and file names', text: 'See www.example.com, https://news.example.com/World.Asia/Story.Html?Id=Yes, Amazon.Com, press@example.com, @SecBlinken, #HumanRights and report.PDF.'},
    {name: 'contractions, possessives and elided names', text: 'Don’t touch the workers’ union’s funds, O’Brien said of Côte d’Ivoire’s rock ’n’ roll and the Teatro dell’Opera.'},
    {name: 'apostrophes before years and dropped letters', text: 'Kids of the ’90s loved ’em, and ’tis the season.'},
    {name: 'words that may repeat', text: 'They had had enough, he said that that was final, and what it is is a scandal.'},
    {name: 'a capitalised repeated name', text: 'She moved to Walla Walla in 2019.'},
    {name: 'a quotation re-opened at the start of the next paragraph', text: '“The first paragraph of a long quote.\n\n“The second one ends it,” he said.'},
    {name: 'a quotation hard-wrapped onto the next line', text: '"We will not stop until\nthe job is done," she said.'},
    {name: 'a straight-quoted article', text: '"Hello," he said. "It\'s fine," she said of the workers\' union.'},
    {name: 'a curly-quoted article', text: '“Hello,” he said. “It’s fine,” she said of the workers’ union.'},
    {name: 'primes and inch marks', text: 'He is 6\'2" tall and bought a 12" pizza.'},
    {name: 'scores, ellipses and smileys', text: 'Arsenal won 3 : 1. He paused ... and went on . . . then :) she wrote ;-)'},
    {name: 'repeated interjections', text: 'The crowd shouted hip hip hooray, ho ho ho, yeah yeah.'},
    {name: 'list markers that close without opening', text: '1) Taxes 2) Health a) first b) second'},
    {name: 'a leftover line of HTML markup', text: '2021 " class="align-text-top noRightClick twitterSection" data="'},
    {name: 'a table aligned with spaces', text: 'Arsenal     3     Chelsea     1'},
    {name: 'indentation and trailing spaces', text: '  An indented line with trailing spaces  '},
    {name: 'doubled spaces when the option is off', text: 'He  left.', options: {doubleSpaces: false}},
    {name: 'a repeated word the allowRepeated option permits', text: 'It was very very good.', options: {allowRepeated: ['Very']}},
    {name: 'curly quotes when the style is smart', text: '“Hello,” he said, and it’s over.', options: {quotes: 'smart'}},
    {name: 'quotes inside CJK text', text: 'He said “「こんにちは」” and she said “你好”.'}
  ],
  invalid: [
    invalid('Russia sends’oil painting hand gestures’ to the US', (at) => ({
      name: 'the seed: a closing quote opening a quotation, glued to the word before',
      errors: [{messageId: 'quoteDirection', ...at('’'), expected: [' ‘']}],
      output: 'Russia sends ‘oil painting hand gestures’ to the US'
    })),
    invalid('Russia said it was “ready to talk“ to America.', (at) => ({
      name: 'an opening quote closing a quotation',
      errors: [{messageId: 'quoteDirection', ...at('“', 1), expected: ['”']}],
      output: 'Russia said it was “ready to talk” to America.'
    })),
    invalid('He said ”We hope” to meet.', (at) => ({
      name: 'a closing quote opening a quotation after a space',
      errors: [{messageId: 'quoteDirection', ...at('”'), expected: ['“']}],
      output: 'He said “We hope” to meet.'
    })),
    invalid('We don‘t know.', (at) => ({
      name: 'an opening quote used as an apostrophe',
      errors: [{messageId: 'quoteDirection', ...at('‘'), expected: ['’']}],
      output: 'We don’t know.'
    })),
    invalid('He said,“We hope.”And left.', (at) => ({
      name: 'quotes glued to the words around them',
      errors: [
        {messageId: 'quoteSpacing', ...at('“'), expected: [' “']},
        {messageId: 'quoteSpacing', ...at('”'), expected: ['” ']}
      ],
      output: 'He said, “We hope.” And left.'
    })),
    invalid('“Hello,” he said. “It’s fine,” she said, and it\'s over.', (at) => ({
      name: 'a straight apostrophe in an article of curly quotes',
      errors: [{messageId: 'quoteStyle', ...at("'"), expected: ['’']}],
      output: '“Hello,” he said. “It’s fine,” she said, and it’s over.'
    })),
    invalid('"Hello," he said. "Fine," she said, and it’s “over".', (at) => ({
      name: 'curly quotes in an article of straight quotes',
      errors: [
        {messageId: 'quoteStyle', ...at('’'), expected: ["'"]},
        {messageId: 'quoteStyle', ...at('“'), expected: ['"']}
      ],
      output: '"Hello," he said. "Fine," she said, and it\'s "over".'
    })),
    invalid('"Hello," he said, \'fine\'.', (at) => ({
      name: 'straight quotes when the style is smart',
      options: {quotes: 'smart'},
      errors: [
        {messageId: 'quoteStyle', ...at('"'), expected: ['“']},
        {messageId: 'quoteStyle', ...at('"', 1), expected: ['”']},
        {messageId: 'quoteStyle', ...at("'"), expected: ['‘']},
        {messageId: 'quoteStyle', ...at("'", 1), expected: ['’']}
      ],
      output: '“Hello,” he said, ‘fine’.'
    })),
    invalid('“Hello,” he said.', (at) => ({
      name: 'curly quotes when the style is straight',
      options: {quotes: 'straight'},
      errors: [
        {messageId: 'quoteStyle', ...at('“'), expected: ['"']},
        {messageId: 'quoteStyle', ...at('”'), expected: ['"']}
      ],
      output: '"Hello," he said.'
    })),
    invalid('Russia sends’oil painting’ to the US.', (at) => ({
      name: 'the seed pattern in straight style, fixed to a straight quote',
      options: {quotes: 'straight'},
      errors: [
        {messageId: 'quoteSpacing', ...at('’'), expected: [" '"]},
        {messageId: 'quoteStyle', ...at('’', 1), expected: ["'"]}
      ],
      output: "Russia sends 'oil painting' to the US."
    })),
    invalid('“We will win, he said.\nThe crowd cheered.', (at) => ({
      name: 'an opening quote never closed in its paragraph',
      errors: [{messageId: 'unmatchedQuote', ...at('“'), expected: []}]
    })),
    invalid('He said we will win.”', (at) => ({
      name: 'a closing quote that closes nothing',
      errors: [{messageId: 'unmatchedQuote', ...at('”'), expected: []}]
    })),
    invalid('He called it ‘a disgrace.', (at) => ({
      name: 'an opening single quote never closed',
      errors: [{messageId: 'unmatchedQuote', ...at('‘'), expected: []}]
    })),
    invalid('The group (OVD-Info said so. It was [sic.', (at) => ({
      name: 'brackets never closed',
      errors: [
        {messageId: 'unmatchedBracket', ...at('('), expected: []},
        {messageId: 'unmatchedBracket', ...at('['), expected: []}
      ]
    })),
    invalid('It said so).', (at) => ({
      name: 'a bracket that closes nothing',
      errors: [{messageId: 'unmatchedBracket', ...at(')'), expected: []}]
    })),
    invalid('He said.The vote in SEOUL,Korea ended in 2020.Then Mr.Kim left!Now what…Nothing.', (at) => ({
      name: 'missing spaces after sentence punctuation',
      errors: [
        {messageId: 'missingSpace', ...at('.'), expected: ['. ']},
        {messageId: 'missingSpace', ...at(','), expected: [', ']},
        {messageId: 'missingSpace', ...at('.', 1), expected: ['. ']},
        {messageId: 'missingSpace', ...at('.', 2), expected: ['. ']},
        {messageId: 'missingSpace', ...at('!'), expected: ['! ']},
        {messageId: 'missingSpace', ...at('…'), expected: ['… ']}
      ],
      output: 'He said. The vote in SEOUL, Korea ended in 2020. Then Mr. Kim left! Now what… Nothing.'
    })),
    invalid('He left , then returned . Why ? Because : reasons ; none !', (at) => ({
      name: 'spaces before punctuation',
      errors: [
        {messageId: 'spaceBeforePunctuation', ...at(' ,'), expected: [',']},
        {messageId: 'spaceBeforePunctuation', ...at(' .'), expected: ['.']},
        {messageId: 'spaceBeforePunctuation', ...at(' ?'), expected: ['?']},
        {messageId: 'spaceBeforePunctuation', ...at(' :'), expected: [':']},
        {messageId: 'spaceBeforePunctuation', ...at(' ;'), expected: [';']},
        {messageId: 'spaceBeforePunctuation', ...at(' !'), expected: ['!']}
      ],
      output: 'He left, then returned. Why? Because: reasons; none!'
    })),
    invalid('He  left   the room.', (at) => ({
      name: 'doubled spaces between words',
      errors: [
        {messageId: 'doubleSpace', ...at('  '), expected: [' ']},
        {messageId: 'doubleSpace', ...at('   '), expected: [' ']}
      ],
      output: 'He left the room.'
    })),
    invalid('He left  .', (at) => ({
      name: 'spaces before punctuation reported once, not also as doubled spaces',
      errors: [{messageId: 'spaceBeforePunctuation', ...at('  .'), expected: ['.']}],
      output: 'He left.'
    })),
    invalid('He saw the the car. The the end.', (at) => ({
      name: 'repeated words, keeping the first',
      errors: [
        {messageId: 'repeatedWord', ...at('the the'), expected: ['the']},
        {messageId: 'repeatedWord', ...at('The the'), expected: ['The']}
      ],
      output: 'He saw the car. The end.'
    })),
    invalid('“I saw the the car,” he said.', (at) => ({
      name: 'a repeated word inside a quotation, reported but not fixed',
      errors: [{messageId: 'repeatedWord', ...at('the the'), expected: ['the']}]
    })),
    invalid('It was very very good.', (at) => ({
      name: 'a repeated word outside the allow list',
      errors: [{messageId: 'repeatedWord', ...at('very very'), expected: ['very']}],
      output: 'It was very good.'
    }))
  ]
})

describe('typography messages', () => {
  const config = onlyRule(typography)

  it('explains the seed quote in the unified style', async () => {
    const file = await lint('Russia sends’oil painting hand gestures’ to the US', {config, rules: [typography]})
    expect(file.messages.map((message) => message.reason)).toEqual([
      'Unexpected `’` (a closing quote opening a quotation, with no space before it), expected ` ‘`'
    ])
  })

  it('names the word that follows a missing space', async () => {
    const file = await lint('He said.The vote', {config, rules: [typography]})
    expect(file.messages[0]?.reason).toBe('Unexpected `.` with no space before `The`, expected `. `')
  })

  it('does not report the initialisms, decimals and URLs of the issue as missing spaces', async () => {
    const file = await lint('U.S. 3.5% a.m. www.example.com J.R.R. Tolkien', {config, rules: [typography]})
    expect(file.messages.filter((message) => message.messageId === 'missingSpace')).toEqual([])
  })
})

describe('typography on long input', () => {
  it('still finds a missing space after a 100 000-character word', async () => {
    // An unanchored e-mail pattern once made this quadratic (30 s); tests assert behaviour, not time.
    const text = `${'Ã'.repeat(100_000)} said.The end`
    const file = await lint(text, {config: onlyRule(typography), rules: [typography]})
    expect(file.messages.map((message) => message.messageId)).toEqual(['missingSpace'])
  })
})

describe('typography on the seed articles', () => {
  const seeds = path.join(import.meta.dirname, '..', '..', 'seeds')
  const config = onlyRule(typography)

  it('fixes the quote of the second seed and nothing else in it', async () => {
    const text = readFileSync(path.join(seeds, '002_b397dcfc1a64f168.txt'), 'utf8')
    const fixed = await fix(text, {config, rules: [typography]})
    expect(fixed.output).toBe(text.replace('sends’oil', 'sends ‘oil'))
    expect(fixed.file.messages).toEqual([])
  })

  it('leaves the straight quotes and markup remnants of the first seed alone', async () => {
    const text = readFileSync(path.join(seeds, '000_230b21386b69b568.txt'), 'utf8')
    const file = await lint(text, {config, rules: [typography]})
    expect(file.messages.map((message) => `${message.messageId}: ${message.actual}`)).toEqual([])
  })
})
