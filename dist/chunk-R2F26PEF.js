import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{mkdir,readdir,readFile,writeFile}from"node:fs/promises";import{join}from"node:path";var MARKER=".train-and-report",MARKER_HEADER=`# Written by train-and-report: the entries it wrote here and may overwrite. Other files are never touched.
`,OutputFolderError=class extends Error{constructor(message){super(message),this.name="OutputFolderError"}};async function ownedEntries(folder){try{let text=await readFile(join(folder,MARKER),"utf8");return new Set(text.split(`
`).filter(line=>line&&!line.startsWith("#")))}catch{return new Set}}async function checkOutputFolder(folder,entries){let present;try{present=await readdir(folder)}catch(error){let code=error.code;if(code==="ENOENT")return;throw code==="ENOTDIR"?new OutputFolderError(`output folder "${folder}" is a file; pass --out a folder`):new OutputFolderError(`output folder "${folder}" cannot be read (${code})`)}let owned=await ownedEntries(folder),clashes=entries.filter(entry=>present.includes(entry)&&!owned.has(entry));if(clashes.length>0)throw new OutputFolderError(`output folder "${folder}" already holds ${clashes.map(name=>`"${name}"`).join(", ")}, not written by train-and-report; choose another --out folder or move those files away`)}async function claimOutputFolder(folder,entries){await checkOutputFolder(folder,entries),await mkdir(folder,{recursive:!0});let owned=await ownedEntries(folder),before=owned.size;for(let entry of entries)owned.add(entry);(owned.size!==before||before===0)&&await writeFile(join(folder,MARKER),MARKER_HEADER+[...owned].sort().join(`
`)+`
`)}export{OutputFolderError,checkOutputFolder,claimOutputFolder};
