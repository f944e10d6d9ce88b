// The report's sections that carry the charts' message in text, for readers
// whose client loads no images: the training history as a Mermaid block and
// the largest confusions as a table. Pure.
import { topConfusions } from './confusions.js';
import { historyMermaid } from './mermaid.js';
const share = (cell) => (cell ? `${cell.count} of ${cell.total} (${cell.share.toFixed(2)})` : '—');
function signedShare(head, base) {
    if (!head || !base)
        return '—';
    const delta = head.share - base.share;
    const text = Math.abs(delta).toFixed(2);
    return delta > 0.005 ? `+${text}` : delta < -0.005 ? `−${text}` : '0.00';
}
export function historyBlocks(head, base) {
    const chart = historyMermaid(head, base);
    if (!chart)
        return [];
    return [
        { type: 'heading', level: 3, text: 'Validation accuracy per epoch' },
        { type: 'paragraph', text: [chart.caption] },
        { type: 'code', language: 'mermaid', text: chart.text },
    ];
}
export function confusionBlocks(head, base) {
    const confusions = topConfusions(head, base);
    if (confusions.length === 0)
        return [];
    const withBase = base !== undefined && confusions.some((row) => row.base);
    const blocks = [{ type: 'heading', level: 3, text: 'Largest confusions' }];
    let text = `The PR's ${confusions.length} largest confusions: images of the true class predicted as another, as a share of the true class's validation images${withBase ? ', beside the base (a smaller share is better)' : ''}.`;
    // The base's worst confusion, when the PR fixed it enough to leave the list, is news too.
    const [baseWorst] = base ? topConfusions(base, undefined, 1) : [];
    if (baseWorst && !confusions.some((row) => row.actual === baseWorst.actual && row.predicted === baseWorst.predicted)) {
        const now = topConfusions(head, base, Infinity).find((row) => row.actual === baseWorst.actual && row.predicted === baseWorst.predicted)?.head;
        text += ` The base's largest, ${baseWorst.actual} predicted as ${baseWorst.predicted} (${share(baseWorst.head)}), is ${now ? share(now) : 'gone'} in the PR.`;
    }
    blocks.push({ type: 'paragraph', text: [text] });
    blocks.push(withBase
        ? {
            type: 'table',
            header: ['True class', 'Predicted as', 'base', 'PR', 'Δ share'],
            rows: confusions.map((row) => [row.actual, row.predicted, share(row.base), share(row.head), signedShare(row.head, row.base)]),
            align: ['left', 'left', 'right', 'right', 'right'],
        }
        : {
            type: 'table',
            header: ['True class', 'Predicted as', 'PR'],
            rows: confusions.map((row) => [row.actual, row.predicted, share(row.head)]),
            align: ['left', 'left', 'right'],
        });
    return blocks;
}
