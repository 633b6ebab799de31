import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {fix, lint} from '../../src/engine.js'
import {readCharacters} from '../../rules/unicode/characters.js'
import {windows1252} from '../../rules/unicode/mojibake.js'
import unicode from '../../rules/unicode/index.js'
import {onlyRule, runRuleTests} from '../helpers/rule-tester.js'

// Windows-1252 bytes 0x80-0x9F, typed out independently of the rule's data (and checked against
// Python's cp1252 codec); unassigned bytes stay C1 controls, as browsers decode them. Node 20's
// TextDecoder('windows-1252') cannot serve: it decodes as Latin-1.
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'

/** `text` with its UTF-8 bytes read back as Windows-1252, as a browser or a careless scraper does. */
function asWindows1252(text: string): string {
  return [...new TextEncoder().encode(text)].map((byte) => (byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte))).join('')
}

/** `text` with its UTF-8 bytes read back as Latin-1 (every byte one code point). */
function asLatin1(text: string): string {
  return String.fromCharCode(...new TextEncoder().encode(text))
}

/** Offsets of the `nth` occurrence of `needle` in `text`. */
function span(text: string, needle: string, nth = 0): {start: number; end: number} {
  let start = -1
  for (let seen = 0; seen <= nth; seen++) start = text.indexOf(needle, start + 1)
  if (start === -1) throw new Error(`no ${needle} in ${text}`)
  return {start, end: start + needle.length}
}

runRuleTests(unicode, {
  valid: [
    {name: 'French, German, Vietnamese and Turkish names', text: 'Éric Müller met Nguyễn Phú Trọng and Recep Tayyip Erdoğan in Zürich and Hà Nội.'},
    {name: 'Latin-1 letters before common punctuation', text: 'Brontë…” and “café…” and “SÃO PAULO” and “IRMÃ” and ANDRÉ’s CAFÉ” and «café»…'},
    {name: 'a product name that only looks like mojibake', text: 'The new sofa is called AHÅ™, IKEA® says.'},
    {name: 'symbols a news article uses', text: '©2021 Reuters: £5, €10, 30°C, ½ cup, ±2%, 3×4, §5 and ¶2, ¿Qué? ¡Olé!'},
    {name: 'Portuguese and Romanian capitals', text: 'SÃO PAULO, ROMÂNIA, IRMÃ and România.'},
    {name: 'emoji ZWJ sequences, skin tones, presentation selectors and a tag flag', text: 'Fans posted 👨‍👩‍👧 and 🏳️‍🌈 and ❤️ and 👍🏽 and 🏴󠁧󠁢󠁳󠁣󠁴󠁿 online.'},
    {name: 'CJK quotations and an ideographic space between CJK words', text: 'He said “「こんにちは」”, she said “你好”。 日本\u3000東京 and 서울.'},
    {name: 'ZWNJ in Persian and ZWJ in Devanagari', text: 'The slogan read می‌خواهم and क्‍ष.'},
    {name: 'direction marks on a line with right-to-left text', text: 'He wrote \u200Fمرحبا\u200F and \u2067שלום\u2069 on the wall.'},
    {name: 'no-break spaces where typography wants them', text: '10\u00A0km, 5\u00A0%, Mr.\u00A0Kim, No.\u00A05, 10\u00A0000 people, J.\u00A0R.\u00A0R. Tolkien, Elizabeth\u00A0II, wait\u00A0— now.'},
    {name: 'French spacing inside a French quotation', text: 'He said «\u00A0Bonjour\u00A0!\u00A0» and left.'},
    {name: 'thin and narrow no-break spaces in numbers', text: 'It cost 10\u202F000 euros and 2\u2009500 dollars.'},
    {name: 'a byte-order mark at the very start', text: '\uFEFFHeadline'},
    {name: 'tabs and Windows line endings', text: 'a\tb\r\nc\n'},
    {name: 'a CJK variation selector after its character', text: '葛󠄀城市'},
    {name: 'text already in NFC', text: 'Café, Ångström, 가'},
    {name: 'a no-break space when special spaces are ignored', text: 'Hello\u00A0world', options: {specialSpaces: 'ignore'}},
    {name: 'a soft hyphen that the allow option keeps', text: 'extra\u00ADordinary', options: {allow: ['U+00AD']}},
    {name: 'decomposed text when the NFC check is off', text: 'Cafe\u0301', options: {nfc: false}}
  ],
  invalid: [
    {
      name: 'a curly apostrophe read as Windows-1252',
      text: 'I donâ€™t know.',
      errors: [{messageId: 'mojibake', start: 5, end: 8, expected: ['’']}],
      output: 'I don’t know.'
    },
    {
      name: 'an accented letter and a pound sign read as Windows-1252',
      text: 'The cafÃ© charged Â£5.',
      errors: [
        {messageId: 'mojibake', start: 7, end: 9, expected: ['é']},
        {messageId: 'mojibake', start: 18, end: 20, expected: ['£']}
      ],
      output: 'The café charged £5.'
    },
    {
      name: 'curly double quotes whose closing byte was kept as a C1 control',
      text: 'â€œHelloâ€\u009d',
      errors: [
        {messageId: 'mojibake', start: 0, end: 3, expected: ['“']},
        {messageId: 'mojibake', start: 8, end: 11, expected: ['”']}
      ],
      output: '“Hello”'
    },
    (() => {
      const text = 'ErdoÄŸan, DvoÅ™Ã¡k, PÅ™emysl and Nguyá»…n.'
      return {
        name: 'a Turkish, a Czech and a Vietnamese name',
        text,
        errors: [
          {messageId: 'mojibake', ...span(text, 'ÄŸ'), expected: ['ğ']},
          {messageId: 'mojibake', ...span(text, 'Å™Ã¡'), expected: ['řá']},
          {messageId: 'mojibake', ...span(text, 'Å™', 1), expected: ['ř']},
          {messageId: 'mojibake', ...span(text, 'á»…'), expected: ['ễ']}
        ],
        output: 'Erdoğan, Dvořák, Přemysl and Nguyễn.'
      }
    })(),
    (() => {
      const text = `${asWindows1252('Москва')} ${asWindows1252('😀')}`
      return {
        name: 'a Cyrillic word (with an invisible C1 byte in it) and an emoji',
        text,
        errors: [
          {messageId: 'mojibake', start: 0, end: 12, expected: ['Москва']},
          {messageId: 'mojibake', start: 13, end: 17, expected: ['😀']}
        ],
        output: 'Москва 😀'
      }
    })(),
    {
      name: 'mojibake of mojibake, one layer per pass',
      text: 'donÃ¢â‚¬â„¢t',
      errors: [{messageId: 'mojibake', start: 3, end: 11, expected: ['â€™']}],
      output: 'donâ€™t'
    },
    {
      name: 'UTF-8 read as Latin-1, with C1 controls',
      text: 'don\u00E2\u0080\u0099t',
      errors: [{messageId: 'mojibake', start: 3, end: 6, expected: ['’']}],
      output: 'don’t'
    },
    {
      name: 'a no-break space whose second byte became a plain space',
      text: 'He said.Â The end. VoilÃ  tout.',
      errors: [
        {messageId: 'mojibake', start: 8, end: 10, expected: [' ']},
        {messageId: 'mojibake', start: 23, end: 25, expected: ['à']}
      ],
      output: 'He said. The end. Voilà tout.'
    },
    {
      name: 'a closing quote that lost its last byte, after an opening one',
      text: '“Hello,â€ he said.',
      errors: [{messageId: 'mojibakeLossy', start: 7, end: 9, expected: ['”']}],
      output: '“Hello,” he said.'
    },
    {
      name: 'a lost byte with no opening quote to pair with (suggested, not fixed)',
      text: 'Helloâ€ he said.',
      errors: [{messageId: 'mojibakeLossy', start: 5, end: 7, expected: ['”']}]
    },
    (() => {
      const text = 'Nava\u200Blny, extra\u00ADordinary, Kre\u2060mlin, Mos\u200Dcow, Put\u200Cin.'
      return {
        name: 'invisible characters inside words',
        text,
        errors: ['\u200B', '\u00AD', '\u2060', '\u200D', '\u200C'].map((char) => ({messageId: 'invisible', ...span(text, char), expected: ['']})),
        output: 'Navalny, extraordinary, Kremlin, Moscow, Putin.'
      }
    })(),
    {
      name: 'a run of zero-width spaces as one report',
      text: 'a\u200B\u200B\u200Bb',
      errors: [{messageId: 'invisible', start: 1, end: 4, expected: ['']}],
      output: 'ab'
    },
    {
      name: 'a byte-order mark in the middle of the text',
      text: 'First article.\n\uFEFFSecond article.',
      errors: [{messageId: 'invisible', start: 15, end: 16}],
      output: 'First article.\nSecond article.'
    },
    {
      name: 'bidi controls in English text, including a Trojan Source override',
      text: 'access \u202Eresu\u202C and \u200Emark and \u2066isolate\u2069',
      errors: [
        {messageId: 'invisible', start: 7, end: 8},
        {messageId: 'invisible', start: 12, end: 13},
        {messageId: 'invisible', start: 18, end: 19},
        {messageId: 'invisible', start: 28, end: 29},
        {messageId: 'invisible', start: 36, end: 37}
      ],
      output: 'access resu and mark and isolate'
    },
    {
      name: 'an override even on a right-to-left line',
      text: 'مرحبا \u202Eabc',
      errors: [{messageId: 'invisible', start: 6, end: 7}],
      output: 'مرحبا abc'
    },
    {
      name: 'a variation selector with nothing to vary and tag characters outside a flag',
      text: 'a \uFE0F b \u{E0068}\u{E0069}',
      errors: [
        {messageId: 'invisible', start: 2, end: 3},
        {messageId: 'invisible', start: 6, end: 10}
      ],
      output: 'a  b '
    },
    {
      name: 'control characters, with line breaks for the ones that were line breaks',
      text: 'a\x07b\x7Fc\x0Bd\x0Ce\rf\u2028g',
      errors: [
        {messageId: 'invisible', start: 1, end: 2},
        {messageId: 'invisible', start: 3, end: 4},
        {messageId: 'lineBreak', start: 5, end: 6, expected: ['\n']},
        {messageId: 'lineBreak', start: 7, end: 8, expected: ['\n']},
        {messageId: 'lineBreak', start: 9, end: 10, expected: ['\n']},
        {messageId: 'lineBreak', start: 11, end: 12, expected: ['\n']}
      ],
      output: 'abc\nd\ne\nf\ng'
    },
    {
      name: 'C1 controls mapped back to the Windows-1252 punctuation they stood for',
      text: '\u0093Yes\u0094 \u0096 it costs \u0080 5 \u0081',
      errors: [
        {messageId: 'c1Control', start: 0, end: 1, expected: ['“']},
        {messageId: 'c1Control', start: 4, end: 5, expected: ['”']},
        {messageId: 'c1Control', start: 6, end: 7, expected: ['–']},
        {messageId: 'c1Control', start: 17, end: 18, expected: ['€']},
        {messageId: 'invisible', start: 21, end: 22, expected: ['']}
      ],
      output: '“Yes” – it costs € 5 '
    },
    {
      name: 'terminal colour codes',
      text: 'the \x1B[31mred\x1B[0m word',
      errors: [
        {messageId: 'terminalEscape', start: 4, end: 9},
        {messageId: 'terminalEscape', start: 12, end: 16}
      ],
      output: 'the red word'
    },
    {
      name: 'a replacement character and a lone surrogate, which cannot be repaired',
      text: 'Nava\uFFFDny and \uD800.',
      errors: [
        {messageId: 'lostCharacter', start: 4, end: 5, expected: []},
        {messageId: 'loneSurrogate', start: 12, end: 13, expected: []}
      ]
    },
    {
      name: 'no-break spaces where a plain space belongs, and at the edges of a line',
      text: '\u00A0\u00A0Hello\u00A0world and  \u00A0  more\u00A0\nnext',
      errors: [
        {messageId: 'specialSpace', start: 0, end: 2, expected: ['']},
        {messageId: 'specialSpace', start: 7, end: 8, expected: [' ']},
        {messageId: 'specialSpace', start: 17, end: 22, expected: [' ']},
        {messageId: 'specialSpace', start: 26, end: 27, expected: ['']}
      ],
      output: 'Hello world and more\nnext'
    },
    {
      name: 'an em space and an ideographic space in English text',
      text: 'Tokyo\u2003Japan and Seoul\u3000Korea',
      errors: [
        {messageId: 'specialSpace', start: 5, end: 6},
        {messageId: 'specialSpace', start: 21, end: 22}
      ],
      output: 'Tokyo Japan and Seoul Korea'
    },
    {
      name: 'typographic no-break spaces too when special spaces must be plain',
      text: '10\u00A0km',
      options: {specialSpaces: 'plain'},
      errors: [{messageId: 'specialSpace', start: 2, end: 3}],
      output: '10 km'
    },
    {
      name: 'decomposed letters, conjoining jamo and an Ångström sign',
      text: 'Cafe\u0301 e\u0301e\u0301 \u1100\u1161 \u212B',
      errors: [
        {messageId: 'notNfc', start: 3, end: 5, expected: ['é']},
        {messageId: 'notNfc', start: 6, end: 10, expected: ['éé']},
        {messageId: 'notNfc', start: 11, end: 13, expected: ['가']},
        {messageId: 'notNfc', start: 14, end: 15, expected: ['Å']}
      ],
      output: 'Café éé 가 Å'
    }
  ]
})

describe('unicode messages', () => {
  it('names each invisible character with its code point', async () => {
    const file = await lint('a\u200Bb', {config: onlyRule(unicode), rules: [unicode]})
    expect(file.messages[0]?.reason).toMatch(/^Unexpected U\+200B ZERO WIDTH SPACE \(.+\), expected nothing$/)
  })

  it('says how the bytes were misread', async () => {
    const file = await lint('donâ€™t', {config: onlyRule(unicode), rules: [unicode]})
    expect(file.messages[0]?.reason).toBe('Unexpected `â€™` (mojibake: UTF-8 read as Windows-1252), expected `’`')
  })

  it('writes the invisible bytes of mojibake as code points', async () => {
    const file = await lint('don\u00E2\u0080\u0099t', {config: onlyRule(unicode), rules: [unicode]})
    expect(file.messages[0]?.reason).toBe('Unexpected `â<U+0080><U+0099>` (mojibake: UTF-8 read as Latin-1), expected `’`')
  })

  it('does not blame Latin-1 for the bytes Windows-1252 leaves unassigned', async () => {
    const file = await lint(asWindows1252('Trọng'), {config: onlyRule(unicode), rules: [unicode]})
    expect(file.messages[0]?.reason).toBe('Unexpected `á»<U+008D>` (mojibake: UTF-8 read as Windows-1252 or Latin-1), expected `ọ`')
  })

  it('shows the code points of text that is not in NFC', async () => {
    const file = await lint('Cafe\u0301', {config: onlyRule(unicode), rules: [unicode]})
    expect(file.messages[0]?.reason).toBe('Unexpected `e\u0301` (U+0065 U+0301, not in Unicode normalisation form C), expected `é` (U+00E9)')
  })

  it('repairs mojibake inside a direct quotation', async () => {
    const text = 'He said: “We donâ€™t know.”'
    const fixed = await fix(text, {config: onlyRule(unicode), rules: [unicode]})
    expect(fixed.output).toBe('He said: “We don’t know.”')
  })
})

describe('unicode data', () => {
  it('has a Windows-1252 table that agrees with the reference row typed out above', () => {
    for (let byte = 0x80; byte <= 0x9f; byte++) {
      const expected = WINDOWS_1252_HIGH.codePointAt(byte - 0x80)
      // Unassigned bytes are absent from the table and read back as the C1 control with their number.
      expect(windows1252.get(byte) ?? byte, `byte 0x${byte.toString(16)}`).toBe(expected)
    }
    expect(windows1252.size).toBe(27)
  })

  it('refuses a character list with an unknown key, naming the file', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'newslint-unicode-')), 'characters.yaml')
    writeFileSync(file, "- {code: 200B, name: ZERO WIDTH SPACE, fix: remove, why: invisible, colour: red}\n")
    expect(() => readCharacters(file)).toThrow(/characters\.yaml: .*`colour`/)
  })

  it('refuses a character listed twice', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'newslint-unicode-')), 'characters.yaml')
    writeFileSync(file, '- {code: 200B, name: A, fix: remove, why: x}\n- {code: 2000-200F, name: B, fix: remove, why: y}\n')
    expect(() => readCharacters(file)).toThrow(/U\+200B is listed twice/)
  })
})

// Real words and names of many languages, with the punctuation that follows them in print.
const VOCABULARY = [
  'Éric', 'Élysée', 'Hélène', 'François', 'garçon', 'naïve', 'Noël', 'cœur', 'Œuvre', 'été', 'déjà', 'à', 'où', 'voilà', 'hôtel',
  'Côte d’Ivoire', 'L’Oréal', 'Müller', 'Straße', 'Fuß', 'Größe', 'ÖL', 'ÄRGER', 'Übermensch', 'Jürgen', 'Schröder', 'España',
  'señor', 'niño', 'São Paulo', 'SÃO PAULO', 'IRMÃ', 'irmã', 'João', 'Conceição', 'coração', 'Brasília', 'Bogotá', 'Medellín',
  '¿Qué?', '¡Olé!', 'Ørsted', 'Søren', 'Åsa', 'Björk', 'Guðrún', 'Þórr', 'Reykjavík', 'Ærø', 'Dvořák', 'Přemysl', 'Václav',
  'Łódź', 'Kraków', 'Wałęsa', 'Gdańsk', 'Żywiec', 'Štefánik', 'coś', 'ktoś', 'Erdoğan', 'İstanbul', 'Şişli', 'Kılıçdaroğlu',
  'Gül', 'Çağlayan', 'România', 'ROMÂNIA', 'Constanța', 'Timișoara', 'Brâncuși', 'Győr', 'Pécs', 'Orbán', 'Nguyễn', 'Phú',
  'Trọng', 'Hà Nội', 'Việt Nam', 'Trường', 'Hưng', 'Phố', 'Đà Nẵng', 'Ísland', 'Αθήνα', 'Τσίπρας', 'Москва', 'Путин',
  'Навальный', 'Київ', '東京', '北京', '서울', '「こんにちは」', 'القاهرة', 'ירושלים', '😀', '👍🏽', '❤️', '©2021', 'IKEA®',
  'Coca-Cola™', '£5', '€10', '¥100', '30°C', '½', '±2', '×3', '§5', '«Bonjour»', '…', '—', '–', 'Brontë…”', '«café»…',
  'ANDRÉ’s', 'CAFÉ”', 'Zoë’s', 'Chloë”', 'Renée’s', '«ÉTÉ»', 'AHÅ™,', 'the', 'said', 'and', 'U.S.'
]
const SEPARATORS = [' ', ', ', '. ', ' — ', ' (', ') ', ': ', '\n', '; ', ' “', '” ']
const prose = fc
  .array(fc.tuple(fc.constantFrom(...VOCABULARY), fc.constantFrom(...SEPARATORS)), {minLength: 1, maxLength: 14})
  .map((pairs) => pairs.map(([word, separator]) => word + separator).join(''))

describe('unicode on real words of many languages', () => {
  const config = onlyRule(unicode)
  it('never reports correct text as mojibake', async () => {
    await fc.assert(
      fc.asyncProperty(prose, async (text) => {
        const file = await lint(text, {config, rules: [unicode]})
        expect(file.messages.map((message) => `${message.messageId}: ${message.actual}`)).toEqual([])
      }),
      {numRuns: Number(process.env.PROPERTY_RUNS ?? 400)}
    )
  })

  for (const [reading, misread] of [
    ['Windows-1252', asWindows1252],
    ['Latin-1', asLatin1]
  ] as const) {
    it(`repairs the same text read as ${reading}`, async () => {
      await fc.assert(
        fc.asyncProperty(prose, async (text) => {
          const fixed = await fix(misread(text), {config, rules: [unicode]})
          expect(fixed.output).toBe(text)
        }),
        {numRuns: Number(process.env.PROPERTY_RUNS ?? 400)}
      )
    })
  }
})
