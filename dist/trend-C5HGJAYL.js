import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{DEFAULT_TREND_RUNS,TREND_METRIC,buildTrend,lastStep,trendData}from"./chunk-IGXU2UXD.js";import"./chunk-4VNKF7LL.js";import"./chunk-GYODFMJZ.js";import"./chunk-5FJ3WY7V.js";import"./chunk-ZAGXRX4O.js";import"./chunk-MY4U7NYO.js";import"./chunk-GFLRN3MB.js";import"./chunk-3C5F2OKK.js";import"./chunk-HZ5WNSLK.js";import"./chunk-S6ENQIBD.js";export{DEFAULT_TREND_RUNS,TREND_METRIC,buildTrend,lastStep,trendData};
