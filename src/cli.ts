// The `idc` command.
console.error('idc: not built yet');
process.exitCode = 1;
