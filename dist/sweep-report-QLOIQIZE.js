import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{writeSweepReport}from"./chunk-CHMZPXVE.js";import"./chunk-DQGHYM4Z.js";import"./chunk-SSCNK6UU.js";import"./chunk-6OPGMZJJ.js";import"./chunk-MJP5KHEO.js";import"./chunk-R2F26PEF.js";import"./chunk-FEESECTR.js";import"./chunk-GYODFMJZ.js";import"./chunk-XKDFRKJ3.js";import"./chunk-36F5CRRP.js";import"./chunk-MY4U7NYO.js";import"./chunk-GFLRN3MB.js";import"./chunk-3C5F2OKK.js";import"./chunk-BJNGKSXE.js";import"./chunk-S6ENQIBD.js";export{writeSweepReport};
