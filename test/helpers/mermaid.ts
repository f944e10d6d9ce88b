// Mermaid's own parser, run headless: mermaid.parse needs a DOM only for
// DOMPurify (it sanitises labels), so a jsdom window is enough; nothing is
// drawn. Returns the diagram type, or throws mermaid's parse error.

let ready: Promise<{ parse: (text: string) => Promise<{ diagramType: string } | false> }> | undefined;

async function loadMermaid() {
  // @ts-expect-error jsdom ships no types; only JSDOM's window is used.
  const { JSDOM } = await import('jsdom');
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, { window, document: window.document });
  const { default: mermaid } = await import('mermaid');
  return mermaid;
}

export async function parseMermaid(text: string): Promise<string> {
  ready ??= loadMermaid();
  const mermaid = await ready;
  const result = await mermaid.parse(text);
  if (!result) throw new Error('mermaid.parse returned false');
  return result.diagramType;
}

/** The xychart's x-axis categories and its lines' values, read back from the block's text. */
export function xychartSeries(text: string): { categories: string[]; lines: number[][] } {
  const categories = /^\s*x-axis(?:\s+"[^"]*")?\s+\[([^\]]*)\]/m.exec(text)?.[1].split(',').map((s) => s.trim()) ?? [];
  const lines = [...text.matchAll(/^\s*line\s+\[([^\]]*)\]/gm)].map((match) => match[1].split(',').map(Number));
  return { categories, lines };
}
