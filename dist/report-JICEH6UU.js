import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{GITHUB_COMMENT_LIMIT,REUSED_NOTE,TREND_DATA,loadBaseRecord,writeReport}from"./chunk-554267CP.js";import"./chunk-2F2UJU7X.js";import"./chunk-BRUEP46X.js";import{ThresholdError,checkThresholds,parseThresholds}from"./chunk-JFH7JCFG.js";import"./chunk-R2F26PEF.js";import{compare}from"./chunk-A6ZO7IPZ.js";import{mcnemarExact,twoProportionTest}from"./chunk-GYODFMJZ.js";import"./chunk-XKDFRKJ3.js";import"./chunk-ZQS5LHGP.js";import"./chunk-MY4U7NYO.js";import"./chunk-GFLRN3MB.js";import"./chunk-3C5F2OKK.js";import"./chunk-MZAKDQYC.js";import"./chunk-S6ENQIBD.js";export{GITHUB_COMMENT_LIMIT,REUSED_NOTE,TREND_DATA,ThresholdError,checkThresholds,compare,loadBaseRecord,mcnemarExact,parseThresholds,twoProportionTest,writeReport};
