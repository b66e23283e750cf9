#!/usr/bin/env node
// Committed so that package managers can link the bin before `dist/` is built; the program is dist/bin.js.
import "../dist/bin.js";
