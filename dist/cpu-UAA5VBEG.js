import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{registerTfjsOverrides}from"./chunk-CT4N4LK3.js";import{probeBackend}from"./chunk-JBOQMDTV.js";import"./chunk-GV52PQ3Y.js";import"./chunk-IWVOZGIV.js";import"./chunk-GFLRN3MB.js";import"./chunk-3C5F2OKK.js";import"./chunk-HZ5WNSLK.js";import{require_tf_core_node}from"./chunk-PK4H5PUL.js";import{__toESM}from"./chunk-S6ENQIBD.js";var tf=__toESM(require_tf_core_node(),1);var cpu={async start(){await import("./tf-backend-cpu.node-FM553XRX.js"),await tf.setBackend("cpu"),await tf.ready(),registerTfjsOverrides("cpu");let failed=await probeBackend();return failed?{reason:`@tensorflow/tfjs-backend-cpu does not work: ${failed}`,ordinary:!1}:{info:{name:"cpu",package:"@tensorflow/tfjs-backend-cpu"},log:[],notices:[]}}};export{cpu};
