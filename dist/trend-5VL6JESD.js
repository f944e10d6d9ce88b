import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{DEFAULT_TREND_RUNS,TREND_METRIC,buildTrend,lastStep,trendData}from"./chunk-N7GCGHIT.js";import"./chunk-AQ26AQRJ.js";import"./chunk-JLJ647LM.js";import"./chunk-WB4KV3RF.js";import"./chunk-MKT5IVQ6.js";import"./chunk-X6N46OVP.js";import"./chunk-GFLRN3MB.js";import"./chunk-GWIBGMVI.js";import"./chunk-QR4JFBF5.js";import"./chunk-S6ENQIBD.js";export{DEFAULT_TREND_RUNS,TREND_METRIC,buildTrend,lastStep,trendData};
