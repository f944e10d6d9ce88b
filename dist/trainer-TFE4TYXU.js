import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{COMMAND_OUTPUT_ENTRIES,CommandFailedError,meanOverSeeds,runCommandExperiment}from"./chunk-DKHNIDMW.js";import"./chunk-F4V6UYS2.js";import"./chunk-WVTQHKAQ.js";import"./chunk-R2F26PEF.js";import"./chunk-WB4KV3RF.js";import"./chunk-MKT5IVQ6.js";import"./chunk-G5ROPMHQ.js";import"./chunk-X6N46OVP.js";import"./chunk-IWVOZGIV.js";import"./chunk-GWIBGMVI.js";import"./chunk-ASJ6OOVT.js";import"./chunk-S6ENQIBD.js";export{COMMAND_OUTPUT_ENTRIES,CommandFailedError,meanOverSeeds,runCommandExperiment};
