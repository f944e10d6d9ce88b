// The action's entry (dist/index.js once built): run() handles every failure itself.
import { run } from './main.js';
await run();
