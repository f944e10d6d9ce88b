import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{polyfillRemovedUtil,probeBackend,startBackend,tryImport}from"./chunk-E3TQMYK6.js";import"./chunk-GV52PQ3Y.js";import{BACKEND_CHOICES,BackendError,parseBackendChoice}from"./chunk-QR4JFBF5.js";import"./chunk-PK4H5PUL.js";import"./chunk-S6ENQIBD.js";export{BACKEND_CHOICES,BackendError,parseBackendChoice,polyfillRemovedUtil,probeBackend,startBackend,tryImport};
