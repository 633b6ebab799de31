import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {collectFacts, lint, lintTogether, mergeFacts} from '../../src/engine.js'
import boilerplate, {type TemplateFacts} from '../../rules/boilerplate/index.js'
import {loadCatalogue} from '../../rules/boilerplate/catalogue.js'
import {ruleDataPath} from '../../src/paths.js'
import {onlyRule, runRuleTests} from '../helpers/rule-tester.js'

function span(text: string, needle: string, occurrence = 1): {start: number; end: number} {
  let start = -1
  for (let seen = 0; seen < occurrence; seen++) start = text.indexOf(needle, start + 1)
  if (start === -1) throw new Error(`no ${JSON.stringify(needle)} in the case text`)
  return {start, end: start + needle.length}
}

const prose1 = 'Protests continued across Russia on Sunday, with thousands of people detained by the police in Moscow.'
const prose2 = 'The Kremlin said it was ready to talk to the new US administration about arms control and trade.'
const prose3 = 'Officials in Washington said the detentions would weigh on the first weeks of the new relationship.'

const seedTail = [prose1, '(ANI)', 'Read:| Biden ordering stopgap help as talks start on big aid plan'].join('\n')
const gluedAgency = `${prose1} (ANI)`
const koreanTail = [prose1, '', prose2, '', '/ Reporter Kwak Yoon-ah [email protected]', '', '< 저작권자 ⓒ 서울경제, 무단 전재 및 재배포 금지 >', '', 'Source'].join('\n')
const caption = `Russian police arrest protesters in central Moscow on the 24th (local time)./AP Yonhap News\n${prose1}`
const creditLine = [prose1, 'Photo: AP', prose2].join('\n')
const apTail = `${prose1} Copyright 2025 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.`
const syndicationTail = `${prose1} (This story has not been edited by NDTV staff and is auto-generated from a syndicated feed.)`
const widgets = [prose1, prose2, 'Share this article', 'Facebook Twitter WhatsApp Email', 'Sign up for our daily newsletter'].join('\n')
const hashtagLine = [prose1, '#Navalny #Russia #protests', prose2].join('\n')
const timestampHead = ['Updated: February 1, 2021 10:30 IST', prose1, prose2].join('\n')
const commentForm = [prose1, 'Leave a Reply', 'Your email address will not be published. Required fields are marked *'].join('\n')
const linkTail = [prose1, prose2, 'Follow @HLGazette | www.harbourlight.example | tips@harbourlight.example'].join('\n')
const menuHead = ['World | Politics | Business | Tech | Opinion', prose1, prose2].join('\n')
const relatedList = [prose1, prose2, 'Related Articles', 'Seoul stocks close higher on chip rally', 'Bank of Korea holds rates steady'].join('\n')
const strayDash = [prose1, '-', prose2].join('\n')
const furnitureOnly = '[ad_1]'
const unknownTail = [prose1, prose2, '© 2021 Harbour Light', 'Harbour Light Weekly', 'Reader services'].join('\n')
const gluedStory = [prose1, '© 2021 Foo Media LtdThe minister said on Monday that the talks with the unions would resume next week in Seoul.'].join('\n')
const trailingSpaces = [prose1, '(c) The ministry shall publish its findings.   ', prose2].join('\n')

const footer = ['The Harbour Light Gazette serves the Eastern Shore since 1987', 'Tips and corrections go to the night desk']
const templateFacts = (bodies: string[]): {boilerplate: TemplateFacts} => ({
  boilerplate: {
    articles: 8,
    lines: {
      'the harbour light gazette serves the eastern shore since 0000': {count: 8, bodies},
      'tips and corrections go to the night desk': {count: 8, bodies}
    }
  }
})
const templated = [prose1, prose2, prose3, ...footer].join('\n')

runRuleTests(boilerplate, {
  valid: [
    {name: 'a legitimate one-line paragraph in the middle of a story', text: [prose1, 'He declined to comment.', prose2].join('\n')},
    {
      name: 'a Reuters dateline repeated in a roundup',
      text: [
        "SEOUL (Reuters) - South Korea's central bank held interest rates steady on Thursday, as expected.",
        "TOKYO (Reuters) - Japan's core consumer prices rose for a third straight month in March, data showed."
      ].join('\n')
    },
    {name: 'a headline and subheads at the head of the story', text: ['Russia sends mixed signals to the US over protests', 'Kremlin “Ready to talk to America”', prose1].join('\n')},
    {name: 'a story about copyright', text: 'Copyright infringement cases rose 12% last year, the agency said in a report on Monday.'},
    {
      name: 'a tweet embed ending the story, hashtags included',
      text: [prose1, 'Russia must respect its international commitments.', '#humanrights #Navalny', '— Rebecca Ross (@USEmbRuPress) January 23, 2021'].join('\n')
    },
    {name: 'a section break', text: [prose1, '* * *', prose2].join('\n')},
    {name: 'a dated timeline entry inside the story', text: [prose1, 'January 31, 2021', prose2].join('\n')},
    {name: 'agency attributions when the option is off', text: seedTail.split('\n').slice(0, 2).join('\n'), options: {attributions: 'off'}},
    {name: 'lines in the allow list', text: [prose1, 'Harbour Light Weekly | Reader services | Archive'].join('\n'), options: {allow: ['harbour light weekly | reader services | archive']}},
    {name: 'a site line seen in too few articles of the run', text: templated, facts: {boilerplate: {articles: 8, lines: {'tips and corrections go to the night desk': {count: 2, bodies: ['a', 'b']}}}}},
    {name: 'head and tail lines shared by copies of one story', text: templated, facts: templateFacts(['0badcafe'])},
    // Whole-line patterns see the line trimmed: `(c) …` ending a sentence stays story even with spaces after the full stop.
    {name: 'a lettered clause of the story followed by spaces', text: trailingSpaces}
  ],
  invalid: [
    {
      name: 'an agency attribution as information and a `Read:|` link as furniture',
      text: seedTail,
      errors: [
        {messageId: 'attribution', ...span(seedTail, '(ANI)'), severity: 'info'},
        {messageId: 'furniture', ...span(seedTail, 'Read:| Biden ordering stopgap help as talks start on big aid plan')}
      ],
      output: [prose1, '(ANI)'].join('\n')
    },
    {
      name: 'agency attributions removed when the option says so',
      text: seedTail,
      options: {attributions: 'remove'},
      errors: [
        {messageId: 'attribution', ...span(seedTail, '(ANI)'), severity: 'info'},
        {messageId: 'furniture', ...span(seedTail, 'Read:| Biden ordering stopgap help as talks start on big aid plan')}
      ],
      // The two removals touch: one pass applies the first, the next pass the second.
      output: [prose1, 'Read:| Biden ordering stopgap help as talks start on big aid plan'].join('\n')
    },
    {
      name: 'an agency attribution glued to the last paragraph',
      text: gluedAgency,
      options: {attributions: 'remove'},
      errors: [{messageId: 'attribution', ...span(gluedAgency, '(ANI)'), severity: 'info'}],
      output: prose1
    },
    {
      name: 'a Korean byline, copyright line and bare `Source` at the tail',
      text: koreanTail,
      errors: [
        {messageId: 'furniture', ...span(koreanTail, '/ Reporter Kwak Yoon-ah [email protected]')},
        {messageId: 'furniture', ...span(koreanTail, '< 저작권자 ⓒ 서울경제, 무단 전재 및 재배포 금지 >')},
        {messageId: 'furniture', ...span(koreanTail, 'Source', 1)}
      ],
      // The byline's and the copyright line's removals touch, so the copyright line waits a pass.
      output: [prose1, '', prose2, '', '< 저작권자 ⓒ 서울경제, 무단 전재 및 재배포 금지 >'].join('\n')
    },
    {
      name: 'a photo credit glued to a caption, reported without a fix',
      text: caption,
      errors: [{messageId: 'photoCredit', ...span(caption, '/AP Yonhap News')}]
    },
    {
      name: 'a glued photo credit removed when the option says so',
      text: caption,
      options: {gluedPhotoCredits: 'remove'},
      errors: [{messageId: 'photoCredit', ...span(caption, '/AP Yonhap News')}],
      output: caption.replace('/AP Yonhap News', '')
    },
    {
      name: 'a photo credit on a line of its own',
      text: creditLine,
      errors: [{messageId: 'furniture', ...span(creditLine, 'Photo: AP')}],
      output: [prose1, prose2].join('\n')
    },
    {
      name: 'an AP copyright notice glued to the last paragraph',
      text: apTail,
      errors: [{messageId: 'furniture', start: span(apTail, 'Copyright 2025').start, end: apTail.length}],
      output: prose1
    },
    {
      name: 'a syndication disclaimer glued to the last paragraph',
      text: syndicationTail,
      errors: [{messageId: 'furniture', start: span(syndicationTail, '(This story').start, end: syndicationTail.length}],
      output: prose1
    },
    {
      name: 'share widgets and a newsletter prompt',
      text: widgets,
      errors: [
        {messageId: 'furniture', ...span(widgets, 'Share this article')},
        {messageId: 'furniture', ...span(widgets, 'Facebook Twitter WhatsApp Email')},
        {messageId: 'furniture', ...span(widgets, 'Sign up for our daily newsletter')}
      ],
      output: [prose1, prose2, 'Facebook Twitter WhatsApp Email'].join('\n')
    },
    {
      name: 'a line of hashtags',
      text: hashtagLine,
      errors: [{messageId: 'furniture', ...span(hashtagLine, '#Navalny #Russia #protests')}],
      output: [prose1, prose2].join('\n')
    },
    {
      name: 'a timestamp at the head',
      text: timestampHead,
      errors: [{messageId: 'furniture', ...span(timestampHead, 'Updated: February 1, 2021 10:30 IST')}],
      output: [prose1, prose2].join('\n')
    },
    {
      name: 'a comment form at the tail',
      text: commentForm,
      errors: [
        {messageId: 'furniture', ...span(commentForm, 'Leave a Reply')},
        {messageId: 'furniture', ...span(commentForm, 'Your email address will not be published. Required fields are marked *')}
      ],
      output: [prose1, 'Your email address will not be published. Required fields are marked *'].join('\n')
    },
    {
      name: 'an unlisted tail line made of a handle, a link and an e-mail address',
      text: linkTail,
      errors: [{messageId: 'edgeFurniture', ...span(linkTail, 'Follow @HLGazette | www.harbourlight.example | tips@harbourlight.example')}],
      output: [prose1, prose2].join('\n')
    },
    {
      name: 'an unlisted navigation menu at the head',
      text: menuHead,
      errors: [{messageId: 'edgeFurniture', ...span(menuHead, 'World | Politics | Business | Tech | Opinion')}],
      output: [prose1, prose2].join('\n')
    },
    {
      name: 'headlines listed under a related-articles header',
      text: relatedList,
      errors: [
        {messageId: 'furniture', ...span(relatedList, 'Related Articles')},
        {messageId: 'edgeFurniture', ...span(relatedList, 'Seoul stocks close higher on chip rally')},
        {messageId: 'edgeFurniture', ...span(relatedList, 'Bank of Korea holds rates steady')}
      ],
      output: [prose1, prose2, 'Seoul stocks close higher on chip rally'].join('\n')
    },
    {
      name: 'short unlisted lines between tail furniture, reported without a fix',
      text: unknownTail,
      errors: [
        {messageId: 'furniture', ...span(unknownTail, '© 2021 Harbour Light')},
        {messageId: 'edgeFurniture', ...span(unknownTail, 'Harbour Light Weekly')},
        {messageId: 'edgeFurniture', ...span(unknownTail, 'Reader services')}
      ],
      output: [prose1, prose2, 'Harbour Light Weekly', 'Reader services'].join('\n')
    },
    {
      name: 'a copyright notice with story glued onto it, reported without a fix',
      text: gluedStory,
      errors: [{messageId: 'furniture', start: prose1.length + 1, end: gluedStory.length}]
    },
    {
      name: 'a stray separator line left by an embed',
      text: strayDash,
      errors: [{messageId: 'furniture', ...span(strayDash, '-')}],
      output: [prose1, prose2].join('\n')
    },
    {
      name: 'furniture that is all the text there is, without a fix',
      text: furnitureOnly,
      errors: [{messageId: 'furniture', start: 0, end: furnitureOnly.length}]
    },
    {
      name: 'a site template footer learnt from the folder',
      text: templated,
      facts: templateFacts(['00000001', '00000002', '00000003', '00000004', '00000005', '00000006', '00000007', '00000008']),
      errors: [
        {messageId: 'siteTemplate', ...span(templated, footer[0]!)},
        {messageId: 'siteTemplate', ...span(templated, footer[1]!)}
      ],
      output: [prose1, prose2, prose3, footer[1]].join('\n')
    }
  ]
})

describe('boilerplate folder facts', () => {
  const config = onlyRule(boilerplate)
  const rules = [boilerplate]
  const article = (story: string) => ['Harbour Light Gazette', story, `In a second paragraph, ${story.toLowerCase()}`, ...footer].join('\n')

  it('collects the head and tail lines of an article as plain JSON', () => {
    const facts = collectFacts(article(prose1), {config, rules}).boilerplate as TemplateFacts
    expect(facts.articles).toBe(1)
    expect(Object.keys(facts.lines).sort()).toEqual(
      [
        'harbour light gazette',
        'the harbour light gazette serves the eastern shore since 0000',
        'tips and corrections go to the night desk',
        templateKey(prose1),
        templateKey(`In a second paragraph, ${prose1.toLowerCase()}`)
      ].sort()
    )
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts)
  })

  it('merges facts associatively, counting distinct stories', () => {
    const [a, b, c] = [prose1, prose3, 'A third story about the harbour ferry timetable changing next month for winter.'].map(
      (story) => collectFacts(article(story), {config, rules})
    )
    const left = mergeFacts(mergeFacts(a!, b!, rules), c!, rules)
    const right = mergeFacts(a!, mergeFacts(b!, c!, rules), rules)
    expect(left).toEqual(right)
    const merged = left.boilerplate as TemplateFacts
    expect(merged.articles).toBe(3)
    expect(merged.lines['tips and corrections go to the night desk']).toEqual({count: 3, bodies: expect.any(Array)})
    expect(merged.lines['tips and corrections go to the night desk']!.bodies).toHaveLength(3)
  })

  it('reports the shared footer in every article of a folder run, with the count', async () => {
    const stories = [
      'The ferry to Tilghman Island will stop running on weekdays from March, the county said.',
      'A storm surge flooded the lower streets of Oxford overnight, and two shops remain closed.',
      'The school board voted to rebuild the Easton middle school gym after the roof collapsed.',
      'Oyster harvests rose for a third year, watermen told a state hearing on Tuesday.',
      'A new bridge inspection found rust on the Choptank River span, engineers reported.'
    ]
    const files = await lintTogether(
      stories.map((story, index) => ({path: `${index}.txt`, text: article(story)})),
      {config, rules}
    )
    for (const file of files) {
      expect(file.messages.filter((message) => message.messageId === 'siteTemplate').map((message) => message.actual)).toEqual([
        'Harbour Light Gazette',
        ...footer
      ])
      expect(file.messages[0]!.reason).toContain('5 of 5 articles')
    }
  })

  it('does not take one story filed several times for a template', async () => {
    const files = await lintTogether(
      [0, 1, 2, 3].map((index) => ({path: `${index}.txt`, text: article(prose1)})),
      {config, rules}
    )
    for (const file of files) expect(file.messages.filter((message) => message.messageId === 'siteTemplate')).toEqual([])
  })

  it('reports nothing from facts when an article is linted alone', async () => {
    const file = await lint(article(prose1), {config, rules})
    expect(file.messages.filter((message) => message.messageId === 'siteTemplate')).toEqual([])
  })
})

describe('boilerplate catalogue', () => {
  it('loads, with every entry’s examples passing', () => {
    const entries = loadCatalogue(ruleDataPath('boilerplate', 'catalogue.yml'))
    expect(entries.length).toBeGreaterThan(40)
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length)
  })

  it('refuses an entry whose example does not match, naming the entry', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'newslint-catalogue-'))
    const file = path.join(folder, 'catalogue.yml')
    writeFileSync(file, "definitions: {}\nentries:\n  - id: broken-entry\n    kind: test\n    scope: line\n    pattern: 'Advertisement'\n    match: ['Sponsored']\n")
    expect(() => loadCatalogue(file)).toThrow(/broken-entry.*Sponsored/)
  })

  it('refuses an unknown key, naming it', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'newslint-catalogue-'))
    const file = path.join(folder, 'catalogue.yml')
    writeFileSync(file, "definitions: {}\nentries:\n  - id: typo\n    kind: test\n    scope: line\n    pattern: 'x'\n    match: ['x']\n    exmaples: []\n")
    expect(() => loadCatalogue(file)).toThrow(/must NOT have additional properties/)
  })
})

describe('boilerplate on the second seed', () => {
  const text = readFileSync(path.join(import.meta.dirname, '..', '..', 'seeds', '002_b397dcfc1a64f168.txt'), 'utf8')

  it('reports the photo credit, the byline, the copyright line and the bare source line, and nothing in the story', async () => {
    const file = await lint(text, {config: onlyRule(boilerplate), rules: [boilerplate]})
    expect(file.messages.map((message) => [message.messageId, message.actual])).toEqual([
      ['photoCredit', '/AP Yonhap News'],
      ['furniture', '/ Reporter Kwak Yoon-ah [email\u00A0protected]'],
      ['furniture', '< 저작권자 ⓒ 서울경제, 무단 전재 및 재배포 금지 >'],
      ['furniture', 'Source']
    ])
  })
})

function templateKey(text: string): string {
  return text.toLowerCase().replace(/\d/g, '0').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
}
