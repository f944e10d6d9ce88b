import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{OUTPUT_ENTRIES,prepareKey,runExperiment}from"./chunk-PPQUP6U6.js";import"./chunk-GJYM46YG.js";import"./chunk-F4V6UYS2.js";import"./chunk-WVTQHKAQ.js";import"./chunk-R2F26PEF.js";import"./chunk-AQ26AQRJ.js";import"./chunk-JLJ647LM.js";import"./chunk-WB4KV3RF.js";import"./chunk-MKT5IVQ6.js";import"./chunk-G5ROPMHQ.js";import"./chunk-X6N46OVP.js";import"./chunk-UEMXDTPY.js";import"./chunk-IWVOZGIV.js";import"./chunk-GFLRN3MB.js";import"./chunk-GWIBGMVI.js";import"./chunk-ASJ6OOVT.js";import"./chunk-E3TQMYK6.js";import"./chunk-GV52PQ3Y.js";import"./chunk-QR4JFBF5.js";import"./chunk-PK4H5PUL.js";import"./chunk-S6ENQIBD.js";export{OUTPUT_ENTRIES,prepareKey,runExperiment};
