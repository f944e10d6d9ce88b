import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{serveSteps,signalFailure}from"./chunk-OFHBPWTT.js";import"./chunk-ASJ6OOVT.js";import{createModel,startBackend}from"./chunk-JBOQMDTV.js";import"./chunk-GV52PQ3Y.js";import"./chunk-IWVOZGIV.js";import"./chunk-GFLRN3MB.js";import"./chunk-3C5F2OKK.js";import"./chunk-HZ5WNSLK.js";import"./chunk-PK4H5PUL.js";import"./chunk-S6ENQIBD.js";import{workerData}from"node:worker_threads";var{port}=workerData,shared,model;function fail(error){port.postMessage({type:"failed",message:error?.message??String(error)}),shared&&signalFailure(shared)}function handle(message){if(message.type==="train")model?.dispose(),model=void 0,shared=message.shared,model=createModel(shared.spec);else if(message.type==="epoch"){if(!model||!shared)throw new Error("an epoch was sent before the training");serveSteps(model,shared,message.posted)}else model?.dispose(),model=void 0,shared=void 0}try{await startBackend("wasm"),port.on("message",message=>{try{handle(message)}catch(error){fail(error)}}),port.postMessage({type:"ready"})}catch(error){fail(error)}
