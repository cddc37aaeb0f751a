// Benchmark runner entry point.
process.stderr.write('bench: no workloads yet\n');
process.exitCode = 2;
