import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {lint} from '../../src/engine.js'
import duplicateBlock from '../../rules/duplicate-block/index.js'
import {onlyRule, runRuleTests} from '../helpers/rule-tester.js'

function span(text: string, needle: string, occurrence = 1): {start: number; end: number} {
  let start = -1
  for (let seen = 0; seen < occurrence; seen++) start = text.indexOf(needle, start + 1)
  if (start === -1) throw new Error(`no ${JSON.stringify(needle)} in the case text`)
  return {start, end: start + needle.length}
}

const tweet = 'We renew our call for Russia to release those detained for exercising their human rights, including Aleksey Navalny.'
const signature = '— Secretary Antony Blinken (@SecBlinken) January 31, 2021'
const embed = `${tweet}\n${signature}`

const repeated = [
  'The ministry said it would review the safety rules for domestic airlines.',
  'Shares of the carrier fell 4% in Seoul trading.',
  'The ministry said it would review the safety rules for domestic airlines.'
].join('\n')

const normalised = [
  'He said “no deal” would be signed in Seoul this week, officials confirmed.',
  'Talks resume on Friday.',
  'He said &quot;no deal&quot;  would be signed in   Seoul this week, officials confirmed.'
].join('\n')

// The shape of the first seed: attributes leaked after the first signature, a copy after them,
// and a third copy glued onto the second copy's signature line.
const threeCopiesText = [
  'In a tweet, Blinken urged Moscow to free the detained.',
  tweet,
  `${signature} " class="align-text-top noRightClick twitterSection" data="`,
  `">${tweet}`,
  `${signature}${tweet}`,
  signature,
  'The Hill reported that Navalny remains in detention.'
].join('\n')

const gluedParagraph = [
  'The central bank kept its key rate at 3.5% for a third meeting.',
  'Markets had expected the decision.The central bank kept its key rate at 3.5% for a third meeting.'
].join('\n')

const dirtyFirst = [
  'The <b>ferry</b> sank off the southern coast with 476 people aboard.',
  'Rescue work continued overnight.',
  'The ferry sank off the southern coast with 476 people aboard.'
].join('\n')

const truncated = [
  'The ministry said on Tuesday that it would review the safety rules for all domestic airlines after the crash.',
  'Officials gave no timetable.',
  'The ministry said on Tuesday that it would review the safety rules for all domestic airlines.'
].join('\n')

const updated = [
  'The ministry said on Tuesday that it would review the safety rules for all domestic airlines after the crash.',
  'Officials gave no timetable.',
  'The ministry said on Tuesday that it would review the safety rules for all domestic airlines after the second crash.'
].join('\n')

const bareCopyOfTweet = [embed, 'Washington has made the same demand before.', tweet].join('\n')

const rate = 'The central bank kept its key rate at 3.5% for a third meeting.'
const selfRepeating = `${rate} ${rate}`
const gluedFirst = `Also Read: Five things to know about the vaccine rollout${rate}\n${rate}`

const blankLineStyle = [
  'Protests continued across Russia on Sunday, with thousands detained.',
  '',
  'Police used batons in central Moscow, witnesses said.',
  '',
  'Protests continued across Russia on Sunday, with thousands detained.',
  '',
  'The Kremlin did not comment.'
].join('\n')

runRuleTests(duplicateBlock, {
  valid: [
    {
      name: 'a tweet embedded once and then paraphrased',
      text: [embed, 'Blinken also urged Moscow to free everyone held for joining the rallies, Navalny among them.'].join('\n')
    },
    {
      name: 'a short quotation of a tweet repeated inside a longer paragraph',
      text: [embed, `"${tweet.slice(0, 48)}," he wrote, adding that Washington would keep pressing Moscow over the detentions.`].join('\n')
    },
    {
      name: 'a tweet quoted in full with its attribution beside the embed',
      text: [`"${tweet}" he added.`, embed].join('\n')
    },
    {
      name: 'two paragraphs that share a long quotation but differ otherwise',
      text: [
        '"We will not allow anyone to threaten the safety of our citizens or the stability of the region," the minister told parliament on Tuesday.',
        'Speaking to reporters in Busan a day later, she repeated that "we will not allow anyone to threaten the safety of our citizens or the stability of the region" and said talks with Tokyo would resume in March.'
      ].join('\n')
    },
    {
      name: 'a Reuters dateline repeated in a roundup',
      text: [
        "SEOUL (Reuters) - South Korea's central bank held interest rates steady on Thursday, as expected.",
        "TOKYO (Reuters) - Japan's core consumer prices rose for a third straight month in March, data showed.",
        "BEIJING (Reuters) - China's exports grew faster than expected in March, customs data showed on Friday."
      ].join('\n')
    },
    {name: 'short repeated lines, which are boilerplate’s to judge', text: 'Photo: AP\nThe ferry sank on Wednesday morning.\nPhoto: AP'},
    {
      name: 'the same text tweeted by two different accounts',
      text: [embed, 'Other officials echoed the message.', tweet, '— Ned Price (@StateDeptSpox) January 31, 2021'].join('\n')
    },
    {name: 'a repeated paragraph shorter than `minWords`', text: repeated, options: {minWords: 20}}
  ],
  invalid: [
    {
      name: 'a paragraph repeated word for word, removed with its line break',
      text: repeated,
      errors: [{messageId: 'duplicate', ...span(repeated, 'The ministry said it would review the safety rules for domestic airlines.', 2)}],
      output: 'The ministry said it would review the safety rules for domestic airlines.\nShares of the carrier fell 4% in Seoul trading.'
    },
    {
      name: 'a copy that differs only in quote style, entities and spacing',
      text: normalised,
      errors: [{messageId: 'duplicate', ...span(normalised, 'He said &quot;no deal&quot;  would be signed in   Seoul this week, officials confirmed.')}],
      output: 'He said “no deal” would be signed in Seoul this week, officials confirmed.\nTalks resume on Friday.'
    },
    {
      name: 'a tweet embedded three times, with leaked attributes and a copy glued to a signature',
      text: threeCopiesText,
      errors: [
        {messageId: 'duplicate', start: span(threeCopiesText, tweet, 2).start, end: span(threeCopiesText, signature, 2).end},
        {messageId: 'gluedDuplicate', start: span(threeCopiesText, tweet, 3).start, end: span(threeCopiesText, signature, 3).end}
      ],
      output: ['In a tweet, Blinken urged Moscow to free the detained.', embed, 'The Hill reported that Navalny remains in detention.'].join('\n')
    },
    {
      name: 'a paragraph glued onto the end of another line',
      text: gluedParagraph,
      errors: [{messageId: 'gluedDuplicate', ...span(gluedParagraph, 'The central bank kept its key rate at 3.5% for a third meeting.', 2)}],
      output: 'The central bank kept its key rate at 3.5% for a third meeting.\nMarkets had expected the decision.'
    },
    {
      name: 'the first copy when it holds markup and a later copy is clean',
      text: dirtyFirst,
      errors: [{messageId: 'duplicate', ...span(dirtyFirst, 'The <b>ferry</b> sank off the southern coast with 476 people aboard.')}],
      output: 'Rescue work continued overnight.\nThe ferry sank off the southern coast with 476 people aboard.'
    },
    {
      name: 'a near-copy with no word of its own, removed',
      text: truncated,
      errors: [{messageId: 'nearDuplicate', ...span(truncated, 'The ministry said on Tuesday that it would review the safety rules for all domestic airlines.')}],
      output: truncated.slice(0, truncated.lastIndexOf('\n'))
    },
    {
      name: 'a near-copy that adds a word, reported without a fix',
      text: updated,
      errors: [{messageId: 'nearDuplicate', ...span(updated, 'The ministry said on Tuesday that it would review the safety rules for all domestic airlines after the second crash.')}]
    },
    {
      name: 'a bare copy of a tweet’s text after the embed',
      text: bareCopyOfTweet,
      errors: [{messageId: 'duplicate', ...span(bareCopyOfTweet, tweet, 2)}],
      output: [embed, 'Washington has made the same demand before.'].join('\n')
    },
    {
      name: 'a line that repeats its own sentence',
      text: selfRepeating,
      errors: [{messageId: 'gluedDuplicate', start: rate.length + 1, end: selfRepeating.length}],
      output: rate
    },
    {
      name: 'a first copy glued onto another line, when a later copy stands on its own',
      text: gluedFirst,
      errors: [{messageId: 'gluedDuplicate', ...span(gluedFirst, rate)}],
      output: `Also Read: Five things to know about the vaccine rollout\n${rate}`
    },
    {
      name: 'a repeat in blank-line-separated copy, leaving no double blank line',
      text: blankLineStyle,
      errors: [{messageId: 'duplicate', ...span(blankLineStyle, 'Protests continued across Russia on Sunday, with thousands detained.', 2)}],
      output: [
        'Protests continued across Russia on Sunday, with thousands detained.',
        '',
        'Police used batons in central Moscow, witnesses said.',
        '',
        'The Kremlin did not comment.'
      ].join('\n')
    }
  ]
})

describe('duplicate-block on the first seed', () => {
  const text = readFileSync(path.join(import.meta.dirname, '..', '..', 'seeds', '000_230b21386b69b568.txt'), 'utf8')

  it('reports the second and third copies of the tweet and nothing else', async () => {
    const file = await lint(text, {config: onlyRule(duplicateBlock), rules: [duplicateBlock]})
    expect(file.messages.map((message) => [message.messageId, message.place && 'start' in message.place ? message.place.start.line : 0])).toEqual([
      ['duplicate', 7],
      ['gluedDuplicate', 8]
    ])
  })

  it('gives one fix that removes both copies and the markup after the kept one', async () => {
    const file = await lint(text, {config: onlyRule(duplicateBlock), rules: [duplicateBlock]})
    const fixes = file.messages.map((message) => message.fix).filter(Boolean)
    expect(fixes).toHaveLength(1)
    const removed = text.slice(fixes[0]!.start, fixes[0]!.end)
    expect(removed.startsWith(' " class="align-text-top')).toBe(true)
    expect(removed.endsWith('(@SecBlinken) January 31, 2021')).toBe(true)
    expect(removed.split('We renew our call for Russia').length - 1).toBe(2)
  })
})
