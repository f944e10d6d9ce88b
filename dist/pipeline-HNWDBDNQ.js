import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{OUTPUT_ENTRIES,prepareKey,runExperiment}from"./chunk-BVOIBA5F.js";import"./chunk-GJYM46YG.js";import"./chunk-YWY5KFFV.js";import"./chunk-VEJ5Z444.js";import"./chunk-R2F26PEF.js";import"./chunk-4VNKF7LL.js";import"./chunk-GYODFMJZ.js";import"./chunk-5FJ3WY7V.js";import"./chunk-NWQCCAZL.js";import"./chunk-ZAGXRX4O.js";import"./chunk-MY4U7NYO.js";import"./chunk-ASJ6OOVT.js";import"./chunk-JBOQMDTV.js";import"./chunk-GV52PQ3Y.js";import"./chunk-IWVOZGIV.js";import"./chunk-GFLRN3MB.js";import"./chunk-3C5F2OKK.js";import"./chunk-HZ5WNSLK.js";import"./chunk-PK4H5PUL.js";import"./chunk-S6ENQIBD.js";export{OUTPUT_ENTRIES,prepareKey,runExperiment};
