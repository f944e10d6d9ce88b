import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{OUTPUT_ENTRIES,prepareKey,runExperiment}from"./chunk-EQFII7ZZ.js";import"./chunk-GJYM46YG.js";import"./chunk-L57GCG2A.js";import"./chunk-VEJ5Z444.js";import"./chunk-R2F26PEF.js";import"./chunk-AZMX6THE.js";import"./chunk-GYODFMJZ.js";import"./chunk-XKDFRKJ3.js";import"./chunk-NWQCCAZL.js";import"./chunk-SSICCQL2.js";import"./chunk-MY4U7NYO.js";import"./chunk-ASJ6OOVT.js";import"./chunk-HJR6RFQM.js";import"./chunk-GV52PQ3Y.js";import"./chunk-IWVOZGIV.js";import"./chunk-GFLRN3MB.js";import"./chunk-3C5F2OKK.js";import"./chunk-CC7KDFA7.js";import"./chunk-PK4H5PUL.js";import"./chunk-S6ENQIBD.js";export{OUTPUT_ENTRIES,prepareKey,runExperiment};
