import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import"./chunk-S6ENQIBD.js";import{createHash}from"node:crypto";import{createReadStream}from"node:fs";import{readdir}from"node:fs/promises";import{isAbsolute,join,relative,resolve,sep}from"node:path";import{pathToFileURL}from"node:url";function dataFolder(env){let workspace=env.GITHUB_WORKSPACE||process.cwd(),workingDirectory=resolve(workspace,env.TRAIN_AND_REPORT_WORKING_DIRECTORY||"."),data=env.TRAIN_AND_REPORT_DATA||"data/raw";return isAbsolute(data)?data:resolve(workingDirectory,data)}async function listFiles(root){return(await readdir(root,{recursive:!0,withFileTypes:!0})).filter(entry=>entry.isFile()).map(entry=>relative(root,join(entry.parentPath,entry.name)).split(sep).join("/")).sort()}function fileHash(path){return new Promise((resolvePromise,reject)=>{let hash=createHash("sha256");createReadStream(path).on("data",chunk=>hash.update(chunk)).on("error",reject).on("end",()=>resolvePromise(hash.digest("hex")))})}async function pixelCacheKey(root){let files;try{files=await listFiles(root)}catch{return"none"}if(files.length===0)return"none";let hash=createHash("sha256");for(let file of files)hash.update(`${file}\0${await fileHash(join(root,file))}
`);return hash.digest("hex").slice(0,32)}process.argv[1]&&import.meta.url===pathToFileURL(resolve(process.argv[1])).href&&process.stdout.write(`key=${await pixelCacheKey(dataFolder(process.env))}
`);export{dataFolder,pixelCacheKey};
