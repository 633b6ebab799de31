// The pool's dispatcher, with stand-in threads: which thread gets which job, in what batches.
import {describe, expect, it} from 'vitest'
import {BATCH, BATCHES_IN_HAND, Dispatcher, thisThread, type BatchRunner} from '../src/cli/executor.js'
import type {WorkerOutcome, WorkerTask} from '../src/worker.js'

const task = (path: string, kind: WorkerTask['kind'] = 'collect'): WorkerTask => ({kind, path, text: '', configKey: '{}'})

/** A thread that runs a batch when the test says so, and answers each job with its path. */
class HeldThread implements BatchRunner {
  readonly batches: WorkerTask[][] = []
  private readonly waiting: Array<() => void> = []
  inHand = 0
  mostInHand = 0

  run(tasks: WorkerTask[]): Promise<unknown> {
    this.batches.push(tasks)
    this.mostInHand = Math.max(this.mostInHand, ++this.inHand)
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.inHand--
        resolve(tasks.map((each) => (each.path.startsWith('bad') ? {error: `cannot lint ${each.path}`} : {result: each.path})))
      })
    )
  }

  /** Finishes the oldest batch in hand. */
  finishOne(): void {
    this.waiting.shift()!()
  }

  destroy(): Promise<void> {
    return Promise.resolve()
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('Dispatcher', () => {
  it('sends the jobs queued in one turn in full batches, at most two batches to a thread', async () => {
    const threads = [new HeldThread(), new HeldThread()]
    const dispatcher = new Dispatcher(threads)
    const done = Array.from({length: 200}, (_, index) => dispatcher.run(task(`f${index}`)))
    await settle()
    for (const thread of threads) {
      expect(thread.batches.map((batch) => batch.length)).toEqual([BATCH, BATCH])
      expect(thread.inHand).toBe(BATCHES_IN_HAND)
    }
    // Finishing a batch brings the next one; never a third in hand.
    while (threads.some((thread) => thread.inHand > 0)) {
      for (const thread of threads) if (thread.inHand > 0) thread.finishOne()
      await settle()
    }
    expect(Math.max(...threads.map((thread) => thread.mostInHand))).toBe(BATCHES_IN_HAND)
    const results = await Promise.all(done)
    expect(results.map((each) => each.result)).toEqual(Array.from({length: 200}, (_, index) => `f${index}`))
    // Every job ran once, and in the order it was queued, across the two threads.
    expect(threads.flatMap((thread) => thread.batches.flat().map((each) => each.path)).sort()).toEqual(results.map((each) => each.result).sort())
  })

  it('sends a job given a thread to that thread only, even when the other has room', async () => {
    const [one, two] = [new HeldThread(), new HeldThread()]
    const dispatcher = new Dispatcher([one, two])
    const collected = dispatcher.run(task('a'))
    await settle()
    const ran = one.inHand > 0 ? one : two
    const other = ran === one ? two : one
    ran.finishOne()
    const {thread} = await collected
    expect(thread.pool).toBe(ran)
    const lint = Array.from({length: 40}, (_, index) => dispatcher.run(task(`l${index}`, 'lint'), thread))
    await settle()
    expect(ran.inHand).toBe(BATCHES_IN_HAND)
    while (ran.inHand > 0) {
      ran.finishOne()
      await settle()
    }
    expect((await Promise.all(lint)).every((each) => each.thread === thread)).toBe(true)
    expect(other.batches).toEqual([])
  })

  it('gives more jobs to the thread that gets through them faster', async () => {
    const [fast, slow] = [new HeldThread(), new HeldThread()]
    const dispatcher = new Dispatcher([fast, slow])
    const done = Array.from({length: 400}, (_, index) => dispatcher.run(task(`f${index}`)))
    await settle()
    // A step of a clock the test keeps: the fast thread finishes a batch every step, the slow one
    // every fifth (no timers, so a loaded machine cannot change the outcome).
    for (let step = 1; fast.inHand > 0 || slow.inHand > 0; step++) {
      if (fast.inHand > 0) fast.finishOne()
      if (step % 5 === 0 && slow.inHand > 0) slow.finishOne()
      await settle()
    }
    await Promise.all(done)
    const jobs = (thread: HeldThread) => thread.batches.flat().length
    expect(jobs(fast) + jobs(slow)).toBe(400)
    // Shared out when queued, by count or by text, each would have had 200.
    expect(jobs(fast)).toBeGreaterThan(2 * jobs(slow))
  })

  it('shrinks the batches as the open jobs run out, so that the threads finish together', async () => {
    const threads = [new HeldThread(), new HeldThread()]
    const dispatcher = new Dispatcher(threads)
    const done = Array.from({length: 20}, (_, index) => dispatcher.run(task(`f${index}`)))
    await settle()
    // 20 jobs for 2 threads × 2 batches: 5, 4, 3, 2 rather than 16 and 4.
    expect(threads.flatMap((thread) => thread.batches.map((batch) => batch.length)).sort((a, b) => b - a)).toEqual([5, 4, 3, 2])
    while (threads.some((thread) => thread.inHand > 0)) {
      for (const thread of threads) if (thread.inHand > 0) thread.finishOne()
      await settle()
    }
    expect((await Promise.all(done)).length).toBe(20)
  })

  it('fails the job whose outcome is an error, and only that job', async () => {
    const thread = new HeldThread()
    const dispatcher = new Dispatcher([thread])
    const good = dispatcher.run(task('good'))
    const bad = dispatcher.run(task('bad'))
    await settle()
    while (thread.inHand > 0) thread.finishOne()
    await expect(bad).rejects.toThrow('cannot lint bad')
    expect((await good).result).toBe('good')
  })

  it('fails every job of a batch whose thread failed', async () => {
    const broken: BatchRunner = {run: () => Promise.reject(new Error('thread died')), destroy: () => Promise.resolve()}
    const dispatcher = new Dispatcher([broken])
    const jobs = ['a', 'b', 'c'].map((name) => dispatcher.run(task(name)))
    for (const job of jobs) await expect(job).rejects.toThrow('thread died')
  })
})

describe('thisThread', () => {
  it('runs its jobs one at a time, in order, and lets the event loop run before each', async () => {
    const log: string[] = []
    const runBatch = async (tasks: WorkerTask[]): Promise<WorkerOutcome[]> => {
      expect(tasks).toHaveLength(1)
      log.push(`start ${tasks[0]!.path}`)
      // Whatever the job set going (a file read, a reply to a worker thread) waits for the next turn.
      setImmediate(() => log.push(`event after ${tasks[0]!.path}`))
      await Promise.resolve()
      log.push(`end ${tasks[0]!.path}`)
      return [tasks[0]!.path === 'bad' ? {error: 'cannot lint bad'} : {result: {path: tasks[0]!.path}}]
    }
    const outcomes = await thisThread(runBatch).run([task('a'), task('bad'), task('c')])
    expect(outcomes).toEqual([{result: {path: 'a'}}, {error: 'cannot lint bad'}, {result: {path: 'c'}}])
    expect(log.slice(0, 7)).toEqual(['start a', 'end a', 'event after a', 'start bad', 'end bad', 'event after bad', 'start c'])
  })

  it('shares the open jobs with the worker threads as one of them', async () => {
    const ran: string[] = []
    const here = thisThread(async (tasks) => tasks.map((each) => (ran.push(each.path), {result: {here: each.path}})))
    const worker = new HeldThread()
    const dispatcher = new Dispatcher([here, worker])
    const jobs = Array.from({length: 8}, (_, index) => dispatcher.run(task(`f${index}`)))
    let settled = false
    const all = Promise.all(jobs).finally(() => (settled = true))
    while (!settled) {
      await settle()
      if (worker.inHand > 0) worker.finishOne()
    }
    const results = (await all).map((each) => each.result)
    // Both lanes took jobs, and every job ran once.
    expect(ran.length).toBeGreaterThan(0)
    expect(worker.batches.flat().length).toBeGreaterThan(0)
    expect(ran.length + worker.batches.flat().length).toBe(8)
    expect(results.filter((each) => typeof each === 'object' && each !== null && 'here' in each)).toHaveLength(ran.length)
  })
})
