import {describe, expect, it} from 'vitest'
import {lint} from '../../src/engine.js'
import markupResidue from '../../rules/markup-residue/index.js'
import {findResidue} from '../../src/markup.js'
import {onlyRule, runRuleTests} from '../helpers/rule-tester.js'

/** Offsets of the `occurrence`-th `needle` in `text`, for exact-offset expectations. */
function span(text: string, needle: string, occurrence = 1): {start: number; end: number} {
  let start = -1
  for (let seen = 0; seen < occurrence; seen++) start = text.indexOf(needle, start + 1)
  if (start === -1) throw new Error(`no ${JSON.stringify(needle)} in the case text`)
  return {start, end: start + needle.length}
}

const leakedLine = 'Secretary Antony Blinken (@SecBlinken) January 31, 2021 " class="align-text-top noRightClick twitterSection" data="\nNext line.'
const strayEnd = '">The U.S. condemns the tactics.'
const inline = 'He said <strong>no</strong> to the plan.'
const glued = 'First paragraph.</p><p>Second paragraph.'
const markupLine = 'Para one.\n<div class="embed-wrapper">\nPara two.'
const entities = 'Putin&#8217;s critics &amp; allies met.'
const doubleEncoded = 'It&amp;rsquo;s over.'
const nbsp = 'The road runs 10&nbsp;km north.'
const softHyphen = 'They co&shy;operate.'
const quoted = '“We won&#8217;t go,” she said.'
const shortcode = 'The mayor spoke.[/caption] Officials left.'
const script = 'Para one.\n(adsbygoogle = window.adsbygoogle || []).push({});\nPara two.'
const dataLayer = 'Para one.\nwindow.dataLayer = window.dataLayer || [];\nPara two.'
const placeholder = 'For details, readers can contact the ministry press office at [email protected] before Friday.'
const comment = 'The vote <!-- wp:paragraph --> passed easily.'
const attributesInside = 'Officials met <a href="https://example.com/x" target="_blank">in Seoul</a> on Monday.'

runRuleTests(markupResidue, {
  valid: [
    {name: 'editorial brackets, comparisons and a bare ampersand', text: 'The index [sic] rose from 5 < 6 points, and AT&T said so [1].'},
    {name: 'angle brackets around a word that is no HTML tag', text: 'He replied <sigh> and left, witnesses said.'},
    {name: 'a Cloudflare placeholder in a byline line (boilerplate reports the line)', text: '/ Reporter Kwak Yoon-ah [email protected]'},
    {name: 'a line of ad-slot shortcodes (boilerplate reports the ad slot)', text: 'The story.\n[ad_1]\nMore story.'},
    {name: 'quotation marks and equals signs in ordinary prose', text: 'The so-called "class war" = a slogan, she said.'},
    {name: 'a placeholder when the option is off', text: placeholder, options: {placeholders: false}}
  ],
  invalid: [
    {
      name: 'leaked embed attributes at the end of a line, with the space before them',
      text: leakedLine,
      errors: [{messageId: 'markup', ...span(leakedLine, '" class="align-text-top noRightClick twitterSection" data="')}],
      output: 'Secretary Antony Blinken (@SecBlinken) January 31, 2021\nNext line.'
    },
    {
      name: 'the end of a tag at the start of a line',
      text: strayEnd,
      errors: [{messageId: 'markup', ...span(strayEnd, '">')}],
      output: 'The U.S. condemns the tactics.'
    },
    {
      name: 'inline tags around a word',
      text: inline,
      errors: [
        {messageId: 'markup', ...span(inline, '<strong>')},
        {messageId: 'markup', ...span(inline, '</strong>')}
      ],
      output: 'He said no to the plan.'
    },
    {
      name: 'block tags glued between two paragraphs, which keep a space between them',
      text: glued,
      errors: [{messageId: 'markup', ...span(glued, '</p><p>')}],
      output: 'First paragraph. Second paragraph.'
    },
    {
      name: 'a line of nothing but markup, removed with its line break',
      text: markupLine,
      errors: [{messageId: 'markup', ...span(markupLine, '<div class="embed-wrapper">')}],
      output: 'Para one.\nPara two.'
    },
    {
      name: 'a link tag with its attributes inside a sentence',
      text: attributesInside,
      errors: [
        {messageId: 'markup', ...span(attributesInside, '<a href="https://example.com/x" target="_blank">')},
        {messageId: 'markup', ...span(attributesInside, '</a>')}
      ],
      output: 'Officials met in Seoul on Monday.'
    },
    {
      name: 'numeric and named entities, decoded',
      text: entities,
      errors: [
        {messageId: 'entity', ...span(entities, '&#8217;'), expected: ['’']},
        {messageId: 'entity', ...span(entities, '&amp;'), expected: ['&']}
      ],
      output: 'Putin’s critics & allies met.'
    },
    {
      name: 'a double-encoded entity, decoded in one go',
      text: doubleEncoded,
      errors: [{messageId: 'entity', ...span(doubleEncoded, '&amp;rsquo;'), expected: ['’']}],
      output: 'It’s over.'
    },
    {
      name: '`&nbsp;` as a plain space by default',
      text: nbsp,
      errors: [{messageId: 'entity', ...span(nbsp, '&nbsp;'), expected: [' ']}],
      output: 'The road runs 10 km north.'
    },
    {
      name: '`&nbsp;` as a no-break space when the option says so',
      text: nbsp,
      options: {nbsp: 'nbsp'},
      errors: [{messageId: 'entity', ...span(nbsp, '&nbsp;'), expected: ['\u00A0']}],
      output: 'The road runs 10\u00A0km north.'
    },
    {
      name: 'an entity for an invisible character, removed',
      text: softHyphen,
      errors: [{messageId: 'invisibleEntity', ...span(softHyphen, '&shy;'), expected: ['']}],
      output: 'They cooperate.'
    },
    {
      name: 'an entity inside a direct quotation, which is still decoded',
      text: quoted,
      errors: [{messageId: 'entity', ...span(quoted, '&#8217;'), expected: ['’']}],
      output: '“We won’t go,” she said.'
    },
    {
      name: 'a closing shortcode glued to a sentence',
      text: shortcode,
      errors: [{messageId: 'shortcode', ...span(shortcode, '[/caption]')}],
      output: 'The mayor spoke. Officials left.'
    },
    {
      name: 'a leaked ad script line',
      text: script,
      errors: [{messageId: 'script', ...span(script, '(adsbygoogle = window.adsbygoogle || []).push({});')}],
      output: 'Para one.\nPara two.'
    },
    {
      name: 'a leaked analytics line',
      text: dataLayer,
      errors: [{messageId: 'script', ...span(dataLayer, 'window.dataLayer = window.dataLayer || [];')}],
      output: 'Para one.\nPara two.'
    },
    {
      name: 'a Cloudflare placeholder inside prose, without a fix (the address is lost)',
      text: placeholder,
      errors: [{messageId: 'placeholder', ...span(placeholder, '[email protected]')}]
    },
    {
      name: 'an HTML comment inside a sentence',
      text: comment,
      errors: [{messageId: 'markup', ...span(comment, '<!-- wp:paragraph -->')}],
      output: 'The vote passed easily.'
    }
  ]
})

describe('markup-residue patterns', () => {
  it('finds the leaked tweet attributes of the first seed as one piece', () => {
    const line = '— Secretary Antony Blinken (@SecBlinken) January 31, 2021 " class="align-text-top noRightClick twitterSection" data="'
    const found = findResidue(line, 100)
    expect(found.map((residue) => [residue.kind, line.slice(residue.start - 100, residue.end - 100)])).toEqual([
      ['attributes', '" class="align-text-top noRightClick twitterSection" data="']
    ])
  })

  it('leaves a closing quotation mark before an attribute to the sentence it ends', () => {
    const line = 'He said "hello" class="x" there'
    expect(findResidue(line, 0).map((residue) => line.slice(residue.start, residue.end))).toEqual(['class="x" '])
  })

  it('ignores strings that look like entities but are not HTML entities', () => {
    expect(findResidue('R&D; AT&T; &notanentity;', 0)).toEqual([])
  })

  it('reports nothing in the second seed, which has no markup', async () => {
    const text = 'Russian police arrest protesters on the 24th (local time)./AP Yonhap News\n\n< 저작권자 ⓒ 서울경제, 무단 전재 및 재배포 금지 >'
    const file = await lint(text, {config: onlyRule(markupResidue), rules: [markupResidue]})
    expect(file.messages).toEqual([])
  })
})
