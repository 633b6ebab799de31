// One format's formatter, imported when a run asks for it: a run that writes JSON never loads the
// terminal code of `stylish` (vfile-reporter, string-width) or the LSP packages of `lsp`. The same
// formatters as `formatters` (index.ts), which imports them all, for the Node API.
import type {FormatName, Formatter} from './index.js'

const loaders: Record<FormatName, () => Promise<Formatter>> = {
  stylish: async () => (await import('./stylish.js')).stylishFormatter,
  json: async () => (await import('./json.js')).jsonFormatter,
  lsp: async () => (await import('./lsp.js')).lspFormatter,
  sarif: async () => (await import('./sarif.js')).sarifFormatter,
  github: async () => (await import('./github.js')).githubFormatter,
  codeclimate: async () => (await import('./codeclimate.js')).codeClimateFormatter
}

export function loadFormatter(name: FormatName): Promise<Formatter> {
  return loaders[name]()
}
