// `node build/tools/benchProfile.js [--messages N] [--conversations N] [--seed N] [--out DIR] [--force]`
// (npm run bench:profile): generates the large bench profile (FULL_PROFILE unless told otherwise), or
// reuses the cached one, and prints its data directory and how long the generation took.
import { FULL_PROFILE, type ProfileSpec } from './api';
import { ensureProfile } from './generate';

const USAGE = 'usage: npm run bench:profile -- [--messages N] [--conversations N] [--seed N] [--out DIR] [--force]';

export interface ProfileCliArgs {
  spec: ProfileSpec;
  out?: string;
  force: boolean;
}

/** Parses the arguments; throws an Error with a readable message (and the usage) on bad input. */
export function parseProfileArgs(argv: readonly string[]): ProfileCliArgs {
  const spec: ProfileSpec = { ...FULL_PROFILE };
  const args: ProfileCliArgs = { spec, force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value.\n${USAGE}`);
      return v;
    };
    const int = (): number => {
      const v = value();
      if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new Error(`${a} takes a whole number (got ${JSON.stringify(v)}).\n${USAGE}`);
      return Number(v);
    };
    if (a === '--messages') spec.messages = int();
    else if (a === '--conversations') spec.conversations = int();
    else if (a === '--seed') spec.seed = int();
    else if (a === '--out') args.out = value();
    else if (a === '--force') args.force = true;
    else throw new Error(`Unknown argument ${JSON.stringify(a)}.\n${USAGE}`);
  }
  return args;
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  let args: ProfileCliArgs;
  try {
    args = parseProfileArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const p = await ensureProfile(args.spec, {
    ...(args.out !== undefined ? { cacheDir: args.out } : {}),
    force: args.force,
    log: (line) => process.stderr.write(line + '\n'),
  });
  process.stdout.write(`data dir: ${p.dataDir}\n`);
  process.stdout.write(`account: ${p.sessionId}\n`);
  process.stdout.write(p.generated ? `generated in ${(p.generateMs / 1000).toFixed(1)} s\n` : 'reused (already generated; --force writes it again)\n');
  process.stdout.write(`open it: npm run web -- --data-dir ${p.dataDir}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`bench profile: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
