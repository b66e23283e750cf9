#!/usr/bin/env node
// Committed so that package managers can link the bin before `dist/` is built (inside this workspace the
// emulator is installed into apps/action before any build); the program itself is dist/cli.js.
import "../dist/cli.js";
