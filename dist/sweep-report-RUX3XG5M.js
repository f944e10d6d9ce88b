import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{writeSweepReport}from"./chunk-PCCD5Z7T.js";import"./chunk-5IG4OIEW.js";import"./chunk-ACLZKCRK.js";import"./chunk-NER7E6JK.js";import"./chunk-DLFIU5CW.js";import"./chunk-M5T4MJDL.js";import"./chunk-JLJ647LM.js";import"./chunk-WB4KV3RF.js";import"./chunk-R2F26PEF.js";import"./chunk-MKT5IVQ6.js";import"./chunk-A5YZM775.js";import"./chunk-GFLRN3MB.js";import"./chunk-GWIBGMVI.js";import"./chunk-QR4JFBF5.js";import"./chunk-S6ENQIBD.js";export{writeSweepReport};
