import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{polyfillRemovedUtil,probeBackend,startBackend,tryImport}from"./chunk-JBOQMDTV.js";import"./chunk-GV52PQ3Y.js";import"./chunk-IWVOZGIV.js";import"./chunk-GFLRN3MB.js";import"./chunk-3C5F2OKK.js";import{BACKEND_CHOICES,BackendError,parseBackendChoice}from"./chunk-HZ5WNSLK.js";import"./chunk-PK4H5PUL.js";import"./chunk-S6ENQIBD.js";export{BACKEND_CHOICES,BackendError,parseBackendChoice,polyfillRemovedUtil,probeBackend,startBackend,tryImport};
