// Web host entry point.
process.stderr.write('web host: not implemented yet\n');
process.exitCode = 2;
