// Entry point of `npm run -s workbench -- …`.
import { runCli } from './run';

// `npm run` starts scripts in the package folder; relative paths the user typed (`--db x.sqlite`,
// `import data.xlsx`) mean the folder they typed them in, which npm passes as INIT_CWD.
if (process.env.INIT_CWD && process.env.INIT_CWD !== process.cwd()) process.chdir(process.env.INIT_CWD);

// A reader that stops early (`series --json | head`) closes the pipe: that ends the output, it is not a failure
// (without this, Node printed an unhandled EPIPE with its stack).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

/** Resolves once stdout has written out what it queued (a pipe whose reader is behind queues every write). */
const drained = () => new Promise<void>((resolve) => process.stdout.once('drain', resolve));

const code = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
  write: (bytes) => (process.stdout.write(bytes) ? undefined : drained()),
});
process.exitCode = code;
