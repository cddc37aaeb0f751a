// session-cli entry point: a headless client on the same backend as the app.
process.stderr.write('session-cli: not implemented yet\n');
process.exitCode = 2;
