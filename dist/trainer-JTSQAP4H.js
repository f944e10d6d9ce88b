import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{COMMAND_OUTPUT_ENTRIES,CommandFailedError,meanOverSeeds,runCommandExperiment}from"./chunk-T7YRJS4Q.js";import"./chunk-YWY5KFFV.js";import"./chunk-VEJ5Z444.js";import"./chunk-R2F26PEF.js";import"./chunk-5FJ3WY7V.js";import"./chunk-NWQCCAZL.js";import"./chunk-ZAGXRX4O.js";import"./chunk-MY4U7NYO.js";import"./chunk-ASJ6OOVT.js";import"./chunk-IWVOZGIV.js";import"./chunk-3C5F2OKK.js";import"./chunk-HZ5WNSLK.js";import"./chunk-S6ENQIBD.js";export{COMMAND_OUTPUT_ENTRIES,CommandFailedError,meanOverSeeds,runCommandExperiment};
