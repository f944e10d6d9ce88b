// Writes a trend on its own (the local `trend` command): trend.md and
// trend.html with the section the push's summary shows, the chart as
// trend.png and trend.vl.json, and the points and steps as trend.json.
// Only these files are written into outDir, and only ones this tool wrote
// before are replaced.

import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { trendData } from '../compare/trend.js';
import { claimOutputFolder } from '../output.js';
import { blocksToHtmlPage } from './html.js';
import { TREND_DATA } from './index.js';
import { blocksToMarkdown } from './markdown.js';
import { trendChart } from './plots.js';
import { getRenderer } from './render.js';
import { TREND_IMAGE, trendBlocks, type TrendSection } from './trend.js';

export const TREND_FILES = ['trend.md', 'trend.html', TREND_DATA, TREND_IMAGE, TREND_IMAGE.replace(/\.png$/, '.vl.json')] as const;

export async function writeTrendReport(section: TrendSection, outDir: string): Promise<{ markdown: string; files: string[] }> {
  const folder = resolve(outDir);
  await claimOutputFolder(folder, TREND_FILES);
  const files: string[] = [];
  const write = async (name: string, content: string | Buffer) => {
    await writeFile(join(folder, name), content);
    files.push(join(folder, name));
  };
  const chart = trendChart(section.trend, section.title);
  let image: { file: string; alt: string } | undefined;
  if (chart) {
    await write(TREND_IMAGE, (await (await getRenderer()).renderVegaLite(chart.spec)).png);
    await write(TREND_IMAGE.replace(/\.png$/, '.vl.json'), JSON.stringify(chart.spec, null, 2) + '\n');
    image = { file: TREND_IMAGE, alt: chart.alt };
  }
  const blocks = trendBlocks({ ...section, folded: false }, image);
  const markdown = blocksToMarkdown(blocks, (file) => file);
  await write('trend.md', markdown);
  await write('trend.html', blocksToHtmlPage(blocks, (file) => file, section.title));
  await write(TREND_DATA, JSON.stringify(trendData(section.trend), null, 2) + '\n');
  return { markdown, files };
}
