import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{BACKENDS,BACKEND_CHOICES,BACKEND_NAMES,BackendError,backendNamesInWords,backendRow,describeAdapter,describeBackend,hostKernelsServe,parseBackendChoice}from"./chunk-HZ5WNSLK.js";import"./chunk-S6ENQIBD.js";export{BACKENDS,BACKEND_CHOICES,BACKEND_NAMES,BackendError,backendNamesInWords,backendRow,describeAdapter,describeBackend,hostKernelsServe,parseBackendChoice};
