// A one-line progress bar on standard error, for long runs on an interactive terminal only.
export interface Progress {
  tick(): void
  done(): void
}

export function progressBar(stream: {write(chunk: string): unknown}, total: number, enabled: boolean): Progress {
  if (!enabled) return {tick() {}, done() {}}
  const width = 30
  let count = 0
  let lastDrawn = -1
  const draw = () => {
    const filled = Math.round((count / total) * width)
    // Redraw only when the bar moves: thousands of writes to a terminal cost more than the linting.
    if (filled === lastDrawn && count !== total) return
    lastDrawn = filled
    stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${count}/${total} files`)
  }
  draw()
  return {
    tick() {
      count++
      draw()
    },
    done() {
      stream.write('\r\u001B[K')
    }
  }
}
