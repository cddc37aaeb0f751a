// session-devnet entry point: a local Oxen-compatible network on loopback.
process.stderr.write('session-devnet: not implemented yet\n');
process.exitCode = 2;
