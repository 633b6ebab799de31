// A deterministic corpus of news-like articles for the benchmark: the same seed gives the same
// bytes on every machine, with the defects newslint looks for sprinkled in at realistic rates.
import {closeSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync, writeSync} from 'node:fs'
import path from 'node:path'

/** mulberry32: a tiny, well-known seeded PRNG, so the corpus needs no dependency. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PEOPLE = ['Antony Blinken', 'Dmitry Peskov', 'Alexei Navalny', 'Kim Jong Un', 'Yoon Suk Yeol', 'Fumio Kishida', 'Wang Yi', 'Sergei Lavrov', 'Lee Jae-myung', 'Olaf Scholz', 'Emmanuel Macron', 'Rishi Sunak', 'Narendra Modi', 'Volodymyr Zelenskyy', 'Xi Jinping', 'Joe Biden']
const PLACES = ['Seoul', 'Moscow', 'Washington', 'Tokyo', 'Beijing', 'Kyiv', 'Berlin', 'Paris', 'London', 'New Delhi']
const TOPICS = ['trade talks', 'sanctions', 'the election', 'the budget', 'border security', 'energy prices', 'the ceasefire', 'interest rates', 'the summit', 'climate policy']
const VERBS = ['said', 'told reporters', 'added', 'stressed', 'warned', 'noted', 'argued', 'announced']
const CLAUSES = [
  'the government would respond within weeks',
  'negotiations had reached a critical stage',
  'officials were reviewing the proposal in detail',
  'the measures would take effect next month',
  'both sides remained far apart on key issues',
  'the decision reflected growing public concern',
  'further talks were planned for later in the year',
  'the ministry had not yet received a formal request'
]
const DEFECTS = [
  'Russia sends’oil painting hand gestures’ to the US, but talks stall.',
  'Spokesman Dmitry Peskov Kremlin Palace said the dialogue would continue.',
  'He was arrested shortly after returning to Korea on the 17th (local time).',
  'The minister said.The talks would resume, donâ€™t expect quick results.',
  'Officials met on the 24th (local time) in the capital.',
  'The the delegation arrived late.'
]
const FOOTERS = ['< 저작권자 ⓒ 서울경제, 무단 전재 및 재배포 금지 >', 'Read:| Markets rally as talks resume', '(ANI)', 'Source', '/ Reporter Kwak Yoon-ah [email protected]']

export function article(index: number, seed = 42): string {
  const next = random(seed * 100_003 + index)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const paragraphs: string[] = []
  const place = pick(PLACES)
  paragraphs.push(`${place}: ${pick(PEOPLE)} ${pick(VERBS)} on Monday that ${pick(CLAUSES)}, as ${pick(TOPICS)} dominated the agenda.`)
  // 4 to 10 body paragraphs: about 4.2 KB on average, so 2,000 articles make about 8 MB.
  const count = 4 + Math.floor(next() * 7)
  for (let p = 0; p < count; p++) {
    const sentences: string[] = []
    const length = 2 + Math.floor(next() * 3)
    for (let s = 0; s < length; s++) {
      sentences.push(`"${capitalise(pick(CLAUSES))}," ${pick(PEOPLE)} ${pick(VERBS)}.`, `According to officials in ${pick(PLACES)}, ${pick(CLAUSES)} amid debate over ${pick(TOPICS)}.`)
    }
    if (next() < 0.08) sentences.push(pick(DEFECTS))
    paragraphs.push(sentences.join(' '))
  }
  if (next() < 0.3) paragraphs.push(pick(FOOTERS))
  return `${paragraphs.join('\n\n')}\n`
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Writes `count` articles into `folder` and returns their paths. */
export function writeCorpus(folder: string, count: number, seed = 42): string[] {
  mkdirSync(folder, {recursive: true})
  const files: string[] = []
  for (let index = 0; index < count; index++) {
    const file = path.join(folder, `article-${String(index).padStart(5, '0')}.txt`)
    writeFileSync(file, article(index, seed))
    files.push(file)
  }
  return files
}

/** The corpus as one file: the same articles, in order, separated by a blank line. Returns the byte count. */
export function writeOneFile(file: string, count: number, seed = 42): number {
  const fd = openSync(file, 'w')
  let bytes = 0
  try {
    for (let index = 0; index < count; index++) {
      const text = `${index === 0 ? '' : '\n'}${article(index, seed)}`
      bytes += writeSync(fd, text)
    }
  } finally {
    closeSync(fd)
  }
  return bytes
}

/** NDJSON records `{"id", "text"}`, one article each, generated lazily (the bench never holds them all). */
export function* ndjsonRecords(count: number, seed = 42): Generator<string> {
  for (let index = 0; index < count; index++) {
    yield `${JSON.stringify({id: `article-${String(index).padStart(5, '0')}`, text: article(index, seed)})}\n`
  }
}

/** The files of a corpus folder (or the one file given), sorted by name. */
export function listFiles(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target]
  return readdirSync(target)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => path.join(target, name))
}
