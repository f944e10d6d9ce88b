import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{COMMAND_OUTPUT_ENTRIES,CommandFailedError,runCommandExperiment}from"./chunk-HO5LJTZ6.js";import"./chunk-WB4KV3RF.js";import"./chunk-WVTQHKAQ.js";import"./chunk-R2F26PEF.js";import"./chunk-MKT5IVQ6.js";import"./chunk-MFSD2CRT.js";import"./chunk-A5YZM775.js";import"./chunk-IWVOZGIV.js";import"./chunk-GWIBGMVI.js";import"./chunk-S6ENQIBD.js";export{COMMAND_OUTPUT_ENTRIES,CommandFailedError,runCommandExperiment};
