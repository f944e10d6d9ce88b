import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{DEFAULT_PARAMS,ParamsError,applyOverrides,checkParamValue,formatParams,isMapping,loadParams,modelLayers,optimizerSettings,parseOverrides,parseParams,readParamsYaml,validateParams}from"./chunk-5FJ3WY7V.js";import"./chunk-MY4U7NYO.js";import{OPTIMIZERS}from"./chunk-3C5F2OKK.js";import"./chunk-S6ENQIBD.js";export{DEFAULT_PARAMS,OPTIMIZERS,ParamsError,applyOverrides,checkParamValue,formatParams,isMapping,loadParams,modelLayers,optimizerSettings,parseOverrides,parseParams,readParamsYaml,validateParams};
