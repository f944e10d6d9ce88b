import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{TREND_IMAGE,describePoint,describeStep,oneLine,pointWho,stepWord,trendBlocks,trendPointName,trendRunName,trendSummary,trendTable}from"./chunk-N67WMNBA.js";import"./chunk-GYODFMJZ.js";import"./chunk-ZAGXRX4O.js";import"./chunk-MY4U7NYO.js";import"./chunk-GFLRN3MB.js";import"./chunk-HZ5WNSLK.js";import"./chunk-S6ENQIBD.js";export{TREND_IMAGE,describePoint,describeStep,oneLine,pointWho,stepWord,trendBlocks,trendPointName,trendRunName,trendSummary,trendTable};
