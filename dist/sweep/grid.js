// The sweep's grid: 'train.lr=0.0001,0.001 train.conv_size=32,64' → one
// variant per combination, each a list of params overrides. Every value is
// checked as params.yaml's would be, so a bad grid fails in one line before
// anything trains. Pure.
import { parseOverrides, ParamsError } from '../params.js';
/** Splits on `separator` outside [brackets], so that list values such as [48,48] stay whole. */
function splitOutsideBrackets(text, separator) {
    const parts = [];
    let depth = 0;
    let current = '';
    for (const char of text) {
        if (char === '[')
            depth += 1;
        if (char === ']')
            depth = Math.max(0, depth - 1);
        if (depth === 0 && separator.test(char)) {
            parts.push(current);
            current = '';
        }
        else {
            current += char;
        }
    }
    parts.push(current);
    return parts;
}
export function parseGrid(text, where = '--grid') {
    const axes = [];
    for (const item of splitOutsideBrackets(text.trim(), /\s/).filter((part) => part !== '')) {
        const equals = item.indexOf('=');
        if (equals <= 0)
            throw new ParamsError(`${where}: "${item}" is not key=value1,value2; write e.g. train.lr=0.0001,0.001`);
        const key = item.slice(0, equals);
        const list = item.slice(equals + 1);
        if (list.trim() === '')
            throw new ParamsError(`${where}: "${key}" has an empty list of values; write e.g. ${key}=VALUE1,VALUE2`);
        const texts = splitOutsideBrackets(list, /,/);
        if (texts.some((value) => value.trim() === ''))
            throw new ParamsError(`${where}: "${key}=${list}" has an empty value in its list; remove the extra comma`);
        if (axes.some((axis) => axis.key === key))
            throw new ParamsError(`${where}: "${key}" appears twice; give all its values in one list`);
        // Each value is checked alone: parseOverrides names the key, suggests the closest one and says what is allowed.
        const values = texts.map((value) => parseOverrides([`${key}=${value.trim()}`], where)[0]);
        if (new Set(values.map((value) => JSON.stringify(value.value))).size < values.length) {
            throw new ParamsError(`${where}: "${key}" lists the same value twice; each variant must differ`);
        }
        axes.push({ key: values[0].key, values });
    }
    if (axes.length === 0)
        throw new ParamsError(`${where} is empty; give at least one key with its values, e.g. train.lr=0.0001,0.001`);
    return axes;
}
function folderName(overrides) {
    return overrides.map((override) => override.text.replace(/=/g, '-')).join('_').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120) || 'variant';
}
/** Every combination, the first axis varying slowest (as nested loops in the order written). */
export function expandGrid(axes, fixed = []) {
    for (const override of fixed) {
        if (axes.some((axis) => axis.key === override.key)) {
            throw new ParamsError(`--set ${override.text}: "${override.key}" is also in --grid; keep it in one of them`);
        }
    }
    let combinations = [[]];
    for (const axis of axes)
        combinations = combinations.flatMap((prefix) => axis.values.map((value) => [...prefix, value]));
    const folders = new Set();
    return combinations.map((combination, index) => {
        let folder = folderName(combination);
        if (folders.has(folder))
            folder = `${folder}-${index + 1}`; // names cut at 120 characters can meet
        folders.add(folder);
        return { name: combination.map((override) => override.text).join(', '), folder, overrides: [...fixed, ...combination] };
    });
}
