// Real webhook payloads (@octokit/webhooks-examples), copied so a test may edit them.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, any>> }>; // eslint-disable-line @typescript-eslint/no-explicit-any

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function webhookExample(name: string, action?: string): Record<string, any> {
  const found = examples.find((entry) => entry.name === name)?.examples.find((example) => action === undefined || example.action === action);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${name}${action ? `/${action}` : ''} example`);
  return structuredClone(found);
}
