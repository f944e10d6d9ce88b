// The flags Node starts this tool with: wherever it is launched (the bin's
// shebang in cli.ts, action.yml's run step, `npm start`, the bench) the same
// ones; test/node-flags.test.ts holds those places to this list.
//
// --max-semi-space-size=4 caps V8's young generation at 4 MiB per semi-space
// (8 MiB in all; by default it grows to 128 MiB on a 64-bit Node 24), on the
// main thread and on the training thread alike. Training allocates short-lived typed arrays batch after batch;
// a big young generation lets them pile up between scavenges: on the
// notebook's model with 6 seeds peak RSS is about 325 MiB with the cap and
// 440–460 MiB without it, at the same CPU time (docs/verdict.md). V8
// sizes the young generation when an isolate is created, so the flag must be
// given at launch: setting it from inside the process does not take.

export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
