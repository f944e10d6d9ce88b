import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{writeSweepReport}from"./chunk-5X2HBSUZ.js";import"./chunk-554267CP.js";import"./chunk-2F2UJU7X.js";import"./chunk-BRUEP46X.js";import"./chunk-JFH7JCFG.js";import"./chunk-R2F26PEF.js";import"./chunk-A6ZO7IPZ.js";import"./chunk-GYODFMJZ.js";import"./chunk-XKDFRKJ3.js";import"./chunk-ZQS5LHGP.js";import"./chunk-MY4U7NYO.js";import"./chunk-GFLRN3MB.js";import"./chunk-3C5F2OKK.js";import"./chunk-MZAKDQYC.js";import"./chunk-S6ENQIBD.js";export{writeSweepReport};
