import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{OutputFolderError,checkOutputFolder,claimOutputFolder}from"./chunk-R2F26PEF.js";import"./chunk-S6ENQIBD.js";export{OutputFolderError,checkOutputFolder,claimOutputFolder};
