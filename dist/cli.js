#!/usr/bin/env node
import { createRequire as __idcCreateRequire } from 'node:module'; const require = __idcCreateRequire(import.meta.url);

// src/cli.ts
console.error("idc: not built yet");
process.exitCode = 1;
