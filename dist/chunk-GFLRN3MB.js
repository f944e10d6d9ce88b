import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
function createRandom(seed){let state=seed>>>0;return()=>{state=state+1831565813>>>0;let mixed=state;return mixed=Math.imul(mixed^mixed>>>15,mixed|1),mixed^=mixed+Math.imul(mixed^mixed>>>7,mixed|61),((mixed^mixed>>>14)>>>0)/4294967296}}function shuffled(items,random){let result=items.slice();for(let index=result.length-1;index>0;index--){let other=Math.floor(random()*(index+1));[result[index],result[other]]=[result[other],result[index]]}return result}export{createRandom,shuffled};
