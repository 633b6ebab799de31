#!/usr/bin/env node
// `newslint-language-server [--stdio]`: the newslint language server (see docs/editors.md).
import {startServer} from '../dist/src/server/index.js'

startServer()
