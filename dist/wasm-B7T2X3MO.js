import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{registerTfjsOverrides}from"./chunk-CT4N4LK3.js";import{commonJsExports}from"./chunk-YWWXORM2.js";import{probeBackend}from"./chunk-E3TQMYK6.js";import"./chunk-GV52PQ3Y.js";import"./chunk-QR4JFBF5.js";import{require_tf_core_node}from"./chunk-PK4H5PUL.js";import{__toESM}from"./chunk-S6ENQIBD.js";var tf=__toESM(require_tf_core_node(),1);var wasm={async start(){let backend=commonJsExports(await import("./tf-backend-wasm.node-5CKY2GNJ.js"));try{if(!await tf.setBackend("wasm"))return{reason:"@tensorflow/tfjs-backend-wasm: did not start",ordinary:!1};await tf.ready()}catch(error){return{reason:`@tensorflow/tfjs-backend-wasm: ${error.message}`,ordinary:!1}}registerTfjsOverrides("wasm");let failed=await probeBackend();return failed?{reason:`@tensorflow/tfjs-backend-wasm: started, but ${failed}`,ordinary:!1}:{info:{name:"wasm",package:"@tensorflow/tfjs-backend-wasm",simd:tf.env().getBool("WASM_HAS_SIMD_SUPPORT"),threads:backend.getThreadsCount()},log:[],notices:[]}}};export{wasm};
