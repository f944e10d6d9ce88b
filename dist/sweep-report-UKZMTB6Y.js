import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{writeSweepReport}from"./chunk-3Q4REVK5.js";import"./chunk-XWARJTY7.js";import"./chunk-SWQX2Z4O.js";import"./chunk-N7GCGHIT.js";import"./chunk-WFZVDGTX.js";import"./chunk-R2F26PEF.js";import"./chunk-AQ26AQRJ.js";import"./chunk-JLJ647LM.js";import"./chunk-WB4KV3RF.js";import"./chunk-MKT5IVQ6.js";import"./chunk-X6N46OVP.js";import"./chunk-GFLRN3MB.js";import"./chunk-GWIBGMVI.js";import"./chunk-QR4JFBF5.js";import"./chunk-S6ENQIBD.js";export{writeSweepReport};
