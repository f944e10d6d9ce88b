import { createRequire as __createRequire } from 'node:module';
import { fileURLToPath as __fileURLToPath } from 'node:url';
import { dirname as __pathDirname } from 'node:path';
const require = __createRequire(import.meta.url);
const __filename = __fileURLToPath(import.meta.url);
const __dirname = __pathDirname(__filename);
import{require_tf_core_node}from"./chunk-PK4H5PUL.js";import{__commonJS}from"./chunk-S6ENQIBD.js";var require_tf_backend_webgpu_node=__commonJS({"node_modules/@tensorflow/tfjs-backend-webgpu/dist/tf-backend-webgpu.node.js"(exports){var tf=require_tf_core_node();function _interopNamespaceDefault(e){var n=Object.create(null);return e&&Object.keys(e).forEach(function(k){if(k!=="default"){var d=Object.getOwnPropertyDescriptor(e,k);Object.defineProperty(n,k,d.get?d:{enumerable:!0,get:function(){return e[k]}})}}),n.default=e,n}var tf__namespace=_interopNamespaceDefault(tf),extendStatics=function(d,b){return extendStatics=Object.setPrototypeOf||{__proto__:[]}instanceof Array&&function(d2,b2){d2.__proto__=b2}||function(d2,b2){for(var p in b2)Object.prototype.hasOwnProperty.call(b2,p)&&(d2[p]=b2[p])},extendStatics(d,b)};function __extends(d,b){if(typeof b!="function"&&b!==null)throw new TypeError("Class extends value "+String(b)+" is not a constructor or null");extendStatics(d,b);function __(){this.constructor=d}d.prototype=b===null?Object.create(b):(__.prototype=b.prototype,new __)}function __awaiter(thisArg,_arguments,P,generator){function adopt(value){return value instanceof P?value:new P(function(resolve){resolve(value)})}return new(P||(P=Promise))(function(resolve,reject){function fulfilled(value){try{step2(generator.next(value))}catch(e){reject(e)}}function rejected(value){try{step2(generator.throw(value))}catch(e){reject(e)}}function step2(result){result.done?resolve(result.value):adopt(result.value).then(fulfilled,rejected)}step2((generator=generator.apply(thisArg,_arguments||[])).next())})}function __generator(thisArg,body){var _={label:0,sent:function(){if(t[0]&1)throw t[1];return t[1]},trys:[],ops:[]},f,y,t,g;return g={next:verb(0),throw:verb(1),return:verb(2)},typeof Symbol=="function"&&(g[Symbol.iterator]=function(){return this}),g;function verb(n){return function(v){return step2([n,v])}}function step2(op){if(f)throw new TypeError("Generator is already executing.");for(;_;)try{if(f=1,y&&(t=op[0]&2?y.return:op[0]?y.throw||((t=y.return)&&t.call(y),0):y.next)&&!(t=t.call(y,op[1])).done)return t;switch(y=0,t&&(op=[op[0]&2,t.value]),op[0]){case 0:case 1:t=op;break;case 4:return _.label++,{value:op[1],done:!1};case 5:_.label++,y=op[1],op=[0];continue;case 7:op=_.ops.pop(),_.trys.pop();continue;default:if(t=_.trys,!(t=t.length>0&&t[t.length-1])&&(op[0]===6||op[0]===2)){_=0;continue}if(op[0]===3&&(!t||op[1]>t[0]&&op[1]<t[3])){_.label=op[1];break}if(op[0]===6&&_.label<t[1]){_.label=t[1],t=op;break}if(t&&_.label<t[2]){_.label=t[2],_.ops.push(op);break}t[2]&&_.ops.pop(),_.trys.pop();continue}op=body.call(thisArg,_)}catch(e){op=[6,e],y=0}finally{f=t=0}if(op[0]&5)throw op[1];return{value:op[0]?op[1]:void 0,done:!0}}}function __values(o){var s=typeof Symbol=="function"&&Symbol.iterator,m=s&&o[s],i=0;if(m)return m.call(o);if(o&&typeof o.length=="number")return{next:function(){return o&&i>=o.length&&(o=void 0),{value:o&&o[i++],done:!o}}};throw new TypeError(s?"Object is not iterable.":"Symbol.iterator is not defined.")}function __read(o,n){var m=typeof Symbol=="function"&&o[Symbol.iterator];if(!m)return o;var i=m.call(o),r,ar=[],e;try{for(;(n===void 0||n-- >0)&&!(r=i.next()).done;)ar.push(r.value)}catch(error){e={error}}finally{try{r&&!r.done&&(m=i.return)&&m.call(i)}finally{if(e)throw e.error}}return ar}function __spreadArray(to,from,pack2){if(pack2||arguments.length===2)for(var i=0,l=from.length,ar;i<l;i++)(ar||!(i in from))&&(ar||(ar=Array.prototype.slice.call(from,0,i)),ar[i]=from[i]);return to.concat(ar||Array.prototype.slice.call(from))}var ENV=tf.env();ENV.registerFlag("WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE",function(){return 15});ENV.registerFlag("WEBGPU_CPU_FORWARD",function(){return!0});ENV.registerFlag("WEBGPU_MATMUL_PROGRAM_TYPE",function(){return-1});ENV.registerFlag("WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE",function(){return!0});ENV.registerFlag("WEBGPU_USE_LOW_POWER_GPU",function(){return!1});ENV.registerFlag("WEBGPU_CPU_HANDOFF_SIZE_THRESHOLD",function(){return 1e3});ENV.registerFlag("WEBGPU_USE_PROFILE_TOOL",function(){return!1});ENV.registerFlag("WEBGPU_IMPORT_EXTERNAL_TEXTURE",function(){return!0});ENV.registerFlag("WEBGPU_USE_NAIVE_CONV2D_DEBUG",function(){return!1});ENV.registerFlag("WEBGPU_THRESHOLD_TO_INCREASE_WORKGROUPS_FOR_MATMUL",function(){return-1});ENV.registerFlag("WEBGPU_CONV_SEPARATE_IM2COL_SHADER",function(){return!1});ENV.registerFlag("WEBGPU_PRINT_SHADER",function(){return""});ENV.registerFlag("WEBGPU_ENGINE_COMPILE_ONLY",function(){return!1});var AdapterInfo=(function(){function AdapterInfo2(adapterInfo){adapterInfo&&(this.vendor=adapterInfo.vendor,this.architecture=adapterInfo.architecture,this.intelGPUGeneration=this.getIntelGPUGeneration())}return AdapterInfo2.prototype.getIntelGPUGeneration=function(){if(this.isIntel()){if(this.architecture.startsWith("gen"))return Number(this.architecture.match(/\d+/));if(this.architecture.startsWith("xe"))return 12}return 0},AdapterInfo2.prototype.isIntel=function(){return this.vendor==="intel"},AdapterInfo2})();var BufferManager=(function(){function BufferManager2(device){this.device=device,this.numUsedBuffers=0,this.numFreeBuffers=0,this.freeBuffers=new Map,this.usedBuffers=new Map,this.numBytesUsed=0,this.numBytesAllocated=0}return BufferManager2.prototype.acquireBuffer=function(size,usage,mappedAtCreation,reuse){mappedAtCreation===void 0&&(mappedAtCreation=!1),reuse===void 0&&(reuse=!0);var buffer,key=getBufferKey(size,usage);return reuse?(this.freeBuffers.has(key)||this.freeBuffers.set(key,[]),this.freeBuffers.get(key).length>0?(buffer=this.freeBuffers.get(key).pop(),this.numFreeBuffers--):(buffer=this.device.createBuffer({size,usage,mappedAtCreation}),this.numBytesAllocated+=size)):(buffer=this.device.createBuffer({size,usage,mappedAtCreation}),this.numBytesAllocated+=size),this.usedBuffers.has(key)||this.usedBuffers.set(key,[]),this.usedBuffers.get(key).push(buffer),this.numUsedBuffers++,this.numBytesUsed+=size,buffer},BufferManager2.prototype.releaseBuffer=function(buffer,reuse){if(reuse===void 0&&(reuse=!0),this.freeBuffers.size!==0){var size=buffer.size,usage=buffer.usage,key=getBufferKey(size,usage),bufferArray=this.usedBuffers.get(key),index=bufferArray.indexOf(buffer);if(index<0)throw new Error("Cannot find the buffer in buffer manager");bufferArray[index]=bufferArray[bufferArray.length-1],bufferArray.pop(),this.numUsedBuffers--,this.numBytesUsed-=size,reuse?(this.freeBuffers.get(key).push(buffer),this.numFreeBuffers++):(buffer.destroy(),this.numBytesAllocated-=size)}},BufferManager2.prototype.getNumUsedBuffers=function(){return this.numUsedBuffers},BufferManager2.prototype.getNumFreeBuffers=function(){return this.numFreeBuffers},BufferManager2.prototype.dispose=function(){this.freeBuffers.forEach(function(buffers,key){buffers.forEach(function(buffer){buffer.destroy()})}),this.usedBuffers.forEach(function(buffers,key){buffers.forEach(function(buffer){buffer.destroy()})}),this.freeBuffers=new Map,this.usedBuffers=new Map,this.numUsedBuffers=0,this.numFreeBuffers=0,this.numBytesUsed=0,this.numBytesAllocated=0},BufferManager2})();function getBufferKey(size,usage){return"".concat(size,"_").concat(usage)}var TextureManager=(function(){function TextureManager2(device){this.device=device,this.numUsedTextures=0,this.numFreeTextures=0,this.freeTextures=new Map,this.usedTextures=new Map,this.numBytesUsed=0,this.numBytesAllocated=0}return TextureManager2.prototype.acquireTexture=function(width,height,format,usage){var bytesPerElement=getBytesPerElement(format),byteSize=width*height*bytesPerElement,key=getTextureKey(width,height,format,usage);if(this.freeTextures.has(key)||this.freeTextures.set(key,[]),this.usedTextures.has(key)||this.usedTextures.set(key,[]),this.numBytesUsed+=byteSize,this.numUsedTextures++,this.freeTextures.get(key).length>0){this.numFreeTextures--;var newTexture_1=this.freeTextures.get(key).shift();return this.usedTextures.get(key).push(newTexture_1),newTexture_1}this.numBytesAllocated+=byteSize;var newTexture=this.device.createTexture({size:[width,height],format,usage});return this.usedTextures.get(key).push(newTexture),newTexture},TextureManager2.prototype.releaseTexture=function(texture){if(this.freeTextures.size!==0){var width=texture.width,height=texture.height,format=texture.format,usage=texture.usage,key=getTextureKey(width,height,format,usage);this.freeTextures.has(key)||this.freeTextures.set(key,[]),this.freeTextures.get(key).push(texture),this.numFreeTextures++,this.numUsedTextures--;var textureList=this.usedTextures.get(key),textureIndex=textureList.indexOf(texture);if(textureIndex<0)throw new Error("Cannot release a texture that was never provided by this texture manager");textureList.splice(textureIndex,1);var bytesPerElement=getBytesPerElement(format),byteSize=width*height*bytesPerElement;this.numBytesUsed-=byteSize}},TextureManager2.prototype.getNumUsedTextures=function(){return this.numUsedTextures},TextureManager2.prototype.getNumFreeTextures=function(){return this.numFreeTextures},TextureManager2.prototype.dispose=function(){this.freeTextures.forEach(function(textures,key){textures.forEach(function(texture){texture.destroy()})}),this.usedTextures.forEach(function(textures,key){textures.forEach(function(texture){texture.destroy()})}),this.freeTextures=new Map,this.usedTextures=new Map,this.numUsedTextures=0,this.numFreeTextures=0,this.numBytesUsed=0,this.numBytesAllocated=0},TextureManager2})();function getTextureKey(width,height,format,usage){return"".concat(width,"_").concat(height,"_").concat(format,"_").concat(usage)}function getBytesPerElement(format){if(format==="rgba8unorm")return 16;throw new Error("".concat(format," is not supported!"))}function symbolicallyComputeStrides(indicesArr,variableName){if(Math.max.apply(Math,__spreadArray([],__read(indicesArr),!1))>5)throw new Error("Cannot symbolically compute strides for rank > 6 tensor.");var numCoords=indicesArr.length,indicesStr="xyzwuv",shape=indicesArr.map(function(d){return"".concat(variableName,".").concat(indicesStr[d])}),strides=new Array(numCoords-1);strides[numCoords-2]=shape[numCoords-1];for(var i=numCoords-3;i>=0;--i)strides[i]="(".concat(strides[i+1]," * ").concat(shape[i+1],")");return strides}var atomicAddSnippet=function(ptr,v,type){return type==="int32"?"atomicAdd(".concat(ptr,", bitcast<i32>(").concat(v,"));"):`
          {
            var oldValue = 0;
            loop {
              let newValueF32 = bitcast<f32>(oldValue) + (`.concat(v,`);
              let newValue = bitcast<i32>(newValueF32);
              let res = atomicCompareExchangeWeak(`).concat(ptr,`, oldValue, newValue);
              if res.exchanged {
                break;
              }
              oldValue = res.old_value;
            }
          }`)};var PixelsOpType;(function(PixelsOpType2){PixelsOpType2[PixelsOpType2.FROM_PIXELS=0]="FROM_PIXELS",PixelsOpType2[PixelsOpType2.DRAW=1]="DRAW"})(PixelsOpType||(PixelsOpType={}));var compileProgram=function(device,program,inputsData,output,parallelCompilation){var outputData={dtype:output.dtype,shape:output.shape},source=makeShader(inputsData,outputData,program),module2=device.createShaderModule({code:source,label:program.constructor.name}),printShaderString=tf.env().get("WEBGPU_PRINT_SHADER");if(printShaderString!==""){printShaderString=printShaderString.toLowerCase();var printShaderArray=printShaderString.split(",");(printShaderString==="all"||printShaderArray.some(function(item){return program.shaderKey.toLowerCase().includes(item)}))&&(console.group(program.shaderKey),console.debug(source),console.groupEnd())}return parallelCompilation?device.createComputePipelineAsync({compute:{module:module2,entryPoint:"_start"},label:program.constructor.name,layout:"auto"}):device.createComputePipeline({compute:{module:module2,entryPoint:"_start"},label:program.constructor.name,layout:"auto"})},typeSnippet=function(component,type){switch(type===void 0&&(type="f32"),component){case 1:return"".concat(type);case 2:return"vec2<".concat(type,">");case 3:return"vec3<".concat(type,">");case 4:return"vec4<".concat(type,">");default:throw new Error("".concat(component,"-component ").concat(type," is not supported."))}};function getCoordsDataType(rank){if(rank<=1)return"i32";if(rank===2)return"vec2<i32>";if(rank===3)return"vec3<i32>";if(rank===4)return"vec4<i32>";if(rank===5)return"vec5";if(rank===6)return"vec6";throw Error("GPU for rank ".concat(rank," is not yet supported"))}function getCoordsXYZ(index){if(index===0)return"x";if(index===1)return"y";if(index===2)return"z";if(index===3)return"w";if(index===4)return"u";if(index===5)return"v";throw Error("Index ".concat(index," is not yet supported"))}function getMainHeaderString(){for(var params=[],_i=0;_i<arguments.length;_i++)params[_i]=arguments[_i];var snippet;switch(params.length){case 0:snippet=`
        fn main()
      `;break;case 1:snippet=`
        fn main(`.concat(params[0],` : i32)
      `);break;default:throw Error("Unreachable")}return snippet}function getStartHeaderString(useGlobalIndex,program){var snippet;return snippet=`
     `.concat(getWorkgroupSizeString(program),`
      fn _start(@builtin(local_invocation_id) LocalId : vec3<u32>,
                @builtin(global_invocation_id) GlobalId : vec3<u32>,
                @builtin(local_invocation_index) LocalIndex: u32,
                @builtin(workgroup_id) WorkgroupId : vec3<u32>,
                @builtin(num_workgroups) NumWorkgroups : vec3<u32>) {
        localId = LocalId;
        localIndex = LocalIndex;
        globalId = GlobalId;
        numWorkgroups = NumWorkgroups;
        workgroupId = WorkgroupId;
        `).concat(useGlobalIndex?"main(getGlobalIndex());":"main();",`;
      }
    `),snippet}function getWorkgroupSizeString(program){return`
  @compute @workgroup_size(`.concat(program.workgroupSize[0],", ").concat(program.workgroupSize[1],", ").concat(program.workgroupSize[2],`)
`)}function makeShader(inputInfo,outputData,program){var prefixSnippets=[],flatWorkgroupSize=program.workgroupSize[0]*program.workgroupSize[1]*program.workgroupSize[2];if(program.outputComponent=program.outputComponent?program.outputComponent:1,prefixSnippets.push(`

      var<private> localId: vec3<u32>;
      var<private> localIndex: u32;
      var<private> globalId: vec3<u32>;
      var<private> numWorkgroups: vec3<u32>;
      var<private> workgroupId: vec3<u32>;

      // Only used when the y/z dimension of workgroup size is 1.
      fn getGlobalIndex() -> i32 {
        `.concat(isFlatDispatch(program)?"  return i32(globalId.x);":`  return i32((workgroupId.z * numWorkgroups.x * numWorkgroups.y +
                workgroupId.y * numWorkgroups.x + workgroupId.x) * `.concat(flatWorkgroupSize,`u +
                localIndex);
        `),`
      }
    `)),program.pixelsOpType!=null){var inoutSnippet=program.pixelsOpType===PixelsOpType.FROM_PIXELS?"@group(0) @binding(0) var<storage, read_write> result: array<".concat(dataTypeToGPUType(outputData.dtype,program.outputComponent),">;"):"@group(0) @binding(1) var<storage, read> inBuf : array<".concat(dataTypeToGPUType(inputInfo[0].dtype,program.outputComponent),">;"),outShapeStridesType=outputData.shape.length===3?"vec2<i32>":"i32";prefixSnippets.push(`
        struct Uniform {
          outShapeStrides : `.concat(outShapeStridesType,`,
          size            : i32,
          numChannels     : i32,
          alpha           : f32,
        };

        `).concat(inoutSnippet,`
        @group(0) @binding(2) var<uniform> uniforms: Uniform;
      `));var useGlobalIndex_1=isFlatDispatchLayout(program);return[commonSnippet,prefixSnippets.join(`
`),getCoordsFromIndexSnippet(outputData.shape),program.getUserCode(),getStartHeaderString(useGlobalIndex_1,program)].join(`
`)}var stridesLength,stridesDataType,uniformDeclaration="struct Uniforms { NAN : f32, INFINITY : f32, ";program.variableNames.forEach(function(x,i){var perDataType=getCoordsDataType(inputInfo[i].shape.length);uniformDeclaration+="".concat(x.charAt(0).toLowerCase()+x.slice(1),"Shape : ").concat(perDataType,", "),stridesLength=inputInfo[i].shape.length-1,stridesDataType=getCoordsDataType(stridesLength),uniformDeclaration+="".concat(x.charAt(0).toLowerCase()+x.slice(1),"ShapeStrides: ").concat(stridesDataType,", ")});var outputDataType=getCoordsDataType(outputData.shape.length);uniformDeclaration+="outShape : ".concat(outputDataType,", "),stridesLength=outputData.shape.length-1,stridesDataType=getCoordsDataType(stridesLength),uniformDeclaration+=`
         outShapeStrides: `.concat(stridesDataType,", "),program.size&&(uniformDeclaration+="size : i32, "),program.uniforms&&(uniformDeclaration+=program.uniforms),uniformDeclaration+="};",uniformDeclaration=insertAlignment(uniformDeclaration),prefixSnippets.push(uniformDeclaration),program.atomic?prefixSnippets.push(`
      @group(0) @binding(0) var<storage, read_write> result: array<atomic<i32>>;
    `):prefixSnippets.push(`
      @group(0) @binding(0) var<storage, read_write> result: array<`.concat(dataTypeToGPUType(outputData.dtype,program.outputComponent),`>;
    `)),program.variableNames.forEach(function(x,i){prefixSnippets.push(`
      @group(0) @binding(`.concat(1+i,") var<storage, read> ").concat(x,": array<").concat(program.variableComponents?dataTypeToGPUType(inputInfo[i].dtype,program.variableComponents[i]):dataTypeToGPUType(inputInfo[i].dtype,program.outputComponent),`>;
        `))}),uniformDeclaration!==""&&prefixSnippets.push(`
      @group(0) @binding(`.concat(1+program.variableNames.length,`) var<uniform> uniforms: Uniforms;
      `));var coordsSnippet=getOutputCoordsSnippet(outputData.shape,program.dispatchLayout),sources=[commonSnippet,prefixSnippets.join(`
`)+isInfSnippet,getCoordsFromIndexSnippet(outputData.shape),coordsSnippet,getOutputIndexFromCoordsSnippet(outputData.shape.length)];program.atomic||sources.push(setOutputSnippet(outputData.shape,outputData.dtype,program.outputComponent)),program.variableNames.forEach(function(x,i){sources.push("".concat(getCoordsFromIndexSnippet(inputInfo[i].shape,x)))});var inputSnippet=inputInfo.map(function(x,i){return getInputSnippet(x,outputData.shape,program.variableComponents?program.variableComponents[i]:program.outputComponent,program.dispatchLayout.x.length===outputData.shape.length)}).join(`
`);sources.push(inputSnippet),sources.push(program.getUserCode());var useGlobalIndex=isFlatDispatchLayout(program);sources.push(getStartHeaderString(useGlobalIndex,program));var source=sources.join(`
`);return source}function makeShaderKey(program,inputsData,output){var key=program.shaderKey;if(program.pixelsOpType!=null)return key;var shapes=[],types=[];inputsData.forEach(function(element){shapes.push(element.shape),types.push(element.dtype)}),shapes.push(output.shape),types.push(output.dtype);var broadcastDims=inputsData.map(function(d){return tf.backend_util.getBroadcastDims(d.shape,output.shape)}),inputShapesEqualsOutShape=inputsData.map(function(d){return tf.util.arraysEqual(d.shape,output.shape)}).join("_"),broadcastDimsKey=broadcastDims.map(function(d){return d.join("_")}).join(";"),flatDispatchString=isFlatDispatch(program)?"flatDispatch":"";return key+="_"+(program.workgroupSize?program.workgroupSize.join(","):"")+shapes.map(function(shape){return shape.length}).join(",")+types.join(",")+program.variableNames.join(",")+broadcastDimsKey+inputShapesEqualsOutShape+flatDispatchString,key}var commonSnippet=`
  struct vec5 {x: i32, y: i32, z: i32, w: i32, u: i32};
  struct vec6 {x: i32, y: i32, z: i32, w: i32, u: i32, v: i32};

  // Checks whether coordinates lie within the bounds of the shape.
  fn coordsInBounds2D(coord : vec2<i32>, shape : vec2<i32>) -> bool {
    return all(coord >= vec2<i32>(0)) && all(coord < shape);
  }
  fn coordsInBounds3D(coord : vec3<i32>, shape : vec3<i32>) -> bool {
    return all(coord >= vec3<i32>(0)) && all(coord < shape);
  }
  fn coordsInBounds4D(coord : vec4<i32>, shape : vec4<i32>) -> bool {
    return all(coord >= vec4<i32>(0)) && all(coord < shape);
  }

  fn getIndexFromCoords1D(coord : i32, shape : i32) -> i32 {
    return coord;
  }
  fn getIndexFromCoords2D(coords : vec2<i32>, shape : vec2<i32>) -> i32 {
    return dot(coords, vec2<i32>(shape.y, 1));
  }
  fn getIndexFromCoords3D(coords : vec3<i32>, shape : vec3<i32>) -> i32 {
    return dot(coords, vec3<i32>(shape.y * shape.z, shape.z, 1));
  }
  fn getIndexFromCoords4D(coords : vec4<i32>, shape : vec4<i32>) -> i32 {
    return dot(coords, vec4<i32>(
        shape.y * shape.z * shape.w, shape.z * shape.w, shape.w, 1));
  }
  fn getIndexFromCoords5D(coords : vec5, shape : vec5) -> i32 {
    let shapeStrides: vec5 = vec5(shape.y * shape.z * shape.w * shape.u, shape.z * shape.w * shape.u, shape.w * shape.u, shape.u, 1);
    return coords.x*shapeStrides.x + coords.y*shapeStrides.y + coords.z*shapeStrides.z + coords.w*shapeStrides.w + coords.u*shapeStrides.u;
  }
  fn getIndexFromCoords6D(coords : vec6, shape : vec6) -> i32 {
    let shapeStrides: vec6 = vec6(shape.y * shape.z * shape.w * shape.u * shape.v, shape.z * shape.w * shape.u * shape.v, shape.w * shape.u * shape.v, shape.u * shape.v, shape.v, 1);
    return coords.x*shapeStrides.x + coords.y*shapeStrides.y + coords.z*shapeStrides.z + coords.w*shapeStrides.w + coords.u*shapeStrides.u + coords.v*shapeStrides.v;
  }

  // NaN defination in IEEE 754-1985 is :
  //   - sign = either 0 or 1.
  //   - biased exponent = all 1 bits.
  //   - fraction = anything except all 0 bits (since all 0 bits represents infinity).
  // https://en.wikipedia.org/wiki/IEEE_754-1985#Representation_of_non-numbers
  fn isnan(val: f32) -> bool {
    let floatToUint: u32 = bitcast<u32>(val);
    return (floatToUint & 0x7fffffffu) > 0x7f800000u;
  }
  fn isnanVec4(val : vec4<f32>) -> vec4<bool> {
    let floatToUint: vec4<u32> = bitcast<vec4<u32>>(val);
    return (floatToUint & vec4<u32>(0x7fffffffu)) > vec4<u32>(0x7f800000u);
  }
`,isInfSnippet=`
  fn isinf(val: f32) -> bool {
    return abs(val) == uniforms.INFINITY;
  }
`;function getCoordsFromIndexSnippet(shape,name){name===void 0&&(name="");var rank=shape.length,funcName=name!==""?"get".concat(name.charAt(0).toUpperCase()+name.slice(1),"CoordsFromIndex"):"getCoordsFromIndex",stridesName=name!==""?"".concat(name.charAt(0).toLowerCase()+name.slice(1),"ShapeStrides"):"outShapeStrides";if(rank<=1)return"fn ".concat(funcName,"(index : i32) -> i32 { return index; }");for(var strides=tf.util.computeStrides(shape),dtype=getCoordsDataType(rank),coords2=[],i=0;i<rank;i++)coords2.push("d".concat(i));if(strides.length===1)return"    fn ".concat(funcName,`(index : i32) -> vec2<i32> {
      let d0 = index / uniforms.`).concat(stridesName,"; let d1 = index - d0 * uniforms.").concat(stridesName,`;
      return vec2<i32>(d0, d1);
    }`);var snippet;return snippet="var index2 = index;"+strides.map(function(_,i2){var line1="let ".concat(coords2[i2]," = index2 / uniforms.").concat(stridesName,".").concat(getCoordsXYZ(i2)),line2=i2===strides.length-1?"let ".concat(coords2[i2+1]," = index2 - ").concat(coords2[i2]," * uniforms.").concat(stridesName,".").concat(getCoordsXYZ(i2)):"index2 = index2 - ".concat(coords2[i2]," * uniforms.").concat(stridesName,".").concat(getCoordsXYZ(i2));return"".concat(line1,"; ").concat(line2,";")}).join(""),`
    fn `.concat(funcName,"(index : i32) -> ").concat(dtype,` {
      `).concat(snippet,`
      return `).concat(dtype,"(").concat(coords2.join(","),`);
    }
  `)}function getInputAtCoordsSnippet(inputInfo,component){var texName=inputInfo.name,rank=inputInfo.shape.length,type=getCoordsDataType(rank),funcName="get"+texName.charAt(0).toUpperCase()+texName.slice(1),dims=["d0","d1","d2","d3","d4","d5"].slice(0,rank),inputs=dims.map(function(d){return"".concat(d," : i32")}).join(", ");if(rank<1)return`
      fn `.concat(funcName,"() -> ").concat(typeSnippet(component),` {
        return `).concat(typeSnippet(component),"(").concat(texName,`[0]);
      }
    `);var shapeStr="uniforms.".concat(texName.charAt(0).toLowerCase()+texName.slice(1),"Shape"),rankStr="".concat(rank,"D");return rank===0&&(rankStr="1D"),`
    fn `.concat(funcName,"(").concat(inputs,") -> ").concat(typeSnippet(component),` {
      return `).concat(typeSnippet(component),"(").concat(texName,"[getIndexFromCoords").concat(rankStr,"(").concat(type,"(").concat(dims.join(","),`),
        `).concat(shapeStr,")").concat(component===1?"":" / ".concat(component),`]);
    }
   `)}function getInputByOutputSnippet(inputInfo,outShape,component,isFlatDispatchLayout2){var texName=inputInfo.name,texFuncSnippet=texName.charAt(0).toUpperCase()+texName.slice(1),funcName="get"+texFuncSnippet+"ByOutput",inRank=inputInfo.shape.length,outRank=outShape.length,type=getCoordsDataType(outRank);if(tf.util.arraysEqual(inputInfo.shape,outShape)&&isFlatDispatchLayout2)return`
    fn `.concat(funcName,"Index(globalIndex : i32) -> ").concat(typeSnippet(component),` {
      return `).concat(typeSnippet(component),"(").concat(texName,`[globalIndex]);
    }

    fn `).concat(funcName,"Coords(coords : ").concat(type,") -> ").concat(typeSnippet(component),` {
      return `).concat(typeSnippet(component),"(").concat(texName,"[").concat(outRank>1?"getOutputIndexFromCoords(coords)":"coords").concat(component===1?"":" / ".concat(component),`]);
    }
    `);var broadcastDims=tf.backend_util.getBroadcastDims(inputInfo.shape,outShape),rankDiff=outRank-inRank,coordsSnippet="";if(inRank===0)return`
    fn `.concat(funcName,"Index(globalIndex : i32) -> ").concat(typeSnippet(component),`{
      return get`).concat(texFuncSnippet,`();
    }

    fn `).concat(funcName,"Coords(coords : ").concat(type,") -> ").concat(typeSnippet(component),`{
      return get`).concat(texFuncSnippet,`();
    }
  `);outRank<2&&broadcastDims.length>=1?coordsSnippet="coords = 0;":coordsSnippet=broadcastDims.map(function(d){return"coords.".concat(getCoordsXYZ(d+rankDiff)," = 0;")}).join(`
`);var unpackedCoordsSnippet="";if(outRank<2&&inRank>0)unpackedCoordsSnippet="coords";else if(outRank>1){var coordsType=getCoordsDataType(inRank),coordsValues=inputInfo.shape.map(function(s,i){return"coords.".concat(getCoordsXYZ(i+rankDiff))}).join(", ");unpackedCoordsSnippet="".concat(coordsType,"(").concat(coordsValues,")")}else unpackedCoordsSnippet="coords";var shapeStr="uniforms.".concat(texName.charAt(0).toLowerCase()+texName.slice(1),"Shape"),rankStr="".concat(inRank,"D");return`
  fn `.concat(funcName,"Index(globalIndex : i32) -> ").concat(typeSnippet(component),` {
    var coords = getCoordsFromIndex(globalIndex);
    `).concat(coordsSnippet,`
    return `).concat(typeSnippet(component),"(").concat(texName,"[getIndexFromCoords").concat(rankStr,"(").concat(unpackedCoordsSnippet,", ").concat(shapeStr,")").concat(component===1?"":" / ".concat(component),`]);
  }

  fn `).concat(funcName,"Coords(coordsIn : ").concat(type,") -> ").concat(typeSnippet(component),` {
    var coords = coordsIn;
    `).concat(coordsSnippet,`
    return `).concat(typeSnippet(component),"(").concat(texName,"[getIndexFromCoords").concat(rankStr,"(").concat(unpackedCoordsSnippet,", ").concat(shapeStr,")").concat(component===1?"":" / ".concat(component),`]);
  }
`)}function getInputSnippet(inputInfo,outShape,component,isFlatDispatchLayout2){var res=getInputAtCoordsSnippet(inputInfo,component),inShape=inputInfo.shape;return inShape.length<=outShape.length&&(res+=getInputByOutputSnippet(inputInfo,outShape,component,isFlatDispatchLayout2)),res}function getOutputCoordsSnippet(outShape,dispatchLayout){var x=dispatchLayout.x,_a2=dispatchLayout.y,y=_a2===void 0?[]:_a2,_b=dispatchLayout.z,z=_b===void 0?[]:_b,outRank=outShape.length,rank=x.length+y.length+z.length;if(rank!==outRank)return"";if(x.length===outRank){var dtype_1=getCoordsDataType(outRank),snippet_1="fn getOutputCoords() -> ".concat(dtype_1,`{
    let globalIndex = getGlobalIndex();
    return getCoordsFromIndex(globalIndex);
  }
  `);return snippet_1}for(var gatherDimensionsStr="",dims=[x,y,z],i=0;i<dims.length;i++){var arr=dims[i];if(arr.length!==0)if(arr.length===1)gatherDimensionsStr+="let d".concat(arr[0]," = i32(globalId[").concat(i,"]);");else{var strides=symbolicallyComputeStrides(arr,"uniforms.outShape");gatherDimensionsStr+="var index".concat(i," = i32(globalId[").concat(i,"]);");for(var j=0;j<strides.length;j++)gatherDimensionsStr+="let d".concat(arr[j]," = index").concat(i," / ").concat(strides[j],";"),j===strides.length-1?gatherDimensionsStr+="let d".concat(arr[j+1]," = ")+"index".concat(i," - d").concat(arr[j]," * ").concat(strides[j],";"):gatherDimensionsStr+="index".concat(i," = index").concat(i," - d").concat(arr[j]," * ").concat(strides[j],";")}}for(var dimensions=[],i=0;i<rank;i++)dimensions.push("d".concat(i));var dtype=getCoordsDataType(rank),snippet="fn getOutputCoords() -> ".concat(dtype,` {
  `).concat(gatherDimensionsStr,`
`);return dimensions.length===0?snippet+="return ".concat(dtype,"(0); }"):snippet+="return ".concat(dtype,"(").concat(dimensions.join(","),"); }"),snippet}function getOutputIndexFromCoordsSnippet(outRank){var snippet="";switch(outRank){case 0:case 1:snippet+=`
        fn getOutputIndexFromCoords(coords : i32) -> i32 {
          return coords;
        }
        `;break;case 2:snippet+=`
        fn getOutputIndexFromCoords(coords : vec2<i32>) -> i32 {
          return dot(coords, vec2<i32>(uniforms.outShapeStrides, 1));
        }
        `;break;case 3:snippet+=`
        fn getOutputIndexFromCoords(coords : vec3<i32>) -> i32 {
          return dot(coords, vec3<i32>(uniforms.outShapeStrides.x, uniforms.outShapeStrides.y, 1));
        }
        `;break;case 4:snippet+=`
        fn getOutputIndexFromCoords(coords : vec4<i32>) -> i32 {
          return dot(coords, vec4<i32>(
            uniforms.outShapeStrides.x, uniforms.outShapeStrides.y, uniforms.outShapeStrides.z, 1));
        }
        `;break;case 5:snippet+=`
        fn getOutputIndexFromCoords(coords : vec5) -> i32 {
          return coords.x * uniforms.outShapeStrides.x +
              coords.y * uniforms.outShapeStrides.y +
              coords.z * uniforms.outShapeStrides.z +
              coords.w * uniforms.outShapeStrides.w +
              coords.u;
        }
        `;break;case 6:snippet+=`
        fn getOutputIndexFromCoords(coords : vec6) -> i32 {
          return coords.x * uniforms.outShapeStrides.x +
              coords.y * uniforms.outShapeStrides.y +
              coords.z * uniforms.outShapeStrides.z +
              coords.w * uniforms.outShapeStrides.w +
              coords.u * uniforms.outShapeStrides.u +
              coords.v;
        }
        `;break;default:tf.util.assert(!1,function(){return"Unsupported ".concat(outRank,"D shape")});break}return snippet}function isFlatDispatch(program){return program.dispatch[1]===1&&program.dispatch[2]===1}function dataTypeToGPUType(type,component){if(component===void 0&&(component=1),type==="float32")return typeSnippet(component,"f32");if(type==="int32"||type==="bool")return typeSnippet(component,"i32");throw new Error("type ".concat(type," is not supported."))}function setOutputSnippet(outShape,outBufferType,component){var outRank=outShape.length,gpuType=dataTypeToGPUType(outBufferType,component),snippet="fn setOutputAtIndex(flatIndex : i32, value : ".concat(typeSnippet(component),`) {
      result[flatIndex] = `).concat(gpuType,`(value);
    }

    fn setOutputAtIndexI32(flatIndex : i32, value : `).concat(typeSnippet(component,"i32"),`) {
      result[flatIndex] = `).concat(gpuType,`(value);
    }
    `);if(outRank>=2){var dims=["d0","d1","d2","d3","d4","d5"].slice(0,outRank),type=getCoordsDataType(outRank);snippet+=`
      fn setOutputAtCoords(`.concat(dims.map(function(d){return"".concat(d," : i32")}).join(", "),", value : ").concat(typeSnippet(component),`) {
        let flatIndex = getOutputIndexFromCoords(`).concat(type,"(").concat(dims.join(", "),`));
        setOutputAtIndex(flatIndex`).concat(component===1?"":" / ".concat(component),`, value);
      }
      fn setOutputAtCoordsI32(`).concat(dims.map(function(d){return"".concat(d," : i32")}).join(", "),", value : ").concat(typeSnippet(component,"i32"),`) {
        let flatIndex = getOutputIndexFromCoords(`).concat(type,"(").concat(dims.join(", "),`));
        setOutputAtIndexI32(flatIndex`).concat(component===1?"":" / ".concat(component),`, value);
      }
    `)}return snippet}function insertAlignment(uniformShader){var curInsertRe=/(\w+)\s*:\s*vec(5|6)/g;uniformShader=uniformShader.replace(curInsertRe,function(match){return"@align(16) "+match});var preInsertRe=/vec(5|6)\s*,\s*(\w+)/g;return uniformShader=uniformShader.replace(preInsertRe,function(_,p1,p2){return"vec".concat(p1,", @align(16) ").concat(p2)}),uniformShader}function isFlatDispatchLayout(program){return!(program.dispatchLayout.hasOwnProperty("y")&&program.dispatchLayout.y.length!==0||program.dispatchLayout.hasOwnProperty("z")&&program.dispatchLayout.z.length!==0)}var arrayProduct=function(arr){for(var product=1,i=0;i<arr.length;i++)product*=arr[i];return product};function tilesFitEvenlyIntoShape(tileSize,shape){if(tileSize.length!==shape.length)throw new Error("Cannot compute whether rank ".concat(tileSize.length)+" tiles fit evenly into rank ".concat(shape.length," shape")+" - ranks must match.");return shape.every(function(dim,dimIdx){return dim%tileSize[dimIdx]===0})}function computeDispatch(layout,outputShape,workgroupSize,elementsPerThread){workgroupSize===void 0&&(workgroupSize=[1,1,1]),elementsPerThread===void 0&&(elementsPerThread=[1,1,1]);var _a2=__read([Math.ceil(arrayProduct(layout.x.map(function(d){return outputShape[d]}))/(workgroupSize[0]*elementsPerThread[0])),layout.y?Math.ceil(arrayProduct(layout.y.map(function(d){return outputShape[d]}))/(workgroupSize[1]*elementsPerThread[1])):1,layout.z?Math.ceil(arrayProduct(layout.z.map(function(d){return outputShape[d]}))/(workgroupSize[2]*elementsPerThread[2])):1],3),dispatchX=_a2[0],dispatchY=_a2[1],dispatchZ=_a2[2];return[dispatchX,dispatchY,dispatchZ]}function computeWorkgroupInfoForMatMul(dimAOuter,dimInner,dimBOuter,transposeA){transposeA===void 0&&(transposeA=!1);var workgroupSize=[8,8,1],elementsPerThread=[4,4,1];return transposeA||(dimAOuter<=8&&(elementsPerThread[1]=1),dimInner<=16&&dimBOuter<=16&&(workgroupSize[0]=4)),{workgroupSize,elementsPerThread}}function computeWorkgroupSizeForConv2d(layout,outputShape,isVec4){if(isVec4===void 0&&(isVec4=!1),isVec4)return[8,8,1];var dim0=arrayProduct(layout.x.map(function(d){return outputShape[d]})),dim1=arrayProduct(layout.y.map(function(d){return outputShape[d]}));return dim0<=4?[4,16,1]:dim1<=4?[16,4,1]:[16,16,1]}function computeWorkPerThreadForConv2d(layout,outputShape,isVec4){if(isVec4===void 0&&(isVec4=!1),isVec4)return[4,4,1];var dim0=arrayProduct(layout.x.map(function(d){return outputShape[d]})),dim1=arrayProduct(layout.y.map(function(d){return outputShape[d]}));return dim0<=4?[1,2,1]:dim1<=4?[2,1,1]:[2,2,1]}function flatDispatchLayout(shape){return{x:shape.map(function(d,i){return i})}}function GPUBytesPerElement(dtype){if(dtype==="float32"||dtype==="int32"||dtype==="bool"||dtype==="string")return 4;if(dtype==="complex64")return 8;throw new Error("Unknown dtype ".concat(dtype))}function isWebGPUSupported(){return!!(typeof globalThis<"u"&&globalThis.navigator&&globalThis.navigator.gpu)}function assertNotComplex(tensor,opName){Array.isArray(tensor)||(tensor=[tensor]),tensor.forEach(function(t){t!=null&&tf.util.assert(t.dtype!=="complex64",function(){return"".concat(opName," does not support complex64 tensors ")+"in the WebGPU backend."})})}var MatMulProgramType;(function(MatMulProgramType2){MatMulProgramType2[MatMulProgramType2.MatMulReduceProgram=0]="MatMulReduceProgram",MatMulProgramType2[MatMulProgramType2.MatMulSplitKProgram=1]="MatMulSplitKProgram",MatMulProgramType2[MatMulProgramType2.MatMulSmallOutputSizeProgram=2]="MatMulSmallOutputSizeProgram",MatMulProgramType2[MatMulProgramType2.MatMulPackedProgram=3]="MatMulPackedProgram",MatMulProgramType2[MatMulProgramType2.MatMulMax=4]="MatMulMax"})(MatMulProgramType||(MatMulProgramType={}));var webgpu_util={__proto__:null,GPUBytesPerElement,get MatMulProgramType(){return MatMulProgramType},assertNotComplex,computeDispatch,computeWorkPerThreadForConv2d,computeWorkgroupInfoForMatMul,computeWorkgroupSizeForConv2d,flatDispatchLayout,isWebGPUSupported,tilesFitEvenlyIntoShape},CPU_HANDOFF_SIZE_THRESHOLD=tf.env().getNumber("WEBGPU_CPU_HANDOFF_SIZE_THRESHOLD"),reshapeDispatch=function(device,program){var MAX_COMPUTE_PER_DIMENSION_DISPATCH_SIZE=device.limits.maxComputeWorkgroupsPerDimension,layout=program.dispatchLayout,dispatch=program.dispatch;if(dispatch.every(function(d){return d<=MAX_COMPUTE_PER_DIMENSION_DISPATCH_SIZE}))return dispatch;tf.util.assert(dispatch[0]>MAX_COMPUTE_PER_DIMENSION_DISPATCH_SIZE&&layout.y===void 0&&layout.z===void 0,function(){return"Dispatch size exceeds WebGPU limits in Y or Z dimension."});var dispatchAverage=Math.ceil(Math.sqrt(dispatch[0]));return dispatchAverage>MAX_COMPUTE_PER_DIMENSION_DISPATCH_SIZE?(dispatchAverage=Math.ceil(Math.cbrt(dispatch[0])),tf.util.assert(dispatchAverage<=MAX_COMPUTE_PER_DIMENSION_DISPATCH_SIZE,function(){return"Total dispatch size exceeds WebGPU maximum."}),[dispatchAverage,dispatchAverage,dispatchAverage]):[dispatchAverage,dispatchAverage,1]},WebGPUBackend=(function(_super){__extends(WebGPUBackend2,_super);function WebGPUBackend2(device,adapterInfo){var _this=_super.call(this)||this;if(_this.commandQueueOwnedIds=new WeakSet,_this.dispatchCountInPass=0,_this.disposed=!1,_this.downloadWaitMs=0,_this.tensorDataPendingDisposal=[],_this.queryResolveBuffer=null,_this.querySet=null,_this.querySetCount=2,_this.stagingPendingDisposal=[],_this.uniformPendingDisposal=[],_this.uploadWaitMs=0,_this.hasReadSyncWarned=!1,_this.hasTimestampQueryWarned=!1,!isWebGPUSupported())throw new Error("WebGPU is not supported on this device");return _this.pipelineCache={},_this.device=device,_this.queue=device.queue,_this.commandEncoder=null,_this.computePassEncoder=null,_this.adapterInfo=new AdapterInfo(adapterInfo),_this.supportTimestampQuery=_this.device.features.has("timestamp-query"),_this.thresholdToIncreaseWorkgroups=_this.adapterInfo.intelGPUGeneration>=12?16:8,_this.bufferManager=new BufferManager(_this.device),_this.textureManager=new TextureManager(_this.device),_this.tensorMap=new tf.DataStorage(_this,tf.engine()),tf.env().getBool("WEBGPU_USE_PROFILE_TOOL")&&(_this.dummyCanvas=document.createElement("canvas"),_this.dummyCanvas.width=1,_this.dummyCanvas.height=1,_this.dummyContext=_this.dummyCanvas.getContext("webgpu"),_this.dummyContext.configure({device,format:"bgra8unorm"}),document.body.appendChild(_this.dummyCanvas)),_this}return WebGPUBackend2.prototype.nextDataId=function(){return WebGPUBackend2.nextDataId++},WebGPUBackend2.prototype.floatPrecision=function(){return 32},WebGPUBackend2.prototype.disposeData=function(dataId,force){if(force===void 0&&(force=!1),!this.tensorMap.has(dataId))return!0;var tensorData=this.tensorMap.get(dataId);return force?tensorData.refCount=0:tensorData.refCount--,tensorData.refCount>0?!1:(tensorData.complexTensorInfos!=null&&(this.disposeData(tensorData.complexTensorInfos.real.dataId),this.disposeData(tensorData.complexTensorInfos.imag.dataId)),this.commandQueueOwnedIds.has(dataId)?(this.tensorDataPendingDisposal.push(dataId),!0):(this.releaseResource(dataId),this.tensorMap.delete(dataId),!0))},WebGPUBackend2.prototype.memory=function(){return{numBytesInGPU:this.bufferManager.numBytesUsed,numBytesAllocatedInGPU:this.bufferManager.numBytesAllocated,unreliable:!1}},WebGPUBackend2.prototype.releaseResource=function(dataId){var tensorData=this.tensorMap.get(dataId);if(!(!tensorData||!tensorData.resource)){if(tensorData.external){tensorData.resource=null;return}tensorData.resource instanceof GPUBuffer?this.bufferManager.releaseBuffer(tensorData.resource):tensorData.resource instanceof GPUTexture&&this.textureManager.releaseTexture(tensorData.resource),tensorData.resource=null}},WebGPUBackend2.prototype.refCount=function(dataId){if(this.tensorMap.has(dataId)){var tensorData=this.tensorMap.get(dataId);return tensorData.refCount}return 0},WebGPUBackend2.prototype.incRef=function(dataId){var tensorData=this.tensorMap.get(dataId);tensorData.refCount++},WebGPUBackend2.prototype.decRef=function(dataId){if(this.tensorMap.has(dataId)){var tensorData=this.tensorMap.get(dataId);tensorData.refCount--}},WebGPUBackend2.prototype.write=function(values,shape,dtype){if(dtype==="complex64"&&values!=null)throw new Error("Cannot write to a complex64 dtype. Please use tf.complex(real, imag).");var dataId={id:this.nextDataId()};return this.tensorMap.set(dataId,{dtype,shape,values,refCount:1}),dataId},WebGPUBackend2.prototype.move=function(dataId,values,shape,dtype,refCount){if(dtype==="complex64")throw new Error("Cannot write to a complex64 dtype. Please use tf.complex(real, imag).");this.tensorMap.set(dataId,{dtype,shape,values,refCount})},WebGPUBackend2.prototype.submitQueue=function(){var _this=this;this.queue.submit([this.commandEncoder.finish()]),this.commandEncoder=null,this.dispatchCountInPass=0,this.commandQueueOwnedIds=new WeakSet,this.tensorDataPendingDisposal.forEach(function(d){_this.releaseResource(d),_this.tensorMap.delete(d)}),this.uniformPendingDisposal.forEach(function(b){return _this.bufferManager.releaseBuffer(b)}),this.stagingPendingDisposal.forEach(function(b){return _this.bufferManager.releaseBuffer(b,!1)}),this.tensorDataPendingDisposal=[],this.uniformPendingDisposal=[],this.stagingPendingDisposal=[]},WebGPUBackend2.prototype.ensureCommandEncoderReady=function(){this.commandEncoder||(this.commandEncoder=this.device.createCommandEncoder())},WebGPUBackend2.prototype.endComputePassEncoder=function(){this.computePassEncoder&&(this.computePassEncoder.end(),this.computePassEncoder=null)},WebGPUBackend2.prototype.checkCompileCompletionAsync=function(){return __awaiter(this,void 0,void 0,function(){var pipelines,e_12,_this=this;return __generator(this,function(_b){switch(_b.label){case 0:return _b.trys.push([0,2,,3]),[4,Promise.all(Object.values(this.pipelineCache))];case 1:return pipelines=_b.sent(),[3,3];case 2:throw e_12=_b.sent(),new Error(e_12.message);case 3:return Object.keys(this.pipelineCache).map(function(key,i){_this.pipelineCache[key]=pipelines[i]}),[2]}})})},WebGPUBackend2.prototype.getBufferData=function(buffer){return __awaiter(this,void 0,void 0,function(){var size,stagingBuffer,values;return __generator(this,function(_b){switch(_b.label){case 0:return tf.env().getBool("WEBGPU_ENGINE_COMPILE_ONLY")?(console.warn("The data may be invalid since WEBGPU_ENGINE_COMPILE_ONLY is true, this can only be called when WEBGPU_ENGINE_COMPILE_ONLY is false"),[2,null]):(size=buffer.size,stagingBuffer=this.bufferManager.acquireBuffer(size,GPUBufferUsage.COPY_DST|GPUBufferUsage.MAP_READ),this.ensureCommandEncoderReady(),this.endComputePassEncoder(),this.commandEncoder.copyBufferToBuffer(buffer,0,stagingBuffer,0,size),this.submitQueue(),[4,stagingBuffer.mapAsync(GPUMapMode.READ)]);case 1:return _b.sent(),values=stagingBuffer.getMappedRange().slice(0),stagingBuffer.unmap(),stagingBuffer!=null&&this.bufferManager.releaseBuffer(stagingBuffer),tf.env().getBool("WEBGPU_USE_PROFILE_TOOL")&&(tf.util.assert(this.dummyContext!==void 0,function(){return"Fail to get context for profiling tool"}),this.dummyContext.getCurrentTexture()),[2,values]}})})},WebGPUBackend2.prototype.convertAndCacheOnCPU=function(dataId,data){var tensorData=this.tensorMap.get(dataId);return tensorData.values=data,tensorData.values},WebGPUBackend2.prototype.readSync=function(dataId){var _this=this,tensorData=this.tensorMap.get(dataId),values=tensorData.values,complexTensorInfos=tensorData.complexTensorInfos;if(values!=null||tensorData.dtype==="string")return values;if(tensorData.dtype==="complex64"){var realValues=this.readSync(complexTensorInfos.real.dataId),imagValues=this.readSync(complexTensorInfos.imag.dataId),complexVals=tf.util.convertBackendValuesAndArrayBuffer(tf.backend_util.mergeRealAndImagArrays(realValues,imagValues).buffer,"float32");return this.convertAndCacheOnCPU(dataId,complexVals),complexVals}this.hasReadSyncWarned||(this.hasReadSyncWarned=!0,console.warn("The performance of synchronously reading data from GPU to CPU is poor on the webgpu backend, please use asynchronous APIs instead."));var alphaModes=["opaque","premultiplied"],buffer=tensorData.resource,bufferSize=buffer.size;tf.util.assert(bufferSize%4===0,function(){return"Because there is 4 bytes for one pixel, buffer size must be multiple of 4."});var pixelsSize=bufferSize/4,valsGPU=new ArrayBuffer(bufferSize),canvasWidth=256,canvasHeight=256,stagingDeviceStorage=alphaModes.map(function(_){return new OffscreenCanvas(canvasWidth,canvasHeight)}),stagingHostStorage=new OffscreenCanvas(canvasWidth,canvasHeight);this.endComputePassEncoder(),stagingDeviceStorage.map(function(storage,index){var context=storage.getContext("webgpu");return context.configure({device:_this.device,format:"bgra8unorm",usage:GPUTextureUsage.COPY_DST,alphaMode:alphaModes[index]}),context.getCurrentTexture()}).map(function(texture,index){for(var bytesPerRow=canvasWidth*4,readDataGPUToCPU=function(width2,height2,offset2){_this.ensureCommandEncoderReady(),_this.commandEncoder.copyBufferToTexture({buffer,bytesPerRow,offset:offset2},{texture},{width:width2,height:height2}),_this.submitQueue();var context=stagingHostStorage.getContext("2d",{willReadFrequently:!0});context.clearRect(0,0,width2,height2),context.drawImage(stagingDeviceStorage[index],0,0);for(var stagingValues=context.getImageData(0,0,width2,height2).data,alphaMode=alphaModes[index],span=new Uint8ClampedArray(valsGPU,offset2,width2*height2*4),k=0;k<span.length;k+=4)if(alphaMode==="premultiplied")span[k+3]=stagingValues[k+3];else{var value=stagingValues[k];span[k]=stagingValues[k+2],span[k+1]=stagingValues[k+1],span[k+2]=value}},fullyReadCount=Math.floor(pixelsSize/(canvasWidth*canvasHeight)),width=canvasWidth,height=canvasHeight,offset=0,i=0;i<fullyReadCount;i++)readDataGPUToCPU(width,height,offset),offset+=canvasWidth*canvasHeight*4;var remainSize=pixelsSize%(canvasWidth*canvasHeight);height=Math.floor(remainSize/canvasWidth),height>0&&(readDataGPUToCPU(width,height,offset),offset+=height*(canvasWidth*4)),width=remainSize%canvasWidth,width>0&&readDataGPUToCPU(width,1,offset)});var vals=tf.util.convertBackendValuesAndArrayBuffer(valsGPU,tensorData.dtype);return this.convertAndCacheOnCPU(dataId,vals),vals},WebGPUBackend2.prototype.read=function(dataId){return __awaiter(this,void 0,void 0,function(){var tensorData,values,vals,ps,realValues,imagValues,data;return __generator(this,function(_b){switch(_b.label){case 0:if(!this.tensorMap.has(dataId))throw new Error("Tensor ".concat(dataId," was not registered!"));return tensorData=this.tensorMap.get(dataId),values=tensorData.values,values!=null?[2,values]:tensorData.dtype!=="complex64"?[3,2]:[4,Promise.all([this.read(tensorData.complexTensorInfos.real.dataId),this.read(tensorData.complexTensorInfos.imag.dataId)])];case 1:return ps=_b.sent(),realValues=ps[0],imagValues=ps[1],vals=tf.backend_util.mergeRealAndImagArrays(realValues,imagValues),[3,4];case 2:return[4,this.getBufferData(tensorData.resource)];case 3:data=_b.sent(),vals=tf.util.convertBackendValuesAndArrayBuffer(data,tensorData.dtype),_b.label=4;case 4:return this.convertAndCacheOnCPU(dataId,vals),[2,vals]}})})},WebGPUBackend2.prototype.copyBuffer=function(srcBuffer){var size=srcBuffer.size,usage=srcBuffer.usage,dstBuffer=this.bufferManager.acquireBuffer(size,usage);return this.ensureCommandEncoderReady(),this.endComputePassEncoder(),this.commandEncoder.copyBufferToBuffer(srcBuffer,0,dstBuffer,0,size),this.submitQueue(),dstBuffer},WebGPUBackend2.prototype.createTensorFromGPUData=function(webGPUData,shape,dtype){var buffer=webGPUData.buffer;if(dtype==="complex64")throw new Error("Cannot write to a complex64 dtype. ");var dataId={id:this.nextDataId()};this.tensorMap.set(dataId,{dtype,shape,values:null,refCount:1,external:webGPUData.zeroCopy});var tensorData=this.tensorMap.get(dataId),size=GPUBytesPerElement(tensorData.dtype)*tf.util.sizeFromShape(tensorData.shape);if(webGPUData.buffer.size<size)throw new Error("GPUBuffer size(".concat(webGPUData.buffer.size,") is smaller than tensor size(").concat(size,")!"));if((webGPUData.buffer.usage&(GPUBufferUsage.STORAGE|GPUBufferUsage.COPY_SRC))!==(GPUBufferUsage.STORAGE|GPUBufferUsage.COPY_SRC))throw new Error("GPUBuffer.usage should include GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC!");return webGPUData.zeroCopy!==!0&&(buffer=this.copyBuffer(buffer)),tensorData.resource=buffer,tf.engine().makeTensorFromDataId(dataId,shape,dtype,this)},WebGPUBackend2.prototype.readToGPU=function(dataId){var srcTensorData=this.tensorMap.get(dataId),values=srcTensorData.values,dtype=srcTensorData.dtype,shape=srcTensorData.shape,resource=srcTensorData.resource;if(dtype==="complex64")throw new Error("Does not support reading buffer for complex64 dtype.");if(resource==null)throw values!=null?new Error("Data is not on GPU but on CPU."):new Error("There is no data on GPU or CPU.");var srcBuffer=resource,size=srcBuffer.size,usage=srcBuffer.usage,buffer=this.bufferManager.acquireBuffer(size,usage);this.ensureCommandEncoderReady(),this.endComputePassEncoder(),this.commandEncoder.copyBufferToBuffer(resource,0,buffer,0,size),this.submitQueue();var tensorInfo=this.makeTensorInfo(shape,dtype),tensorRef=tf.engine().makeTensorFromTensorInfo(tensorInfo),tensorData=this.tensorMap.get(tensorInfo.dataId);return tensorData.resource=buffer,{tensorRef,buffer}},WebGPUBackend2.prototype.bufferSync=function(t){var data=this.readSync(t.dataId);if(t.dtype==="string")try{var strings=data.map(function(d){return tf.util.decodeString(d)});return tf.buffer(t.shape,t.dtype,strings)}catch{throw new Error("Failed to decode encoded string bytes into utf-8")}return tf.buffer(t.shape,t.dtype,data)},WebGPUBackend2.prototype.time=function(f){return __awaiter(this,void 0,void 0,function(){var oldActiveTimers,newActiveTimers,outerMostTime,flattenedActiveTimerQueries,flattenedActiveTimerNames,res,kernelMs;return __generator(this,function(_b){switch(_b.label){case 0:return!this.supportTimestampQuery&&!this.hasTimestampQueryWarned&&(console.warn("This device doesn't support timestamp-query extension. Start Chrome browser with flag --enable-dawn-features=allow_unsafe_apis to try it again. Otherwise, zero will be shown for the kernel time when profiling mode is enabled."),this.hasTimestampQueryWarned=!0),oldActiveTimers=this.activeTimers,newActiveTimers=[],outerMostTime=!1,this.programTimersStack==null?(this.programTimersStack=newActiveTimers,outerMostTime=!0):this.activeTimers.push(newActiveTimers),this.activeTimers=newActiveTimers,f(),flattenedActiveTimerQueries=tf.util.flatten(this.activeTimers.map(function(d){return d.query})).filter(function(d){return d!=null}),flattenedActiveTimerNames=tf.util.flatten(this.activeTimers.map(function(d){return d.name})).filter(function(d){return d!=null}),this.activeTimers=oldActiveTimers,outerMostTime&&(this.programTimersStack=null),res={uploadWaitMs:this.uploadWaitMs,downloadWaitMs:this.downloadWaitMs,kernelMs:null,wallMs:null},[4,Promise.all(flattenedActiveTimerQueries)];case 1:return kernelMs=_b.sent(),res.kernelMs=tf.util.sum(kernelMs),res.getExtraProfileInfo=function(){return kernelMs.map(function(d,i){return{name:flattenedActiveTimerNames[i],ms:d}}).map(function(d){return"".concat(d.name,": ").concat(d.ms)}).join(", ")},this.uploadWaitMs=0,this.downloadWaitMs=0,[2,res]}})})},WebGPUBackend2.prototype.makeTensorInfo=function(shape,dtype,values){dtype==="string"&&values!=null&&values.length>0&&tf.util.isString(values[0])&&(values=values.map(function(d){return tf.util.encodeString(d)}));var dataId=this.write(values,shape,dtype);return{dataId,shape,dtype}},WebGPUBackend2.prototype.tensorToBinding=function(tensor){if(!tensor)return null;var tensorData=this.tensorMap.get(tensor.dataId),resource=tensorData.resource;return resource instanceof GPUBuffer?{buffer:resource}:resource instanceof GPUTexture?resource.createView():resource},WebGPUBackend2.prototype.uploadToGPU=function(dataId){var tensorData=this.tensorMap.get(dataId);if(tensorData.resource==null){var size=GPUBytesPerElement(tensorData.dtype)*tf.util.sizeFromShape(tensorData.shape),buffer,usage=GPUBufferUsage.STORAGE|GPUBufferUsage.COPY_SRC|GPUBufferUsage.COPY_DST;if(tensorData.values){if(buffer=this.bufferManager.acquireBuffer(size,usage,!0),buffer.mapState==="unmapped"){var stagingBuffer=this.bufferManager.acquireBuffer(size,GPUBufferUsage.MAP_WRITE|GPUBufferUsage.COPY_SRC,!0,!1),arrayBuffer=stagingBuffer.getMappedRange();tensorData.dtype==="int32"||tensorData.dtype==="bool"?new Int32Array(arrayBuffer).set(tensorData.values):new Float32Array(arrayBuffer).set(tensorData.values),stagingBuffer.unmap(),this.ensureCommandEncoderReady(),this.endComputePassEncoder(),this.commandEncoder.copyBufferToBuffer(stagingBuffer,0,buffer,0,size),this.stagingPendingDisposal.push(stagingBuffer)}else{var arrayBuffer=buffer.getMappedRange();tensorData.dtype==="int32"||tensorData.dtype==="bool"?new Int32Array(arrayBuffer).set(tensorData.values):new Float32Array(arrayBuffer).set(tensorData.values),buffer.unmap()}tensorData.values=null}else buffer=this.bufferManager.acquireBuffer(size,usage);tensorData.resource=buffer}},WebGPUBackend2.prototype.makeUniforms=function(programUniform){var currentOffset=0,preLength=0,offsets=[],maxAlignmentOfField=1;programUniform.forEach(function(d){d.data.length===0&&(d.data=[1]);var baseAlignment;switch(d.data.length){case 1:baseAlignment=4;break;case 2:baseAlignment=8;break;case 3:baseAlignment=16;break;case 4:baseAlignment=16;break;case 5:baseAlignment=16;break;case 6:baseAlignment=16;break;default:tf.util.assert(!1,function(){return"Unsupported ".concat(d.data.length,"D shape")})}(preLength===5||preLength===6)&&(baseAlignment=16),baseAlignment>maxAlignmentOfField&&(maxAlignmentOfField=baseAlignment),currentOffset=Math.ceil(currentOffset/baseAlignment)*baseAlignment,preLength=d.data.length,offsets.push(currentOffset),currentOffset+=d.data.length*4}),currentOffset=Math.ceil(currentOffset/maxAlignmentOfField)*maxAlignmentOfField;var arrayBuffer=new ArrayBuffer(currentOffset);programUniform.forEach(function(d,i){var offset=offsets[i];d.type==="int32"?new Int32Array(arrayBuffer,offset,d.data.length).set(d.data):d.type==="uint32"?new Uint32Array(arrayBuffer,offset,d.data.length).set(d.data):new Float32Array(arrayBuffer,offset,d.data.length).set(d.data)});var uniformBuffer=this.bufferManager.acquireBuffer(currentOffset,GPUBufferUsage.COPY_DST|GPUBufferUsage.UNIFORM);return this.queue.writeBuffer(uniformBuffer,0,arrayBuffer,0,currentOffset),this.uniformPendingDisposal.push(uniformBuffer),{offset:0,size:currentOffset,buffer:uniformBuffer}},WebGPUBackend2.prototype.runWebGPUProgram=function(program,inputs,outputDtype,programDefinedUniform,output){var _this=this;if(output||(output=this.makeTensorInfo(program.outputShape,outputDtype)),tf.util.sizeFromShape(output.shape)===0)return this.tensorMap.get(output.dataId).values=tf.util.getTypedArrayFromDType(output.dtype,0),output;this.uploadToGPU(output.dataId),program.dispatch=reshapeDispatch(this.device,program);var inputsData=inputs.map(function(input,i){if(input.dtype==="complex64")throw new Error("GPGPUProgram does not support complex64 input. For complex64 dtypes, please separate the program into real and imaginary parts.");return _this.uploadToGPU(input.dataId),{dtype:_this.tensorMap.get(input.dataId).dtype,shape:input.shape,name:program.variableNames[i]}});program.shaderKey=makeShaderKey(program,inputsData,output);var parallelCompilation=tf.env().getBool("WEBGPU_ENGINE_COMPILE_ONLY");return program.shaderKey in this.pipelineCache||(this.pipelineCache[program.shaderKey]=compileProgram(this.device,program,inputsData,output,parallelCompilation)),program.pipeline=this.pipelineCache[program.shaderKey],parallelCompilation||this.recordAndSubmit(program,output,inputs,programDefinedUniform),output},WebGPUBackend2.prototype.recordAndSubmit=function(program,output,inputs,programDefinedUniform){var _this=this;if(program.pipeline instanceof Promise)throw new Error("Please call checkCompileCompletionAsync to ensure parallel compilation is done!");var programUniform=[],bufferShapes=[],uniformsType="int32";if(program.pixelsOpType==null){programUniform.push({type:"float32",data:[NaN]},{type:"float32",data:[1/0]}),bufferShapes=inputs.concat(output).map(function(d){return d.shape});var uniformsType_1="int32";bufferShapes.map(function(d){programUniform.push({type:uniformsType_1,data:d});var strides2=tf.util.computeStrides(d);programUniform.push({type:uniformsType_1,data:strides2})})}else{var strides=tf.util.computeStrides(output.shape);programUniform.push({type:uniformsType,data:strides})}if(program.size){var size=tf.util.sizeFromShape(program.outputShape);programUniform.push({type:uniformsType,data:[program.outputComponent?size/program.outputComponent:size]})}programDefinedUniform&&(programUniform=__spreadArray(__spreadArray([],__read(programUniform),!1),__read(programDefinedUniform),!1));var bindings=__spreadArray(__spreadArray([this.tensorToBinding(output)],__read(inputs.map(function(t){return _this.tensorToBinding(t)})),!1),[this.makeUniforms(programUniform)],!1);inputs.forEach(function(input){_this.commandQueueOwnedIds.add(input.dataId)}),this.commandQueueOwnedIds.add(output.dataId);var bindGroup=this.device.createBindGroup({layout:program.pipeline.getBindGroupLayout(0),entries:bindings.map(function(b,i){return{binding:i,resource:b}})}),shouldTimeProgram=this.activeTimers!=null;this.ensureCommandEncoderReady();var computePassDescriptor={};shouldTimeProgram&&this.supportTimestampQuery?(this.endComputePassEncoder(),this.querySet==null&&(this.querySet=this.device.createQuerySet({type:"timestamp",count:this.querySetCount})),computePassDescriptor.timestampWrites={querySet:this.querySet,beginningOfPassWriteIndex:0,endOfPassWriteIndex:1},this.computePassEncoder=this.commandEncoder.beginComputePass(computePassDescriptor)):this.computePassEncoder||(this.computePassEncoder=this.commandEncoder.beginComputePass(computePassDescriptor)),this.computePassEncoder.setPipeline(program.pipeline),this.computePassEncoder.setBindGroup(0,bindGroup),this.computePassEncoder.dispatchWorkgroups(program.dispatch[0],program.dispatch[1],program.dispatch[2]),this.dispatchCountInPass++,(shouldTimeProgram||tf.env().get("WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE")<=this.dispatchCountInPass||program.pixelsOpType===PixelsOpType.DRAW)&&(this.endComputePassEncoder(),shouldTimeProgram?this.activeTimers.push({name:program.constructor.name,query:this.getQueryTime()}):this.submitQueue())},WebGPUBackend2.prototype.getQueryTime=function(){return __awaiter(this,void 0,void 0,function(){var queryStagingBuffer,arrayBuffer,time;return __generator(this,function(_b){switch(_b.label){case 0:return this.supportTimestampQuery?(this.queryResolveBuffer==null&&(this.queryResolveBuffer=this.bufferManager.acquireBuffer(this.querySetCount*8,GPUBufferUsage.COPY_SRC|GPUBufferUsage.COPY_DST|GPUBufferUsage.QUERY_RESOLVE)),this.commandEncoder.resolveQuerySet(this.querySet,0,this.querySetCount,this.queryResolveBuffer,0),queryStagingBuffer=this.bufferManager.acquireBuffer(this.querySetCount*8,GPUBufferUsage.MAP_READ|GPUBufferUsage.COPY_DST),this.commandEncoder.copyBufferToBuffer(this.queryResolveBuffer,0,queryStagingBuffer,0,this.querySetCount*8),this.submitQueue(),[4,queryStagingBuffer.mapAsync(GPUMapMode.READ)]):[2,0];case 1:return _b.sent(),arrayBuffer=new BigUint64Array(queryStagingBuffer.getMappedRange()),time=Number(arrayBuffer[1]-arrayBuffer[0])/1e6,queryStagingBuffer.unmap(),this.bufferManager.releaseBuffer(queryStagingBuffer),[2,time]}})})},WebGPUBackend2.prototype.shouldExecuteOnCPU=function(inputs,sizeThreshold){var _this=this;return sizeThreshold===void 0&&(sizeThreshold=CPU_HANDOFF_SIZE_THRESHOLD),tf.env().getBool("WEBGPU_CPU_FORWARD")&&inputs.every(function(input){return _this.tensorMap.get(input.dataId).resource==null&&tf.util.sizeFromShape(input.shape)<sizeThreshold})},WebGPUBackend2.prototype.numDataIds=function(){return this.tensorMap.numDataIds()-this.tensorDataPendingDisposal.length},WebGPUBackend2.prototype.dispose=function(){this.disposed||(this.querySet!=null&&this.querySet.destroy(),this.bufferManager.dispose(),this.textureManager.dispose(),this.disposed=!0)},WebGPUBackend2})(tf.KernelBackend);WebGPUBackend.nextDataId=0;isWebGPUSupported()&&tf.registerBackend("webgpu",function(){return __awaiter(void 0,void 0,void 0,function(){var gpuDescriptor,adapter,deviceDescriptor,requiredFeatures,adapterLimits,device,adapterInfo,_a2,_b;return __generator(this,function(_c){switch(_c.label){case 0:return gpuDescriptor={powerPreference:tf.env().get("WEBGPU_USE_LOW_POWER_GPU")?"low-power":"high-performance"},[4,navigator.gpu.requestAdapter(gpuDescriptor)];case 1:return adapter=_c.sent(),deviceDescriptor={},requiredFeatures=[],adapter.features.has("timestamp-query")&&requiredFeatures.push("timestamp-query"),adapter.features.has("bgra8unorm-storage")&&requiredFeatures.push(["bgra8unorm-storage"]),deviceDescriptor.requiredFeatures=requiredFeatures,adapterLimits=adapter.limits,deviceDescriptor.requiredLimits={maxComputeWorkgroupStorageSize:adapterLimits.maxComputeWorkgroupStorageSize,maxComputeWorkgroupsPerDimension:adapterLimits.maxComputeWorkgroupsPerDimension,maxStorageBufferBindingSize:adapterLimits.maxStorageBufferBindingSize,maxBufferSize:adapterLimits.maxBufferSize,maxComputeWorkgroupSizeX:adapterLimits.maxComputeWorkgroupSizeX,maxComputeInvocationsPerWorkgroup:adapterLimits.maxComputeInvocationsPerWorkgroup},[4,adapter.requestDevice(deviceDescriptor)];case 2:return device=_c.sent(),"info"in adapter?(_a2=adapter.info,[3,7]):[3,3];case 3:return"requestAdapterInfo"in adapter?[4,adapter.requestAdapterInfo()]:[3,5];case 4:return _b=_c.sent(),[3,6];case 5:_b=void 0,_c.label=6;case 6:_a2=_b,_c.label=7;case 7:return adapterInfo=_a2,[2,new WebGPUBackend(device,adapterInfo)]}})})},3);var BinaryOpType;(function(BinaryOpType2){BinaryOpType2[BinaryOpType2.ADD=0]="ADD",BinaryOpType2[BinaryOpType2.ATAN2=1]="ATAN2",BinaryOpType2[BinaryOpType2.COMPLEX_MULTIPLY_IMAG=2]="COMPLEX_MULTIPLY_IMAG",BinaryOpType2[BinaryOpType2.COMPLEX_MULTIPLY_REAL=3]="COMPLEX_MULTIPLY_REAL",BinaryOpType2[BinaryOpType2.DIV=4]="DIV",BinaryOpType2[BinaryOpType2.ELU_DER=5]="ELU_DER",BinaryOpType2[BinaryOpType2.EQUAL=6]="EQUAL",BinaryOpType2[BinaryOpType2.FLOOR_DIV=7]="FLOOR_DIV",BinaryOpType2[BinaryOpType2.GREATER=8]="GREATER",BinaryOpType2[BinaryOpType2.GREATER_EQUAL=9]="GREATER_EQUAL",BinaryOpType2[BinaryOpType2.LESS=10]="LESS",BinaryOpType2[BinaryOpType2.LESS_EQUAL=11]="LESS_EQUAL",BinaryOpType2[BinaryOpType2.LOGICAL_AND=12]="LOGICAL_AND",BinaryOpType2[BinaryOpType2.LOGICAL_OR=13]="LOGICAL_OR",BinaryOpType2[BinaryOpType2.MAX=14]="MAX",BinaryOpType2[BinaryOpType2.MIN=15]="MIN",BinaryOpType2[BinaryOpType2.MOD=16]="MOD",BinaryOpType2[BinaryOpType2.MUL=17]="MUL",BinaryOpType2[BinaryOpType2.NOT_EQUAL=18]="NOT_EQUAL",BinaryOpType2[BinaryOpType2.POW=19]="POW",BinaryOpType2[BinaryOpType2.PRELU=20]="PRELU",BinaryOpType2[BinaryOpType2.SQUARED_DIFFERENCE=21]="SQUARED_DIFFERENCE",BinaryOpType2[BinaryOpType2.SUB=22]="SUB"})(BinaryOpType||(BinaryOpType={}));var ADD="let resultTemp = a + b;",ATAN2="let resultTemp = atan2(a, b);",COMPLEX_MULTIPLY_REAL="let resultTemp = areal * breal - aimag * bimag;",COMPLEX_MULTIPLY_IMAG="let resultTemp = areal * bimag + aimag * breal;",DIV="let resultTemp = a / b;",ELU_DER="let resultTemp = select(a * (b + 1.0), a, b >= b - b);",EQUAL=`
  let zero = sign(a) * 0 + 0;
  let one = sign(b) * 0 + 1;
  let resultTemp = select(zero, one, a == b);
`,FLOOR_DIV=`
  let remainder =
      select(a % b, round(a % b), (round(a) == a) & (round(b) == b));
  let quotient = (a - remainder) / b;
  let resultTemp =
      round(select(quotient, quotient - 1, sign(remainder) == -sign(b)));
`,GREATER=`
  let zero = sign(a) * 0 + 0;
  let one = sign(b) * 0 + 1;
  let resultTemp = select(zero, one, a > b);
`,GREATER_EQUAL=`
  let zero = sign(a) * 0 + 0;
  let one = sign(b) * 0 + 1;
  let resultTemp = select(zero, one, a >= b);
`,LESS=`
  let zero = sign(a) * 0 + 0;
  let one = sign(b) * 0 + 1;
  let resultTemp = select(zero, one, a < b);
`,LESS_EQUAL=`
  let zero = sign(a) * 0 + 0;
  let one = sign(b) * 0 + 1;
  let resultTemp = select(zero, one, a <= b);
`,LOGICAL_AND="return f32(a >= 1.0 && b >= 1.0);",LOGICAL_AND_VEC4=`return (vec4<f32>(a >= vec4<f32>(1.0)) *
  vec4<f32>(b >= vec4<f32>(1.0)));`,LOGICAL_OR="return f32(a >= 1.0 || b >= 1.0);",LOGICAL_OR_VEC4=`return min(vec4<f32>(a >= vec4<f32>(1.0)) +
  vec4<f32>(b >= vec4<f32>(1.0)), vec4<f32>(1.0));`,MAX="let resultTemp = max(a, b);",MIN="let resultTemp = min(a, b);",MOD=`
  let isNaN = b == 0.;
  var resultTemp = a % b;
  resultTemp = select((resultTemp + b) % b, resultTemp,
      (a < 0. && b < 0.) || (a >= 0. && b > 0.));
`,MOD_VEC4=`
  let isNaN = !vec4<bool>(b);
  var resultTemp = vec4<f32>(a % b);
  if (!((a[0] < 0. && b[0] < 0.) || (a[0] >= 0. && b[0] > 0.))) {
    resultTemp[0] = (resultTemp[0] + b[0]) % b[0];
  }
  if (!((a[1] < 0. && b[1] < 0.) || (a[1] >= 0. && b[1] > 0.))) {
    resultTemp[1] = (resultTemp[1] + b[1]) % b[1];
  }
  if (!((a[2] < 0. && b[2] < 0.) || (a[2] >= 0. && b[2] > 0.))) {
    resultTemp[2] = (resultTemp[2] + b[2]) % b[2];
  }
  if (!((a[3] < 0. && b[3] < 0.) || (a[3] >= 0. && b[3] > 0.))) {
    resultTemp[3] = (resultTemp[3] + b[3]) % b[3];
  }
`,MUL="let resultTemp = a * b;",NOT_EQUAL=`
  var resultTemp = f32(a != b);
  let valueForNaN = 1.0;
`,NOT_EQUAL_VEC4=`
  var resultTemp = vec4<f32>(a != b);
  let valueForNaN = 1.0;
`,POW=`
  let isNaN = a < 0.0 && floor(b) < b;
  if (b == 0.0) {
    return 1.0;
  }
  var resultTemp = select(sign(a) * pow(abs(a), b), pow(abs(a), b),
      round(abs(b) % 2.0) != 1.0);
`,POW_VEC4=`
  let isModRound1Bool = vec4<i32>(round(abs(b) % vec4<f32>(2.0))) == vec4<i32>(1);
  let isModRound1 = vec4<f32>(isModRound1Bool);
  let multiplier = sign(a) * isModRound1 + (vec4<f32>(1.0) - isModRound1);
  var resultTemp = multiplier * pow(abs(a), b);

  // Ensure that a^0 = 1, including 0^0 = 1 as this correspond to TF and JS
  let isExpZero = b == vec4<f32>(0.0);
  if (isExpZero.r) {
    resultTemp.r = 1.0;
  }
  if (isExpZero.g) {
    resultTemp.g = 1.0;
  }
  if (isExpZero.b) {
    resultTemp.b = 1.0;
  }
  if (isExpZero.a) {
    resultTemp.a = 1.0;
  }
  let isNaN = (a < vec4<f32>(0.0)) & (floor(b) < b);
`,PRELU="if (a < 0.0) { return b * a; }  return a;",PRELU_VEC4=`
  let aLessThanZero = vec4<f32>(a < vec4<f32>(0.0));
  return (aLessThanZero * (b * a)) + ((vec4<f32>(1.0) - aLessThanZero) * a);
`,SQUARED_DIFFERENCE="let resultTemp = (a - b) * (a - b);",SUB="let resultTemp = a - b;";function getBinaryOpString(type,useVec4){var doOpSnippet;do{switch(type){case BinaryOpType.ATAN2:doOpSnippet=ATAN2;break;case BinaryOpType.MAX:doOpSnippet=MAX;break;case BinaryOpType.MIN:doOpSnippet=MIN;break;case BinaryOpType.MOD:doOpSnippet=useVec4?MOD_VEC4:MOD;break;case BinaryOpType.NOT_EQUAL:doOpSnippet=useVec4?NOT_EQUAL_VEC4:NOT_EQUAL;break;case BinaryOpType.POW:doOpSnippet=useVec4?POW_VEC4:POW;break;default:continue}var isNaN2=void 0,dTypeN=void 0,boolN=void 0;return useVec4?(isNaN2="isnanVec4",dTypeN="vec4<f32>",boolN="vec4<bool>"):(isNaN2="isnan",dTypeN="f32",boolN="bool"),`
      let aIsNaN = `.concat(isNaN2,`(a);
      let aPostLegalization = select(a, `).concat(dTypeN,`(42), aIsNaN);
      let bIsNaN = `).concat(isNaN2,`(b);
      let bPostLegalization = select(b, `).concat(dTypeN,`(42), bIsNaN);
      let isNaN = false;
      let valueForNaN = uniforms.NAN;
      {
        let a = aPostLegalization;
        let b = bPostLegalization;
        `).concat(doOpSnippet,`
        return select(
            resultTemp, `).concat(dTypeN,`(valueForNaN),
            `).concat(boolN,`(isNaN) | aIsNaN | bIsNaN);
      }
    `)}while(!1);switch(type){case BinaryOpType.ADD:doOpSnippet=ADD;break;case BinaryOpType.COMPLEX_MULTIPLY_IMAG:doOpSnippet=COMPLEX_MULTIPLY_IMAG;break;case BinaryOpType.COMPLEX_MULTIPLY_REAL:doOpSnippet=COMPLEX_MULTIPLY_REAL;break;case BinaryOpType.DIV:doOpSnippet=DIV;break;case BinaryOpType.ELU_DER:doOpSnippet=ELU_DER;break;case BinaryOpType.EQUAL:doOpSnippet=EQUAL;break;case BinaryOpType.FLOOR_DIV:doOpSnippet=FLOOR_DIV;break;case BinaryOpType.GREATER:doOpSnippet=GREATER;break;case BinaryOpType.GREATER_EQUAL:doOpSnippet=GREATER_EQUAL;break;case BinaryOpType.LESS:doOpSnippet=LESS;break;case BinaryOpType.LESS_EQUAL:doOpSnippet=LESS_EQUAL;break;case BinaryOpType.LOGICAL_AND:return useVec4?LOGICAL_AND_VEC4:LOGICAL_AND;case BinaryOpType.LOGICAL_OR:return useVec4?LOGICAL_OR_VEC4:LOGICAL_OR;case BinaryOpType.MUL:doOpSnippet=MUL;break;case BinaryOpType.PRELU:return useVec4?PRELU_VEC4:PRELU;case BinaryOpType.SQUARED_DIFFERENCE:doOpSnippet=SQUARED_DIFFERENCE;break;case BinaryOpType.SUB:doOpSnippet=SUB;break}return`
    `.concat(doOpSnippet,`
    return resultTemp;
  `)}var UnaryOpType;(function(UnaryOpType2){UnaryOpType2[UnaryOpType2.ABS=0]="ABS",UnaryOpType2[UnaryOpType2.ACOS=1]="ACOS",UnaryOpType2[UnaryOpType2.ACOSH=2]="ACOSH",UnaryOpType2[UnaryOpType2.ASIN=3]="ASIN",UnaryOpType2[UnaryOpType2.ASINH=4]="ASINH",UnaryOpType2[UnaryOpType2.ATAN=5]="ATAN",UnaryOpType2[UnaryOpType2.ATANH=6]="ATANH",UnaryOpType2[UnaryOpType2.CEIL=7]="CEIL",UnaryOpType2[UnaryOpType2.COS=8]="COS",UnaryOpType2[UnaryOpType2.COSH=9]="COSH",UnaryOpType2[UnaryOpType2.ELU=10]="ELU",UnaryOpType2[UnaryOpType2.ERF=11]="ERF",UnaryOpType2[UnaryOpType2.EXP=12]="EXP",UnaryOpType2[UnaryOpType2.EXPM1=13]="EXPM1",UnaryOpType2[UnaryOpType2.FLOOR=14]="FLOOR",UnaryOpType2[UnaryOpType2.IS_FINITE=15]="IS_FINITE",UnaryOpType2[UnaryOpType2.IS_INF=16]="IS_INF",UnaryOpType2[UnaryOpType2.IS_NAN=17]="IS_NAN",UnaryOpType2[UnaryOpType2.LINEAR=18]="LINEAR",UnaryOpType2[UnaryOpType2.LOG=19]="LOG",UnaryOpType2[UnaryOpType2.LOG1P=20]="LOG1P",UnaryOpType2[UnaryOpType2.LOGICAL_NOT=21]="LOGICAL_NOT",UnaryOpType2[UnaryOpType2.NEG=22]="NEG",UnaryOpType2[UnaryOpType2.RELU=23]="RELU",UnaryOpType2[UnaryOpType2.RELU6=24]="RELU6",UnaryOpType2[UnaryOpType2.LEAKYRELU=25]="LEAKYRELU",UnaryOpType2[UnaryOpType2.RECIPROCAL=26]="RECIPROCAL",UnaryOpType2[UnaryOpType2.ROUND=27]="ROUND",UnaryOpType2[UnaryOpType2.RSQRT=28]="RSQRT",UnaryOpType2[UnaryOpType2.SELU=29]="SELU",UnaryOpType2[UnaryOpType2.SIGMOID=30]="SIGMOID",UnaryOpType2[UnaryOpType2.SIGN=31]="SIGN",UnaryOpType2[UnaryOpType2.SIN=32]="SIN",UnaryOpType2[UnaryOpType2.SINH=33]="SINH",UnaryOpType2[UnaryOpType2.SOFTPLUS=34]="SOFTPLUS",UnaryOpType2[UnaryOpType2.SQRT=35]="SQRT",UnaryOpType2[UnaryOpType2.SQUARE=36]="SQUARE",UnaryOpType2[UnaryOpType2.STEP=37]="STEP",UnaryOpType2[UnaryOpType2.TAN=38]="TAN",UnaryOpType2[UnaryOpType2.TANH=39]="TANH",UnaryOpType2[UnaryOpType2.TO_INT=40]="TO_INT"})(UnaryOpType||(UnaryOpType={}));var ABS="return abs(a);",ACOS=`
  if (abs(a) > 1.) {
    return uniforms.NAN;
  }
  return acos(a);
`,ACOSH=`
  if (a < 1.) {
    return uniforms.NAN;
  }
  return acosh(a);
`,ASIN=`
  if (abs(a) > 1.) {
    return uniforms.NAN;
  }
  return asin(a);
`,ASINH="return asinh(a);",ATAN=`
  if (isnan(a)) {
    return uniforms.NAN;
  }
  return atan(a);
`,ATANH=`
  if (abs(a) > 1.) {
    return uniforms.NAN;
  }
  if (a == 1.) {
    return uniforms.INFINITY;
  }
  if (a == -1.) {
    return -uniforms.INFINITY;
  }
  return atanh(a);
`,CEIL="return ceil(a);",COS="return cos(a);",COSH=`
  let e2x = exp(-a);
  return (e2x + 1.0 / e2x) / 2.0;
`,EXPM1="return exp(a) - 1.0;",ELU="if (a >= 0.0) { return a; }  return (exp(a) - 1.0);",ELU_VEC4=`
  var resFloat = exp(a) - vec4<f32>(1.0);
  if (a.r >= 0.0) {
    resFloat.r = a.r;
  }
  if (a.g >= 0.0) {
    resFloat.g = a.g;
  }
  if (a.b >= 0.0) {
    resFloat.b = a.b;
  }
  if (a.a >= 0.0) {
    resFloat.a = a.a;
  }
  return resFloat;
`,ERF=`
  // Error function is calculated approximately with elementary function.
  // See "Handbook of Mathematical Functions with Formulas,
  // Graphs, and Mathematical Tables", Abramowitz and Stegun.
  let p = `.concat(tf.backend_util.ERF_P,`;
  let a1 = `).concat(tf.backend_util.ERF_A1,`;
  let a2 = `).concat(tf.backend_util.ERF_A2,`;
  let a3 = `).concat(tf.backend_util.ERF_A3,`;
  let a4 = `).concat(tf.backend_util.ERF_A4,`;
  let a5 = `).concat(tf.backend_util.ERF_A5,`;

  let sign = sign(a);
  let absA = abs(a);
  let t = 1.0 / (1.0 + p * absA);
  return sign * (1.0 - (((((a5 * t + a4) * t) + a3) * t + a2) * t + a1) * t * exp(-absA * absA));
`),EXP="return exp(a);",FLOOR="return floor(a);",IS_FINITE="return f32(!isnan(a) && !isinf(a));",IS_INF="return f32(isinf(a));",IS_NAN="return f32(isnan(a));",LINEAR="return a;",LOG=`if (a < 0.0) { return uniforms.NAN; }
  return log(a);`,LOG1P=`
  if (isnan(a)) { return a; }
  return log(1.0 + a);
`,LOGICAL_NOT="return f32(!(a >= 1.0));",NEG="return -a;",LEAKYRELU="if (a < 0.0) { return uniforms.alpha * a; } return a;",LEAKYRELU_VEC4=`
  let aLessThanZero = vec4<f32>(a < vec4<f32>(0.0));
  return (aLessThanZero * (uniforms.alpha * a)) + ((vec4<f32>(1.0) - aLessThanZero) * a);
`,RECIPROCAL="return 1.0 / a;",RELU="return select(a, 0.0, a < 0.0);",RELU6="return clamp(a, 0.0, 6.0);",RELU6_VEC4="return clamp(a, vec4<f32>(0.0, 0.0, 0.0, 0.0), vec4<f32>(6.0, 6.0, 6.0, 6.0));",RELU_VEC4=`
  return select(a, vec4<f32>(0.0), a < vec4<f32>(0.0));
`,ROUND="return round(a);",RSQRT="return inverseSqrt(a);",SELU=`
  if (a >= 0.0) {
    return `.concat(tf.backend_util.SELU_SCALE,` * a;
  } else {
    return `).concat(tf.backend_util.SELU_SCALEALPHA,` * (exp(a) - 1.0);
  }
`),SIGMOID="return 1.0 / (1.0 + exp(-1.0 * a));",SIGN="return sign(a);",SIN="return sin(a);",SINH=`
  let e2x = exp(a);
  return (e2x - 1.0 / e2x) / 2.0;
`,SOFTPLUS=`
  let epsilon = 1.1920928955078125e-7;
  let threshold = log(epsilon) + 2.0;

  let too_large = a > -threshold;
  let too_small = a < threshold;
  let exp_a = exp(a);

  if (too_large) {
    return a;
  } else if (too_small) {
    return exp_a;
  } else {
    return log(exp_a + 1.0);
  }
`,SQRT="return sqrt(a);",SQUARE="return a * a;",STEP=`
  if (isnan(a)) {
    return a;
  }

  return select(uniforms.stepAlpha, 1.0, a > 0.0);
`,TAN="return tan(a);",TANH=`
  let e2x = exp(-2.0 * abs(a));
  return sign(a) * (1.0 - e2x) / (1.0 + e2x);
`,TO_INT="return f32(i32((a)));";function getUnaryOpString(type,useVec4){switch(type){case UnaryOpType.ABS:return ABS;case UnaryOpType.ACOS:return ACOS;case UnaryOpType.ACOSH:return ACOSH;case UnaryOpType.ASIN:return ASIN;case UnaryOpType.ASINH:return ASINH;case UnaryOpType.ATAN:return ATAN;case UnaryOpType.ATANH:return ATANH;case UnaryOpType.COS:return COS;case UnaryOpType.COSH:return COSH;case UnaryOpType.CEIL:return CEIL;case UnaryOpType.ELU:return useVec4?ELU_VEC4:ELU;case UnaryOpType.ERF:return ERF;case UnaryOpType.EXP:return EXP;case UnaryOpType.EXPM1:return EXPM1;case UnaryOpType.FLOOR:return FLOOR;case UnaryOpType.IS_FINITE:return IS_FINITE;case UnaryOpType.IS_INF:return IS_INF;case UnaryOpType.IS_NAN:return IS_NAN;case UnaryOpType.LINEAR:return LINEAR;case UnaryOpType.LOG:return LOG;case UnaryOpType.LOG1P:return LOG1P;case UnaryOpType.LOGICAL_NOT:return LOGICAL_NOT;case UnaryOpType.NEG:return NEG;case UnaryOpType.LEAKYRELU:return useVec4?LEAKYRELU_VEC4:LEAKYRELU;case UnaryOpType.RECIPROCAL:return RECIPROCAL;case UnaryOpType.RELU:return useVec4?RELU_VEC4:RELU;case UnaryOpType.RELU6:return useVec4?RELU6_VEC4:RELU6;case UnaryOpType.ROUND:return ROUND;case UnaryOpType.RSQRT:return RSQRT;case UnaryOpType.SELU:return SELU;case UnaryOpType.SIGMOID:return SIGMOID;case UnaryOpType.SIGN:return SIGN;case UnaryOpType.SIN:return SIN;case UnaryOpType.SINH:return SINH;case UnaryOpType.SOFTPLUS:return SOFTPLUS;case UnaryOpType.SQRT:return SQRT;case UnaryOpType.SQUARE:return SQUARE;case UnaryOpType.STEP:return STEP;case UnaryOpType.TAN:return TAN;case UnaryOpType.TANH:return TANH;case UnaryOpType.TO_INT:return TO_INT;default:throw new Error("BinaryType ".concat(type," is not implemented!"))}}function activationFnSnippet(activation,hasPreluActivationWeights,packed,coordsLength){if(hasPreluActivationWeights===void 0&&(hasPreluActivationWeights=!1),packed===void 0&&(packed=!1),coordsLength===void 0&&(coordsLength=3),activation===null)return"";var activationOpSnippet="";if(activation==="linear")activationOpSnippet=getUnaryOpString(UnaryOpType.LINEAR);else if(activation==="relu")activationOpSnippet=getUnaryOpString(UnaryOpType.RELU,packed);else if(activation==="elu")activationOpSnippet=getUnaryOpString(UnaryOpType.ELU,packed);else if(activation==="relu6")activationOpSnippet=getUnaryOpString(UnaryOpType.RELU6,packed);else if(activation==="prelu")activationOpSnippet=getBinaryOpString(BinaryOpType.PRELU,packed);else if(activation==="sigmoid")activationOpSnippet=getUnaryOpString(UnaryOpType.SIGMOID,packed);else if(activation==="leakyrelu")activationOpSnippet=getUnaryOpString(UnaryOpType.LEAKYRELU,packed);else throw new Error("Activation ".concat(activation," has not been implemented for the WebGPU backend."));var elementSize=packed?4:1,dataType=typeSnippet(elementSize),activationFnSnippet2="";return hasPreluActivationWeights?activationFnSnippet2=`
      fn activation(a : `.concat(dataType,", coords : vec").concat(coordsLength,"<i32>) -> ").concat(dataType,` {
        let b = getPreluActivationWeightsByOutputCoords(coords);
        `).concat(activationOpSnippet,`
      }`):activationFnSnippet2=`
      fn activation(a : `.concat(dataType,", coords : vec").concat(coordsLength,"<i32>) -> ").concat(dataType,` {
        `).concat(activationOpSnippet,`
      }`),activationFnSnippet2}function biasActivationSnippet(hasBias,activation){return`
      `.concat(hasBias?"value = value + getBiasByOutputCoords(coords);":"",`
      `).concat(activation?"value = activation(value, coords);":"",`
      `)}function matMulReadFnSource(transposeA,transposeB,fitAOuter,fitBOuter,fitInner,component){fitAOuter===void 0&&(fitAOuter=!1),fitInner===void 0&&(fitInner=!1),component===void 0&&(component=1),tf.util.assert(transposeA&&component===1||!transposeA,function(){return"transposeA ".concat(transposeA," is not compatible with component size ").concat(component)});var sampleA=`
      `.concat(transposeA?"value = getA(batch, col, row);":"value = getA(batch, row, col);",`

    `),sampleB=transposeB?"value = getB(batch, col, row);":"value = getB(batch, row, col);";return`
  fn mm_readA(batch: i32, row: i32, col: i32) -> `.concat(typeSnippet(component),` {
    var value = `).concat(typeSnippet(component),`(0.0);
    `).concat(fitAOuter&&fitInner?sampleA:`
    `.concat(transposeA?"if(row < uniforms.dimAOuter && col < uniforms.dimInner)":"if(row < uniforms.aShape[1] && col < uniforms.aShape[2])",`
    {
      `).concat(sampleA,`
    }
    `),`
    return value;
  }

  fn mm_readB(batch: i32, row: i32, col: i32) -> `).concat(typeSnippet(component),` {
    var value = `).concat(typeSnippet(component),`(0.0);
    `).concat(sampleB,`
    return value;
  }
  `)}function matMulReadWriteFnSource(hasBias,activation,transposeA,transposeB,fitAOuter,fitBOuter,fitInner,component){return fitAOuter===void 0&&(fitAOuter=!1),fitBOuter===void 0&&(fitBOuter=!1),fitInner===void 0&&(fitInner=!1),component===void 0&&(component=1),`
  `.concat(matMulReadFnSource(transposeA,transposeB,fitAOuter,fitBOuter,fitInner,component),`
  fn mm_write(batch: i32, row: i32, col: i32, valueIn: `).concat(typeSnippet(component),`) {
    `).concat(fitAOuter&&fitBOuter?"":"if (row < uniforms.dimAOuter && col < uniforms.dimBOuter)",`
    {
      var value = valueIn;
      let coords = vec3<i32>(batch, row, col);
      `).concat(biasActivationSnippet(hasBias,activation),`
      setOutputAtCoords(coords[0], coords[1], coords[2], value);
    }
  }
  `)}var writeDataToSubAVec4Snippet=function(transpose2,innerElementSize){return transpose2?`
        mm_Asub[inputRow][inputCol] = mm_readA(batchA,
          kStart + inputRow,
          globalRowStart + inputCol * `.concat(innerElementSize,`);
        `):`
        mm_Asub[inputRow][inputCol] = mm_readA(batchA,
          globalRow + innerRow,
          kStart + inputCol * `.concat(innerElementSize,`);
        `)},calculateResultSnippet=function(transposeA,innerElementSize,rowPerThread,tileInner){if(transposeA)return`
      for (var k = 0; k < `.concat(tileInner,`; k++) {
        let BCached0 = mm_Bsub[k][tileCol];
        let ACached0 = mm_Asub[k][localRow];
        for (var i = 0; i < `).concat(rowPerThread,`; i++) {
          acc[i] = fma(BCached0, vec4<f32>(ACached0[i]), acc[i]);
        }
      }`);for(var bCachedStr="",accStr="",i=0;i<innerElementSize;i++)bCachedStr+="let BCached".concat(i," = mm_Bsub[k * ").concat(innerElementSize," + ").concat(i,"][tileCol];"),accStr+="acc[i] = fma(BCached".concat(i,", vec4<f32>(ACached[").concat(i,"]), acc[i]);");return`
      for (var k = 0; k < `.concat(tileInner/innerElementSize,`; k++) {
        `).concat(bCachedStr,`
        for (var i = 0; i < `).concat(rowPerThread,`; i++) {
          let ACached = mm_Asub[tileRow + i][k];
          `).concat(accStr,`
        }
      }`)};function makeMatMulPackedVec4Source(workPerThread,workgroupSize,transposeA,tileInner,splitK,splitedDimInner,broadcastBatch){transposeA===void 0&&(transposeA=!1),tileInner===void 0&&(tileInner=32),splitK===void 0&&(splitK=!1),splitedDimInner===void 0&&(splitedDimInner=32),broadcastBatch===void 0&&(broadcastBatch=!1);var tileAOuter=workgroupSize[1]*workPerThread[1],tileBOuter=workgroupSize[0]*workPerThread[0],tileAWidth=transposeA?tileAOuter:tileInner,tileAHight=transposeA?tileInner:tileAOuter,innerElementSize=tileAWidth/workgroupSize[0],rowPerThreadB=tileInner/workgroupSize[1],rowPerThread=workPerThread[1],colPerThread=workPerThread[0];return tf.util.assert((transposeA&&innerElementSize===4&&workPerThread[1]===4||!transposeA&&(innerElementSize===3||innerElementSize===4))&&tileAWidth%workgroupSize[0]===0&&tileInner%workgroupSize[1]===0&&workPerThread[0]===4,function(){return"If transposeA ".concat(transposeA," is true, innerElementSize ").concat(innerElementSize," and workPerThread[1] ").concat(workPerThread[1],` must be 4.
          Otherwise, innerElementSize `).concat(innerElementSize,` must be 3 or 4.
      tileAWidth `).concat(tileAWidth," must be divisible by workgroupSize[0]").concat(workgroupSize[0],". tileInner ").concat(tileInner," must be divisible by workgroupSize[1] ").concat(workgroupSize[1],". colPerThread ").concat(workPerThread[0]," must be 4.")}),`
  var<workgroup> mm_Asub : array<array<vec`.concat(innerElementSize,"<f32>, ").concat(tileAWidth/innerElementSize,">, ").concat(tileAHight,`>;
  var<workgroup> mm_Bsub : array<array<vec4<f32>, `).concat(tileBOuter/workPerThread[0],">, ").concat(tileInner,`>;

  `).concat(getMainHeaderString(),` {
    let localRow = i32(localId.y);
    let tileRow = localRow * `).concat(rowPerThread,`;
    let tileCol = i32(localId.x);

    let globalRow = i32(globalId.y) * `).concat(rowPerThread,`;
    let globalCol = i32(globalId.x) * `).concat(colPerThread,`;
    let batch = `).concat(splitK?"0":"i32(globalId.z)",`;
    let batchA = `).concat(splitK||!broadcastBatch?"batch":"batch % uniforms.aShape[0]",`;
    let batchB = `).concat(splitK||!broadcastBatch?"batch":"batch % uniforms.bShape[0]",`;
    let globalRowStart = i32(workgroupId.y) * `).concat(tileAOuter,`;

    let numTiles = `).concat(splitK?"".concat(Math.ceil(splitedDimInner/tileInner)):"(uniforms.dimInner - 1) / ".concat(tileInner," + 1"),`;
    var kStart = `).concat(splitK?"i32(globalId.z) * ".concat(splitedDimInner):"0",`;

    var acc: array<vec4<f32>, `).concat(rowPerThread,`>;

    // Loop over shared dimension.
    let tileRowB = localRow * `).concat(rowPerThreadB,`;
    for (var t = 0; t < numTiles; t++) {
        // Load one tile of A into local memory.
        for (var innerRow = 0; innerRow < `).concat(rowPerThread,`; innerRow++) {
            let inputRow = tileRow + innerRow;
            let inputCol = tileCol;
            `).concat(writeDataToSubAVec4Snippet(transposeA,innerElementSize),`
        }

        // Load one tile of B into local memory.
        for (var innerRow = 0; innerRow < `).concat(rowPerThreadB,`; innerRow++) {
            let inputRow = tileRowB + innerRow;
            let inputCol = tileCol;
            mm_Bsub[inputRow][inputCol] = mm_readB(batchB, kStart + inputRow, globalCol);
        }
        kStart = kStart + `).concat(tileInner,`;
        workgroupBarrier();

        // Compute acc values for a single thread.
        `).concat(calculateResultSnippet(transposeA,innerElementSize,rowPerThread,tileInner),`
        workgroupBarrier();
    }

    for (var innerRow = 0; innerRow < `).concat(rowPerThread,`; innerRow++) {
        mm_write(batch, globalRow + innerRow, globalCol, acc[innerRow]);
    }
  }`)}var writeDataToSubASnippet=function(transpose2){return transpose2?`
        mm_Asub[inputRow][inputCol] = mm_readA(batchA,
          kStart + inputRow,
          globalRowStart + inputCol);
        `:`
        mm_Asub[inputRow][inputCol] = mm_readA(batchA,
          globalRowStart + inputRow,
          kStart + inputCol);
        `},readDataFromSubASnippet=function(transposeA){return transposeA?"let ACached = mm_Asub[k][tileRow + innerRow];":"let ACached = mm_Asub[tileRow + innerRow][k];"};function makeMatMulPackedSource(workPerThread,workgroupSize,transposeA,tileInner,splitK,splitedDimInner,sequentialAccessByThreads,broadcastBatch){transposeA===void 0&&(transposeA=!1),tileInner===void 0&&(tileInner=32),splitK===void 0&&(splitK=!1),splitedDimInner===void 0&&(splitedDimInner=32),sequentialAccessByThreads===void 0&&(sequentialAccessByThreads=!1),broadcastBatch===void 0&&(broadcastBatch=!1);var tileAOuter=workPerThread[1]*workgroupSize[1],tileBOuter=workPerThread[0]*workgroupSize[0],tileAWidth=transposeA?tileAOuter:tileInner,tileAHight=transposeA?tileInner:tileAOuter;tf.util.assert(tileAHight%workgroupSize[1]===0&&tileAWidth%workgroupSize[0]===0&&tileInner%workgroupSize[1]===0,function(){return"tileAHight ".concat(tileAHight," must be divisible by workgroupSize[1]").concat(workgroupSize[1],", tileAWidth ").concat(tileAWidth," must be divisible by workgroupSize[0]").concat(workgroupSize[0],", tileInner ").concat(tileInner," must be divisible by workgroupSize[1]").concat(workgroupSize[1])});var rowPerThreadA=tileAHight/workgroupSize[1],colPerThreadA=tileAWidth/workgroupSize[0],rowPerThreadB=tileInner/workgroupSize[1],rowPerThread=workPerThread[1],colPerThread=workPerThread[0],matmulSnippet=sequentialAccessByThreads?`
      let localRow = i32(localId.y);
      let localCol = i32(localId.x);
      let globalRowStart = i32(workgroupId.y) * `.concat(tileAOuter,`;
      let globalColStart = i32(workgroupId.x) * `).concat(tileBOuter,`;

      // Loop over shared dimension.
      for (var t = 0; t < numTiles; t++) {
        // Load one tile of A into local memory.
        for (var inputRow = localRow; inputRow < `).concat(tileAHight,"; inputRow = inputRow + ").concat(workgroupSize[1],`) {
          for (var inputCol = localCol; inputCol < `).concat(tileAWidth,"; inputCol = inputCol + ").concat(workgroupSize[0],`) {
            `).concat(writeDataToSubASnippet(transposeA),`
          }
        }
        // Load one tile of B into local memory.
        for (var inputRow = localRow; inputRow < `).concat(tileInner,"; inputRow = inputRow + ").concat(workgroupSize[1],`) {
              for (var inputCol = localCol; inputCol < `).concat(tileBOuter,"; inputCol = inputCol + ").concat(workgroupSize[0],`) {
            mm_Bsub[inputRow][inputCol] = mm_readB(batchB,
              kStart + inputRow,
              globalColStart + inputCol);
          }
        }
        kStart = kStart + `).concat(tileInner,`;
        workgroupBarrier();

        // Compute acc values for a single thread.
        var BCached : array<f32, `).concat(colPerThread,`>;
        for (var k = 0; k < `).concat(tileInner,`; k++) {
          for (var inner = 0; inner < `).concat(colPerThread,`; inner++) {
            BCached[inner] = mm_Bsub[k][localCol + inner * `).concat(workgroupSize[0],`];
          }
          for (var innerRow = 0; innerRow < `).concat(rowPerThread,`; innerRow++) {
            let ACached = `).concat(transposeA?"mm_Asub[k][localRow + innerRow * ".concat(workgroupSize[1],"];"):"mm_Asub[localRow + innerRow * ".concat(workgroupSize[1],"][k];"),`
            for (var innerCol = 0; innerCol < `).concat(colPerThread,`; innerCol++) {
              acc[innerRow][innerCol] =
                  fma(ACached, BCached[innerCol], acc[innerRow][innerCol]);
            }
          }
        }
        workgroupBarrier();
      }
      for (var innerRow = 0; innerRow < `).concat(rowPerThread,`; innerRow++) {
        let gRow = globalRowStart + localRow + innerRow * `).concat(workgroupSize[1],`;
        for (var innerCol = 0; innerCol < `).concat(colPerThread,`; innerCol++) {
          let gCol = globalColStart + localCol + innerCol * `).concat(workgroupSize[0],`;
          mm_write(batch, gRow, gCol, acc[innerRow][innerCol]);
        }
      }
      `):`
  let tileRow = i32(localId.y) * `.concat(rowPerThread,`;
  let tileCol = i32(localId.x) * `).concat(colPerThread,`;

  let globalRow = i32(globalId.y) * `).concat(rowPerThread,`;
  let globalCol = i32(globalId.x) * `).concat(colPerThread,`;
  let globalRowStart = i32(workgroupId.y) * `).concat(tileAOuter,`;

  let tileRowA = i32(localId.y) * `).concat(rowPerThreadA,`;
  let tileColA = i32(localId.x) * `).concat(colPerThreadA,`;
  let tileRowB = i32(localId.y) * `).concat(rowPerThreadB,`;
  // Loop over shared dimension.
  for (var t = 0; t < numTiles; t++) {
    // Load one tile of A into local memory.
    for (var innerRow = 0; innerRow < `).concat(rowPerThreadA,`; innerRow++) {
      for (var innerCol = 0; innerCol < `).concat(colPerThreadA,`; innerCol++) {
        let inputRow = tileRowA + innerRow;
        let inputCol = tileColA + innerCol;
        `).concat(writeDataToSubASnippet(transposeA),`
      }
    }

    // Load one tile of B into local memory.
    for (var innerRow = 0; innerRow < `).concat(rowPerThreadB,`; innerRow++) {
      for (var innerCol = 0; innerCol < `).concat(colPerThread,`; innerCol++) {
        let inputRow = tileRowB + innerRow;
        let inputCol = tileCol + innerCol;
        mm_Bsub[inputRow][inputCol] = mm_readB(batchB,
          kStart + inputRow,
          globalCol + innerCol);
      }
    }
    kStart = kStart + `).concat(tileInner,`;
    workgroupBarrier();

    // Compute acc values for a single thread.
    var BCached : array<f32, `).concat(colPerThread,`>;
    for (var k = 0; k < `).concat(tileInner,`; k++) {
      for (var inner = 0; inner < `).concat(colPerThread,`; inner++) {
        BCached[inner] = mm_Bsub[k][tileCol + inner];
      }

      for (var innerRow = 0; innerRow < `).concat(rowPerThread,`; innerRow++) {
        `).concat(readDataFromSubASnippet(transposeA),`
        for (var innerCol = 0; innerCol < `).concat(colPerThread,`; innerCol++) {
          acc[innerRow][innerCol] =
              fma(ACached, BCached[innerCol], acc[innerRow][innerCol]);
        }
      }
    }

    workgroupBarrier();
  }

  for (var innerRow = 0; innerRow < `).concat(rowPerThread,`; innerRow++) {
    for (var innerCol = 0; innerCol < `).concat(colPerThread,`; innerCol++) {
      mm_write(batch, globalRow + innerRow, globalCol + innerCol,
          acc[innerRow][innerCol]);
    }
  }
  `);return`
    var<workgroup> mm_Asub : array<array<f32, `.concat(tileAWidth,">, ").concat(tileAHight,`>;
    var<workgroup> mm_Bsub : array<array<f32, `).concat(tileBOuter,">, ").concat(tileInner,`>;

    `).concat(getMainHeaderString(),` {
      let batch = `).concat(splitK?"0":"i32(globalId.z)",`;
      let batchA = `).concat(splitK||!broadcastBatch?"batch":"batch % uniforms.aShape[0]",`;
      let batchB = `).concat(splitK||!broadcastBatch?"batch":"batch % uniforms.bShape[0]",`;
      let numTiles = `).concat(splitK?"".concat(Math.ceil(splitedDimInner/tileInner)):"(uniforms.dimInner - 1) / ".concat(tileInner," + 1"),`;
      var kStart = `).concat(splitK?"i32(globalId.z) * ".concat(splitedDimInner):"0",`;

      var acc : array<array<f32, `).concat(colPerThread,">, ").concat(rowPerThread,`>;

      // Without this initialization strange values show up in acc.
      for (var innerRow = 0; innerRow < `).concat(rowPerThread,`; innerRow++) {
        for (var innerCol = 0; innerCol < `).concat(colPerThread,`; innerCol++) {
          acc[innerRow][innerCol] = 0.0;
        }
      }
      `).concat(matmulSnippet,`
    }
  `)}var readVectorASnippet=function(transpose2){return transpose2?`
      mm_readA(batchA, colA, globalRow),
      mm_readA(batchA, colA + 1, globalRow),
      mm_readA(batchA, colA + 2, globalRow),
      mm_readA(batchA, colA + 3, globalRow)
  `:`
      mm_readA(batchA, globalRow, colA),
      mm_readA(batchA, globalRow, colA + 1),
      mm_readA(batchA, globalRow, colA + 2),
      mm_readA(batchA, globalRow, colA + 3)
  `};function makeVectorMatrixProductSource(workgroupSize,transposeA){transposeA===void 0&&(transposeA=!1),tf.util.assert(workgroupSize[1]===1&&workgroupSize[2]===1,function(){return"A linear work group size is required. But got ".concat(workgroupSize,".")});var tileSize=workgroupSize[0]*4;return`
    var<workgroup> mm_Asub : array<vec4<f32>, `.concat(workgroupSize[0],`>;

    `).concat(getMainHeaderString(),` {
      let tileCol = i32(localId.x);
      let globalCol = i32(globalId.x);
      let globalRow = i32(globalId.y);

      let numTiles = (uniforms.dimInner - 1) / `).concat(tileSize,` + 1;
      let batch = i32(globalId.z);
      let batchA = batch % uniforms.aShape[0];
      let batchB = batch % uniforms.bShape[0];
      // Without this initialization strange values show up in acc.
      var acc = 0.0;

      // Loop over shared dimension.
      for (var t = 0; t < numTiles; t++) {
        // Load one tile of A into local memory.
        let colA = t * `).concat(tileSize,` + tileCol * 4;
        mm_Asub[tileCol] = vec4<f32>(`).concat(readVectorASnippet(transposeA),`);
        workgroupBarrier();

        // Compute acc values for a single thread.
        for (var k = 0; k < `).concat(tileSize/4,`; k++) {
          let rowB = t * `).concat(tileSize,` + k * 4;
          let BCached = vec4<f32>(mm_readB(batchB, rowB, globalCol),
                              mm_readB(batchB, rowB + 1, globalCol),
                              mm_readB(batchB, rowB + 2, globalCol),
                              mm_readB(batchB, rowB + 3, globalCol));

          let ACached = mm_Asub[k];
          acc = acc + dot(ACached, BCached);
        }

        workgroupBarrier();
      }

      mm_write(batch, globalRow, globalCol, acc);
    }
  `)}var MatMulPackedProgram=(function(){function MatMulPackedProgram2(aShape,outputShape,transposeA,transposeB,bias,activation,preluActivationWeights,sequentialAccessByThreads){var _a2;transposeA===void 0&&(transposeA=!1),transposeB===void 0&&(transposeB=!1),bias===void 0&&(bias=null),activation===void 0&&(activation=null),preluActivationWeights===void 0&&(preluActivationWeights=null),sequentialAccessByThreads===void 0&&(sequentialAccessByThreads=!1),this.variableNames=["A","B"],this.uniforms="dimAOuter : i32, dimBOuter : i32, dimInner : i32,",this.outputShape=outputShape,this.dispatchLayout={x:[2],y:[1],z:[0]};var dimInner=transposeA?aShape[1]:aShape[2];if(this.isVec4=(dimInner%4===0&&!transposeA||outputShape[1]%4===0&&transposeA)&&outputShape[2]%4===0&&!transposeB,this.outputComponent=this.isVec4?4:1,this.isVectorA=outputShape[1]===1&&!transposeA,!this.isVec4&&this.isVectorA)this.elementsPerThread=[1,1,1],this.workgroupSize=[32,1,1];else{var workgroupInfo=computeWorkgroupInfoForMatMul(outputShape[1],dimInner,outputShape[2],transposeA);this.workgroupSize=workgroupInfo.workgroupSize,this.elementsPerThread=workgroupInfo.elementsPerThread}this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize,this.elementsPerThread);var addBias=bias!=null,hasPreluActivationWeights=preluActivationWeights!=null;addBias&&this.variableNames.push("bias"),hasPreluActivationWeights&&this.variableNames.push("preluActivationWeights"),this.sequentialAccessByThreads=sequentialAccessByThreads,this.transposeA=transposeA,this.transposeB=transposeB,this.addBias=addBias,this.activation=activation,this.hasPreluActivationWeights=hasPreluActivationWeights,_a2=__read(this.getShapeFit(outputShape[1],outputShape[2],dimInner),3),this.fitAOuter=_a2[0],this.fitBOuter=_a2[1],this.fitInner=_a2[2],this.shaderKey="matMulPacked_".concat(this.elementsPerThread,"_").concat(transposeA,"_").concat(transposeB,"_").concat(this.activation,"_").concat(this.fitAOuter,"_").concat(this.fitBOuter,"_").concat(this.fitInner,"_").concat(this.isVec4,"_").concat(this.isVectorA,"_").concat(this.sequentialAccessByThreads)}return MatMulPackedProgram2.prototype.getShapeFit=function(dimAOuter,dimBOuter,dimInner){var tileAOuter=this.workgroupSize[1]*this.elementsPerThread[1],tileBOuter=this.workgroupSize[0]*this.elementsPerThread[0];!this.isVec4&&this.isVectorA?this.tileInner=this.workgroupSize[0]*4:this.tileInner=tileBOuter;var fitAOuter=dimAOuter%tileAOuter===0,fitBOuter=dimBOuter%tileBOuter===0,fitInner=dimInner%this.tileInner===0;return[fitAOuter,fitBOuter,fitInner]},MatMulPackedProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(activationFnSnippet(this.activation,this.hasPreluActivationWeights,this.isVec4),`
      `).concat(matMulReadWriteFnSource(this.addBias,this.activation,!1,this.transposeB,this.fitAOuter,this.fitBOuter,this.fitInner,this.isVec4?4:1),`
      `).concat(this.isVec4?makeMatMulPackedVec4Source(this.elementsPerThread,this.workgroupSize,this.transposeA,this.tileInner,!1,null,!0):this.isVectorA?makeVectorMatrixProductSource(this.workgroupSize,this.transposeA):makeMatMulPackedSource(this.elementsPerThread,this.workgroupSize,this.transposeA,this.tileInner,!1,null,this.sequentialAccessByThreads,!0),`
    `);return userCode},MatMulPackedProgram2})();function makeMatMulReduceSource(workgroupSizeX){return`
    var<workgroup> sumValues : array<f32, `.concat(workgroupSizeX,`>;
    `).concat(getMainHeaderString(),` {
      let coords = getOutputCoords();
      let batch = coords[0];
      let batchA = batch % uniforms.aShape[0];
      let batchB = batch % uniforms.bShape[0];
      let row = coords[1];
      let col = coords[2];
      var sum = 0.0;
      let Length = uniforms.dimInner;
      for (var k = i32(localId.x); k < Length; k = k + `).concat(workgroupSizeX,`) {
        let dataA = mm_readA(batchA, row, k);
        let dataB = mm_readB(batchB, k, col);
        sum = sum + dataA * dataB;
      }
      sumValues[localId.x] = sum;
      workgroupBarrier();

      for(var currentSize = `).concat(workgroupSizeX/2,`u; currentSize > 1u;
          currentSize = currentSize / 2u) {
        if (localId.x < currentSize)
        {
          sumValues[localId.x] = sumValues[localId.x] + sumValues[localId.x + currentSize];
        }
        workgroupBarrier();
      }

      if (localId.x == 0u) {
        sum = sumValues[0] + sumValues[1];
        mm_write(batch, row, col, sum);
      }
    }
  `)}var MatMulReduceProgram=(function(){function MatMulReduceProgram2(outputShape,transposeA,transposeB,bias,activation,preluActivationWeights){transposeA===void 0&&(transposeA=!1),transposeB===void 0&&(transposeB=!1),bias===void 0&&(bias=null),activation===void 0&&(activation=null),preluActivationWeights===void 0&&(preluActivationWeights=null),this.variableNames=["A","B"],this.uniforms="dimAOuter : i32, dimBOuter : i32, dimInner : i32,",this.workgroupSize=[256,1,1],this.outputShape=outputShape,this.dispatchLayout={x:[],y:[1,2],z:[0]},this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize);var addBias=bias!=null,hasPreluActivationWeights=preluActivationWeights!=null;addBias&&this.variableNames.push("bias"),hasPreluActivationWeights&&this.variableNames.push("preluActivationWeights"),this.transposeA=transposeA,this.transposeB=transposeB,this.addBias=addBias,this.activation=activation,this.hasPreluActivationWeights=hasPreluActivationWeights,this.shaderKey="matMulReduce_".concat(this.activation,"_").concat(transposeA,"_").concat(transposeB)}return MatMulReduceProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(activationFnSnippet(this.activation,this.hasPreluActivationWeights),`
      `).concat(matMulReadWriteFnSource(this.addBias,this.activation,this.transposeA,this.transposeB),`
      `).concat(makeMatMulReduceSource(this.workgroupSize[0]),`
    `);return userCode},MatMulReduceProgram2})();function makeMatMulSmallOutputSizeSource(workgroupSize){var tileAOuter=workgroupSize[1],tileBOuter=workgroupSize[0],tileInner=tileAOuter>tileBOuter?tileAOuter:tileBOuter;return`
  var<workgroup> mm_Asub : array<array<f32, `.concat(tileInner,">, ").concat(tileAOuter,`>;
  var<workgroup> mm_Bsub : array<array<f32, `).concat(tileBOuter,">, ").concat(tileInner,`>;

  // If the output size is small for matrix multiplication, avoid to use vec4
  // and handle some elements per thread to optimally utilize the ALU.
  // Read data from global memory to registers firstly, then store them into
  // shared memory, so it is instruction-Level parallelism for arithmetic
  // operations and others handle IO operations between barrier api, makes ALU
  // and load/store units work simultaneously, could improves the performance.
  `).concat(getMainHeaderString(),` {
    let tileRow = i32(localId.y);
    let tileCol = i32(localId.x);
    let globalRow = i32(globalId.y);
    let globalCol = i32(globalId.x);
    let batch = i32(globalId.z);
    let batchA = batch % uniforms.aShape[0];
    let batchB = batch % uniforms.bShape[0];

    // uniforms.dimInner should be greater than 0.
    let numTiles = (uniforms.dimInner - 1) / `).concat(tileInner,` + 1;
    var acc = 0.0;

    var globalColA = tileCol;
    var globalRowB = 0;
    var regA = mm_readA(batchA, globalRow, globalColA);
    var regB0 = mm_readB(batchB, globalRowB + 2 * tileRow, globalCol);
    var regB1 = mm_readB(batchB, globalRowB + 2 * tileRow + 1, globalCol);
    globalColA = globalColA + `).concat(tileInner,`;
    globalRowB = globalRowB + `).concat(tileInner,`;

    for (var t = 0; t < numTiles; t = t + 1) {
      mm_Asub[tileRow][tileCol] = regA;
      mm_Bsub[2 * tileRow][tileCol] = regB0;
      mm_Bsub[2 * tileRow + 1][tileCol] = regB1;

      workgroupBarrier();

      regA = mm_readA(batchA, globalRow, globalColA);
      regB0 = mm_readB(batchB, globalRowB + 2 * tileRow, globalCol);
      regB1 = mm_readB(batchB, globalRowB + 2 * tileRow + 1, globalCol);
      globalColA = globalColA + `).concat(tileInner,`;
      globalRowB = globalRowB + `).concat(tileInner,`;

      for (var k = 0; k < `).concat(tileInner,`; k = k + 1) {
        acc = acc + mm_Asub[tileRow][k] * mm_Bsub[k][tileCol];
      }
      workgroupBarrier();
    }

    mm_write(batch, globalRow, globalCol, acc);
  }
  `)}var MatMulSmallOutputSizeProgram=(function(){function MatMulSmallOutputSizeProgram2(aShape,bShape,outputShape,transposeA,transposeB,bias,activation,preluActivationWeights){transposeA===void 0&&(transposeA=!1),transposeB===void 0&&(transposeB=!1),bias===void 0&&(bias=null),activation===void 0&&(activation=null),preluActivationWeights===void 0&&(preluActivationWeights=null),this.variableNames=["A","B"],this.uniforms="dimAOuter : i32, dimBOuter : i32, dimInner : i32,",this.workgroupSize=[16,8,1],this.outputShape=outputShape,this.dispatchLayout={x:[2],y:[1],z:[0]},this.dispatch=[Math.ceil(outputShape[2]/this.workgroupSize[0]),Math.ceil(outputShape[1]/this.workgroupSize[1]),outputShape[0]];var addBias=bias!=null;addBias&&this.variableNames.push("bias");var hasPreluActivationWeights=preluActivationWeights!=null;hasPreluActivationWeights&&this.variableNames.push("preluActivationWeights"),this.transposeA=transposeA,this.transposeB=transposeB,this.addBias=addBias,this.activation=activation,this.hasPreluActivationWeights=hasPreluActivationWeights,this.shaderKey="matMulSmallOutputSize_".concat(this.activation,"_").concat(transposeA,"_").concat(transposeB)}return MatMulSmallOutputSizeProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(activationFnSnippet(this.activation,this.hasPreluActivationWeights),`
      `).concat(matMulReadWriteFnSource(this.addBias,this.activation,this.transposeA,this.transposeB),`
      `).concat(makeMatMulSmallOutputSizeSource(this.workgroupSize),`
    `);return userCode},MatMulSmallOutputSizeProgram2})();var MatMulSplitKProgram=(function(){function MatMulSplitKProgram2(outputShape,dimInner,transposeA,transposeB){transposeA===void 0&&(transposeA=!1),transposeB===void 0&&(transposeB=!1),this.variableNames=["A","B"],this.uniforms="dimAOuter : i32, dimBOuter : i32, dimInner : i32,",this.workgroupSize=[8,8,1],this.atomic=!0,this.splitedDimInner=128,tf.util.assert(outputShape[0]===1,function(){return"MatMulSplitKProgram only supports batch = 1."}),this.outputShape=outputShape,this.dispatchLayout={x:[2],y:[1],z:[0,3]};var isVec4=(transposeA&&this.outputShape[1]%4===0||!transposeA&&dimInner%4===0)&&this.outputShape[2]%4===0;this.elementsPerThread=[4,4,this.splitedDimInner],this.outputComponent=isVec4?4:1,isVec4||(this.outputShape[1]<16&&(this.elementsPerThread[1]=1),this.outputShape[2]<16&&(this.elementsPerThread[0]=1)),this.dispatch=computeDispatch(this.dispatchLayout,[this.outputShape[0],this.outputShape[1],this.outputShape[2],dimInner],this.workgroupSize,this.elementsPerThread),this.transposeA=transposeA,this.transposeB=transposeB,this.shaderKey="matMulSplitK_".concat(transposeA,"_").concat(transposeB,"_").concat(this.elementsPerThread,"_").concat(this.outputComponent)}return MatMulSplitKProgram2.prototype.getUserCode=function(){var component=this.outputComponent,userCode=`
      `.concat(matMulReadFnSource(!1,this.transposeB,!1,!1,!1,component),`
      fn mm_write(batch: i32, row : i32, col : i32, value : `).concat(typeSnippet(component),`) {
        if (row < uniforms.dimAOuter && col < uniforms.dimBOuter) {
          let coords = vec3<i32>(batch, row, col);
          let flatIndex = getOutputIndexFromCoords(coords);
          // The problem is that we should initialize output to zero before using.
          // Otherwise, the original value will be added to the result.
          for (var i = 0; i < `).concat(component,`; i = i + 1) {
            `).concat(atomicAddSnippet("&result[flatIndex + i]","".concat(component>1?"value[i]":"value"),"float32"),`
          }
        }
      }
      `).concat(component===4?makeMatMulPackedVec4Source(this.elementsPerThread,this.workgroupSize,this.transposeA,32,!0,this.splitedDimInner):makeMatMulPackedSource(this.elementsPerThread,this.workgroupSize,this.transposeA,32,!0,this.splitedDimInner),`
    `);return userCode},MatMulSplitKProgram2})(),BiasActivationProgram=(function(){function BiasActivationProgram2(outputShape,bias,activation,preluActivationWeights){bias===void 0&&(bias=null),activation===void 0&&(activation=null),preluActivationWeights===void 0&&(preluActivationWeights=null),this.uniforms="",this.variableNames=["x"],this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=outputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.addBias=bias!=null,this.hasPreluActivationWeights=preluActivationWeights!=null,this.activation=activation,this.addBias&&this.variableNames.push("bias"),this.hasPreluActivationWeights&&this.variableNames.push("preluActivationWeights"),this.shaderKey="biasActivation_".concat(activation)}return BiasActivationProgram2.prototype.getUserCode=function(){return`
    `.concat(activationFnSnippet(this.activation,this.hasPreluActivationWeights),`
    `).concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let coords = getCoordsFromIndex(index);
        var value = getXByOutputIndex(index);
        `).concat(biasActivationSnippet(this.addBias,this.activation),`
        setOutputAtIndex(index, value);
      }
    }
    `)},BiasActivationProgram2})();var FillProgram=(function(){function FillProgram2(shape){this.variableNames=[],this.outputShape=[],this.uniforms="value : f32,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=shape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="fill"}return FillProgram2.prototype.getUserCode=function(){var userCode=`
    `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        setOutputAtIndex(index, uniforms.value);
      }
    }
  `);return userCode},FillProgram2})();function fill(args){var backend=args.backend,attrs=args.attrs,shape=attrs.shape,value=attrs.value,dtype=attrs.dtype;if(dtype=dtype||tf.util.inferDtype(value),dtype==="string"){var values=tf.util.getArrayFromDType(dtype,tf.util.sizeFromShape(shape));return values.fill(value),backend.makeTensorInfo(shape,dtype,values)}else{var program=new FillProgram(shape),uniformData=[{type:"float32",data:[value]}];return backend.runWebGPUProgram(program,[],dtype,uniformData)}}var fillConfig={kernelName:tf.Fill,backendName:"webgpu",kernelFunc:fill};function reshape(args){var inputs=args.inputs,attrs=args.attrs,x=inputs.x,shape=attrs.shape,xSize=tf.util.sizeFromShape(x.shape),$shape=tf.util.inferFromImplicitShape(shape,xSize),$xSize=tf.util.sizeFromShape($shape);return tf.util.assert(xSize===$xSize,function(){return"The new shape (".concat($shape,") has ").concat($xSize," elements and the old ")+"shape (".concat(x.shape,") has ").concat(xSize," elements. The new shape and old ")+"shape must have the same number of elements."}),args.backend.incRef(x.dataId),{dataId:x.dataId,shape:$shape,dtype:x.dtype}}var reshapeConfig={kernelName:tf.Reshape,backendName:"webgpu",kernelFunc:reshape};function batchMatMulImpl(_a2){var e_12,_b,e_2,_c,a=_a2.a,b=_a2.b,transposeA=_a2.transposeA,transposeB=_a2.transposeB,backend=_a2.backend,_d=_a2.bias,bias=_d===void 0?null:_d,_e=_a2.preluActivationWeights,preluActivationWeights=_e===void 0?null:_e,_f=_a2.leakyreluAlpha,leakyreluAlpha=_f===void 0?0:_f,_g=_a2.activation,activation=_g===void 0?null:_g,aRank=a.shape.length,bRank=b.shape.length,innerShapeA=transposeA?a.shape[aRank-2]:a.shape[aRank-1],innerShapeB=transposeB?b.shape[bRank-1]:b.shape[bRank-2],outerShapeA=transposeA?a.shape[aRank-1]:a.shape[aRank-2],outerShapeB=transposeB?b.shape[bRank-2]:b.shape[bRank-1],outerDimsA=a.shape.slice(0,-2),outerDimsB=b.shape.slice(0,-2),batchDimA=tf.util.sizeFromShape(outerDimsA),batchDimB=tf.util.sizeFromShape(outerDimsB),outShapeOuterDims=tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0,-2),b.shape.slice(0,-2)),outShape=outShapeOuterDims.concat([outerShapeA,outerShapeB]);tf.util.assert(innerShapeA===innerShapeB,function(){return"Error in matMul: inner shapes (".concat(innerShapeA,") and (")+"".concat(innerShapeB,") of Tensors with shapes ").concat(a.shape," and ")+"".concat(b.shape," and transposeA=").concat(transposeA)+" and transposeB=".concat(transposeB," must match.")});var a3dShape=transposeA?[batchDimA,innerShapeA,outerShapeA]:[batchDimA,outerShapeA,innerShapeA],b3dShape=transposeB?[batchDimB,outerShapeB,innerShapeB]:[batchDimB,innerShapeB,outerShapeB],a3d=reshape({inputs:{x:a},backend,attrs:{shape:a3dShape}}),b3d=reshape({inputs:{x:b},backend,attrs:{shape:b3dShape}}),intermediates=[a3d,b3d],batchDim=Math.max(batchDimA,batchDimB),inputs=[a3d,b3d],dimensions=[{type:"int32",data:[outerShapeA]},{type:"int32",data:[outerShapeB]},{type:"int32",data:[innerShapeA]}],program,out,outputShape=[batchDim,outerShapeA,outerShapeB],matmulProgramType=tf.env().get("WEBGPU_MATMUL_PROGRAM_TYPE");if(matmulProgramType<0){var thresholdFlagValue=tf.env().getNumber("WEBGPU_THRESHOLD_TO_INCREASE_WORKGROUPS_FOR_MATMUL"),thresholdToIncreaseWorkgroups=thresholdFlagValue>0?thresholdFlagValue:backend.thresholdToIncreaseWorkgroups,workgroupsBy32x32=batchDim*Math.ceil(outerShapeA/32)*Math.ceil(outerShapeB/32),hasFewWorkgroups=workgroupsBy32x32<=thresholdToIncreaseWorkgroups||outerShapeA<=8&&workgroupsBy32x32<=thresholdToIncreaseWorkgroups*2;hasFewWorkgroups?batchDim*outerShapeA*outerShapeB<=128?matmulProgramType=MatMulProgramType.MatMulReduceProgram:batchDim===1&&innerShapeB>=2e3?matmulProgramType=MatMulProgramType.MatMulSplitKProgram:matmulProgramType=MatMulProgramType.MatMulSmallOutputSizeProgram:matmulProgramType=MatMulProgramType.MatMulPackedProgram}switch(matmulProgramType){case MatMulProgramType.MatMulReduceProgram:program=new MatMulReduceProgram(outputShape,transposeA,transposeB,bias,activation,preluActivationWeights);break;case MatMulProgramType.MatMulSplitKProgram:{if(out=fill({backend,attrs:{shape:outputShape,value:0,dtype:a.dtype}}),program=new MatMulSplitKProgram(outputShape,innerShapeB,transposeA,transposeB),bias||activation){out=backend.runWebGPUProgram(program,inputs,a.dtype,dimensions,out);var biasActivationProgram=new BiasActivationProgram(out.shape,bias,activation,preluActivationWeights),uniformData=null,activationInputs=[out];bias&&activationInputs.push(bias),preluActivationWeights&&activationInputs.push(preluActivationWeights),activation==="leakyrelu"&&(uniformData=[{type:"float32",data:[leakyreluAlpha]}],biasActivationProgram.uniforms+=" alpha : f32,");var outActivated=backend.runWebGPUProgram(biasActivationProgram,activationInputs,out.dtype,uniformData);intermediates.push(out);var outReshaped_1=reshape({inputs:{x:outActivated},backend,attrs:{shape:outShape}});intermediates.push(outActivated);try{for(var intermediates_1=__values(intermediates),intermediates_1_1=intermediates_1.next();!intermediates_1_1.done;intermediates_1_1=intermediates_1.next()){var i=intermediates_1_1.value;backend.disposeData(i.dataId)}}catch(e_1_1){e_12={error:e_1_1}}finally{try{intermediates_1_1&&!intermediates_1_1.done&&(_b=intermediates_1.return)&&_b.call(intermediates_1)}finally{if(e_12)throw e_12.error}}return outReshaped_1}break}case MatMulProgramType.MatMulSmallOutputSizeProgram:program=new MatMulSmallOutputSizeProgram(a3dShape,b3dShape,outputShape,transposeA,transposeB,bias,activation,preluActivationWeights);break;case MatMulProgramType.MatMulPackedProgram:var sequentialAccessByThreads=backend.adapterInfo.isIntel();program=new MatMulPackedProgram(a3dShape,outputShape,transposeA,transposeB,bias,activation,preluActivationWeights,sequentialAccessByThreads);break;default:throw new Error("Unsupported MatMulProgramType ".concat(matmulProgramType,"."))}bias&&inputs.push(bias),preluActivationWeights&&inputs.push(preluActivationWeights),activation==="leakyrelu"&&(dimensions.push({type:"float32",data:[leakyreluAlpha]}),program.uniforms+=" alpha : f32,"),out=backend.runWebGPUProgram(program,inputs,a.dtype,dimensions,out);var outReshaped=reshape({inputs:{x:out},backend,attrs:{shape:outShape}});intermediates.push(out);try{for(var intermediates_2=__values(intermediates),intermediates_2_1=intermediates_2.next();!intermediates_2_1.done;intermediates_2_1=intermediates_2.next()){var i=intermediates_2_1.value;backend.disposeData(i.dataId)}}catch(e_2_1){e_2={error:e_2_1}}finally{try{intermediates_2_1&&!intermediates_2_1.done&&(_c=intermediates_2.return)&&_c.call(intermediates_2)}finally{if(e_2)throw e_2.error}}return outReshaped}function _fusedMatMul(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,a=inputs.a,b=inputs.b,bias=inputs.bias,preluActivationWeights=inputs.preluActivationWeights,transposeA=attrs.transposeA,transposeB=attrs.transposeB,activation=attrs.activation,leakyreluAlpha=attrs.leakyreluAlpha;return batchMatMulImpl({a,b,transposeA,transposeB,backend,bias,preluActivationWeights,leakyreluAlpha,activation})}var _fusedMatMulConfig={kernelName:tf._FusedMatMul,backendName:"webgpu",kernelFunc:_fusedMatMul};var BinaryOpComplexProgram=(function(){function BinaryOpComplexProgram2(op,aShape,bShape){this.variableNames=["AReal","AImag","BReal","BImag"],this.workgroupSize=[128,1,1],this.size=!0,this.outputShape=tf.backend_util.assertAndGetBroadcastShape(aShape,bShape),this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="binaryOpComplex_".concat(op),this.op=op}return BinaryOpComplexProgram2.prototype.getUserCode=function(){var opStr=getBinaryOpString(this.op,!1),userCode=`
      fn binaryOpComplex(
          areal : f32, aimag : f32, breal : f32, bimag : f32) -> f32 {
        `.concat(opStr,`
      }

      `).concat(getMainHeaderString("index"),` {
        if(index < uniforms.size) {
          let areal = getARealByOutputIndex(index);
          let aimag = getAImagByOutputIndex(index);
          let breal = getBRealByOutputIndex(index);
          let bimag = getBImagByOutputIndex(index);
          setOutputAtIndex(index, binaryOpComplex(areal, aimag, breal, bimag));
        }
      }
    `);return userCode},BinaryOpComplexProgram2})();var BinaryOpProgram=(function(){function BinaryOpProgram2(op,aShape,bShape){if(this.size=!0,this.variableNames=["A","B"],this.outputShape=tf.backend_util.assertAndGetBroadcastShape(aShape,bShape),this.dispatchLayout=flatDispatchLayout(this.outputShape),this.op=op,this.useSharedMemoryWithA=aShape.length<=1&&bShape.length>1&&aShape[0]<128,this.useSharedMemoryWithB=bShape.length<=1&&aShape.length>1&&bShape[0]<128,this.useSharedMemoryWithA||this.useSharedMemoryWithB)this.outputComponent=1,this.variableComponents=[1,1],this.lastDimensionSize=this.useSharedMemoryWithB?bShape[0]:aShape[0],this.shaderKey="binary_".concat(op,"_").concat(this.lastDimensionSize),this.type="shared",this.workgroupSize=[256,1,1];else{var aDivisibleBy4=aShape.length>0&&aShape[aShape.length-1]%4===0,bDivisibleBy4=bShape.length>0&&bShape[bShape.length-1]%4===0;aDivisibleBy4&&bDivisibleBy4?(this.outputComponent=4,this.variableComponents=[4,4]):aDivisibleBy4&&(tf.util.isScalarShape(bShape)||bShape[bShape.length-1]===1)||bDivisibleBy4&&(tf.util.isScalarShape(aShape)||aShape[aShape.length-1]===1)?(this.outputComponent=4,this.variableComponents=aDivisibleBy4?[4,1]:[1,4]):(this.outputComponent=1,this.variableComponents=[1,1]),this.type="nonshared",this.shaderKey="binary_".concat(op,"_").concat(this.variableComponents),this.workgroupSize=[128,1,1]}this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize,[this.outputComponent,1,1])}return BinaryOpProgram2.prototype.getUserCode=function(){var userCode,dType=this.outputComponent===4?"vec4<f32>":"f32",opFnStr=`
    fn binaryOperation(a : `.concat(dType,", b : ").concat(dType,") -> ").concat(dType,` {
      `).concat(getBinaryOpString(this.op,this.outputComponent===4),`
    };
    `);if(this.type==="shared"){var sharedIndexSnippet=this.lastDimensionSize>1?"coords[".concat(this.outputShape.length-1,"]"):"0",accessDataSnippet=this.useSharedMemoryWithB?`let a = getAByOutputIndex(index);
          let b = sharedBuf[`.concat(sharedIndexSnippet,"];"):"let a = sharedBuf[".concat(sharedIndexSnippet,`];
          let b = getBByOutputIndex(index);`);userCode=`
        `.concat(opFnStr,`
        var<workgroup> sharedBuf : array<f32, `).concat(this.lastDimensionSize,`>;
        `).concat(getMainHeaderString("index"),` {
          // Fill in the shared memory buffer.
          let localIndex = i32(localId.x);
          if(localIndex < `).concat(this.lastDimensionSize,`) {
            sharedBuf[localIndex] = f32(`).concat(this.useSharedMemoryWithB?"B":"A",`[localIndex]);
          }
          workgroupBarrier();

          if(index < uniforms.size) {
            let coords = getCoordsFromIndex(index);
            `).concat(accessDataSnippet,`
            setOutputAtIndex(index, binaryOperation(a, b));
          }
        }
        `)}else userCode=`
       `.concat(opFnStr,`
       `).concat(getMainHeaderString("index"),` {
         if (index < uniforms.size) {
           let coords = getCoordsFromIndex(index * `).concat(this.outputComponent,`);
           let a = `).concat(dType,`(getAByOutputCoords(coords));
           let b = `).concat(dType,`(getBByOutputCoords(coords));
           setOutputAtIndex(index, binaryOperation(a, b));
         }
       }
       `);return userCode},BinaryOpProgram2})();function identity(args){var inputs=args.inputs,x=inputs.x;return args.backend.incRef(x.dataId),{dataId:x.dataId,shape:x.shape,dtype:x.dtype}}var identityConfig={kernelName:tf.Identity,backendName:"webgpu",kernelFunc:identity};function complex(args){var inputs=args.inputs,backend=args.backend,real2=inputs.real,imag2=inputs.imag,complexInfo=backend.makeTensorInfo(real2.shape,"complex64"),complex2=backend.tensorMap.get(complexInfo.dataId),realTensorInfo=identity({inputs:{x:real2},backend}),imagTensorInfo=identity({inputs:{x:imag2},backend});return complex2.complexTensorInfos={real:realTensorInfo,imag:imagTensorInfo},complexInfo}var complexConfig={kernelName:tf.Complex,backendName:"webgpu",kernelFunc:complex};var UnaryOpProgram=(function(){function UnaryOpProgram2(outputShape,op,uniforms){uniforms===void 0&&(uniforms=""),this.variableNames=["A"],this.size=!0;var workgroupSizeX=128;this.workgroupSize=[workgroupSizeX,1,1],this.outputShape=outputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.op=op,uniforms!==""&&(this.uniforms=uniforms),this.shaderKey="unary_".concat(op)}return UnaryOpProgram2.prototype.getUserCode=function(){return`
      fn unaryOperation(a : f32) -> f32 {
        `.concat(getUnaryOpString(this.op,!1),`
      }
      `).concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let a = getAByOutputIndex(index);
          setOutputAtIndex(index, unaryOperation(a));
        }
      }
      `)},UnaryOpProgram2})();function unaryKernelFunc(_a2){var opType=_a2.opType,cpuKernelImpl=_a2.cpuKernelImpl,dtype=_a2.dtype;return function(_a3){var inputs=_a3.inputs,backend=_a3.backend,x=inputs.x,webgpuBackend=backend,$dtype=dtype||x.dtype;if(webgpuBackend.shouldExecuteOnCPU([x])&&cpuKernelImpl!=null){var xData=webgpuBackend.tensorMap.get(x.dataId),outValues=cpuKernelImpl(xData.values,$dtype);return webgpuBackend.makeTensorInfo(x.shape,$dtype,outValues)}var program=new UnaryOpProgram(x.shape,opType);return webgpuBackend.runWebGPUProgram(program,[x],$dtype)}}function binaryKernelFunc(_a2){var opType=_a2.opType,cpuKernelImpl=_a2.cpuKernelImpl,_b=_a2.supportsComplex,supportsComplex=_b===void 0?!1:_b,dtype=_a2.dtype;return function(_a3){var _b2,inputs=_a3.inputs,backend=_a3.backend,a=inputs.a,b=inputs.b,webgpuBackend=backend;if(supportsComplex&&a.dtype==="complex64"){var aData=webgpuBackend.tensorMap.get(a.dataId),bData=webgpuBackend.tensorMap.get(b.dataId),real2=void 0,imag2=void 0;if(opType!==BinaryOpType.MUL)_b2=__read([[aData.complexTensorInfos.real,bData.complexTensorInfos.real],[aData.complexTensorInfos.imag,bData.complexTensorInfos.imag]].map(function(complexParts){var _a4=__read(complexParts,2),aPart=_a4[0],bPart=_a4[1],aHandle={dataId:aPart.dataId,dtype:aPart.dtype,shape:a.shape},bHandle={dataId:bPart.dataId,dtype:bPart.dtype,shape:b.shape},program2=new BinaryOpProgram(opType,a.shape,b.shape);return webgpuBackend.runWebGPUProgram(program2,[aHandle,bHandle],tf.upcastType(aPart.dtype,bPart.dtype))}),2),real2=_b2[0],imag2=_b2[1];else{var realProgram=new BinaryOpComplexProgram(BinaryOpType.COMPLEX_MULTIPLY_REAL,a.shape,b.shape),imagProgram=new BinaryOpComplexProgram(BinaryOpType.COMPLEX_MULTIPLY_IMAG,a.shape,b.shape),inputs_1=[{dataId:aData.complexTensorInfos.real.dataId,dtype:aData.complexTensorInfos.real.dtype,shape:a.shape},{dataId:aData.complexTensorInfos.imag.dataId,dtype:aData.complexTensorInfos.imag.dtype,shape:a.shape},{dataId:bData.complexTensorInfos.real.dataId,dtype:bData.complexTensorInfos.real.dtype,shape:b.shape},{dataId:bData.complexTensorInfos.imag.dataId,dtype:bData.complexTensorInfos.imag.dtype,shape:b.shape}];real2=webgpuBackend.runWebGPUProgram(realProgram,inputs_1,"float32"),imag2=webgpuBackend.runWebGPUProgram(imagProgram,inputs_1,"float32")}var complexOutput=complex({inputs:{real:real2,imag:imag2},backend:webgpuBackend});return webgpuBackend.disposeData(real2.dataId),webgpuBackend.disposeData(imag2.dataId),complexOutput}var $dtype=dtype||tf.upcastType(a.dtype,b.dtype);if((a.dtype==="string"||b.dtype==="string"||webgpuBackend.shouldExecuteOnCPU([a,b]))&&cpuKernelImpl!=null){var aData=webgpuBackend.tensorMap.get(a.dataId).values,bData=webgpuBackend.tensorMap.get(b.dataId).values,decodedAVals=a.dtype==="string"?tf.backend_util.fromUint8ToStringArray(aData):aData,decodedBVals=a.dtype==="string"?tf.backend_util.fromUint8ToStringArray(bData):bData,_c=__read(cpuKernelImpl(a.shape,b.shape,decodedAVals,decodedBVals,$dtype),2),outValues=_c[0],outShape=_c[1];return webgpuBackend.makeTensorInfo(outShape,$dtype,outValues)}var program=new BinaryOpProgram(opType,a.shape,b.shape);return webgpuBackend.runWebGPUProgram(program,[a,b],$dtype)}}function simpleAbsImpl(vals){for(var resultValues=new Float32Array(vals.length),i=0;i<vals.length;++i)resultValues[i]=Math.abs(vals[i]);return resultValues}function createSimpleBinaryKernelImpl(op){return function(aShape,bShape,aVals,bVals,dtype){var newShape=tf.backend_util.assertAndGetBroadcastShape(aShape,bShape),resultRank=newShape.length,resultStrides=tf.util.computeStrides(newShape),resultSize=tf.util.sizeFromShape(newShape),result=tf.util.getTypedArrayFromDType(dtype,resultSize),aRank=aShape.length,bRank=bShape.length,aStrides=tf.util.computeStrides(aShape),bStrides=tf.util.computeStrides(bShape),aBroadcastDims=tf.backend_util.getBroadcastDims(aShape,newShape),bBroadcastDims=tf.backend_util.getBroadcastDims(bShape,newShape);if(aBroadcastDims.length+bBroadcastDims.length===0)for(var i=0;i<result.length;++i)result[i]=op(aVals[i%aVals.length],bVals[i%bVals.length]);else for(var _loop_1=function(i2){var loc=tf.util.indexToLoc(i2,resultRank,resultStrides),aLoc=loc.slice(-aRank);aBroadcastDims.forEach(function(d){return aLoc[d]=0});var aIndex=tf.util.locToIndex(aLoc,aRank,aStrides),bLoc=loc.slice(-bRank);bBroadcastDims.forEach(function(d){return bLoc[d]=0});var bIndex=tf.util.locToIndex(bLoc,bRank,bStrides);result[i2]=op(aVals[aIndex],bVals[bIndex])},i=0;i<result.length;++i)_loop_1(i);return[result,newShape]}}function castImpl(values,shape,inputType,dtype){if(dtype==="int32"){var resultValues=Int32Array.from(values);return[shape,"int32",resultValues]}if(dtype==="bool"){var zero=tf.util.toTypedArray([0],inputType),_a2=__read(createSimpleBinaryKernelImpl(function(a,b){return a!==b?1:0})(shape,[],values,zero,"bool"),2),resultData=_a2[0],resultShape=_a2[1];return[resultShape,"bool",resultData]}throw new Error("Error in Cast: failed to cast ".concat(inputType," to ").concat(dtype))}var addImpl=createSimpleBinaryKernelImpl((function(a,b){return a+b}));function createSimpleUnaryImpl(op){return function(values,dtype,attrs){for(var newValues=tf.util.getArrayFromDType(dtype,values.length),i=0;i<values.length;++i)newValues[i]=op(values[i],attrs);return newValues}}var ceilImpl=createSimpleUnaryImpl(function(xi){return Math.ceil(xi)});function concatImpl$1(inputs,outShape,dtype,simplyConcat){var outVals=tf.util.getArrayFromDType(dtype,tf.util.sizeFromShape(outShape));if(simplyConcat&&dtype!=="string"){var offset_1=0;inputs.forEach(function(input){var size=tf.util.sizeFromShape(input.shape);outVals.set(input.vals,offset_1),offset_1+=size})}else{var colOffset_1=0;inputs.forEach(function(input){for(var decodedData=dtype==="string"?tf.backend_util.fromUint8ToStringArray(input.vals):input.vals,tIdx=0,row=0;row<input.shape[0];++row)for(var resIdx=row*outShape[1]+colOffset_1,col=0;col<input.shape[1];++col)outVals[resIdx+col]=decodedData[tIdx++];colOffset_1+=input.shape[1]})}return outVals}var equalImpl=createSimpleBinaryKernelImpl(function(a,b){return a===b?1:0});var expImpl=createSimpleUnaryImpl(function(xi){return Math.exp(xi)});var expm1Impl=createSimpleUnaryImpl(function(xi){return Math.expm1(xi)});var floorImpl=createSimpleUnaryImpl(function(xi){return Math.floor(xi)});var floorDivImpl=createSimpleBinaryKernelImpl(function(a,b){return Math.floor(a/b)});function gatherNdImpl(indicesData,paramsBuf,dtype,numSlices,sliceRank,sliceSize,strides,paramsShape,paramsSize){for(var outBuf=tf.buffer([numSlices,sliceSize],dtype),i=0;i<numSlices;i++){for(var index=[],flattenIndex=0,j=0;j<sliceRank;j++){var dim=indicesData[i*sliceRank+j];flattenIndex+=dim*strides[j],index.push(dim)}if(flattenIndex<0||flattenIndex>=paramsSize/sliceSize)throw new Error("Invalid indices: ".concat(index," does not index into ").concat(paramsShape));for(var k=0;k<sliceSize;k++)outBuf.values[i*sliceSize+k]=paramsBuf.get.apply(paramsBuf,__spreadArray([],__read(paramsBuf.indexToLoc(flattenIndex*sliceSize+k)),!1))}return outBuf}function gatherV2Impl(xBuf,indicesBuf,flattenOutputShape){for(var outBuf=tf.buffer(flattenOutputShape,xBuf.dtype),i=0;i<outBuf.size;++i){var newLoc=outBuf.indexToLoc(i),originalLoc=newLoc.slice(),batchIdx=originalLoc[0],indicesIdx=originalLoc[2],indicesIndex=indicesBuf.locToIndex([batchIdx,indicesIdx]);originalLoc[2]=indicesBuf.values[indicesIndex];var originalIndex=xBuf.locToIndex(originalLoc);0<=originalIndex&&originalIndex<xBuf.values.length&&(outBuf.values[i]=xBuf.values[originalIndex])}return outBuf}var greaterImpl=createSimpleBinaryKernelImpl(function(a,b){return a>b?1:0});var greaterEqualImpl=createSimpleBinaryKernelImpl(function(a,b){return a>=b?1:0});var lessImpl=createSimpleBinaryKernelImpl(function(a,b){return a<b?1:0});var lessEqualImpl=createSimpleBinaryKernelImpl(function(a,b){return a<=b?1:0});var logImpl=createSimpleUnaryImpl(function(xi){return Math.log(xi)});function maxImpl(aVals,reduceSize,outShape,dtype){for(var vals=tf.util.getTypedArrayFromDType(dtype,tf.util.sizeFromShape(outShape)),i=0;i<vals.length;++i){for(var offset=i*reduceSize,max2=aVals[offset],j=0;j<reduceSize;++j){var value=aVals[offset+j];(Number.isNaN(value)||value>max2)&&(max2=value)}vals[i]=max2}return vals}var maximumImpl=createSimpleBinaryKernelImpl((function(aValue,bValue){return Math.max(aValue,bValue)}));var minimumImpl=createSimpleBinaryKernelImpl((function(aValue,bValue){return Math.min(aValue,bValue)}));var multiplyImpl=createSimpleBinaryKernelImpl((function(aValue,bValue){return aValue*bValue}));function negImpl(xVals,xShape,xDtype){var minusOne=tf.util.createScalarValue(-1,xDtype);return multiplyImpl([],xShape,minusOne,xVals,xDtype)}var notEqualImpl=createSimpleBinaryKernelImpl((function(a,b){return a!==b?1:0}));function transposeImpl(xVals,xShape,dtype,perm,newShape){for(var xRank=xShape.length,xSize=tf.util.sizeFromShape(xShape),xStrides=tf.util.computeStrides(xShape),newStrides=tf.util.computeStrides(newShape),result=tf.util.getTypedArrayFromDType(dtype,tf.util.sizeFromShape(newShape)),i=0;i<xSize;++i){for(var loc=tf.util.indexToLoc(i,xRank,xStrides),newLoc=new Array(loc.length),i_1=0;i_1<newLoc.length;i_1++)newLoc[i_1]=loc[perm[i_1]];var newIndex=tf.util.locToIndex(newLoc,xRank,newStrides);result[newIndex]=xVals[i]}return result}function prodImpl(xShape,xDtype,xVals,reductionAxes){for(var _a2=__read(tf.backend_util.computeOutAndReduceShapes(xShape,reductionAxes),2),outShape=_a2[0],reduceShape=_a2[1],outDtype=tf.upcastType(xDtype,"int32"),outVals=tf.util.makeZerosTypedArray(tf.util.sizeFromShape(outShape),outDtype),reduceSize=tf.util.sizeFromShape(reduceShape),i=0;i<outVals.length;++i){for(var offset=i*reduceSize,prod_1=1,j=0;j<reduceSize;++j)prod_1*=xVals[offset+j];outVals[i]=prod_1}return{outVals,outShape,outDtype}}tf.backend_util.RowPartitionType;function rangeImpl(start,stop,step2,dtype){var sameStartStop=start===stop,increasingRangeNegativeStep=start<stop&&step2<0,decreasingRangePositiveStep=stop<start&&step2>1;if(sameStartStop||increasingRangeNegativeStep||decreasingRangePositiveStep)return tf.util.makeZerosTypedArray(0,dtype);var numElements=Math.abs(Math.ceil((stop-start)/step2)),values=tf.util.makeZerosTypedArray(numElements,dtype);stop<start&&step2===1&&(step2=-1),values[0]=start;for(var i=1;i<values.length;i++)values[i]=values[i-1]+step2;return values}var rsqrtImpl=createSimpleUnaryImpl(function(xi){return 1/Math.sqrt(xi)});function scatterImpl(indices,updates,shape,outputSize,sliceSize,numUpdates,sliceRank,strides,defaultValue,sumDupeIndices){var flattenShape=[outputSize/sliceSize,sliceSize],indicesData=indices.values,updatesData=updates.values;if(outputSize===0)return tf.buffer(shape,updates.dtype);var outBuf=defaultValue instanceof tf.TensorBuffer?defaultValue:tf.buffer(flattenShape,updates.dtype);typeof defaultValue=="string"||typeof defaultValue=="number"?outBuf.values.fill(defaultValue):typeof defaultValue=="boolean"&&outBuf.values.fill(+defaultValue);for(var i=0;i<numUpdates;i++){for(var index=[],flattenIndex=0,j=0;j<sliceRank;j++){var dim=indicesData[i*sliceRank+j];index.push(dim),flattenIndex+=dim*strides[j]}if(flattenIndex<0||flattenIndex>=outputSize/sliceSize)throw new Error("Invalid indices: ".concat(index," does not index into ").concat(shape));for(var k=0;k<sliceSize;k++)sumDupeIndices?outBuf.values[flattenIndex*sliceSize+k]+=updatesData[i*sliceSize+k]:outBuf.values[flattenIndex*sliceSize+k]=updates.rank===0?updatesData[0]:updatesData[i*sliceSize+k]}return outBuf}function sliceImpl(vals,begin,size,shape,dtype){var isContinous=tf.slice_util.isSliceContinous(shape,begin,size),length=tf.util.sizeFromShape(size),xStrides=tf.util.computeStrides(shape);if(isContinous){var flatOffset=tf.slice_util.computeFlatOffset(begin,xStrides);return dtype==="string"?vals.slice(flatOffset,flatOffset+length):vals.subarray(flatOffset,flatOffset+length)}for(var decodedData=dtype==="string"?tf.backend_util.fromUint8ToStringArray(vals):vals,inBuf=tf.buffer(shape,dtype,decodedData),outBuf=tf.buffer(size,dtype),i=0;i<outBuf.size;++i){var outLoc=outBuf.indexToLoc(i),inLoc=outLoc.map(function(idx,j){return idx+begin[j]});outBuf.set.apply(outBuf,__spreadArray([inBuf.get.apply(inBuf,__spreadArray([],__read(inLoc),!1))],__read(outLoc),!1))}return dtype==="string"?tf.backend_util.fromStringArrayToUint8(outBuf.values):outBuf.values}function stridedSliceImpl(outShape,xBuf,strides,begin){for(var outBuf=tf.buffer(outShape,xBuf.dtype),i=0;i<outBuf.size;i++){for(var loc=outBuf.indexToLoc(i),newLoc=new Array(loc.length),j=0;j<newLoc.length;j++)newLoc[j]=loc[j]*strides[j]+begin[j];outBuf.set.apply(outBuf,__spreadArray([xBuf.get.apply(xBuf,__spreadArray([],__read(newLoc),!1))],__read(loc),!1))}return outBuf}var StringNGramsOp=(function(){function StringNGramsOp2(separator,nGramWidths,leftPad,rightPad,padWidth,preserveShortSequences){this.separator=tf.util.encodeString(separator),this.nGramWidths=nGramWidths,this.leftPad=tf.util.encodeString(leftPad),this.rightPad=tf.util.encodeString(rightPad),this.padWidth=padWidth,this.preserveShort=preserveShortSequences}return StringNGramsOp2.prototype.getPadWidth=function(nGramWidth){return Math.min(this.padWidth<0?nGramWidth-1:this.padWidth,nGramWidth-1)},StringNGramsOp2.prototype.getNumNGrams=function(length,nGramWidth){var padWidth=this.getPadWidth(nGramWidth);return Math.max(0,length+2*padWidth-nGramWidth+1)},StringNGramsOp2.prototype.createNGrams=function(data,splitIndex,output,outputStartIndex,numNGrams,nGramWidth){for(var _loop_1=function(nGramIndex2){var padWidth=this_1.getPadWidth(nGramWidth),leftPadding=Math.max(0,padWidth-nGramIndex2),rightPadding=Math.max(0,padWidth-(numNGrams-(nGramIndex2+1))),numTokens=nGramWidth-(leftPadding+rightPadding),dataStartIndex=splitIndex+(leftPadding>0?0:nGramIndex2-padWidth),nGramSize=0;nGramSize+=leftPadding*this_1.leftPad.length;for(var n=0;n<numTokens;++n)nGramSize+=data[dataStartIndex+n].length;nGramSize+=rightPadding*this_1.rightPad.length;var numSeparators=leftPadding+rightPadding+numTokens-1;nGramSize+=numSeparators*this_1.separator.length,output[outputStartIndex+nGramIndex2]=new Uint8Array(nGramSize);for(var nGram=output[outputStartIndex+nGramIndex2],nextNGramIndex=0,appendToNGram=function(str){return str.forEach(function(value){return nGram[nextNGramIndex++]=value})},n=0;n<leftPadding;++n)appendToNGram(this_1.leftPad),appendToNGram(this_1.separator);for(var n=0;n<numTokens-1;++n)appendToNGram(data[dataStartIndex+n]),appendToNGram(this_1.separator);if(numTokens>0){appendToNGram(data[dataStartIndex+numTokens-1]);for(var n=0;n<rightPadding;++n)appendToNGram(this_1.separator),appendToNGram(this_1.rightPad)}else{for(var n=0;n<rightPadding-1;++n)appendToNGram(this_1.rightPad),appendToNGram(this_1.separator);appendToNGram(this_1.rightPad)}},this_1=this,nGramIndex=0;nGramIndex<numNGrams;++nGramIndex)_loop_1(nGramIndex)},StringNGramsOp2.prototype.compute=function(data,splits){var _this=this,inputDataSize=data.length,splitsSize=splits.length;if(splitsSize>0){var prevSplit=splits[0];if(prevSplit!==0)throw new Error("First split value must be 0, got ".concat(prevSplit));for(var i=1;i<splitsSize;++i){var validSplits=splits[i]>=prevSplit;if(validSplits=validSplits&&splits[i]<=inputDataSize,!validSplits)throw new Error("Invalid split value ".concat(splits[i],", must be in [").concat(prevSplit,", ").concat(inputDataSize,"]"));prevSplit=splits[i]}if(prevSplit!==inputDataSize)throw new Error("Last split value must be data size. Expected ".concat(inputDataSize,", got ").concat(prevSplit))}var numBatchItems=splitsSize-1,nGramsSplits=tf.util.getArrayFromDType("int32",splitsSize);if(inputDataSize===0||splitsSize===0){for(var empty=new Array(inputDataSize),i=0;i<=numBatchItems;++i)nGramsSplits[i]=0;return[empty,nGramsSplits]}nGramsSplits[0]=0;for(var _loop_2=function(i2){var length=splits[i2]-splits[i2-1],numNGrams=0;this_2.nGramWidths.forEach(function(nGramWidth){numNGrams+=_this.getNumNGrams(length,nGramWidth)}),this_2.preserveShort&&length>0&&numNGrams===0&&(numNGrams=1),nGramsSplits[i2]=nGramsSplits[i2-1]+numNGrams},this_2=this,i=1;i<=numBatchItems;++i)_loop_2(i);for(var nGrams=new Array(nGramsSplits[numBatchItems]),_loop_3=function(i2){var splitIndex=splits[i2],outputStartIdx=nGramsSplits[i2];if(this_3.nGramWidths.forEach(function(nGramWidth2){var length=splits[i2+1]-splits[i2],numNGrams2=_this.getNumNGrams(length,nGramWidth2);_this.createNGrams(data,splitIndex,nGrams,outputStartIdx,numNGrams2,nGramWidth2),outputStartIdx+=numNGrams2}),this_3.preserveShort&&outputStartIdx===nGramsSplits[i2]){var dataLength=splits[i2+1]-splits[i2];if(dataLength===0)return"continue";var nGramWidth=dataLength+2*this_3.padWidth,numNGrams=1;this_3.createNGrams(data,splitIndex,nGrams,outputStartIdx,numNGrams,nGramWidth)}},this_3=this,i=0;i<numBatchItems;++i)_loop_3(i);return[nGrams,nGramsSplits]},StringNGramsOp2})();function stringNGramsImpl(data,dataSplits,separator,nGramWidths,leftPad,rightPad,padWidth,preserveShortSequences){return new StringNGramsOp(separator,nGramWidths,leftPad,rightPad,padWidth,preserveShortSequences).compute(data,dataSplits)}var subImpl=createSimpleBinaryKernelImpl((function(aValue,bValue){return aValue-bValue}));function tileImpl(xBuf,reps){for(var newShape=new Array(xBuf.rank),i=0;i<newShape.length;i++)newShape[i]=xBuf.shape[i]*reps[i];for(var result=tf.buffer(newShape,xBuf.dtype),i=0;i<result.values.length;++i){for(var newLoc=result.indexToLoc(i),originalLoc=new Array(xBuf.rank),j=0;j<originalLoc.length;j++)originalLoc[j]=newLoc[j]%xBuf.shape[j];var originalIndex=xBuf.locToIndex(originalLoc);result.values[i]=xBuf.values[originalIndex]}return result}var comparePair=function(a,b){var valueDiff=b.value-a.value;return valueDiff===0?a.index-b.index:valueDiff};function select$1(array,k,left,right){for(left===void 0&&(left=0),right===void 0&&(right=array.length-1);right>left;){if(right-left>600){var n=right-left+1,i_1=k-left+1,z=Math.log(n),s=.5*Math.exp(2*z/3),sd=.5*Math.sqrt(z*s*(n-s)/n)*Math.sign(i_1-n/2),newLeft=Math.max(left,Math.floor(k-i_1*s/n+sd)),newRight=Math.min(right,Math.floor(k+(n-i_1)*s/n+sd));select$1(array,k,newLeft,newRight)}var t=array[k],i=left,j=right;for(tf.util.swap(array,left,k),comparePair(array[right],t)>0&&tf.util.swap(array,left,right);i<j;){for(tf.util.swap(array,i,j),i++,j--;comparePair(array[i],t)<0;)i=i+1;for(;comparePair(array[j],t)>0;)j=j-1}comparePair(array[left],t)===0?tf.util.swap(array,left,j):(j=j+1,tf.util.swap(array,j,right)),j<=k&&(left=j+1),k<=j&&(right=j-1)}}function topKImpl(x,xShape,xDtype,k,sorted){for(var lastDim=xShape[xShape.length-1],_a2=__read([x.length/lastDim,lastDim],2),batch=_a2[0],size=_a2[1],allTopKVals=tf.util.getTypedArrayFromDType(xDtype,batch*k),allTopKIndices=tf.util.getTypedArrayFromDType("int32",batch*k),_loop_1=function(b2){var offset=b2*size,vals=x.subarray(offset,offset+size),valAndInd=new Array(vals.length);vals.forEach(function(value,index){return valAndInd[index]={value,index}}),k<valAndInd.length&&(select$1(valAndInd,k),valAndInd=valAndInd.slice(0,k)),sorted&&valAndInd.sort(comparePair);for(var outOffset=b2*k,topKVals=allTopKVals.subarray(outOffset,outOffset+k),topKIndices=allTopKIndices.subarray(outOffset,outOffset+k),i=0;i<k;i++)topKVals[i]=valAndInd[i].value,topKIndices[i]=valAndInd[i].index},b=0;b<batch;b++)_loop_1(b);var outputShape=xShape.slice();return outputShape[outputShape.length-1]=k,[tf.buffer(outputShape,xDtype,allTopKVals),tf.buffer(outputShape,"int32",allTopKIndices)]}var addImplCPU=addImpl,castImplCPU=castImpl,ceilImplCPU=ceilImpl,concatImplCPU=concatImpl$1,equalImplCPU=equalImpl,expImplCPU=expImpl,expm1ImplCPU=expm1Impl,floorImplCPU=floorImpl,floorDivImplCPU=floorDivImpl,gatherNdImplCPU=gatherNdImpl,gatherV2ImplCPU=gatherV2Impl,greaterEqualImplCPU=greaterEqualImpl,greaterImplCPU=greaterImpl,lessEqualImplCPU=lessEqualImpl,lessImplCPU=lessImpl,logImplCPU=logImpl,maxImplCPU=maxImpl,maximumImplCPU=maximumImpl,minimumImplCPU=minimumImpl,multiplyImplCPU=multiplyImpl,negImplCPU=negImpl,notEqualImplCPU=notEqualImpl,prodImplCPU=prodImpl,rangeImplCPU=rangeImpl,rsqrtImplCPU=rsqrtImpl,scatterImplCPU=scatterImpl,simpleAbsImplCPU=simpleAbsImpl,sliceImplCPU=sliceImpl,stridedSliceImplCPU=stridedSliceImpl,stringNGramsImplCPU=stringNGramsImpl,subImplCPU=subImpl,tileImplCPU=tileImpl,topKImplCPU=topKImpl,transposeImplCPU=transposeImpl;var abs=unaryKernelFunc({opType:UnaryOpType.ABS,cpuKernelImpl:simpleAbsImplCPU}),absConfig={kernelName:tf.Abs,backendName:"webgpu",kernelFunc:abs};var acos=unaryKernelFunc({opType:UnaryOpType.ACOS}),acosConfig={kernelName:tf.Acos,backendName:"webgpu",kernelFunc:acos};var acosh=unaryKernelFunc({opType:UnaryOpType.ACOSH}),acoshConfig={kernelName:tf.Acosh,backendName:"webgpu",kernelFunc:acosh};var addKernelFunc=binaryKernelFunc({opType:BinaryOpType.ADD,cpuKernelImpl:addImplCPU,supportsComplex:!0}),addConfig={kernelName:tf.Add,backendName:"webgpu",kernelFunc:addKernelFunc};var AddNPackedProgram=(function(){function AddNPackedProgram2(shapes){this.workPerThread=1,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=shapes[0],this.variableNames=shapes.map(function(_,i){return"T".concat(i)}),this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize,[this.workPerThread,1,1]),this.shaderKey="addN"}return AddNPackedProgram2.prototype.getUserCode=function(){var snippets=[];this.variableNames.forEach(function(variable){snippets.push("let v".concat(variable," = get").concat(variable,"ByOutputCoords(coords);"))});var operation=this.variableNames.map(function(variable){return"v".concat(variable)}).join(" + "),userCode=`
      `.concat(getMainHeaderString("index"),` {
        for (var i = 0; i < `).concat(this.workPerThread,`; i = i + 1) {
          let flatIndex = index * `).concat(this.workPerThread,` + i;
          if (flatIndex < uniforms.size) {
            let coords = getCoordsFromIndex(flatIndex);
            `).concat(snippets.join(`
        `),`
            setOutputAtIndex(flatIndex, `).concat(operation,`);
          }
        }
      }
    `);return userCode},AddNPackedProgram2})();function addN(args){var inputs=args.inputs,backend=args.backend,tensors=inputs;if(tensors.length===1)return identity({inputs:{x:tensors[0]},backend});var dtype=tensors.map(function(t){return t.dtype}).reduce(function(d1,d2){return tf.upcastType(d1,d2)}),shapes=tensors.map(function(t){return t.shape}),program=new AddNPackedProgram(shapes);return backend.runWebGPUProgram(program,tensors,dtype)}var addNConfig={kernelName:tf.AddN,backendName:"webgpu",kernelFunc:addN};var TransposeSharedProgram=(function(){function TransposeSharedProgram2(aShape,newDim){this.variableNames=["A"],this.workgroupSize=[16,16,1];for(var outputShape=new Array(aShape.length),i=0;i<outputShape.length;i++)outputShape[i]=aShape[newDim[i]];this.outputShape=outputShape,this.dispatchLayout={x:[0],y:[1]},this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize,[1,1,1]),this.shaderKey="transposeShared"}return TransposeSharedProgram2.prototype.getUserCode=function(){var _this=this;tf.util.assert(this.workgroupSize[0]===this.workgroupSize[1],function(){return"Must be a square tile, current tile shape is ".concat(_this.workgroupSize[0]," x ").concat(_this.workgroupSize[1])});var tileSize=this.workgroupSize[0],userCode=`
      var<workgroup> tile : array<array<f32, `.concat(this.workgroupSize[0]+1,">, ").concat(this.workgroupSize[0],`>;
      `).concat(getMainHeaderString(),` {
        var x = i32(workgroupId.x) * `).concat(tileSize,` + i32(localId.x);
        var y = i32(workgroupId.y) * `).concat(tileSize,` + i32(localId.y);
        let width = uniforms.outShape[0];
        let height = uniforms.outShape[1];
        if (x < width && y < height) {
          tile[localId.y][localId.x] = f32(A[y * width + x]);
        }
        workgroupBarrier();

        x = i32(workgroupId.y) * `).concat(tileSize,` + i32(localId.x);
        y = i32(workgroupId.x) * `).concat(tileSize,` + i32(localId.y);
        if (x < height && y < width) {
          setOutputAtIndex((y * height + x), tile[localId.x]
            [localId.y]);
        }
      }
    `);return userCode},TransposeSharedProgram2})();var TransposeProgram=(function(){function TransposeProgram2(aShape,newDim){this.variableNames=["A"],this.workPerThread=1,this.workgroupSize=[64,1,1],this.size=!0;for(var outputShape=new Array(aShape.length),i=0;i<outputShape.length;i++)outputShape[i]=aShape[newDim[i]];this.outputShape=outputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize,[this.workPerThread,1,1]),this.newDim=newDim,this.shaderKey="transpose_".concat(newDim)}return TransposeProgram2.prototype.getUserCode=function(){var dtype=getCoordsDataType(this.outputShape.length),switched=getSwitchedCoords(this.newDim),userCode=`
      `.concat(getMainHeaderString("index"),` {
        for(var i = 0; i < `).concat(this.workPerThread,`; i = i + 1) {
          let flatIndex = index * `).concat(this.workPerThread,` + i;
          if(flatIndex < uniforms.size) {
            let coords = getCoordsFromIndex(flatIndex);
            setOutputAtIndex(flatIndex, A[getIndexFromCoords`).concat(this.outputShape.length,`D(
              `).concat(dtype,"(").concat(switched,`), uniforms.aShape)]);
          }
        }
      }
    `);return userCode},TransposeProgram2})();function getSwitchedCoords(newDim){var rank=newDim.length;if(rank>6)throw Error("Transpose for rank ".concat(rank," is not yet supported"));for(var switchedCoords=new Array(rank),i=0;i<newDim.length;i++)switchedCoords[newDim[i]]="coords.".concat(getCoordsXYZ(i));return switchedCoords.join()}function transpose(args){for(var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,perm=attrs.perm,webgpuBackend=backend,xRank=x.shape.length,newShape=new Array(xRank),i=0;i<newShape.length;i++)newShape[i]=x.shape[perm[i]];if(backend.shouldExecuteOnCPU([x])){var xData=webgpuBackend.tensorMap.get(x.dataId),values=xData.values,outValues=transposeImplCPU(values,x.shape,x.dtype,perm,newShape);return backend.makeTensorInfo(newShape,x.dtype,outValues)}if(x.shape.length===2&&tf.util.arraysEqual(perm,[1,0])){var program_1=new TransposeSharedProgram(x.shape,perm);return webgpuBackend.runWebGPUProgram(program_1,[x],x.dtype)}var program=new TransposeProgram(x.shape,perm);return webgpuBackend.runWebGPUProgram(program,[x],x.dtype)}var transposeConfig={kernelName:tf.Transpose,backendName:"webgpu",kernelFunc:transpose},ReduceProgram=(function(){function ReduceProgram2(reduceInfo,reduceType,maxComputeWorkgroupSizeX){this.variableNames=["x"],this.uniforms="reduceSize : i32,",this.size=!0,this.inputShape=[reduceInfo.batchSize,reduceInfo.inSize];var _a2=__read(tf.backend_util.computeOutAndReduceShapes(this.inputShape,[1]),1),outputShape=_a2[0];this.outputShape=outputShape.length===0?[1]:outputShape,reduceInfo.inSize>=32768&&maxComputeWorkgroupSizeX>=512?this.workgroupSize=[512,1,1]:reduceInfo.inSize>=4096?this.workgroupSize=[256,1,1]:this.workgroupSize=[64,1,1],this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,[1,1,1]),this.reduceType=reduceType,this.shaderKey="reduce_".concat(reduceType)}return ReduceProgram2.prototype.getUserCode=function(){var reduceOp="",initValue="0.0",workgroupSizeX=this.workgroupSize[0];this.reduceType==="min"||this.reduceType==="max"?(reduceOp=`
         if (isnan(candidate)) {
          bestValue = uniforms.NAN;
         } else if (!isnan(bestValue) && candidate `.concat(this.reduceType==="min"?"<":">",` bestValue)
           {  bestValue = candidate; }`),initValue="f32(x[offset])"):this.reduceType==="sum"||this.reduceType==="mean"?reduceOp=" bestValue = bestValue + candidate; ":this.reduceType==="prod"?(reduceOp=" bestValue = bestValue * candidate; ",initValue="1.0"):this.reduceType==="all"?(reduceOp=" bestValue = f32(bestValue >= 1.0 && candidate >= 1.0); ",initValue="1.0"):this.reduceType==="any"&&(reduceOp=" bestValue = f32(bestValue >= 1.0 || candidate >= 1.0); ",initValue="0.0");var outputSnippet=this.reduceType==="mean"?"setOutputAtIndex(outputIndex, bestValue / f32(uniforms.reduceSize));":"setOutputAtIndex(outputIndex, bestValue);",sharedMemorySnippet=`
         var<workgroup> xBestValues : array<f32, `.concat(workgroupSizeX,`>;
       `),userCode=`
       fn DIV_CEIL(a : u32, b : u32) -> u32 {
        return ((a - 1u) / b + 1u);
       }

       `.concat(sharedMemorySnippet,`
       fn getOffset(outputIndex : i32) -> i32 {
         let outputCoords = getCoordsFromIndex(outputIndex);
         let offset = `).concat(this.outputShape.length===1?"outputCoords":"outputCoords[0]",` * uniforms.reduceSize;
          return offset;
       }
       `).concat(getMainHeaderString("index"),` {
         let outputIndex = index / `).concat(workgroupSizeX,`;
         let offset = getOffset(outputIndex);
         var bestValue = `).concat(initValue,`;
         let Length = uniforms.reduceSize;
         let WorkPerThread = DIV_CEIL(u32(Length), `).concat(workgroupSizeX,`u);
         for (var k = i32(localId.x); k < Length && outputIndex < uniforms.size;
             k = k + `).concat(workgroupSizeX,`) {
           let candidate = f32(x[offset + k]);
           `).concat(reduceOp,`
         }
         xBestValues[localId.x] = bestValue;
         workgroupBarrier();

         var reduceSize = min(u32(Length), `).concat(workgroupSizeX,`u);
         for (var currentSize = reduceSize / 2u; reduceSize > 1u;
             currentSize = reduceSize / 2u) {
           let interval = DIV_CEIL(reduceSize, 2u);
           if (localId.x < currentSize) {
            let candidate = xBestValues[localId.x + interval];
            `).concat(reduceOp,`
            xBestValues[localId.x] = bestValue;
           }
           reduceSize = interval;
           workgroupBarrier();
         }

         if (localId.x == 0u && outputIndex < uniforms.size) {
          `).concat(outputSnippet,`
        }
       }
     `);return userCode},ReduceProgram2})(),RETURN_TYPES={mean:"float32",all:"bool",any:"bool"};function reduce(x,axis,keepDims,reduceType,backend){var xRank=x.shape.length,toDispose=[],origAxes=tf.util.parseAxisParam(axis,x.shape),axes=origAxes,permutedAxes=tf.backend_util.getAxesPermutation(axes,xRank),input=x;permutedAxes!=null&&(input=transpose({inputs:{x},attrs:{perm:permutedAxes},backend}),axes=tf.backend_util.getInnerMostAxes(axes.length,xRank),toDispose.push(input)),tf.backend_util.assertAxesAreInnerMostDims(reduceType,axes,xRank);var _a2=__read(tf.backend_util.computeOutAndReduceShapes(input.shape,axes),2),reduceOutShape=_a2[0],reduceShape=_a2[1],resOutShape=reduceOutShape;keepDims&&(resOutShape=tf.backend_util.expandShapeToKeepDim(reduceOutShape,origAxes));var res;if((reduceType==="max"||reduceType==="prod")&&backend.shouldExecuteOnCPU([input])){var xVals=backend.tensorMap.get(input.dataId).values;switch(reduceType){case"max":var outValues=maxImplCPU(xVals,tf.util.sizeFromShape(reduceShape),resOutShape,x.dtype);res=backend.makeTensorInfo(resOutShape,x.dtype,outValues);break;case"prod":var _b=prodImplCPU(input.shape,input.dtype,xVals,axes),outVals=_b.outVals,outShape=_b.outShape,outDtype=_b.outDtype;res=backend.makeTensorInfo(outShape,outDtype,outVals);break;default:throw new Error("".concat(reduceType," CPU implementation is not yet supported."))}}else{var inSize=tf.util.sizeFromShape(reduceShape),xSize=tf.util.sizeFromShape(input.shape),batchSize=xSize/inSize,reduceInfo={windowSize:inSize,inSize,batchSize,outSize:1},dtype=RETURN_TYPES[reduceType]||tf.sumOutType(x.dtype),uniformData=[{type:"int32",data:[inSize]}],program=new ReduceProgram(reduceInfo,reduceType,backend.device.limits.maxComputeWorkgroupSizeX),reduced=backend.runWebGPUProgram(program,[input],dtype,uniformData);toDispose.push(reduced),res=reshape({inputs:{x:reduced},attrs:{shape:resOutShape},backend})}return toDispose.forEach(function(t){return backend.disposeData(t.dataId)}),res}function all(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,keepDims=attrs.keepDims,axis=attrs.axis;return reduce(x,axis,keepDims,"all",backend)}var allConfig={kernelName:tf.All,backendName:"webgpu",kernelFunc:all};function any(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,keepDims=attrs.keepDims,axis=attrs.axis;return reduce(x,axis,keepDims,"any",backend)}var anyConfig={kernelName:tf.Any,backendName:"webgpu",kernelFunc:any},ArgMinMaxProgram=(function(){function ArgMinMaxProgram2(inputShape,axis,reduceType){this.workgroupSize=[64,1,1],this.variableNames=["x"],this.uniforms="infinityValue : f32,",this.size=!0;var axes=[axis];this.op=reduceType==="min"?"<":">";var _a2=__read(tf.backend_util.computeOutAndReduceShapes(inputShape,axes),2),outputShape=_a2[0],reduceShape=_a2[1];this.outputShape=outputShape.length===0?[1]:outputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),tf.util.sizeFromShape(reduceShape)<32?(this.type="plain",this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize)):(this.type="shared",this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,[1,1,1])),this.inputShape=inputShape,this.shaderKey="argMinMax_".concat(this.op,"_").concat(this.type)}return ArgMinMaxProgram2.prototype.getUserCode=function(){var _this=this,workgroupSizeX=this.workgroupSize[0],getInputShapeLastDim=function(){return _this.inputShape.length===1?"uniforms.xShape":"uniforms.xShape.".concat(getCoordsXYZ(_this.inputShape.length-1))},splitOutputCoords=function(){var snippet="";if(_this.outputShape.length===1)_this.inputShape.length!==1&&(snippet+="outputCoords,");else for(var i=0;i<_this.outputShape.length;i++)snippet+="outputCoords.".concat(getCoordsXYZ(i),",");return snippet};if(this.type==="shared"){var sharedMemorySnippet=`
      var<workgroup> xBestIndices : array<i32, `.concat(workgroupSizeX,`>;
      var<workgroup> xBestValues : array<f32, `).concat(workgroupSizeX,`>;
    `),userCode=`
      fn DIV_CEIL(a : u32, b : u32) -> u32 {
        return ((a - 1u) / b + 1u);
      }

      `.concat(sharedMemorySnippet,`

      `).concat(getMainHeaderString("index"),` {
        let outputIndex = index / `).concat(workgroupSizeX,`;
        let reduceLength = `).concat(getInputShapeLastDim(),`;

        var bestIndex = i32(localId.x);
        var bestValue = uniforms.infinityValue;
        let outputCoords = getCoordsFromIndex(outputIndex);
        for (var k = i32(localId.x); k < reduceLength && outputIndex < uniforms.size;
            k = k + `).concat(workgroupSizeX,`) {
          let candidate = getX(`).concat(splitOutputCoords(),` k);
          if (!isnan(candidate) && candidate `).concat(this.op,` bestValue) {
            bestValue = candidate;
            bestIndex = k;
          }
        }
        xBestValues[localId.x] = bestValue;
        xBestIndices[localId.x] = bestIndex;
        workgroupBarrier();

        var reduceSize = min(u32(reduceLength), `).concat(workgroupSizeX,`u);
        for (var currentSize = reduceSize / 2u; reduceSize > 1u;
            currentSize = reduceSize / 2u) {
          let interval = DIV_CEIL(reduceSize, 2u);
          if (localId.x < currentSize) {
            let candidate = xBestValues[localId.x + interval];
            if (candidate `).concat(this.op,` bestValue) {
              bestValue = candidate;
              xBestValues[localId.x] = bestValue;
              xBestIndices[localId.x] = xBestIndices[localId.x + interval];
            }
          }
          reduceSize = interval;
          workgroupBarrier();
        }

        if (localId.x == 0u && outputIndex < uniforms.size) {
          setOutputAtIndexI32(outputIndex, xBestIndices[localId.x]);
        }
      }
    `);return userCode}else{var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let outputCoords = getCoordsFromIndex(index);
          var bestIndex = 0;
          var bestValue = getX(`).concat(splitOutputCoords(),` 0);
          let reduceLength = `).concat(getInputShapeLastDim(),`;
          for (var i = 1; i < reduceLength; i++) {
            let candidate = getX(`).concat(splitOutputCoords(),` i);
            if (candidate `).concat(this.op,` bestValue) {
              bestValue = candidate;
              bestIndex = i;
            }
          }
          setOutputAtIndexI32(index, bestIndex);
        }
      }
      `);return userCode}},ArgMinMaxProgram2})();function argMax(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,axis=attrs.axis,axes=tf.util.parseAxisParam(axis,x.shape),permutedAxes=tf.backend_util.getAxesPermutation(axes,x.shape.length),$x=x,intermediateTensorInfos=[];permutedAxes!=null&&($x=transpose({inputs:{x},backend,attrs:{perm:permutedAxes}}),intermediateTensorInfos.push($x),axes=tf.backend_util.getInnerMostAxes(axes.length,$x.shape.length)),tf.backend_util.assertAxesAreInnerMostDims("argMax",[axes[0]],$x.shape.length);var program=new ArgMinMaxProgram($x.shape,axes[0],"max"),uniformData=[{type:"float32",data:[Number.NEGATIVE_INFINITY]}],out=backend.runWebGPUProgram(program,[$x],"int32",uniformData);return intermediateTensorInfos.forEach(function(t){return backend.disposeData(t.dataId)}),out}var argMaxConfig={kernelName:tf.ArgMax,backendName:"webgpu",kernelFunc:argMax};function argMin(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,axis=attrs.axis,axes=tf.util.parseAxisParam(axis,x.shape),permutedAxes=tf.backend_util.getAxesPermutation(axes,x.shape.length),$x=x,intermediateTensorInfos=[];permutedAxes!=null&&($x=transpose({inputs:{x},backend,attrs:{perm:permutedAxes}}),intermediateTensorInfos.push($x),axes=tf.backend_util.getInnerMostAxes(axes.length,$x.shape.length)),tf.backend_util.assertAxesAreInnerMostDims("argMin",[axes[0]],$x.shape.length);var program=new ArgMinMaxProgram($x.shape,axes[0],"min"),uniformData=[{type:"float32",data:[Number.POSITIVE_INFINITY]}],out=backend.runWebGPUProgram(program,[$x],"int32",uniformData);return intermediateTensorInfos.forEach(function(t){return backend.disposeData(t.dataId)}),out}var argMinConfig={kernelName:tf.ArgMin,backendName:"webgpu",kernelFunc:argMin};var asin=unaryKernelFunc({opType:UnaryOpType.ASIN}),asinConfig={kernelName:tf.Asin,backendName:"webgpu",kernelFunc:asin};var asinh=unaryKernelFunc({opType:UnaryOpType.ASINH}),asinhConfig={kernelName:tf.Asinh,backendName:"webgpu",kernelFunc:asinh};var atan=unaryKernelFunc({opType:UnaryOpType.ATAN}),atanConfig={kernelName:tf.Atan,backendName:"webgpu",kernelFunc:atan};var atan2=binaryKernelFunc({opType:BinaryOpType.ATAN2}),atan2Config={kernelName:tf.Atan2,backendName:"webgpu",kernelFunc:atan2};var atanh=unaryKernelFunc({opType:UnaryOpType.ATANH}),atanhConfig={kernelName:tf.Atanh,backendName:"webgpu",kernelFunc:atanh};var PoolWithFilterSizeEqualsOneProgram=(function(){function PoolWithFilterSizeEqualsOneProgram2(convInfo){this.variableNames=["x"],this.uniforms="strides : vec2<i32>,",this.workgroupSize=[256,1,1],this.size=!0,this.outputShape=convInfo.outShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="poolWithFilterSizeEqualsOne"}return PoolWithFilterSizeEqualsOneProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let coords = getCoordsFromIndex(index);
          let batch = coords[0];
          let d = coords[3];

          let xRCCorner = coords.yz * uniforms.strides;
          let xRCorner = xRCCorner.x;
          let xCCorner = xRCCorner.y;

          let value = getX(batch, xRCorner, xCCorner, d);
          setOutputAtIndex(index, value);
        }
      }
    `);return userCode},PoolWithFilterSizeEqualsOneProgram2})();var Pool2DProgram=(function(){function Pool2DProgram2(convInfo,poolType,computePositions,flattenPositions,includeBatchIndex){if(computePositions===void 0&&(computePositions=!1),flattenPositions===void 0&&(flattenPositions=!1),includeBatchIndex===void 0&&(includeBatchIndex=!1),this.variableNames=["x"],this.uniforms="strides : vec2<i32>, pads : vec2<i32>, dilations : vec2<i32>, convDims : vec2<i32>, filterDims : vec2<i32>,",this.workgroupSize=[128,1,1],this.size=!0,poolType==="avg"&&computePositions)throw new Error("Cannot compute positions for average pool.");this.outputShape=convInfo.outShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.poolType=poolType,this.computePositions=computePositions,this.flattenPositions=flattenPositions,this.includeBatchIndex=includeBatchIndex,this.shaderKey="pool2D_".concat(poolType,"_").concat(computePositions,"_").concat(flattenPositions,"_").concat(includeBatchIndex)}return Pool2DProgram2.prototype.getUserCode=function(){var updateSnippet;if(this.poolType==="avg")updateSnippet="resultValue = resultValue + value; count = count + 1.0;";else if(this.computePositions){var positionStr=this.flattenPositions?this.includeBatchIndex?"((batch * uniforms.xShape[1] + xR) * uniforms.xShape[2] + xC) * uniforms.xShape[3] + d":"(xR * uniforms.xShape[2] + xC) * uniforms.xShape[3] + d":"wR * uniforms.filterDims.y + wC";updateSnippet=`let currMaxValue = mix(value, maxValue, maxValueFound);
      if (value >= currMaxValue) {
        maxValue = value;
        maxValueFound = 1.0;
        maxPosition = `.concat(positionStr,`;
      }`)}else updateSnippet="resultValue = max(value, resultValue);";var returnValue="resultValue";this.poolType==="avg"&&(returnValue="resultValue / max(count, 1.0)");var userCode=`
      `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let coords = getCoordsFromIndex(index);
          let batch = coords[0];
          let d = coords[3];
          let xRCCorner = vec2<i32>(coords.yz) * uniforms.strides - uniforms.pads;
          let xRCorner = xRCCorner.x;
          let xCCorner = xRCCorner.y;

          `).concat(this.computePositions?`var maxValue = 0.0;
            var maxValueFound = 0.0;
            var maxPosition = 0;`:"var resultValue = ".concat(this.poolType==="avg"?"0.0":"-1.0 / pow(10.0, -20.0)",";"),`

          var count = 0.0;
          for (var wR = 0; wR < uniforms.filterDims.x; wR = wR + uniforms.dilations.x) {
            let xR = xRCorner + wR;

            if (xR < 0 || xR >= uniforms.convDims.x) {
              continue;
            }

            for (var wC = 0; wC < uniforms.filterDims.y; wC = wC + uniforms.dilations.y) {
              let xC = xCCorner + wC;
              if (xC < 0 || xC >= uniforms.convDims.y) {
                continue;
              }

              let value = getX(batch, xR, xC, d);
              `).concat(updateSnippet,`
            }
          }

          `).concat(this.computePositions?"setOutputAtIndexI32(index, maxPosition);":"setOutputAtIndex(index, ".concat(returnValue,");"),`
        }
      }
    `);return userCode},Pool2DProgram2})(),Pool3DProgram=(function(){function Pool3DProgram2(convInfo,poolType,computePositions,flattenPositions,includeBatchIndex){if(computePositions===void 0&&(computePositions=!1),flattenPositions===void 0&&(flattenPositions=!1),includeBatchIndex===void 0&&(includeBatchIndex=!1),this.variableNames=["x"],this.uniforms="strides : vec3<i32>, pads : vec3<i32>, convDims : vec3<i32>, filterDims : vec3<i32>,",this.workgroupSize=[128,1,1],this.size=!0,poolType==="avg"&&computePositions)throw new Error("Cannot compute positions for average pool.");this.outputShape=convInfo.outShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.poolType=poolType,this.computePositions=computePositions,this.flattenPositions=flattenPositions,this.includeBatchIndex=includeBatchIndex,this.shaderKey="pool3D_".concat(poolType,"_").concat(computePositions,"_").concat(flattenPositions,"_").concat(includeBatchIndex)}return Pool3DProgram2.prototype.getUserCode=function(){var updateSnippet;if(this.poolType==="avg")updateSnippet="resultValue += value; count += 1.0;";else if(this.computePositions){var positionStr=this.flattenPositions?this.includeBatchIndex?"(((batch * uniforms.xShape.y + xD) * uniforms.xShape.z + xR) * uniforms.xShape.w + xC) * uniforms.xShape.u + ch":"((xD * uniforms.xShape.z + xR) * uniforms.xShape.w + xC) * uniforms.xShape.u + ch":"wD * uniforms.filterDims.y * uniforms.filterDims.y + wR * uniforms.filterDims.z + wC";updateSnippet=`let currMaxValue = mix(value, maxValue, maxValueFound);
      if (value >= currMaxValue) {
        maxValue = value;
        maxValueFound = 1.0;
        maxPosition = `.concat(positionStr,`;
      }`)}else updateSnippet="resultValue = max(value, resultValue);";var returnValue="resultValue";this.poolType==="avg"&&(returnValue="resultValue / max(count, 1.0)");var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let coords = getCoordsFromIndex(index);
          let batch = coords.x;
          let ch = coords.u;

          let xCorner = vec3<i32>(coords.y, coords.z, coords.w) * uniforms.strides - uniforms.pads;
          let xDCorner = xCorner.x;
          let xRCorner = xCorner.y;
          let xCCorner = xCorner.z;

          `).concat(this.computePositions?`var maxValue = 0.0;
            var maxValueFound = 0.0;
            var maxPosition = 0;`:"var resultValue = ".concat(this.poolType==="avg"?"0.0":"-1.0 / pow(10.0, -20.0)",";"),`

          var count = 0.0;
          for (var wD = 0; wD < uniforms.filterDims.x; wD++) {
            let xD = xDCorner + wD;
            if (xD < 0 || xD >= uniforms.convDims.x) {
              continue;
            }

            for (var wR = 0; wR < uniforms.filterDims.y; wR++) {
              let xR = xRCorner + wR;
              if (xR < 0 || xR >= uniforms.convDims.y) {
                continue;
              }

              for (var wC = 0; wC < uniforms.filterDims.z; wC++) {
                let xC = xCCorner + wC;
                if (xC < 0 || xC >= uniforms.convDims.z) {
                  continue;
                }

                let value = getX(batch, xD, xR, xC, ch);
                `).concat(updateSnippet,`
              }
            }
          }

          `).concat(this.computePositions?"setOutputAtIndexI32(index, maxPosition);":"setOutputAtIndex(index, ".concat(returnValue,");"),`
        }
      }
    `);return userCode},Pool3DProgram2})();function max(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,reductionIndices=attrs.reductionIndices,keepDims=attrs.keepDims;return reduce(x,reductionIndices,keepDims,"max",backend)}var maxConfig={kernelName:tf.Max,backendName:"webgpu",kernelFunc:max};function mean(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,keepDims=attrs.keepDims,axis=attrs.axis;return reduce(x,axis,keepDims,"mean",backend)}var meanConfig={kernelName:tf.Mean,backendName:"webgpu",kernelFunc:mean};function poolImpl(x,convInfo,poolType,backend){if(convInfo.filterWidth===1&&convInfo.filterHeight===1&&tf.util.arraysEqual(convInfo.inShape,convInfo.outShape))return identity({inputs:{x},backend});if(convInfo.filterWidth===convInfo.inWidth&&convInfo.filterHeight===convInfo.inHeight&&convInfo.batchSize===1&&convInfo.padInfo.type==="VALID"){var length=x.shape.length,reshapeX=reshape({inputs:{x},backend,attrs:{shape:[x.shape[length-3]*x.shape[length-2],x.shape[length-1]]}}),reduceX=void 0;poolType==="avg"?reduceX=mean({inputs:{x:reshapeX},backend,attrs:{axis:0,keepDims:!1}}):(tf.util.assert(poolType==="max",function(){return"Invalid pool type ".concat(poolType)}),reduceX=max({inputs:{x:reshapeX},backend,attrs:{reductionIndices:0,keepDims:!1}}));var result=reshape({inputs:{x:reduceX},backend,attrs:{shape:convInfo.outShape}});return backend.disposeData(reshapeX.dataId),backend.disposeData(reduceX.dataId),result}var program,dimensions=[{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]}];return convInfo.filterHeight===1&&convInfo.filterWidth===1?program=new PoolWithFilterSizeEqualsOneProgram(convInfo):(poolType==="avg"?program=new Pool2DProgram(convInfo,"avg"):(tf.util.assert(poolType==="max",function(){return"Invalid pool type ".concat(poolType)}),program=new Pool2DProgram(convInfo,"max")),dimensions.push({type:"int32",data:[convInfo.padInfo.top,convInfo.padInfo.left]},{type:"int32",data:[convInfo.dilationHeight,convInfo.dilationWidth]},{type:"int32",data:[convInfo.inHeight,convInfo.inWidth]},{type:"int32",data:[convInfo.effectiveFilterHeight,convInfo.effectiveFilterWidth]})),backend.runWebGPUProgram(program,[x],x.dtype,dimensions)}function avgPool(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,filterSize=attrs.filterSize,strides=attrs.strides,pad=attrs.pad,dimRoundingMode=attrs.dimRoundingMode,dilations=1,convInfo=tf.backend_util.computePool2DInfo(x.shape,filterSize,strides,dilations,pad,dimRoundingMode);return poolImpl(x,convInfo,"avg",backend)}var avgPoolConfig={kernelName:tf.AvgPool,backendName:"webgpu",kernelFunc:avgPool};function avgPool3D(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,filterSize=attrs.filterSize,strides=attrs.strides,pad=attrs.pad,dataFormat=attrs.dataFormat,dimRoundingMode=attrs.dimRoundingMode,dilations=[1,1,1],convInfo=tf.backend_util.computePool3DInfo(x.shape,filterSize,strides,dilations,pad,dimRoundingMode,dataFormat),avgPoolProgram=new Pool3DProgram(convInfo,"avg"),dimensions=[{type:"int32",data:[convInfo.strideDepth,convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.padInfo.front,convInfo.padInfo.top,convInfo.padInfo.left]},{type:"int32",data:[convInfo.inDepth,convInfo.inHeight,convInfo.inWidth]},{type:"int32",data:[convInfo.effectiveFilterDepth,convInfo.effectiveFilterHeight,convInfo.effectiveFilterWidth]}];return backend.runWebGPUProgram(avgPoolProgram,[x],x.dtype,dimensions)}var avgPool3DConfig={kernelName:tf.AvgPool3D,backendName:"webgpu",kernelFunc:avgPool3D};var AvgPool2DBackpropProgram=(function(){function AvgPool2DBackpropProgram2(convInfo){this.variableNames=["dy"],this.uniforms=`strides : vec2<i32>, pads : vec2<i32>, dilations : vec2<i32>, filterDims : vec2<i32>,
       outHeight : i32, outWidth : i32, avgMultiplier : f32,`,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=convInfo.inShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="avgPool2DBackprop"}return AvgPool2DBackpropProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let coords = getCoordsFromIndex(index);
        let batch = coords[0];
        let d = coords[3];

        let dyRCCorner = vec2<i32>(coords.yz) - uniforms.pads;
        let dyRCorner = dyRCCorner.x;
        let dyCCorner = dyRCCorner.y;

        // Convolve dy(?, ?, d) with pos mask(:, :, d) to get dx(xR, xC, d).
        // ? = to be determined. : = across all values in that axis.
        var dotProd = 0.0;
        for (var wR = 0; wR < uniforms.filterDims[0]; wR = wR + uniforms.dilations[0]) {
          let dyR = f32(dyRCorner + wR) / f32(uniforms.strides[0]);

          if (dyR < 0.0 || dyR >= f32(uniforms.outHeight) || fract(dyR) > 0.0) {
            continue;
          }
          let idyR = i32(dyR);

          for (var wC = 0; wC < uniforms.filterDims[1]; wC = wC + uniforms.dilations[1]) {
            let dyC = f32(dyCCorner + wC) / f32(uniforms.strides[1]);

            if (dyC < 0.0 || dyC >= f32(uniforms.outWidth) || fract(dyC) > 0.0) {
              continue;
            }
            let idyC = i32(dyC);

            let dyValue = getDy(batch, idyR, idyC, d);

            dotProd = dotProd + dyValue * uniforms.avgMultiplier;
          }
        }
        setOutputAtIndex(index, dotProd);
      }
    }
    `);return userCode},AvgPool2DBackpropProgram2})(),AvgPool3DBackpropProgram=(function(){function AvgPool3DBackpropProgram2(convInfo){this.variableNames=["dy"],this.uniforms=`strides : vec3<i32>, pads : vec3<i32>, filterDims : vec3<i32>,
       outDepth : i32, outHeight : i32, outWidth : i32, avgMultiplier : f32,`,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=convInfo.inShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="avgPool3DBackprop"}return AvgPool3DBackpropProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let coords = getCoordsFromIndex(index);
        let batch = coords.x;
        let ch = coords.u;

        let dyCorner = vec3<i32>(coords.y, coords.z, coords.w) - uniforms.pads;
        let dyDCorner = dyCorner.x;
        let dyRCorner = dyCorner.y;
        let dyCCorner = dyCorner.z;

        // Convolve dy(?, ?, ?, d) with pos mask(:, :, :, ch) to get
        // dx(xD, xR, xC, ch).
        // ? = to be determined. : = across all values in that axis.
        var dotProd = 0.0;
        for (var wD = 0; wD < uniforms.filterDims[0]; wD++) {
          let dyD = f32(dyDCorner + wD) / f32(uniforms.strides[0]);

          if (dyD < 0.0 || dyD >= f32(uniforms.outDepth) || fract(dyD) > 0.0) {
            continue;
          }
          let idyD = i32(dyD);

          for (var wR = 0; wR < uniforms.filterDims[1]; wR++) {
            let dyR = f32(dyRCorner + wR) / f32(uniforms.strides[1]);

            if (dyR < 0.0 || dyR >= f32(uniforms.outHeight) || fract(dyR) > 0.0) {
              continue;
            }
            let idyR = i32(dyR);

            for (var wC = 0; wC < uniforms.filterDims[2]; wC++) {
              let dyC = f32(dyCCorner + wC) / f32(uniforms.strides[2]);

              if (dyC < 0.0 || dyC >= f32(uniforms.outWidth) || fract(dyC) > 0.0) {
                continue;
              }
              let idyC = i32(dyC);

              let dyValue = getDy(batch, idyD, idyR, idyC, ch);
              dotProd += dyValue * uniforms.avgMultiplier;
            }
          }
        }
        setOutputAtIndex(index, dotProd);
      }
    }
    `);return userCode},AvgPool3DBackpropProgram2})();function avgPool3DGrad(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,dy=inputs.dy,input=inputs.input,x=input,filterSize=attrs.filterSize,strides=attrs.strides,pad=attrs.pad,dimRoundingMode=attrs.dimRoundingMode,convInfo=tf.backend_util.computePool3DInfo(x.shape,filterSize,strides,1,pad,dimRoundingMode),program=new AvgPool3DBackpropProgram(convInfo),avgMultiplier=1/(convInfo.filterDepth*convInfo.filterHeight*convInfo.filterWidth),uniformData=[{type:"int32",data:[convInfo.strideDepth,convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.effectiveFilterDepth-1-convInfo.padInfo.front,convInfo.effectiveFilterHeight-1-convInfo.padInfo.top,convInfo.effectiveFilterWidth-1-convInfo.padInfo.left]},{type:"int32",data:[convInfo.effectiveFilterDepth,convInfo.effectiveFilterHeight,convInfo.effectiveFilterWidth]},{type:"int32",data:[convInfo.outDepth]},{type:"int32",data:[convInfo.outHeight]},{type:"int32",data:[convInfo.outWidth]},{type:"float32",data:[avgMultiplier]}];return backend.runWebGPUProgram(program,[dy],x.dtype,uniformData)}var avgPool3DGradConfig={kernelName:tf.AvgPool3DGrad,backendName:"webgpu",kernelFunc:avgPool3DGrad};function avgPoolGrad(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,dy=inputs.dy,input=inputs.input,x=input;assertNotComplex([dy,input],"avgPoolGrad");var filterSize=attrs.filterSize,strides=attrs.strides,pad=attrs.pad,convInfo=tf.backend_util.computePool2DInfo(x.shape,filterSize,strides,1,pad),program=new AvgPool2DBackpropProgram(convInfo),avgMultiplier=1/(convInfo.filterHeight*convInfo.filterWidth),uniformData=[{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.effectiveFilterHeight-1-convInfo.padInfo.top,convInfo.effectiveFilterWidth-1-convInfo.padInfo.left]},{type:"int32",data:[convInfo.dilationHeight,convInfo.dilationWidth]},{type:"int32",data:[convInfo.effectiveFilterHeight,convInfo.effectiveFilterWidth]},{type:"int32",data:[convInfo.outHeight]},{type:"int32",data:[convInfo.outWidth]},{type:"float32",data:[avgMultiplier]}];return backend.runWebGPUProgram(program,[dy],x.dtype,uniformData)}var avgPoolGradConfig={kernelName:tf.AvgPoolGrad,backendName:"webgpu",kernelFunc:avgPoolGrad};function batchMatMul(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,a=inputs.a,b=inputs.b,transposeA=attrs.transposeA,transposeB=attrs.transposeB;return batchMatMulImpl({a,b,transposeA,transposeB,backend})}var batchMatMulConfig={kernelName:tf.BatchMatMul,backendName:"webgpu",kernelFunc:batchMatMul};var SliceProgram=(function(){function SliceProgram2(start,destSize){this.variableNames=["source"],this.workPerThread=1,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=destSize,this.rank=destSize.length,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize,[this.workPerThread,1,1]),this.start=start,this.uniforms="start : ".concat(getCoordsDataType(start.length),", "),this.shaderKey="slice"}return SliceProgram2.prototype.getUserCode=function(){var dtype=getCoordsDataType(this.rank),sourceCoords=getCoords$1(this.rank),coordSum;this.start.length===1?coordSum=this.outputShape.map(function(_,i){return"sourceLoc = uniforms.start + coords;"}):coordSum=this.outputShape.map(function(_,i){return"sourceLoc.".concat(coords[i]," = uniforms.start.").concat(getCoordsXYZ(i)," + coords.").concat(coords[i],";")});var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          var sourceLoc : `).concat(dtype,`;
          let coords = getCoordsFromIndex(index);
          `).concat(coordSum.join(`
`),`
          setOutputAtIndex(index, getSource(`).concat(sourceCoords,`));
        }
      }
    `);return userCode},SliceProgram2})(),coords=["x","y","z","w","u","v"];function getCoords$1(rank){if(rank===1)return"sourceLoc";if(rank<=6)return coords.slice(0,rank).map(function(coord){return"sourceLoc.".concat(coord)}).join(",");throw Error("Slicing for rank ".concat(rank," is not yet supported"))}function slice(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,begin=attrs.begin,size=attrs.size,_a2=__read(tf.slice_util.parseSliceParams(x,begin,size),2),$begin=_a2[0],$size=_a2[1];if(tf.slice_util.assertParamsValid(x,$begin,$size),backend.shouldExecuteOnCPU([x])||x.dtype==="string"){var xTensorData=backend.tensorMap.get(x.dataId),outValues=sliceImplCPU(xTensorData.values,$begin,$size,x.shape,x.dtype);return backend.makeTensorInfo($size,x.dtype,outValues)}if(tf.util.sizeFromShape($size)===0)return backend.makeTensorInfo($size,x.dtype,[]);var program=new SliceProgram($begin,$size),uniformData=[{type:"int32",data:$begin}];return backend.runWebGPUProgram(program,[x],x.dtype,uniformData)}var sliceConfig={kernelName:tf.Slice,backendName:"webgpu",kernelFunc:slice};var batchToSpaceND=function(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,blockShape=attrs.blockShape,crops=attrs.crops;tf.util.assert(x.shape.length<=4,function(){return"batchToSpaceND for rank > 4 with a WebGPU backend not implemented yet"});var prod2=blockShape.reduce(function(a,b){return a*b}),reshaped=tf.backend_util.getReshaped(x.shape,blockShape,prod2),permuted=tf.backend_util.getPermuted(reshaped.length,blockShape.length),reshapedPermuted=tf.backend_util.getReshapedPermuted(x.shape,blockShape,prod2),sliceBeginCoords=tf.backend_util.getSliceBeginCoords(crops,blockShape.length),sliceSize=tf.backend_util.getSliceSize(reshapedPermuted,crops,blockShape.length),toDispose=[],reshapedIntermediate=reshape({inputs:{x},backend,attrs:{shape:reshaped}}),transposedIntermediate=transpose({inputs:{x:reshapedIntermediate},backend,attrs:{perm:permuted}}),reshapedIntermediate2=reshape({inputs:{x:transposedIntermediate},backend,attrs:{shape:reshapedPermuted}}),sliced=slice({inputs:{x:reshapedIntermediate2},backend,attrs:{begin:sliceBeginCoords,size:sliceSize}});return toDispose.push(reshapedIntermediate),toDispose.push(transposedIntermediate),toDispose.push(reshapedIntermediate2),toDispose.forEach(function(t){return backend.disposeData(t.dataId)}),sliced},batchToSpaceNDConfig={kernelName:tf.BatchToSpaceND,backendName:"webgpu",kernelFunc:batchToSpaceND};var writeSnippet=`
  fn bincount_write(index: i32, value: f32) {
    `.concat(atomicAddSnippet("&result[index]","value","float32"),`
  }
`),binaryWriteSnippet=`
  fn bincount_write(index: i32, value: f32) {
    atomicStore(&result[index], bitcast<i32>(value));
  }
`,BincountProgram=(function(){function BincountProgram2(shape,hasWeights,binaryOutput){binaryOutput===void 0&&(binaryOutput=!1),this.outputShape=[],this.variableNames=["x"],this.uniforms="binCountSize : i32,",this.workgroupSize=[64,1,1],this.atomic=!0,this.hasWeights=!0,this.binaryOutput=!1,this.outputShape=shape,this.rank=shape.length,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.binaryOutput=binaryOutput,binaryOutput&&(this.atomic=!1),this.hasWeights=hasWeights,this.hasWeights&&this.variableNames.push("w"),this.shaderKey="bincount_".concat(this.hasWeights,"_").concat(this.binaryOutput,"_").concat(this.rank)}return BincountProgram2.prototype.getUserCode=function(){var userCode=`
    `.concat(this.binaryOutput?binaryWriteSnippet:writeSnippet,`
  `).concat(getMainHeaderString("index"),` {
    `).concat(this.rank===1?`if (index < uniforms.xShape) {
      let indexVal = i32(getX(index));
      if (indexVal < uniforms.binCountSize) {
        let value = `.concat(this.binaryOutput?1:this.hasWeights?"getW(index)":"1.",`;
        bincount_write(indexVal, value);
      }
    }`):`let coord = getCoordsFromIndex(index);
    if (coordsInBounds2D(coord, uniforms.xShape)) {
      let indexVal = i32(getX(coord[0], coord[1]));
      if (indexVal < uniforms.binCountSize) {
        let value = `.concat(this.binaryOutput?1:this.hasWeights?"getW(coord[0], coord[1])":"1.",`;
        bincount_write(coord.x * uniforms.binCountSize + indexVal, value);
      }
    }`),`
  }
  `);return userCode},BincountProgram2})();function bincount(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,weights=inputs.weights,size=attrs.size,xSize=tf.util.sizeFromShape(x.shape),weightsSize=tf.util.sizeFromShape(weights.shape),hasWeights=weightsSize>0,outputSize=[size],dtype=weights.dtype,output=fill({backend,attrs:{shape:outputSize,value:0,dtype}}),program=new BincountProgram([xSize],hasWeights),uniformData=[{type:"int32",data:[size]}],bincountInputs=hasWeights?[x,weights]:[x],res=backend.runWebGPUProgram(program,bincountInputs,dtype,uniformData,output);return res}var bincountConfig={kernelName:tf.Bincount,backendName:"webgpu",kernelFunc:bincount};var BroadcastArgsProgram=(function(){function BroadcastArgsProgram2(shape){this.outputShape=[],this.variableNames=["s0","s1"],this.uniforms="s0Size : i32, s1Size : i32, ",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=[shape],this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="broadcastArgs"}return BroadcastArgsProgram2.prototype.getUserCode=function(){var userCode=`
  `.concat(getMainHeaderString("index"),` {
    if (index < uniforms.size) {
      var s0 = 1.0;
      var s1 = 1.0;
      let indexS0 = index - uniforms.size + uniforms.s0Size;
      let indexS1 = index - uniforms.size + uniforms.s1Size;
      if (indexS0 >= 0) {
        s0 = getS0(indexS0);
      }
      if (indexS1 >= 0) {
        s1 = getS1(indexS1);
      }

      if (s0 == 1.0) {
        setOutputAtIndex(index, s1);
      } else if (s1 == 1.0) {
        setOutputAtIndex(index, s0);
      } else if (s0 != s1) {
        setOutputAtIndex(index, uniforms.NAN);
      } else {
        setOutputAtIndex(index, s0);
      }
    }
  }
  `);return userCode},BroadcastArgsProgram2})();function broadcastArgs(args){var inputs=args.inputs,backend=args.backend,s0=inputs.s0,s1=inputs.s1;if(backend.shouldExecuteOnCPU([s0,s1])){var s0TensorInfo=backend.tensorMap.get(s0.dataId),s1TensorInfo=backend.tensorMap.get(s1.dataId),s0Vals=s0TensorInfo.values,s1Vals=s1TensorInfo.values,broadcastShape=tf.backend_util.assertAndGetBroadcastShape(Array.from(s0Vals),Array.from(s1Vals));return backend.makeTensorInfo([broadcastShape.length],"int32",Int32Array.from(broadcastShape))}var s0Size=tf.util.sizeFromShape(s0.shape),s1Size=tf.util.sizeFromShape(s1.shape),outputSize=Math.max(s0Size,s1Size),program=new BroadcastArgsProgram(outputSize),uniformData=[{type:"int32",data:[s0Size]},{type:"int32",data:[s1Size]}];return backend.runWebGPUProgram(program,[s0,s1],"int32",uniformData)}var broadcastArgsConfig={kernelName:tf.BroadcastArgs,backendName:"webgpu",kernelFunc:broadcastArgs};var notEqual=binaryKernelFunc({opType:BinaryOpType.NOT_EQUAL,dtype:"bool",cpuKernelImpl:notEqualImplCPU}),notEqualConfig={kernelName:tf.NotEqual,backendName:"webgpu",kernelFunc:notEqual};function real(args){var inputs=args.inputs,backend=args.backend,input=inputs.input,inputData=backend.tensorMap.get(input.dataId);return identity({inputs:{x:inputData.complexTensorInfos.real},backend})}var realConfig={kernelName:tf.Real,backendName:"webgpu",kernelFunc:real};function int(input,backend){var program=new UnaryOpProgram(input.shape,UnaryOpType.TO_INT),output=backend.runWebGPUProgram(program,[input],"int32");return{dataId:output.dataId,shape:output.shape,dtype:output.dtype}}function cast(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,dtype=attrs.dtype;if(dtype==="complex64"){if(x.dtype==="complex64")return identity({inputs:{x},backend});var zerosTensor=tf__namespace.zeros(x.shape),floatX=cast({inputs:{x},backend,attrs:{dtype:"float32"}}),result=complex({inputs:{real:floatX,imag:zerosTensor},backend});return zerosTensor.dispose(),backend.disposeData(floatX.dataId),result}if(x.dtype==="complex64"){var realPart=real({inputs:{input:x},backend}),result=cast({inputs:{x:realPart},backend,attrs:{dtype}});return backend.disposeData(realPart.dataId),result}if(!tf.util.hasEncodingLoss(x.dtype,dtype)){var result=identity({inputs:{x},backend});return{dataId:result.dataId,shape:result.shape,dtype}}if(backend.shouldExecuteOnCPU([x])){var values=backend.tensorMap.get(x.dataId).values,_a2=__read(castImplCPU(values,x.shape,x.dtype,dtype),3),resultShape=_a2[0],resultType=_a2[1],resultData=_a2[2];return backend.makeTensorInfo(resultShape,resultType,resultData)}if(dtype==="int32")return int(x,backend);if(dtype==="bool"){var zerosTensorInfo=backend.makeTensorInfo([],"bool",tf.util.getTypedArrayFromDType("bool",1)),binaryInputs={a:x,b:zerosTensorInfo},result=notEqual({inputs:binaryInputs,backend});return backend.disposeData(zerosTensorInfo.dataId),result}throw new Error("Error in Cast: failed to cast ".concat(x.dtype," to ").concat(dtype))}var castConfig={kernelName:tf.Cast,backendName:"webgpu",kernelFunc:cast};var ceil=unaryKernelFunc({opType:UnaryOpType.CEIL,cpuKernelImpl:ceilImplCPU}),ceilConfig={kernelName:tf.Ceil,backendName:"webgpu",kernelFunc:ceil};var ClipVec4Program=(function(){function ClipVec4Program2(outputShape){this.variableNames=["A"],this.uniforms="minVal : f32, maxVal : f32,",this.workPerThread=4,this.workgroupSize=[64,1,1],this.outputComponent=4,this.size=!0,this.outputShape=outputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize,[this.workPerThread,1,1]),this.shaderKey="clipVec4"}return ClipVec4Program2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if(index < uniforms.size) {
          let value = getAByOutputIndex(index);
          var clampedValue = clamp(
              value, vec4<f32>(uniforms.minVal), vec4<f32>(uniforms.maxVal));
          clampedValue = select(clampedValue, value, isnanVec4(value));
          setOutputAtIndex(index, clampedValue);
        }
      }
    `);return userCode},ClipVec4Program2})();var ClipProgram=(function(){function ClipProgram2(outputShape){this.variableNames=["A"],this.uniforms="minVal : f32, maxVal : f32,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=outputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="clip"}return ClipProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if(index < uniforms.size) {
          let value = getAByOutputIndex(index);
          if (isnan(value)) {
            setOutputAtIndex(index, value);
            return;
          }
          setOutputAtIndex(index, clamp(value, uniforms.minVal, uniforms.maxVal));
        }
      }
    `);return userCode},ClipProgram2})();function clipByValue(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,clipValueMin=attrs.clipValueMin,clipValueMax=attrs.clipValueMax,program,uniformData=[{type:"float32",data:[clipValueMin]},{type:"float32",data:[clipValueMax]}];return tf.util.sizeFromShape(x.shape)%4===0?program=new ClipVec4Program(x.shape):program=new ClipProgram(x.shape),backend.runWebGPUProgram(program,[x],x.dtype,uniformData)}var clipByValueConfig={kernelName:tf.ClipByValue,backendName:"webgpu",kernelFunc:clipByValue};var ComplexAbsProgram=(function(){function ComplexAbsProgram2(shape){this.outputShape=[],this.variableNames=["real","imag"],this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=shape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="complexAbs"}return ComplexAbsProgram2.prototype.getUserCode=function(){var userCode=`
    `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let re = abs(getRealByOutputIndex(index));
        let im = abs(getImagByOutputIndex(index));
        let mx = max(re, im);

        // The length function in wgsl may be not underflow-safe on some GPUs.
        // So the safe solution is to ensure underflow-safety in all cases.
        setOutputAtIndex(index, select(mx * length(vec2<f32>(1, min(re, im)/mx)), 0.0, mx == 0.0));
      }
    }
  `);return userCode},ComplexAbsProgram2})();function makeComplexComponentTensorInfo(complexTensor,complexPart){return{dataId:complexPart.dataId,dtype:complexPart.dtype,shape:complexTensor.shape}}function complexAbs(args){var inputs=args.inputs,backend=args.backend,x=inputs.x,xData=backend.tensorMap.get(x.dataId),program=new ComplexAbsProgram(x.shape),programInputs=[makeComplexComponentTensorInfo(x,xData.complexTensorInfos.real),makeComplexComponentTensorInfo(x,xData.complexTensorInfos.imag)];return backend.runWebGPUProgram(program,programInputs,programInputs[0].dtype)}var complexAbsConfig={kernelName:tf.ComplexAbs,backendName:"webgpu",kernelFunc:complexAbs};var ConcatProgram=(function(){function ConcatProgram2(shapes){this.uniforms="",this.workPerThread=1,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=tf.backend_util.computeOutShape(shapes,1),this.variableNames=shapes.map(function(_,i2){return"T".concat(i2)}),this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize,[this.workPerThread,1,1]),this.offsetLength=shapes.length-1;for(var i=0;i<this.offsetLength;i++)this.uniforms+="offset".concat(i," : i32,");this.shaderKey="concat"}return ConcatProgram2.prototype.getUserCode=function(){var snippets=[];if(this.offsetLength>0){snippets.push("if (yC < uniforms.offset0){ setOutputAtCoords(coords.x, coords.y, getT0(yR, yC)); }");for(var i=1;i<this.offsetLength;i++)snippets.push("else if (yC < uniforms.offset".concat([i],"){ ")+"setOutputAtCoords(coords.x, coords.y, getT".concat(i,"(yR, yC - uniforms.offset").concat(i-1,")); }"));var lastIndex=this.offsetLength,lastShiftIndex=this.offsetLength-1;snippets.push("else { setOutputAtCoords(coords.x, coords.y, getT".concat(lastIndex,"(yR, yC - uniforms.offset").concat(lastShiftIndex,")); }"))}else snippets.push("setOutputAtCoords(coords.x, coords.y, getT0(yR, yC));");var userCode=`
      `.concat(getMainHeaderString("index"),` {
        for(var i = 0; i < `).concat(this.workPerThread,`; i = i + 1) {
          let flatIndex = index * `).concat(this.workPerThread,` + i;
          if(flatIndex < uniforms.size) {
            let coords = getCoordsFromIndex(flatIndex);
            let yR = coords.x;
            let yC = coords.y;

            `).concat(snippets.join(`
        `),`
          }
        }
      }
    `);return userCode},ConcatProgram2})();function imag(args){var inputs=args.inputs,backend=args.backend,input=inputs.input,inputData=backend.tensorMap.get(input.dataId);return identity({inputs:{x:inputData.complexTensorInfos.imag},backend})}var imagConfig={kernelName:tf.Imag,backendName:"webgpu",kernelFunc:imag};function concatImpl(inputs,axis,backend){var e_12,_a2,dtype=inputs[0].dtype;if(dtype==="complex64"){var reals=inputs.map(function(t){return real({inputs:{input:t},backend})}),imags=inputs.map(function(t){return imag({inputs:{input:t},backend})}),realConcated=concatImpl(reals,axis,backend),imagConcated=concatImpl(imags,axis,backend),result=complex({inputs:{real:realConcated,imag:imagConcated},backend});return reals.forEach(function(r){return backend.disposeData(r.dataId)}),imags.forEach(function(i2){return backend.disposeData(i2.dataId)}),backend.disposeData(realConcated.dataId),backend.disposeData(imagConcated.dataId),result}var runOnCpu=backend.shouldExecuteOnCPU(inputs);if(dtype==="string"&&(runOnCpu=!0),runOnCpu){var tensors2D_1=inputs.map(function(t){var innerSize=tf.util.sizeFromShape(t.shape.slice(axis)),shape=[-1,innerSize];return reshape({inputs:{x:t},backend,attrs:{shape}})}),inputsValShapes=tensors2D_1.map(function(t){return{vals:backend.readSync(t.dataId),shape:t.shape}}),outShape_1=tf.backend_util.computeOutShape(tensors2D_1.map(function(t){return t.shape}),1),simplyConcat=tensors2D_1[0].shape[0]===1,outVals=concatImplCPU(inputsValShapes,outShape_1,dtype,simplyConcat),finalOutShape=tf.backend_util.computeOutShape(inputs.map(function(t){return t.shape}),axis),outInfo=backend.makeTensorInfo(finalOutShape,dtype,outVals);return tensors2D_1.forEach(function(t){return backend.disposeData(t.dataId)}),outInfo}var maxInputNum=backend.device.limits.maxStorageBuffersPerShaderStage-1;if(inputs.length>maxInputNum){for(var reducedInputs=[],i=0;i<inputs.length;i+=maxInputNum){var subArray=inputs.slice(i,i+maxInputNum);reducedInputs.push(concatImpl(subArray,axis,backend))}var result=concatImpl(reducedInputs,axis,backend);try{for(var reducedInputs_1=__values(reducedInputs),reducedInputs_1_1=reducedInputs_1.next();!reducedInputs_1_1.done;reducedInputs_1_1=reducedInputs_1.next()){var i=reducedInputs_1_1.value;backend.disposeData(i.dataId)}}catch(e_1_1){e_12={error:e_1_1}}finally{try{reducedInputs_1_1&&!reducedInputs_1_1.done&&(_a2=reducedInputs_1.return)&&_a2.call(reducedInputs_1)}finally{if(e_12)throw e_12.error}}return result}var _b=computeTensors2D(inputs,axis,backend),tensors2D=_b.tensors2D,outShape=_b.outShape,shapes=tensors2D.map(function(t){return t.shape}),program=new ConcatProgram(shapes),uniformData=[],offsets=new Array(shapes.length-1);if(offsets.length>0){offsets[0]=shapes[0][1],uniformData.push({type:"int32",data:[offsets[0]]});for(var i=1;i<offsets.length;i++)offsets[i]=offsets[i-1]+shapes[i][1],uniformData.push({type:"int32",data:[offsets[i]]})}var res=backend.runWebGPUProgram(program,tensors2D,tensors2D[0].dtype,uniformData);tensors2D.forEach(function(r){return backend.disposeData(r.dataId)});var reshapedResult=reshape({inputs:{x:res},backend,attrs:{shape:outShape}});return backend.disposeData(res.dataId),reshapedResult}function computeTensors2D(inputs,axis,backend){var outShape=tf.backend_util.computeOutShape(inputs.map(function(t){return t.shape}),axis),tensors2D=inputs.map(function(t){return reshape({inputs:{x:t},backend,attrs:{shape:[tf.util.sizeFromShape(t.shape.slice(0,axis)),tf.util.sizeFromShape(t.shape.slice(axis))]}})});return{tensors2D,outShape}}function concat(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,axis=attrs.axis,$axis=tf.util.parseAxisParam(axis,inputs[0].shape)[0],shapes=inputs.map(function(t){return t.shape});tf.backend_util.assertParamsConsistent(shapes,$axis);var outShape=tf.backend_util.computeOutShape(inputs.map(function(t){return t.shape}),$axis);if(tf.util.sizeFromShape(outShape)===0)return backend.makeTensorInfo(outShape,inputs[0].dtype,[]);var $inputs=inputs.filter(function(t){return tf.util.sizeFromShape(t.shape)>0});return $inputs.length===1?identity({inputs:{x:$inputs[0]},backend}):concatImpl($inputs,$axis,backend)}var concatConfig={kernelName:tf.Concat,backendName:"webgpu",kernelFunc:concat};function conv2dCommonSnippet(isChannelsLast,fitAOuter,fitBOuter,fitInner,addBias,activation,hasPreluActivationWeights,innerElementSizeX,innerElementSizeW,innerElementSize){addBias===void 0&&(addBias=!1),activation===void 0&&(activation=null),hasPreluActivationWeights===void 0&&(hasPreluActivationWeights=!1),innerElementSizeX===void 0&&(innerElementSizeX=4),innerElementSizeW===void 0&&(innerElementSizeW=4),innerElementSize===void 0&&(innerElementSize=4);var getXSnippet=function(innerElementSize2){switch(innerElementSize2){case 1:return"resData = f32(x[xIndex]);";case 3:return"resData = vec3<f32>(x[xIndex], x[xIndex + 1], x[xIndex + 2]);";case 4:return"resData = vec4<f32>(x[xIndex / 4]);";default:throw new Error("innerElementSize ".concat(innerElementSize2," is not supported."))}},getWSnippet=function(innerElementSize2){switch(innerElementSize2){case 1:return"return f32(W[row * uniforms.wShape[3] + col]);";case 4:return"return vec4<f32>(W[(row * uniforms.wShape[3] + col) / 4]);";default:throw new Error("innerElementSize ".concat(innerElementSize2," is not supported."))}},coordASnippet=isChannelsLast?`
      let coord = vec4<i32>(batch, xRow, xCol, xCh);
      `:`
      let coord = vec4<i32>(batch, xCh, xRow, xCol);
      `,coordResSnippet=isChannelsLast?`
      let coords = vec4<i32>(
        batch,
        row / outWidth,
        row % outWidth,
        col);
      `:`
      let coords = vec4<i32>(
        batch,
        row,
        col / outWidth,
        col % outWidth);
      `,xHight=isChannelsLast?"uniforms.xShape[1]":"uniforms.xShape[2]",xWidth=isChannelsLast?"uniforms.xShape[2]":"uniforms.xShape[3]",row=isChannelsLast?"row":"col",col=isChannelsLast?"col":"row",readXSnippet=`
      let inChannels = uniforms.wShape[2];
      let outWidth = `.concat(isChannelsLast?"uniforms.outShape[2]":"uniforms.outShape[3]",`;
      let outRow = `).concat(row,` / outWidth;
      let outCol = `).concat(row,` % outWidth;

      let WRow = `).concat(col,` / (uniforms.filterDims[1] * inChannels);
      let WCol = `).concat(col,` / inChannels % uniforms.filterDims[1];
      let xRow = outRow * uniforms.strides[0] + uniforms.dilations[0] * WRow - uniforms.pads[0];
      let xCol = outCol * uniforms.strides[1] + uniforms.dilations[1] * WCol - uniforms.pads[1];
      let xCh = `).concat(col,` % inChannels;
      var resData = `).concat(typeSnippet(innerElementSizeX),`(0.0);
      // The bounds checking is always needed since we use it to pad zero for
      // the 'same' padding type.
      if (xRow >= 0 && xRow < `).concat(xHight," && xCol >= 0 && xCol < ").concat(xWidth,`) {
        `).concat(coordASnippet,`
        let xIndex = getIndexFromCoords4D(coord, uniforms.xShape);
        `).concat(getXSnippet(innerElementSizeX),`
      }
      return resData;`),sampleX=isChannelsLast?fitAOuter&&fitInner?`
      `.concat(readXSnippet):`
      if (row < uniforms.dimAOuter && col < uniforms.dimInner) {
        `.concat(readXSnippet,`
      }
      return `).concat(typeSnippet(innerElementSizeX),"(0.0);"):fitInner&&fitBOuter?`
      `.concat(readXSnippet):`
      if (row < uniforms.dimInner && col < uniforms.dimBOuter) {
        `.concat(readXSnippet,`
      }
      return `).concat(typeSnippet(innerElementSizeX),"(0.0);"),sampleW="".concat(getWSnippet(innerElementSizeW)),resType=typeSnippet(innerElementSize),aType=typeSnippet(isChannelsLast?innerElementSizeX:innerElementSizeW),bType=typeSnippet(isChannelsLast?innerElementSizeW:innerElementSizeX),userCode=`
      `.concat(activationFnSnippet(activation,hasPreluActivationWeights,innerElementSize===4,4),`
      fn mm_readA(batch: i32, row : i32, col : i32) -> `).concat(aType,` {
        `).concat(isChannelsLast?sampleX:sampleW,`
      }

      fn mm_readB(batch: i32, row : i32, col : i32) -> `).concat(bType,` {
        `).concat(isChannelsLast?sampleW:sampleX,`
      }

      fn mm_write(batch: i32, row : i32, col : i32, valueIn : `).concat(resType,`) {
        if (row < uniforms.dimAOuter && col < uniforms.dimBOuter)
        {
        var value = valueIn;
        let outWidth = `).concat(isChannelsLast?"uniforms.outShape[2]":"uniforms.outShape[3]",`;
        `).concat(coordResSnippet,`
        `).concat(biasActivationSnippet(addBias,activation),`
        setOutputAtCoords(coords[0], coords[1], coords[2], coords[3], value);
        }
      }`);return userCode}var Conv2DMMProgram=(function(){function Conv2DMMProgram2(convInfo,dimAOuter,dimBOuter,dimInner,addBias,activation,hasPreluActivationWeights,sequentialAccessByThreads){addBias===void 0&&(addBias=!1),activation===void 0&&(activation=null),hasPreluActivationWeights===void 0&&(hasPreluActivationWeights=!1),sequentialAccessByThreads===void 0&&(sequentialAccessByThreads=!1),this.variableNames=["x","W"],this.uniforms="filterDims : vec2<i32>, pads : vec2<i32>, strides : vec2<i32>, dilations : vec2<i32>, dimAOuter : i32, dimBOuter : i32, dimInner : i32,",this.outputShape=convInfo.outShape,this.isChannelsLast=convInfo.dataFormat==="channelsLast",this.isVec4=((convInfo.inChannels%4===0||convInfo.inChannels%3===0)&&this.isChannelsLast||convInfo.outWidth%4===0&&!this.isChannelsLast)&&convInfo.outChannels%4===0,this.dispatchLayout=this.isChannelsLast?{x:[3],y:[1,2],z:[0]}:{x:[2,3],y:[1],z:[0]},this.workgroupSize=computeWorkgroupSizeForConv2d(this.dispatchLayout,this.outputShape,this.isVec4),this.elementsPerThread=computeWorkPerThreadForConv2d(this.dispatchLayout,this.outputShape,this.isVec4),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize,this.elementsPerThread),this.isVec4?(this.outputComponent=4,this.isChannelsLast&&convInfo.inChannels%4!==0?(this.innerElementSize=3,this.variableComponents=[1,4]):(this.innerElementSize=4,this.variableComponents=[4,4]),addBias&&(this.variableNames.push("bias"),this.variableComponents.push(4)),hasPreluActivationWeights&&(this.variableNames.push("preluActivationWeights"),this.variableComponents.push(4))):(this.innerElementSize=this.elementsPerThread[0],addBias&&this.variableNames.push("bias"),hasPreluActivationWeights&&this.variableNames.push("preluActivationWeights")),this.sequentialAccessByThreads=sequentialAccessByThreads,this.addBias=addBias,this.activation=activation,this.hasPreluActivationWeights=hasPreluActivationWeights,this.tileAOuter=this.workgroupSize[1]*this.elementsPerThread[1],this.tileBOuter=this.workgroupSize[0]*this.elementsPerThread[0],this.tileInner=Math.max(this.workgroupSize[0]*this.innerElementSize,this.workgroupSize[1]),this.fitAOuter=dimAOuter%this.tileAOuter===0,this.fitBOuter=dimBOuter%this.tileBOuter===0,this.fitInner=dimInner%this.tileInner===0,this.shaderKey="conv2DMM_".concat(this.elementsPerThread,"_").concat(this.activation,"}_").concat(this.fitAOuter,"_").concat(this.fitBOuter,"_").concat(this.fitInner,"_").concat(this.isVec4,"_").concat(this.innerElementSize,"_").concat(this.isChannelsLast,"_").concat(this.sequentialAccessByThreads)}return Conv2DMMProgram2.prototype.getUserCode=function(){var matMulSource=this.isVec4?makeMatMulPackedVec4Source(this.elementsPerThread,this.workgroupSize,!this.isChannelsLast,this.tileInner):makeMatMulPackedSource(this.elementsPerThread,this.workgroupSize,!this.isChannelsLast,this.tileInner,!1,null,this.sequentialAccessByThreads),elementsSize=this.isVec4?[this.innerElementSize,4,4]:[1,1,1],userCode=`
    `.concat(conv2dCommonSnippet(this.isChannelsLast,this.fitAOuter,this.fitBOuter,this.fitInner,this.addBias,this.activation,this.hasPreluActivationWeights,elementsSize[0],elementsSize[1],elementsSize[2]),`
    `).concat(matMulSource,`
  `);return userCode},Conv2DMMProgram2})();var Conv2DNaiveProgram=(function(){function Conv2DNaiveProgram2(convInfo,addBias,activation,hasPreluActivationWeights){addBias===void 0&&(addBias=!1),activation===void 0&&(activation=null),hasPreluActivationWeights===void 0&&(hasPreluActivationWeights=!1),this.variableNames=["x","W"],this.uniforms="filterDims: vec2<i32>, pads: vec2<i32>, strides: vec2<i32>, dilations: vec2<i32>,",this.workgroupSize=[4,4,8],this.outputShape=convInfo.outShape,this.isChannelsLast=convInfo.dataFormat==="channelsLast",this.dispatchLayout=this.isChannelsLast?{x:[2],y:[1],z:[0,3]}:{x:[3],y:[2],z:[0,1]},this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.addBias=addBias,this.activation=activation,this.hasPreluActivationWeights=hasPreluActivationWeights,addBias&&this.variableNames.push("bias"),hasPreluActivationWeights&&this.variableNames.push("preluActivationWeights"),this.shaderKey="conv2dnaive_".concat(this.activation,"_").concat(this.isChannelsLast)}return Conv2DNaiveProgram2.prototype.getUserCode=function(){var userCode=`
       `.concat(activationFnSnippet(this.activation,this.hasPreluActivationWeights,!1,4),`
       fn readInp(batch : i32, row : i32, col : i32, chan : i32) -> f32{
         let coords = vec4<i32>(batch, row, col, chan);
         if (coordsInBounds4D(coords, uniforms.xShape)) {
           return  getX(batch, row, col, chan);
         } else {
          return 0.0;
         }
       }
       fn readFilt(row : i32, col : i32, xChannel : i32, outChannel : i32) -> f32{
         let coords = vec4<i32>(row, col, xChannel, outChannel);
         if(coordsInBounds4D(coords, uniforms.wShape)) {
           return getW(row, col, xChannel, outChannel);
          } else {
            return 0.0;
          }
       }
       fn writeResult(batch : i32, row : i32, col : i32, chan : i32, valueIn : f32) {
         let coords = `).concat(this.isChannelsLast?"vec4<i32>(batch, row, col, chan);":"vec4<i32>(batch, chan, row, col);",`
         if (coordsInBounds4D(coords, uniforms.outShape)) {
           var value = valueIn;
           `).concat(biasActivationSnippet(this.addBias,this.activation),`
           setOutputAtCoords(coords.x, coords.y, coords.z, coords.w, value);
         }
       }
       `).concat(getMainHeaderString("index"),` {
         let coords = getOutputCoords();
         let batch = coords[0];
         let outChannel = `).concat(this.isChannelsLast?"coords[3];":"coords[1];",`
         let outRow = `).concat(this.isChannelsLast?"coords[1];":"coords[2];",`
         let outCol = `).concat(this.isChannelsLast?"coords[2];":"coords[3];",`
         var acc : f32 = 0.0;
         for (var row = 0; row < uniforms.filterDims[0]; row = row + 1) {
           for (var col = 0; col < uniforms.filterDims[1]; col = col + 1) {
             let xRow = outRow * uniforms.strides[0] + uniforms.dilations[0] * row - uniforms.pads[0];
             let xCol = outCol * uniforms.strides[1] + uniforms.dilations[1] * col - uniforms.pads[1];
             for (var xChannel = 0; xChannel < `).concat(this.isChannelsLast?"uniforms.xShape[3];":"uniforms.xShape[1];",` xChannel = xChannel + 1) {
               `).concat(this.isChannelsLast?"let v = readInp(batch, xRow, xCol, xChannel);":"let v = readInp(batch, xChannel, xRow, xCol);",`
               let f = readFilt(row, col, xChannel, outChannel);
               acc = acc + v * f;
             }
           }
         }
         writeResult(batch, outRow, outCol, outChannel, acc);
       }
     `);return userCode},Conv2DNaiveProgram2})();var Im2ColProgram=(function(){function Im2ColProgram2(outputShape,isChannelsLast){this.variableNames=["x"],this.uniforms=`pads : vec2<i32>, strides : vec2<i32>, dilations : vec2<i32>, outWidth : i32, itemsPerBlockRow : i32,
       inChannels : i32,`,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=outputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.isChannelsLast=isChannelsLast,this.shaderKey="im2col_".concat(this.isChannelsLast)}return Im2ColProgram2.prototype.getUserCode=function(){var rowDim=this.isChannelsLast?1:2,colDim=this.isChannelsLast?2:3,row=this.isChannelsLast?"coords[1]":"coords[2]",col=this.isChannelsLast?"coords[2]":"coords[1]",getXSnippet=this.isChannelsLast?"getX(batch, xRow, xCol, ch)":"getX(batch, ch, xRow, xCol)",userCode=`
    `.concat(getMainHeaderString("index"),` {
      let coords = getCoordsFromIndex(index);
      if(index < uniforms.size) {
        let batch = coords[0];
        let row = `).concat(row,`;
        let col = `).concat(col,`;
        let offsetY = (row / uniforms.outWidth) * uniforms.strides[0] - uniforms.pads[0];
        let xRow = offsetY + uniforms.dilations[0] * (col / uniforms.itemsPerBlockRow);
        var value = 0.0;
        if(xRow < uniforms.xShape[`).concat(rowDim,`] && xRow >= 0) {
          let offsetX = (row % uniforms.outWidth) * uniforms.strides[1] -
              uniforms.pads[1];
          let xCol = offsetX + uniforms.dilations[1] * ((col %
              uniforms.itemsPerBlockRow) / uniforms.inChannels);
          let ch = col % uniforms.inChannels;
          if(xCol < uniforms.xShape[`).concat(colDim,`] && xCol >= 0) {
            value = `).concat(getXSnippet,`;
          }
        }
        setOutputAtIndex(index, value);
      }
    }
   `);return userCode},Im2ColProgram2})();function getShapeForBatchMatMul(shape,isChannelsLast){var length=shape.length;return length>=3?isChannelsLast?__spreadArray(__spreadArray([],__read(shape.slice(0,-3)),!1),[shape[length-3]*shape[length-2],shape[length-1]],!1):__spreadArray(__spreadArray([],__read(shape.slice(0,-3)),!1),[shape[length-3],shape[length-2]*shape[length-1]],!1):!isChannelsLast&&length===1&&shape[0]>1?[shape[0],1]:null}function conv2dByMatMul(_a2){var e_12,_b,x=_a2.x,filter=_a2.filter,convInfo=_a2.convInfo,backend=_a2.backend,_c=_a2.bias,bias=_c===void 0?null:_c,_d=_a2.preluActivationWeights,preluActivationWeights=_d===void 0?null:_d,_e=_a2.leakyreluAlpha,leakyreluAlpha=_e===void 0?0:_e,_f=_a2.activation,activation=_f===void 0?null:_f,isChannelsLast=convInfo.dataFormat==="channelsLast",transposeA=!isChannelsLast,transposeB=!1,sameSize=isChannelsLast&&convInfo.filterHeight===convInfo.inHeight&&convInfo.filterWidth===convInfo.inWidth&&convInfo.padInfo.type==="VALID",intermediates=[],xReshaped,filterReshaped;if(sameSize){var sharedDim=convInfo.inHeight*convInfo.inWidth*convInfo.inChannels;xReshaped=reshape({inputs:{x},backend,attrs:{shape:[1,convInfo.batchSize,sharedDim]}}),filterReshaped=reshape({inputs:{x:filter},backend,attrs:{shape:[1,sharedDim,convInfo.outChannels]}})}else xReshaped=reshape({inputs:{x},backend,attrs:{shape:isChannelsLast?[convInfo.batchSize,convInfo.inHeight*convInfo.inWidth,convInfo.inChannels]:[convInfo.batchSize,convInfo.inChannels,convInfo.inHeight*convInfo.inWidth]}}),filterReshaped=reshape({inputs:{x:filter},backend,attrs:{shape:[1,convInfo.inChannels,convInfo.outChannels]}});if(intermediates.push(xReshaped),intermediates.push(filterReshaped),preluActivationWeights!=null){var targetShape=getShapeForBatchMatMul(preluActivationWeights.shape,isChannelsLast);targetShape!=null&&(preluActivationWeights=reshape({inputs:{x:preluActivationWeights},backend,attrs:{shape:targetShape}}),intermediates.push(preluActivationWeights))}if(bias!=null){var targetShape=getShapeForBatchMatMul(bias.shape,isChannelsLast);targetShape!=null&&(bias=reshape({inputs:{x:bias},backend,attrs:{shape:targetShape}}),intermediates.push(bias))}var result=batchMatMulImpl({a:isChannelsLast?xReshaped:filterReshaped,b:isChannelsLast?filterReshaped:xReshaped,transposeA,transposeB,backend,bias,activation,preluActivationWeights,leakyreluAlpha}),out=reshape({inputs:{x:result},backend,attrs:{shape:convInfo.outShape}});intermediates.push(result);try{for(var intermediates_1=__values(intermediates),intermediates_1_1=intermediates_1.next();!intermediates_1_1.done;intermediates_1_1=intermediates_1.next()){var i=intermediates_1_1.value;backend.disposeData(i.dataId)}}catch(e_1_1){e_12={error:e_1_1}}finally{try{intermediates_1_1&&!intermediates_1_1.done&&(_b=intermediates_1.return)&&_b.call(intermediates_1)}finally{if(e_12)throw e_12.error}}return out}function conv2dWithIm2Col(_a2){var e_2,_b,x=_a2.x,filter=_a2.filter,convInfo=_a2.convInfo,backend=_a2.backend,_c=_a2.bias,bias=_c===void 0?null:_c,_d=_a2.preluActivationWeights,preluActivationWeights=_d===void 0?null:_d,_e=_a2.leakyreluAlpha,leakyreluAlpha=_e===void 0?0:_e,_f=_a2.activation,activation=_f===void 0?null:_f,filterWidth=convInfo.filterWidth,filterHeight=convInfo.filterHeight,inChannels=convInfo.inChannels,strideWidth=convInfo.strideWidth,strideHeight=convInfo.strideHeight,padInfo=convInfo.padInfo,outWidth=convInfo.outWidth,outHeight=convInfo.outHeight,dilationWidth=convInfo.dilationWidth,dilationHeight=convInfo.dilationHeight,dataFormat=convInfo.dataFormat,isChannelsLast=dataFormat==="channelsLast",sharedDim=filterWidth*filterHeight*inChannels,numCols=outHeight*outWidth,x2ColShape=isChannelsLast?[convInfo.batchSize,numCols,sharedDim]:[convInfo.batchSize,sharedDim,numCols],im2ColProgram=new Im2ColProgram(x2ColShape,isChannelsLast),dimensions=[{type:"int32",data:[padInfo.top,padInfo.left]},{type:"int32",data:[strideHeight,strideWidth]},{type:"int32",data:[dilationHeight,dilationWidth]},{type:"int32",data:[outWidth]},{type:"int32",data:[inChannels*filterWidth]},{type:"int32",data:[inChannels]}],x2Col=backend.runWebGPUProgram(im2ColProgram,[x],x.dtype,dimensions),intermediates=[];intermediates.push(x2Col);var filterReshaped=reshape({inputs:{x:filter},backend,attrs:{shape:[1,sharedDim,-1]}});if(intermediates.push(filterReshaped),preluActivationWeights!=null){var targetShape=getShapeForBatchMatMul(preluActivationWeights.shape,isChannelsLast);targetShape!=null&&(preluActivationWeights=reshape({inputs:{x:preluActivationWeights},backend,attrs:{shape:targetShape}}),intermediates.push(preluActivationWeights))}if(bias!=null){var targetShape=getShapeForBatchMatMul(bias.shape,isChannelsLast);targetShape!=null&&(bias=reshape({inputs:{x:bias},backend,attrs:{shape:targetShape}}),intermediates.push(bias))}var transposeA=!isChannelsLast,transposeB=!1,result=batchMatMulImpl({a:isChannelsLast?x2Col:filterReshaped,b:isChannelsLast?filterReshaped:x2Col,transposeA,transposeB,backend,bias,activation,preluActivationWeights,leakyreluAlpha}),out=reshape({inputs:{x:result},backend,attrs:{shape:convInfo.outShape}});intermediates.push(result);try{for(var intermediates_2=__values(intermediates),intermediates_2_1=intermediates_2.next();!intermediates_2_1.done;intermediates_2_1=intermediates_2.next()){var i=intermediates_2_1.value;backend.disposeData(i.dataId)}}catch(e_2_1){e_2={error:e_2_1}}finally{try{intermediates_2_1&&!intermediates_2_1.done&&(_b=intermediates_2.return)&&_b.call(intermediates_2)}finally{if(e_2)throw e_2.error}}return out}function conv2DImpl(_a2){var e_3,_b,x=_a2.x,filter=_a2.filter,convInfo=_a2.convInfo,backend=_a2.backend,_c=_a2.bias,bias=_c===void 0?null:_c,_d=_a2.preluActivationWeights,preluActivationWeights=_d===void 0?null:_d,_e=_a2.leakyreluAlpha,leakyreluAlpha=_e===void 0?0:_e,_f=_a2.activation,activation=_f===void 0?null:_f,hasBias=bias!=null,hasPreluActivationWeights=preluActivationWeights!=null,isChannelsLast=convInfo.dataFormat==="channelsLast",sameSize=isChannelsLast&&convInfo.filterHeight===convInfo.inHeight&&convInfo.filterWidth===convInfo.inWidth&&convInfo.padInfo.type==="VALID",useNaiveConv2d=tf.env().getBool("WEBGPU_USE_NAIVE_CONV2D_DEBUG");if(!useNaiveConv2d&&(sameSize||convInfo.filterHeight===1&&convInfo.filterWidth===1&&convInfo.dilationHeight===1&&convInfo.dilationWidth===1&&convInfo.strideHeight===1&&convInfo.strideWidth===1&&(convInfo.padInfo.type==="SAME"||convInfo.padInfo.type==="VALID")))return conv2dByMatMul({x,filter,convInfo,backend,bias,activation,preluActivationWeights,leakyreluAlpha});var thresholdFlagValue=tf.env().getNumber("WEBGPU_THRESHOLD_TO_INCREASE_WORKGROUPS_FOR_MATMUL"),thresholdToIncreaseWorkgroups=thresholdFlagValue>-1?thresholdFlagValue:backend.thresholdToIncreaseWorkgroups,workgroupsBy32x32=convInfo.batchSize*Math.ceil(convInfo.outHeight*convInfo.outWidth/32)*Math.ceil(convInfo.outChannels/32);if(tf.env().getBool("WEBGPU_CONV_SEPARATE_IM2COL_SHADER")||workgroupsBy32x32<=thresholdToIncreaseWorkgroups)return conv2dWithIm2Col({x,filter,convInfo,backend,bias,preluActivationWeights,leakyreluAlpha,activation});var program,padInfo=[convInfo.padInfo.top,convInfo.padInfo.left],dimensions=[{type:"int32",data:[convInfo.filterHeight,convInfo.filterWidth]},{type:"int32",data:__spreadArray([],__read(padInfo),!1)},{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.dilationHeight,convInfo.dilationWidth]}];if(useNaiveConv2d)program=new Conv2DNaiveProgram(convInfo,hasBias,activation,hasPreluActivationWeights);else{var dimAOuter=isChannelsLast?convInfo.outHeight*convInfo.outWidth:convInfo.outChannels,dimBOuter=isChannelsLast?convInfo.outChannels:convInfo.outHeight*convInfo.outWidth,dimInner=convInfo.filterHeight*convInfo.filterWidth*convInfo.inChannels;dimensions.push({type:"int32",data:[dimAOuter]},{type:"int32",data:[dimBOuter]},{type:"int32",data:[dimInner]});var sequentialAccessByThreads=backend.adapterInfo.isIntel();program=new Conv2DMMProgram(convInfo,dimAOuter,dimBOuter,dimInner,hasBias,activation,hasPreluActivationWeights,sequentialAccessByThreads)}var intermediates=[],inputVar=[x,filter];hasBias&&(!isChannelsLast&&bias.shape.length===1&&(bias=reshape({inputs:{x:bias},backend,attrs:{shape:[bias.shape[0],1,1]}}),intermediates.push(bias)),inputVar.push(bias)),hasPreluActivationWeights&&(!isChannelsLast&&preluActivationWeights.shape.length===1&&(preluActivationWeights=reshape({inputs:{x:preluActivationWeights},backend,attrs:{shape:[preluActivationWeights.shape[0],1,1]}}),intermediates.push(preluActivationWeights)),inputVar.push(preluActivationWeights)),activation==="leakyrelu"&&(dimensions.push({type:"float32",data:[leakyreluAlpha]}),program.uniforms+=" alpha : f32,");var out=backend.runWebGPUProgram(program,inputVar,x.dtype,dimensions);try{for(var intermediates_3=__values(intermediates),intermediates_3_1=intermediates_3.next();!intermediates_3_1.done;intermediates_3_1=intermediates_3.next()){var i=intermediates_3_1.value;backend.disposeData(i.dataId)}}catch(e_3_1){e_3={error:e_3_1}}finally{try{intermediates_3_1&&!intermediates_3_1.done&&(_b=intermediates_3.return)&&_b.call(intermediates_3)}finally{if(e_3)throw e_3.error}}return out}function conv2d(args){var inputs=args.inputs,attrs=args.attrs,backend=args.backend,x=inputs.x,filter=inputs.filter,strides=attrs.strides,pad=attrs.pad,dataFormat=attrs.dataFormat,dilations=attrs.dilations,dimRoundingMode=attrs.dimRoundingMode,$dataFormat=tf.backend_util.convertConv2DDataFormat(dataFormat),convInfo=tf.backend_util.computeConv2DInfo(x.shape,filter.shape,strides,dilations,pad,dimRoundingMode,!1,$dataFormat);return conv2DImpl({x,filter,convInfo,backend})}var conv2DConfig={kernelName:tf.Conv2D,backendName:"webgpu",kernelFunc:conv2d};var Conv2DDerInputProgram=(function(){function Conv2DDerInputProgram2(convInfo){this.variableNames=["dy","W"],this.uniforms="filterDims : vec2<i32>, pads : vec2<i32>, strides : vec2<i32>, outBackprop : vec4<i32>,",this.workgroupSize=[64,1,1],this.size=!1,this.isVec4=!1,this.workPerThread=1,this.outputShape=convInfo.inShape,this.isChannelsLast=convInfo.dataFormat==="channelsLast",this.isVec4=this.isChannelsLast&&convInfo.outChannels%4===0&&convInfo.inChannels%4===0,this.isVec4?(this.workPerThread=2,this.outputComponent=4,this.workgroupSize=[4,4,4],this.dispatchLayout={x:[3],y:[2],z:[0,1]},this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize,[4,this.workPerThread,1])):(this.size=!0,this.workPerThread=1,this.workgroupSize=[64,1,1],this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize)),this.shaderKey="conv2DDerInput_".concat(this.isChannelsLast,"_").concat(this.isVec4,"_").concat(this.workPerThread)}return Conv2DDerInputProgram2.prototype.getUserCode=function(){var rowDim=this.isChannelsLast?1:2,colDim=this.isChannelsLast?2:3,channelDim=this.isChannelsLast?3:1,vec4Snippet=`
    `.concat(getMainHeaderString(),` {
      let batch = i32(globalId.z) / uniforms.outShape[1];
      let r = i32(globalId.z) % uniforms.outShape[1];
      let c = i32(globalId.y) * `).concat(this.workPerThread,`;
      let d1 = i32(globalId.x) * 4;

      let dyCorner = vec2<i32>(r, c) - uniforms.pads;

      // Convolve dy(?, ?, d2) with w(:, :, d1, d2) to compute dx(xR, xC, d1).
      // ? = to be determined. : = across all values in that axis.
      var dotProd: array<vec4<f32>, `).concat(this.workPerThread,`>;
      for (var i = 0; i < `).concat(this.workPerThread,`; i++) {
        dotProd[i] = vec4<f32>(0.0);
      }
      for (var wR = 0; wR < uniforms.filterDims.x; wR = wR + 1) {
        let dyR = f32(dyCorner.x + wR) / f32(uniforms.strides.x);
        let wRPerm = uniforms.filterDims.x - 1 - wR;
        if (dyR < 0.0 || dyR >= f32(uniforms.outBackprop[1]) ||
            fract(dyR) > 0.0) {
          continue;
        }
        let idyR = i32(dyR);

        for (var wC = 0; wC < uniforms.filterDims.y; wC = wC + 1) {
          let dyC = f32(dyCorner.y + wC) / f32(uniforms.strides.y);
          let dyC2 = f32(dyCorner.y + 1 + wC) / f32(uniforms.strides.y);
          let wCPerm = uniforms.filterDims.y - 1 - wC;
          var bDyCVal = true;
          var bDyCVal2 = true;
          if (dyC < 0.0 || dyC >= f32(uniforms.outBackprop[2]) ||
              fract(dyC) > 0.0) {
            bDyCVal = false;
          }
          if (dyC2 < 0.0 || dyC2 >= f32(uniforms.outBackprop[2]) ||
              fract(dyC2) > 0.0) {
            bDyCVal2 = false;
          }

          let idyC = i32(dyC);
          let idyC2 = i32(dyC2);
          if (bDyCVal && bDyCVal2) {
            let d2Length = uniforms.outBackprop[3];
            for (var d2 = 0; d2 < d2Length; d2 = d2 + 4) {
              let wValue0 = getW(wRPerm, wCPerm, d1, d2);
              let wValue1 = getW(wRPerm, wCPerm, d1 + 1, d2);
              let wValue2 = getW(wRPerm, wCPerm, d1 + 2, d2);
              let wValue3 = getW(wRPerm, wCPerm, d1 + 3, d2);
              var xValue =  getDy(batch, idyR, idyC, d2);
              let tmpval = vec4<f32>(dot(xValue, wValue0),
                                     dot(xValue, wValue1),
                                     dot(xValue, wValue2),
                                     dot(xValue, wValue3));
              dotProd[0] = dotProd[0] + tmpval;
              xValue = getDy(batch, idyR, idyC2, d2);
              dotProd[1] = dotProd[1] + vec4<f32>(dot(xValue, wValue0),
                                                  dot(xValue, wValue1),
                                                  dot(xValue, wValue2),
                                                  dot(xValue, wValue3));
            }
          } else if (bDyCVal) {
            let d2Length = uniforms.outBackprop[3];
            for (var d2 = 0; d2 < d2Length; d2 = d2 + 4) {
              let wValue0 = getW(wRPerm, wCPerm, d1, d2);
              let wValue1 = getW(wRPerm, wCPerm, d1 + 1, d2);
              let wValue2 = getW(wRPerm, wCPerm, d1 + 2, d2);
              let wValue3 = getW(wRPerm, wCPerm, d1 + 3, d2);
              var xValue =  getDy(batch, idyR, idyC, d2);
              let tmpval = vec4<f32>(dot(xValue, wValue0),
                                     dot(xValue, wValue1),
                                     dot(xValue, wValue2),
                                     dot(xValue, wValue3));
              dotProd[0] = dotProd[0] + tmpval;
            }
          } else if (bDyCVal2) {
            let d2Length = uniforms.outBackprop[3];
            for (var d2 = 0; d2 < d2Length; d2 = d2 + 4) {
              let wValue0 = getW(wRPerm, wCPerm, d1, d2);
              let wValue1 = getW(wRPerm, wCPerm, d1 + 1, d2);
              let wValue2 = getW(wRPerm, wCPerm, d1 + 2, d2);
              let wValue3 = getW(wRPerm, wCPerm, d1 + 3, d2);
              var xValue =  getDy(batch, idyR, idyC2, d2);
              let tmpval = vec4<f32>(dot(xValue, wValue0),
                                     dot(xValue, wValue1),
                                     dot(xValue, wValue2),
                                     dot(xValue, wValue3));
              dotProd[1] = dotProd[1] + tmpval;
            }
          }
        }
      }

      for (var i = 0; i < `).concat(this.workPerThread,`; i = i + 1) {
        let coords = vec4<i32>(batch, r, c + i, d1);
        if (coordsInBounds4D(coords, uniforms.outShape)) {
          setOutputAtCoords(coords[0], coords[1], coords[2], coords[3], dotProd[i]);
        }
      }
    }
    `);return this.isVec4?`
    `.concat(vec4Snippet,`
    `):`
    `.concat(getMainHeaderString("index"),` {
      if(index < uniforms.size) {
        let coords = getCoordsFromIndex(index);
        let batch = coords[0];
        let d1 = coords[`).concat(channelDim,`];

        let dyCorner = vec2<i32>(coords[`).concat(rowDim,"], coords[").concat(colDim,`]) - uniforms.pads;
        let dyRCorner = dyCorner.x;
        let dyCCorner = dyCorner.y;

        // Convolve dy(?, ?, d2) with w(:, :, d1, d2) to compute dx(xR, xC, d1).
        // ? = to be determined. : = across all values in that axis.
        var dotProd = 0.0;
        for (var wR = 0; wR < uniforms.filterDims.x; wR = wR + 1) {
          let dyR = (f32(dyRCorner) + f32(wR)) / f32(uniforms.strides.x);
          let wRPerm = uniforms.filterDims.x - 1 - wR;
          if (dyR < 0.0 || dyR >= f32(uniforms.outBackprop[1]) || fract(dyR) > 0.0 ||
              wRPerm < 0) {
            continue;
          }
          let idyR = i32(dyR);

          for (var wC = 0; wC < uniforms.filterDims.y; wC = wC + 1) {
            let dyC = (f32(dyCCorner) + f32(wC)) / f32(uniforms.strides.y);
            let wCPerm = uniforms.filterDims.y - 1 - wC;
            if (dyC < 0.0 || dyC >= f32(uniforms.outBackprop[2]) ||
                fract(dyC) > 0.0 || wCPerm < 0) {
              continue;
            }
            let idyC = i32(dyC);

            for (var d2 = 0; d2 < uniforms.outBackprop[3]; d2 = d2 + 1) {
              let xValue = `).concat(this.isChannelsLast?"getDy(batch, idyR, idyC, d2)":"getDy(batch, d2, idyR, idyC)",`;
              let wValue = getW(wRPerm, wCPerm, d1, d2);
              dotProd = dotProd + xValue * wValue;
            }
          }
        }
        setOutputAtIndex(index, dotProd);
      }
    }
  `)},Conv2DDerInputProgram2})(),Conv2DDerFilterProgram=(function(){function Conv2DDerFilterProgram2(convInfo){this.variableNames=["x","dy"],this.uniforms="pads : vec2<i32>, strides : vec2<i32>, batchSize : i32, outHeight : i32, outWidth : i32, inHeight : i32, inWidth : i32,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=convInfo.filterShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.isChannelsLast=convInfo.dataFormat==="channelsLast",this.shaderKey="conv2DDerFilter_".concat(this.isChannelsLast)}return Conv2DDerFilterProgram2.prototype.getUserCode=function(){return`
    `.concat(getMainHeaderString("index"),` {
      if(index < uniforms.size) {
        let coords = getCoordsFromIndex(index);
        let wR = coords[0];
        let wC = coords[1];
        let d1 = coords[2];
        let d2 = coords[3];

        // Convolve x(?, ?, d1) with dy(:, :, d2) to get dw(wR, wC, d1, d2).
        // ? = to be determined. : = across all values in that axis.
        var dotProd = 0.0;
        for (var b = 0; b < uniforms.batchSize; b = b + 1) {
          for (var yR = 0; yR < uniforms.outHeight; yR = yR + 1) {
            let xR = wR + yR * uniforms.strides[0] - uniforms.pads[0];
            if (xR < 0 || xR >= uniforms.inHeight) {
              continue;
            }

            for (var yC = 0; yC < uniforms.outWidth; yC = yC + 1) {
              let xC = wC + yC * uniforms.strides[1] - uniforms.pads[1];

              if (xC < 0 || xC >= uniforms.inWidth) {
                continue;
              }

              if (`).concat(this.isChannelsLast,`) {
                let dyValue = getDy(b, yR, yC, d2);
                let xValue = getX(b, xR, xC, d1);
                dotProd = dotProd + xValue * dyValue;
              } else {
                let dyValue = getDy(b, d2, yR, yC);
                let xValue = getX(b, d1, xR, xC);
                dotProd = dotProd + xValue * dyValue;
              }
            }
          }
        }
        setOutputAtIndex(index, dotProd);
      }
    }
  `)},Conv2DDerFilterProgram2})(),Conv3DDerFilterProgram=(function(){function Conv3DDerFilterProgram2(convInfo){this.variableNames=["x","dy"],this.uniforms=`pads : vec3<i32>, strides : vec3<i32>, batchSize : i32, outDepth : i32,
       outHeight : i32, outWidth : i32, inDepth : i32, inHeight : i32, inWidth : i32,`,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=convInfo.filterShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="conv3DDerFilter"}return Conv3DDerFilterProgram2.prototype.getUserCode=function(){return`
    `.concat(getMainHeaderString("index"),` {
      if(index < uniforms.size) {
        let coords = getCoordsFromIndex(index);
        let wF = coords.x;
        let wR = coords.y;
        let wC = coords.z;
        let d1 = coords.w;
        let d2 = coords.u;

        var dotProd = 0.0;
        for (var b = 0; b < uniforms.batchSize; b++) {
          for (var yF = 0; yF < uniforms.outDepth; yF++) {
            let xF = wF + yF * uniforms.strides[0] - uniforms.pads[0];
            if (xF < 0 || xF >= uniforms.inDepth) {
              continue;
            }

            for (var yR = 0; yR < uniforms.outHeight; yR++) {
              let xR = wR + yR * uniforms.strides[1] - uniforms.pads[1];
              if (xR < 0 || xR >= uniforms.inHeight) {
                continue;
              }

              for (var yC = 0; yC < uniforms.outWidth; yC++) {
                let xC = wC + yC * uniforms.strides[2] - uniforms.pads[2];
                if (xC < 0 || xC >= uniforms.inWidth) {
                  continue;
                }

                let dyValue = getDy(b, yF, yR, yC, d2);
                let xValue = getX(b, xF, xR, xC, d1);
                dotProd += xValue * dyValue;
              }
            }
          }
        }
        setOutputAtIndex(index, dotProd);
      }
    }
  `)},Conv3DDerFilterProgram2})(),Conv3DDerInputProgram=(function(){function Conv3DDerInputProgram2(convInfo){this.variableNames=["dy","W"],this.uniforms=`filterDims : vec3<i32>, pads : vec3<i32>, strides : vec3<i32>,
      outDepth : i32, outHeight : i32, outWidth : i32, outChannels : i32,`,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=convInfo.inShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="conv3DDerInput"}return Conv3DDerInputProgram2.prototype.getUserCode=function(){return`
    `.concat(getMainHeaderString("index"),` {
      if(index < uniforms.size) {
        let coords = getCoordsFromIndex(index);
        let batch = coords.x;
        let d1 = coords.u;

        let dyCorner = vec3<i32>(coords.y, coords.z, coords.w) - uniforms.pads;
        let dyFCorner = dyCorner.x;
        let dyRCorner = dyCorner.y;
        let dyCCorner = dyCorner.z;

        var dotProd = 0.0;
        for (var wF = 0; wF < uniforms.filterDims[0]; wF++) {
          let dyF = f32(dyFCorner + wF) / f32(uniforms.strides[0]);
          if (dyF < 0.0 || dyF >= f32(uniforms.outDepth) || fract(dyF) > 0.0) {
            continue;
          }
          let idyF = i32(dyF);

          let wFPerm = uniforms.filterDims[0] - 1 - wF;

          for (var wR = 0; wR < uniforms.filterDims[1]; wR++) {
            let dyR = f32(dyRCorner + wR) / f32(uniforms.strides[1]);

            if (dyR < 0.0 || dyR >= f32(uniforms.outHeight) || fract(dyR) > 0.0) {
              continue;
            }
            let idyR = i32(dyR);

            let wRPerm = uniforms.filterDims[1] - 1 - wR;

            for (var wC = 0; wC < uniforms.filterDims[2]; wC++) {
              let dyC = f32(dyCCorner + wC) / f32(uniforms.strides[2]);

              if (dyC < 0.0 || dyC >= f32(uniforms.outWidth) || fract(dyC) > 0.0) {
                continue;
              }
              let idyC = i32(dyC);

              let wCPerm = uniforms.filterDims[2] - 1 - wC;

              for (var d2 = 0; d2 < uniforms.outChannels; d2++) {
                let xValue = getDy(batch, idyF, idyR, idyC, d2);
                let wValue = getW(wFPerm, wRPerm, wCPerm, d1, d2);
                dotProd += xValue * wValue;
              }
            }
          }
        }
        setOutputAtIndex(index, dotProd);
      }
    }
  `)},Conv3DDerInputProgram2})();function conv2DBackpropFilter(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,dy=inputs.dy,strides=attrs.strides,pad=attrs.pad,dataFormat=attrs.dataFormat,dimRoundingMode=attrs.dimRoundingMode,filterShape=attrs.filterShape,$dataFormat=tf.backend_util.convertConv2DDataFormat(dataFormat),convInfo=tf.backend_util.computeConv2DInfo(x.shape,filterShape,strides,1,pad,dimRoundingMode,!1,$dataFormat),program=new Conv2DDerFilterProgram(convInfo),uniformData=[{type:"int32",data:[convInfo.padInfo.top,convInfo.padInfo.left]},{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.batchSize]},{type:"int32",data:[convInfo.outHeight]},{type:"int32",data:[convInfo.outWidth]},{type:"int32",data:[convInfo.inHeight]},{type:"int32",data:[convInfo.inWidth]}];return backend.runWebGPUProgram(program,[x,dy],x.dtype,uniformData)}var conv2DBackpropFilterConfig={kernelName:tf.Conv2DBackpropFilter,backendName:"webgpu",kernelFunc:conv2DBackpropFilter};function conv2dTransposeCommonSnippet(innerElementSize){innerElementSize===void 0&&(innerElementSize=4);var getWSnippet=function(innerElementSize2){switch(innerElementSize2){case 1:return"return W[getIndexFromCoords4D(coord, uniforms.wShape)];";case 4:return`
            let coord1 = vec4<i32>(coordX, coordY, col + 1, rowInner);
            let coord2 = vec4<i32>(coordX, coordY, col + 2, rowInner);
            let coord3 = vec4<i32>(coordX, coordY, col + 3, rowInner);
            let v0 = W[getIndexFromCoords4D(coord, uniforms.wShape)];
            let v1 = W[getIndexFromCoords4D(coord1, uniforms.wShape)];
            let v2 = W[getIndexFromCoords4D(coord2, uniforms.wShape)];
            let v3 = W[getIndexFromCoords4D(coord3, uniforms.wShape)];
            return vec4<f32>(v0, v1, v2, v3);
            `;default:throw new Error("innerElementSize ".concat(innerElementSize2," is not supported."))}},readASnippet=`
      let outRow = row / uniforms.outShape[2];
      let outCol = row % uniforms.outShape[2];

      let WRow = col / (uniforms.filterDims[1] * uniforms.outBackprop[3]);
      let WCol = col / uniforms.outBackprop[3] % uniforms.filterDims[1];
      let xR = f32(outRow - uniforms.pads[0] + WRow) / f32(uniforms.strides[0]);
      let xC = f32(outCol - uniforms.pads[1] + WCol) / f32(uniforms.strides[1]);
      if (xR < 0.0 || xR >= f32(uniforms.outBackprop[1]) || fract(xR) > 0.0) {
        return `.concat(typeSnippet(innerElementSize),`(0.0);
      }
      if (xC < 0.0 || xC >= f32(uniforms.outBackprop[2]) || fract(xC) > 0.0) {
        return `).concat(typeSnippet(innerElementSize),`(0.0);
      }
      let coord = vec4<i32>(
          batch,
          i32(xR),
          i32(xC),
          col % uniforms.outBackprop[3]);
      return x[getIndexFromCoords4D(coord, uniforms.xShape)/`).concat(innerElementSize,"];"),sampleA=`if (row < uniforms.dimAOuter && col < uniforms.dimInner) {
        `.concat(readASnippet,`
      }
      return `).concat(typeSnippet(innerElementSize),"(0.0);"),userCode=`
  fn mm_readA(batch: i32, row : i32, col : i32) -> `.concat(typeSnippet(innerElementSize),` {
    `).concat(sampleA,`
  }

  fn mm_readB(batch: i32, row : i32, col : i32) -> `).concat(typeSnippet(innerElementSize),` {
    let coordX = uniforms.filterDims.x - 1 -
        row / (uniforms.filterDims[1] * uniforms.outBackprop[3]);
    let coordY = uniforms.filterDims.y - 1 -
        (row / uniforms.outBackprop[3]) % uniforms.filterDims[1];
    if (row < uniforms.dimInner && col < uniforms.dimBOuter &&
        coordX >= 0 && coordY >= 0) {
      let rowInner = row % uniforms.outBackprop[3];
      let coord = vec4<i32>(coordX, coordY, col, rowInner);
      `).concat(getWSnippet(innerElementSize),`
    }
    return `).concat(typeSnippet(innerElementSize),`(0.0);
  }

  fn mm_write(batch: i32, row : i32, col : i32, valueInput : `).concat(typeSnippet(innerElementSize),`) {
    if (row < uniforms.dimAOuter && col < uniforms.dimBOuter) {
      var value = valueInput;
      let outCoord = vec4<i32>(
          batch,
          row / uniforms.outShape[2],
          row % uniforms.outShape[2],
          col);
      result[getIndexFromCoords4D(outCoord, uniforms.outShape)/`).concat(innerElementSize,`] = value;
    }
  }`);return userCode}var Conv2DDerInputMMProgram=(function(){function Conv2DDerInputMMProgram2(convInfo){this.variableNames=["x","W"],this.uniforms="filterDims : vec2<i32>, pads : vec2<i32>, strides : vec2<i32>, outBackprop : vec4<i32>, dimAOuter : i32, dimBOuter : i32, dimInner : i32,",this.outputShape=convInfo.inShape,tf.util.assert(convInfo.dataFormat==="channelsLast",function(){return"TODO: NCHW is unimplemented"}),this.isVec4=convInfo.inChannels%4===0&&convInfo.outChannels%4===0,this.dispatchLayout={x:[3],y:[1,2],z:[0]},this.workgroupSize=computeWorkgroupSizeForConv2d(this.dispatchLayout,this.outputShape,this.isVec4),this.elementsPerThread=computeWorkPerThreadForConv2d(this.dispatchLayout,this.outputShape,this.isVec4),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize,this.elementsPerThread),this.isVec4&&(this.outputComponent=4,this.variableComponents=[4,1]),this.shaderKey="conv2DDerInputMM_".concat(this.isVec4,"_").concat(this.elementsPerThread)}return Conv2DDerInputMMProgram2.prototype.getUserCode=function(){var matMulSource=this.isVec4?makeMatMulPackedVec4Source(this.elementsPerThread,this.workgroupSize):makeMatMulPackedSource(this.elementsPerThread,this.workgroupSize),userCode=`
    `.concat(conv2dTransposeCommonSnippet(this.isVec4?4:1),`
    `).concat(matMulSource,`
    `);return userCode},Conv2DDerInputMMProgram2})();function conv2DBackpropInput(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,dy=inputs.dy,filter=inputs.filter,inputShape=attrs.inputShape,strides=attrs.strides,pad=attrs.pad,dataFormat=attrs.dataFormat,dimRoundingMode=attrs.dimRoundingMode,$dataFormat=tf.backend_util.convertConv2DDataFormat(dataFormat),convInfo=tf.backend_util.computeConv2DInfo(inputShape,filter.shape,strides,1,pad,dimRoundingMode,!1,$dataFormat),dimensions=[{type:"int32",data:[convInfo.filterHeight,convInfo.filterWidth]},{type:"int32",data:[convInfo.filterHeight-1-convInfo.padInfo.top,convInfo.filterWidth-1-convInfo.padInfo.left]},{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.batchSize,convInfo.outHeight,convInfo.outWidth,convInfo.outChannels]}],program;if(tf.env().getBool("WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE")||convInfo.dataFormat!=="channelsLast")program=new Conv2DDerInputProgram(convInfo);else{program=new Conv2DDerInputMMProgram(convInfo);var dimAOuter=convInfo.inHeight*convInfo.inWidth,dimBOuter=convInfo.inChannels,dimInner=convInfo.filterHeight*convInfo.filterWidth*convInfo.outChannels;dimensions.push({type:"uint32",data:[dimAOuter]},{type:"uint32",data:[dimBOuter]},{type:"uint32",data:[dimInner]})}return backend.runWebGPUProgram(program,[dy,filter],"float32",dimensions)}var conv2DBackpropInputConfig={kernelName:tf.Conv2DBackpropInput,backendName:"webgpu",kernelFunc:conv2DBackpropInput};var Conv3DNaiveProgram=(function(){function Conv3DNaiveProgram2(convInfo){this.variableNames=["x","W"],this.uniforms="filterDims: vec3<i32>, pads: vec3<i32>, strides: vec3<i32>, dilations: vec3<i32>,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=convInfo.outShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="conv3dnaive"}return Conv3DNaiveProgram2.prototype.getUserCode=function(){var userCode=`
    `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let coords = getOutputCoords();
        let batch = coords.x;
        let d2 = coords.u;

        let xFRCCorner = vec3<i32>(coords.y, coords.z, coords.w) * uniforms.strides - uniforms.pads;
        let xFCorner = xFRCCorner.x;
        let xRCorner = xFRCCorner.y;
        let xCCorner = xFRCCorner.z;

        let inputDepthNearestVec4 = (uniforms.xShape.u / 4) * 4;
        let inputDepthVec4Remainder = uniforms.xShape.u % 4;

        var dotProd = 0.0;
        for (var wF = 0; wF < uniforms.filterDims[0]; wF++) {
          let xF = xFCorner + wF * uniforms.dilations[0];
          if (xF < 0 || xF >= uniforms.xShape.y) {
            continue;
          }

          for (var wR = 0; wR < uniforms.filterDims[1]; wR++) {
            let xR = xRCorner + wR * uniforms.dilations[1];
            if (xR < 0 || xR >= uniforms.xShape.z) {
              continue;
            }

            for (var wC = 0; wC < uniforms.filterDims[2]; wC++) {
              let xC = xCCorner + wC * uniforms.dilations[2];
              if (xC < 0 || xC >= uniforms.xShape.w) {
                continue;
              }

              for (var d1 = 0; d1 < inputDepthNearestVec4; d1 += 4) {
                let xValues = vec4<f32>(
                  getX(batch, xF, xR, xC, d1),
                  getX(batch, xF, xR, xC, d1 + 1),
                  getX(batch, xF, xR, xC, d1 + 2),
                  getX(batch, xF, xR, xC, d1 + 3)
                );
                let wValues = vec4<f32>(
                  getW(wF, wR, wC, d1, d2),
                  getW(wF, wR, wC, d1 + 1, d2),
                  getW(wF, wR, wC, d1 + 2, d2),
                  getW(wF, wR, wC, d1 + 3, d2)
                );

                dotProd += dot(xValues, wValues);
              }

              if (inputDepthVec4Remainder == 1) {
                dotProd += getX(batch, xF, xR, xC, inputDepthNearestVec4) *
                  getW(wF, wR, wC, inputDepthNearestVec4, d2);
              } else if (inputDepthVec4Remainder == 2) {
                let xValues = vec2<f32>(
                  getX(batch, xF, xR, xC, inputDepthNearestVec4),
                  getX(batch, xF, xR, xC, inputDepthNearestVec4 + 1)
                );
                let wValues = vec2<f32>(
                  getW(wF, wR, wC, inputDepthNearestVec4, d2),
                  getW(wF, wR, wC, inputDepthNearestVec4 + 1, d2)
                );
                dotProd += dot(xValues, wValues);
              } else if (inputDepthVec4Remainder == 3) {
                let xValues = vec3<f32>(
                  getX(batch, xF, xR, xC, inputDepthNearestVec4),
                  getX(batch, xF, xR, xC, inputDepthNearestVec4 + 1),
                  getX(batch, xF, xR, xC, inputDepthNearestVec4 + 2)
                );
                let wValues = vec3<f32>(
                  getW(wF, wR, wC, inputDepthNearestVec4, d2),
                  getW(wF, wR, wC, inputDepthNearestVec4 + 1, d2),
                  getW(wF, wR, wC, inputDepthNearestVec4 + 2, d2)
                );
                dotProd += dot(xValues, wValues);
              }
            }
          }
        }
        setOutputAtIndex(index, dotProd);
      }
    }`);return userCode},Conv3DNaiveProgram2})();function conv3D(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,filter=inputs.filter,strides=attrs.strides,pad=attrs.pad,dilations=attrs.dilations,convInfo=tf.backend_util.computeConv3DInfo(x.shape,filter.shape,strides,dilations,pad),padInfo=[convInfo.padInfo.front,convInfo.padInfo.top,convInfo.padInfo.left],dimensions=[{type:"int32",data:[convInfo.filterDepth,convInfo.filterHeight,convInfo.filterWidth]},{type:"int32",data:__spreadArray([],__read(padInfo),!1)},{type:"int32",data:[convInfo.strideDepth,convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.dilationDepth,convInfo.dilationHeight,convInfo.dilationWidth]}],program=new Conv3DNaiveProgram(convInfo),dtype=tf.upcastType(x.dtype,filter.dtype);return backend.runWebGPUProgram(program,[x,filter],dtype,dimensions)}var conv3DConfig={kernelName:tf.Conv3D,backendName:"webgpu",kernelFunc:conv3D};function conv3DBackpropFilterV2(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,dy=inputs.dy,strides=attrs.strides,pad=attrs.pad,filterShape=attrs.filterShape,convInfo=tf.backend_util.computeConv3DInfo(x.shape,filterShape,strides,1,pad),program=new Conv3DDerFilterProgram(convInfo),uniformData=[{type:"int32",data:[convInfo.padInfo.front,convInfo.padInfo.top,convInfo.padInfo.left]},{type:"int32",data:[convInfo.strideDepth,convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.batchSize]},{type:"int32",data:[convInfo.outDepth]},{type:"int32",data:[convInfo.outHeight]},{type:"int32",data:[convInfo.outWidth]},{type:"int32",data:[convInfo.inDepth]},{type:"int32",data:[convInfo.inHeight]},{type:"int32",data:[convInfo.inWidth]}];return backend.runWebGPUProgram(program,[x,dy],dy.dtype,uniformData)}var conv3DBackpropFilterV2Config={kernelName:tf.Conv3DBackpropFilterV2,backendName:"webgpu",kernelFunc:conv3DBackpropFilterV2};function conv3DBackpropInputV2(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,dy=inputs.dy,filter=inputs.filter,strides=attrs.strides,pad=attrs.pad,inputShape=attrs.inputShape,convInfo=tf.backend_util.computeConv3DInfo(inputShape,filter.shape,strides,1,pad),program=new Conv3DDerInputProgram(convInfo),uniformData=[{type:"int32",data:[convInfo.filterDepth,convInfo.filterHeight,convInfo.filterWidth]},{type:"int32",data:[convInfo.filterDepth-1-convInfo.padInfo.front,convInfo.filterHeight-1-convInfo.padInfo.top,convInfo.filterWidth-1-convInfo.padInfo.left]},{type:"int32",data:[convInfo.strideDepth,convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.outDepth]},{type:"int32",data:[convInfo.outHeight]},{type:"int32",data:[convInfo.outWidth]},{type:"int32",data:[convInfo.outChannels]}];return backend.runWebGPUProgram(program,[dy,filter],dy.dtype,uniformData)}var conv3DBackpropInputV2Config={kernelName:tf.Conv3DBackpropInputV2,backendName:"webgpu",kernelFunc:conv3DBackpropInputV2};var cos=unaryKernelFunc({opType:UnaryOpType.COS}),cosConfig={kernelName:tf.Cos,backendName:"webgpu",kernelFunc:cos};var cosh=unaryKernelFunc({opType:UnaryOpType.COSH}),coshConfig={kernelName:tf.Cosh,backendName:"webgpu",kernelFunc:cosh},CropAndResizeProgram=(function(){function CropAndResizeProgram2(channnel,boxShape,cropSize,method){this.variableNames=["Image","Boxes","BoxInd"],this.uniforms="extrapolationValue : f32,",this.workgroupSize=[64,1,1],this.size=!0;var _a2=__read(boxShape,1),numBoxes=_a2[0];this.outputShape=[numBoxes,cropSize[0],cropSize[1],channnel],this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.methodId=method==="bilinear"?1:0,this.cropHeightBiggerThan1=this.outputShape[1]>1,this.cropWidthBiggerThan1=this.outputShape[2]>1,this.shaderKey="cropAndResize_".concat(this.methodId,"_").concat(this.cropHeightBiggerThan1,"_").concat(this.cropWidthBiggerThan1)}return CropAndResizeProgram2.prototype.getUserCode=function(){var _a2=__read(["f32(uniforms.imageShape[1] - 1)","f32(uniforms.imageShape[2] - 1)"],2),inputHeightFloat=_a2[0],inputWidthFloat=_a2[1],_b=__read(this.cropHeightBiggerThan1?["(".concat(inputHeightFloat," / f32(uniforms.outShape[1] - 1))"),"(y2-y1) * height_ratio","y1*".concat(inputHeightFloat," + f32(y)*(height_scale)")]:["0.0","0.0","0.5 * (y1+y2) * ".concat(inputHeightFloat)],3),heightRatio=_b[0],heightScale=_b[1],inY=_b[2],_c=__read(this.cropWidthBiggerThan1?["(".concat(inputWidthFloat," / f32(uniforms.outShape[2] - 1))"),"(x2-x1) * width_ratio","x1*".concat(inputWidthFloat," + f32(x)*(width_scale)")]:["0.0","0.0","0.5 * (x1+x2) * ".concat(inputWidthFloat)],3),widthRatio=_c[0],widthScale=_c[1],inX=_c[2],userCode=`
    `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let coords = getCoordsFromIndex(index);
        let height_ratio = f32(`).concat(heightRatio,`);
        let width_ratio = f32(`).concat(widthRatio,`);
        let b = coords[0];
        let y = coords[1];
        let x = coords[2];
        let d = coords[3];
        // get box vals
        let y1 = getBoxes(b, 0);
        let x1 = getBoxes(b, 1);
        let y2 = getBoxes(b, 2);
        let x2 = getBoxes(b, 3);
        // get image in batch index
        let bInd = i32(round(getBoxInd(b)));
        if(bInd < 0 || bInd >= uniforms.outShape[0]) {
          return;
        }
        let height_scale = `).concat(heightScale,`;
        let width_scale = `).concat(widthScale,`;
        let in_y = `).concat(inY,`;
        if( in_y < 0.0 || in_y > `).concat(inputHeightFloat,` ) {
          setOutputAtIndex(index, uniforms.extrapolationValue);
          return;
        }
        let in_x = `).concat(inX,`;
        if( in_x < 0.0 || in_x > `).concat(inputWidthFloat,` ) {
          setOutputAtIndex(index, uniforms.extrapolationValue);
          return;
        }
        let sourceFracIndexCR = vec2<f32>(in_x,in_y);
        if(`).concat(this.methodId,` == 1) {
          // Compute the four integer indices.
          let sourceFloorCR = vec2<i32>(sourceFracIndexCR);
          let sourceCeilCR = vec2<i32>(ceil(sourceFracIndexCR));
          let topLeft = getImage(bInd, sourceFloorCR.y, sourceFloorCR.x, d);
          let bottomLeft = getImage(bInd, sourceCeilCR.y, sourceFloorCR.x, d);
          let topRight = getImage(bInd, sourceFloorCR.y, sourceCeilCR.x, d);
          let bottomRight = getImage(bInd, sourceCeilCR.y, sourceCeilCR.x, d);
          let fracCR = sourceFracIndexCR - vec2<f32>(sourceFloorCR);
          let top = topLeft + (topRight - topLeft) * fracCR.x;
          let bottom = bottomLeft + (bottomRight - bottomLeft) * fracCR.x;
          let newValue = top + (bottom - top) * fracCR.y;
          setOutputAtIndex(index, newValue);
        } else {
          // Compute the coordinators of nearest neighbor point.
          let sourceNearestCR = vec2<i32>(floor(
            sourceFracIndexCR + vec2<f32>(0.5,0.5)));
          let newValue = getImage(
            bInd, sourceNearestCR.y, sourceNearestCR.x, d);
          setOutputAtIndex(index, newValue);
        }
      }
    }
    `);return userCode},CropAndResizeProgram2})();var cropAndResize=function(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,image=inputs.image,boxes=inputs.boxes,boxInd=inputs.boxInd,cropSize=attrs.cropSize,method=attrs.method,extrapolationValue=attrs.extrapolationValue,program=new CropAndResizeProgram(image.shape[3],boxes.shape,cropSize,method),uniformData=[{type:"float32",data:[extrapolationValue]}];return backend.runWebGPUProgram(program,[image,boxes,boxInd],"float32",uniformData)},cropAndResizeConfig={kernelName:tf.CropAndResize,backendName:"webgpu",kernelFunc:cropAndResize};var CumOpType;(function(CumOpType2){CumOpType2.Prod="*",CumOpType2.Sum="+"})(CumOpType||(CumOpType={}));var CumProgram=(function(){function CumProgram2(op,shape,exclusive,reverse2){this.variableNames=["x"],this.uniforms="index : f32,",this.size=!0,this.workgroupSize=[128,1,1],this.outputShape=shape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.exclusive=exclusive,this.reverse=reverse2,this.op=op,this.shaderKey="cum_".concat(this.op,"_").concat(this.exclusive,"_").concat(this.reverse)}return CumProgram2.prototype.getUserCode=function(){var rank=this.outputShape.length,initVal=this.op===CumOpType.Prod?"1.0":"0.0",val=this.exclusive?initVal:"getX(".concat(getCoords(rank,"coords",this.op),")"),length=this.outputShape[this.outputShape.length-1],condition="",idxString="";return this.exclusive?(condition=this.reverse?"end != ".concat(length-1):"end != 0",idxString=this.reverse?"end + 1":"end - 1"):(condition=this.reverse?"end + pow2 < ".concat(length):"end >= pow2",idxString=this.reverse?"end + pow2":"end - pow2"),`
      `.concat(getMainHeaderString("index"),` {
       if (index < uniforms.size) {
         var coords = getCoordsFromIndex(index);

         let end = `).concat(getFinalCoord(rank,"coords",this.op),`;
         var val = `).concat(val,`;
         let pow2 = i32(pow(2.0, uniforms.index));
         if (`).concat(condition,`) {
           let idx = `).concat(idxString,`;
           `).concat(getFinalCoord(rank,"coords",this.op),` = idx;
           val `).concat(this.op,"= getX(").concat(getCoords(rank,"coords",this.op),`);
         }
         setOutputAtIndex(index, val);
       }
      }
    `)},CumProgram2})();function getCoords(rank,name,op){if(rank===1)return"".concat(name);if(rank===2)return"".concat(name,".x, ").concat(name,".y");if(rank===3)return"".concat(name,".x, ").concat(name,".y, ").concat(name,".z");if(rank===4)return"".concat(name,".x, ").concat(name,".y, ").concat(name,".z, ").concat(name,".w");throw Error("Cumulative ".concat(op," for rank ").concat(rank," is not yet supported"))}function getFinalCoord(rank,name,op){if(rank===1)return"".concat(name);if(rank===2)return"".concat(name,".y");if(rank===3)return"".concat(name,".z");if(rank===4)return"".concat(name,".w");throw Error("Cumulative ".concat(op," for rank ").concat(rank," is not yet supported"))}function cumImpl(op,x,backend,axis,exclusive,reverse2){var xRank=x.shape.length,permutation=tf.backend_util.getAxesPermutation([axis],xRank),permutedX=x;permutation!=null&&(permutedX=transpose({inputs:{x},backend,attrs:{perm:permutation}}));var permutedAxis=tf.backend_util.getInnerMostAxes(1,xRank)[0];if(permutedAxis!==xRank-1)throw new Error("WebGPU cumprod shader expects an inner-most axis=".concat(x.shape.length-1," ")+"but got axis=".concat(axis));for(var size=permutedX.shape[permutedAxis],result=identity({inputs:{x:permutedX},backend}),i=0;i<=Math.ceil(Math.log2(size))-1;i++){var program=new CumProgram(op,permutedX.shape,!1,reverse2),prevResult=result,uniformData=[{type:"float32",data:[i]}];result=backend.runWebGPUProgram(program,[result],result.dtype,uniformData),backend.disposeData(prevResult.dataId)}if(exclusive){var program=new CumProgram(op,permutedX.shape,exclusive,reverse2),prevResult=result,uniformData=[{type:"float32",data:[0]}];result=backend.runWebGPUProgram(program,[result],result.dtype,uniformData),backend.disposeData(prevResult.dataId)}if(permutation!=null){var reversePermutation=tf.backend_util.getUndoAxesPermutation(permutation),reverseTransposedResult=transpose({inputs:{x:result},backend,attrs:{perm:reversePermutation}});return backend.disposeData(result.dataId),backend.disposeData(permutedX.dataId),reverseTransposedResult}return result}function cumprod(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,axis=attrs.axis,exclusive=attrs.exclusive,reverse2=attrs.reverse;return cumImpl(CumOpType.Prod,x,backend,axis,exclusive,reverse2)}var cumprodConfig={kernelName:tf.Cumprod,backendName:"webgpu",kernelFunc:cumprod};function cumsum(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,axis=attrs.axis,exclusive=attrs.exclusive,reverse2=attrs.reverse;return cumImpl(CumOpType.Sum,x,backend,axis,exclusive,reverse2)}var cumsumConfig={kernelName:tf.Cumsum,backendName:"webgpu",kernelFunc:cumsum};function denseBincount(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,weights=inputs.weights,size=attrs.size,binaryOutput=attrs.binaryOutput,xRankOne=x.shape.length===1,weightsSize=tf.util.sizeFromShape(weights.shape),hasWeights=weightsSize>0,dtype=weights.dtype,xSize=xRankOne?[x.shape[0]]:[x.shape[0],x.shape[1]],outputSize=xRankOne?[size]:[x.shape[0],size],output=fill({backend,attrs:{shape:outputSize,value:0,dtype}}),program=new BincountProgram(xSize,hasWeights,binaryOutput),uniformData=[{type:"int32",data:[size]}],bincountInputs=hasWeights?[x,weights]:[x],res=backend.runWebGPUProgram(program,bincountInputs,dtype,uniformData,output);return res}var denseBincountConfig={kernelName:tf.DenseBincount,backendName:"webgpu",kernelFunc:denseBincount};var DepthToSpaceProgram=(function(){function DepthToSpaceProgram2(outputShape,dataFormat){this.variableNames=["x"],this.workgroupSize=[64,1,1],this.size=!0,this.uniforms="blockSize : i32,",this.outputShape=outputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="depthToSpace_".concat(dataFormat),this.dataFormat=dataFormat}return DepthToSpaceProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let coords = getCoordsFromIndex(index);
          let b = coords[0];
          let h = `).concat(this.getHeightCoordString(),`;
          let w = `).concat(this.getWidthCoordString(),`;
          let d = `).concat(this.getDepthCoordString(),`;

          let in_h = h / uniforms.blockSize;
          let offset_h = h % uniforms.blockSize;
          let in_w = w / uniforms.blockSize;
          let offset_w = w % uniforms.blockSize;
          let offset_d = (offset_h * uniforms.blockSize + offset_w) *
            `).concat(this.getOutputDepthSize(),`;
          let in_d = d + offset_d;

          let rlt = `).concat(this.getInputSamplingString(),`;
          setOutputAtIndex(index, rlt);
        }
      }`);return userCode},DepthToSpaceProgram2.prototype.getHeightCoordString=function(){return this.dataFormat==="NHWC"?"coords[1]":"coords[2]"},DepthToSpaceProgram2.prototype.getWidthCoordString=function(){return this.dataFormat==="NHWC"?"coords[2]":"coords[3]"},DepthToSpaceProgram2.prototype.getDepthCoordString=function(){return this.dataFormat==="NHWC"?"coords[3]":"coords[1]"},DepthToSpaceProgram2.prototype.getOutputDepthSize=function(){return this.dataFormat==="NHWC"?"uniforms.outShape[3]":"uniforms.outShape[1]"},DepthToSpaceProgram2.prototype.getInputSamplingString=function(){return this.dataFormat==="NHWC"?"getX(b, in_h, in_w, in_d)":"getX(b, in_d, in_h, in_w)"},DepthToSpaceProgram2})();function depthToSpace(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,blockSize=attrs.blockSize,dataFormat=attrs.dataFormat,batchSize=x.shape[0],inputHeight=dataFormat==="NHWC"?x.shape[1]:x.shape[2],inputWidth=dataFormat==="NHWC"?x.shape[2]:x.shape[3],inputDepth=dataFormat==="NHWC"?x.shape[3]:x.shape[1],outputHeight=inputHeight*blockSize,outputWidth=inputWidth*blockSize,outputDepth=inputDepth/(blockSize*blockSize),outputShape=dataFormat==="NHWC"?[batchSize,outputHeight,outputWidth,outputDepth]:[batchSize,outputDepth,outputHeight,outputWidth],uniformData=[{type:"int32",data:[blockSize]}],program=new DepthToSpaceProgram(outputShape,dataFormat);return backend.runWebGPUProgram(program,[x],x.dtype,uniformData)}var depthToSpaceConfig={kernelName:tf.DepthToSpace,backendName:"webgpu",kernelFunc:depthToSpace};var DepthwiseConv2DNCHWSharedProgram=(function(){function DepthwiseConv2DNCHWSharedProgram2(outputShape,filterHeight,filterWidth,addBias,activation,hasPreluActivation){addBias===void 0&&(addBias=!1),activation===void 0&&(activation=null),hasPreluActivation===void 0&&(hasPreluActivation=!1),this.variableNames=["x","W"],this.uniforms="pads : vec2<i32>, inDims : vec2<i32>,",this.workgroupSize=[16,16,1],this.outputShape=outputShape,this.dispatchLayout={x:[3],y:[2],z:[0,1]},this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),addBias&&this.variableNames.push("bias"),hasPreluActivation&&this.variableNames.push("preluActivationWeights"),this.addBias=addBias,this.activation=activation,this.hasPreluActivation=hasPreluActivation,this.filterHeight=filterHeight,this.filterWidth=filterWidth,this.shaderKey="depthwiseNCHW_".concat(this.activation,"_").concat(this.filterHeight,"_").concat(this.filterWidth)}return DepthwiseConv2DNCHWSharedProgram2.prototype.getUserCode=function(){var filterSize=this.filterWidth*this.filterHeight,flatWorkgroupSize=this.workgroupSize[0]*this.workgroupSize[1]*this.workgroupSize[2],tileAHeight=this.workgroupSize[1]+this.filterHeight-1,tileAWidth=this.workgroupSize[0]+this.filterWidth-1,userCode=`
      `.concat(activationFnSnippet(this.activation,this.hasPreluActivation,!1,4),`

      var<workgroup> mm_Asub : array<array<f32, `).concat(tileAWidth,">, ").concat(tileAHeight,`>;
      var<workgroup> mm_Bsub : array<array<f32, `).concat(this.filterWidth,">, ").concat(this.filterHeight,`>;
      fn readX(batch : i32, channel : i32, row : i32, col : i32) -> f32 {
        var value = 0.0;
        if (row >=0 && row < uniforms.inDims[0] && col >=0 && col < uniforms.inDims[1])
        {
          value = getX(batch, channel, row, col);
        }
        return value;
      }

      `).concat(getMainHeaderString(),` {
        let coords = getOutputCoords();
        let batch = coords[0];
        let xRCCorner = vec2<i32>(coords.zw) - uniforms.pads;
        let channelMul = uniforms.wShape[3];
        let d1 = coords[1] / channelMul;
        let q = coords[1] % channelMul;

        let inputRowStart = xRCCorner.x;
        let inputColStart = xRCCorner.y;

        let localRow = i32(localId.y);
        let localCol = i32(localId.x);

        // Load one tile of X into local memory.
        for (var inputRow = localRow; inputRow < `).concat(tileAHeight,"; inputRow = inputRow + ").concat(this.workgroupSize[1],`) {
          for (var inputCol = localCol; inputCol < `).concat(tileAWidth,"; inputCol = inputCol + ").concat(this.workgroupSize[0],`) {
            let rowOffset = inputRow - localRow;
            let colOffset = inputCol - localCol;
            mm_Asub[inputRow][inputCol] = readX(batch, d1, inputRowStart + rowOffset, inputColStart + colOffset);
          }
        }

        // Load one tile of W into local memory.
        var wIndex = i32(localIndex);
        `).concat(filterSize<flatWorkgroupSize?"if (wIndex < ".concat(filterSize,")"):"for(; wIndex < ".concat(filterSize,"; wIndex = wIndex + ").concat(flatWorkgroupSize,")"),`

        {
          let wRow = wIndex / `).concat(this.filterWidth,`;
          let wCol = wIndex % `).concat(this.filterWidth,`;
          mm_Bsub[wRow][wCol] = getW(wRow, wCol, d1, q);
        }

        workgroupBarrier();

        var value = 0.0;
        for (var wR = 0; wR < `).concat(this.filterHeight,`; wR = wR + 1) {
          for (var wC = 0; wC < `).concat(this.filterWidth,`; wC = wC + 1) {
            let xVal = mm_Asub[localRow + wR][localCol + wC];
            let wVal = mm_Bsub[wR][wC];
            value = fma(xVal, wVal, value);
          }
        }
        `).concat(biasActivationSnippet(this.addBias,this.activation),`
        if (coordsInBounds4D(coords, uniforms.outShape)) {
          setOutputAtCoords(coords[0], coords[1], coords[2], coords[3], value);
        }
      }
    `);return userCode},DepthwiseConv2DNCHWSharedProgram2})();var DepthwiseConv2DVec4Program=(function(){function DepthwiseConv2DVec4Program2(convInfo,addBias,activation,hasPreluActivation){addBias===void 0&&(addBias=!1),activation===void 0&&(activation=null),hasPreluActivation===void 0&&(hasPreluActivation=!1),this.variableNames=["x","W"],this.uniforms="pads : vec2<i32>, inDims : vec2<i32>, virtualWidth : i32,",this.workgroupSize=[64,1,1],this.workPerThread=4,this.outputComponent=4,this.outputShape=convInfo.outShape,this.virtualWidth=Math.ceil(this.outputShape[2]/this.workPerThread)*this.workPerThread;var virtualOutputShape=[this.outputShape[0],this.outputShape[1],this.virtualWidth,this.outputShape[3]];this.dispatchLayout=flatDispatchLayout(virtualOutputShape),this.dispatch=computeDispatch(this.dispatchLayout,virtualOutputShape,this.workgroupSize,[this.outputComponent*this.workPerThread,1,1]),tf.util.assert(convInfo.dataFormat==="channelsLast",function(){return"TODO: NCHW is unimplemented"}),addBias&&this.variableNames.push("bias"),hasPreluActivation&&this.variableNames.push("preluActivationWeights"),this.convInfo=convInfo,this.addBias=addBias,this.activation=activation,this.hasPreluActivation=hasPreluActivation,this.shaderKey="depthwiseVec4_".concat(activation,"_").concat(this.convInfo.filterHeight,"_").concat(this.convInfo.filterWidth,"_").concat(this.convInfo.strideHeight,"_").concat(this.convInfo.strideWidth,"_").concat(this.workPerThread)}return DepthwiseConv2DVec4Program2.prototype.getUserCode=function(){var xNumber=(this.workPerThread-1)*this.convInfo.strideWidth+this.convInfo.filterWidth,strideHeight=this.convInfo.strideHeight,strideWidth=this.convInfo.strideWidth,userCode=`
      `.concat(activationFnSnippet(this.activation,this.hasPreluActivation,!0,4),`
      fn readX(batch : i32, row : i32, col : i32, channel : i32) -> vec4<f32> {
        var value = vec4<f32>(0.0);
        if (col >=0 && col < uniforms.inDims[1]) {
          value = getX(batch, row, col, channel);
        }
        return value;
      }

      `).concat(getMainHeaderString("index"),` {
        let width0 = uniforms.outShape[3] / `).concat(this.outputComponent,`;
        let d1 = (index % width0) * `).concat(this.outputComponent,`;
        var index1 = index / width0;
        let width1 = uniforms.virtualWidth / `).concat(this.workPerThread,`;
        let c = (index1 % width1) * `).concat(this.workPerThread,`;
        index1 = index1 / width1;
        let r = index1 % uniforms.outShape[1];
        let batch = index1 / uniforms.outShape[1];

        let xRCCorner = vec2<i32>(r, c) * vec2<i32>(`).concat(strideHeight,", ").concat(strideWidth,`) - uniforms.pads;

        let xRCorner = xRCCorner.x;
        let xCCorner = xRCCorner.y;
        var xVals : array<vec4<f32>, `).concat(xNumber,`>;
        var dotProd : array<vec4<f32>, `).concat(this.workPerThread,`>;
        for (var i = 0; i < `).concat(this.workPerThread,`; i++) {
          dotProd[i] = vec4<f32>(0.0);
        }

        // Use constant instead of uniform can give better performance.
        for (var wR = 0; wR < `).concat(this.convInfo.filterHeight,`; wR = wR + 1) {
          let xR = xRCorner + wR;
          if (xR >=0 && xR < uniforms.inDims[0]) {
            for (var i = 0; i < `).concat(xNumber,`; i++) {
              xVals[i] = readX(batch, xR, xCCorner + i, d1);
            }
            for (var wC = 0; wC < `).concat(this.convInfo.filterWidth,`; wC = wC + 1) {
              let wValue = getW(wR, wC, d1, 0);
              for (var i = 0; i < `).concat(this.workPerThread,`; i++) {
                dotProd[i] = fma(xVals[i * `).concat(strideWidth,` + wC], wValue, dotProd[i]);
              }
            }
          }
        }

        for (var i = 0; i < `).concat(this.workPerThread,`; i = i + 1) {
          let coords = vec4<i32>(batch, r, c + i, d1);
          if (coordsInBounds4D(coords, uniforms.outShape)) {
            var value = dotProd[i];
            `).concat(biasActivationSnippet(this.addBias,this.activation),`
            setOutputAtCoords(coords[0], coords[1], coords[2], coords[3], value);
          }
        }
      }
    `);return userCode},DepthwiseConv2DVec4Program2})();var DepthwiseConv2DProgram=(function(){function DepthwiseConv2DProgram2(convInfo,addBias,activation,hasPreluActivation){addBias===void 0&&(addBias=!1),activation===void 0&&(activation=null),hasPreluActivation===void 0&&(hasPreluActivation=!1),this.variableNames=["x","W"],this.uniforms=`pads : vec2<i32>, inDims : vec2<i32>, filterHeight : i32,
      filterWidth : i32, strides : vec2<i32>, dilations : vec2<i32>,`,this.workgroupSize=[256,1,1],this.size=!0,this.outputShape=convInfo.outShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.isChannelsLast=convInfo.dataFormat==="channelsLast",addBias&&this.variableNames.push("bias"),hasPreluActivation&&this.variableNames.push("preluActivationWeights"),this.convInfo=convInfo,this.addBias=addBias,this.activation=activation,this.hasPreluActivation=hasPreluActivation,this.shaderKey="depthwise_".concat(this.activation,"_").concat(this.isChannelsLast)}return DepthwiseConv2DProgram2.prototype.getUserCode=function(){var getXSnippet=this.isChannelsLast?"getX(batch, xR, xC, d1);":"getX(batch, d1, xR, xC);",userCode=`
      `.concat(activationFnSnippet(this.activation,this.hasPreluActivation,!1,4),`

      `).concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let coords = getOutputCoords();
          let batch = coords[0];
          let xRCCorner = vec2<i32>(coords.`).concat(this.isChannelsLast?"yz":"zw",`) * uniforms.strides - uniforms.pads;
          let d2 = coords[`).concat(this.isChannelsLast?3:1,`];
          let channelMul = uniforms.wShape[3];
          let d1 = d2 / channelMul;
          let q = d2 % channelMul;

          let inputRowStart = xRCCorner.x;
          let inputColStart = xRCCorner.y;
          let inputRowEnd = inputRowStart + uniforms.filterHeight *
              uniforms.dilations[0];
          let inputColEnd = inputColStart + uniforms.filterWidth *
              uniforms.dilations[1];

          // Convolve x(?, ?, d1)|x(d1, ?, ?) with w(:, :, d1, q) to get
          // y(yR, yC, d2)|y(d2, yR, yC). ? = to be determined. : = across all
          // values in that axis. x(?, ?, d1) and y(yR, yC, d2) is for NHWC.
          // x(d1, ?, ?) and y(d2, yR, yC) is for NCHW.
          var value = 0.0;

          // Extract if checking out of for loop for performance.
          if (inputRowStart >= 0 && inputColStart >= 0 &&
            inputRowEnd < uniforms.inDims[0] &&
                inputColEnd < uniforms.inDims[1]) {
              for (var wR = 0; wR < uniforms.filterHeight; wR = wR + 1) {
                let xR = inputRowStart + wR * uniforms.dilations[0];

                for (var wC = 0; wC < uniforms.filterWidth; wC = wC + 1) {
                  let xC = inputColStart + wC * uniforms.dilations[1];

                  let xVal = `).concat(getXSnippet,`;
                  let wVal = getW(wR, wC, d1, q);
                  value = value + xVal * wVal;
                }
              }
            } else {
              for (var wR = 0; wR < uniforms.filterHeight; wR = wR + 1) {
                let xR = inputRowStart + wR * uniforms.dilations[0];

                if (xR < 0 || xR >= uniforms.inDims[0]) {
                  continue;
                }

                for (var wC = 0; wC < uniforms.filterWidth; wC = wC + 1) {
                  let xC = inputColStart + wC * uniforms.dilations[1];

                  if (xC < 0 || xC >= uniforms.inDims[1]) {
                    continue;
                  }

                  let xVal = `).concat(getXSnippet,`;
                  let wVal = getW(wR, wC, d1, q);
                  value = value + xVal * wVal;
                }
              }
            }
            `).concat(biasActivationSnippet(this.addBias,this.activation),`
          setOutputAtCoords(coords[0], coords[1], coords[2], coords[3], value);
        }
      }
    `);return userCode},DepthwiseConv2DProgram2})();function depthwiseConv2dNative(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,filter=inputs.filter,strides=attrs.strides,pad=attrs.pad,dataFormat=attrs.dataFormat,dilations=attrs.dilations,dimRoundingMode=attrs.dimRoundingMode,$dataFormat=tf.backend_util.convertConv2DDataFormat(dataFormat),$dilations=dilations;$dilations==null&&($dilations=[1,1]);var convInfo=tf.backend_util.computeConv2DInfo(x.shape,filter.shape,strides,$dilations,pad,dimRoundingMode,!0,$dataFormat),dimensions=[{type:"int32",data:[convInfo.padInfo.top,convInfo.padInfo.left]},{type:"int32",data:[convInfo.inHeight,convInfo.inWidth]}],isChannelsLast=convInfo.dataFormat==="channelsLast",program;return!isChannelsLast&&convInfo.inHeight>16&&convInfo.inWidth>16&&convInfo.strideHeight===1&&convInfo.strideWidth===1&&convInfo.dilationWidth===1&&convInfo.dilationHeight===1&&convInfo.inChannels===convInfo.outChannels?program=new DepthwiseConv2DNCHWSharedProgram(convInfo.outShape,convInfo.filterHeight,convInfo.filterWidth):isChannelsLast&&convInfo.outHeight>4&&convInfo.outWidth>4&&convInfo.strideWidth<=2&&convInfo.inChannels===convInfo.outChannels&&convInfo.dilationHeight===1&&convInfo.dilationWidth===1&&convInfo.inChannels%4===0?(program=new DepthwiseConv2DVec4Program(convInfo),dimensions.push({type:"int32",data:[program.virtualWidth]})):(program=new DepthwiseConv2DProgram(convInfo),dimensions.push({type:"int32",data:[convInfo.filterHeight]},{type:"int32",data:[convInfo.filterWidth]},{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.dilationHeight,convInfo.dilationWidth]})),backend.runWebGPUProgram(program,[x,filter],x.dtype,dimensions)}var depthwiseConv2dNativeConfig={kernelName:tf.DepthwiseConv2dNative,backendName:"webgpu",kernelFunc:depthwiseConv2dNative};var DepthwiseConv2DDerFilterProgram=(function(){function DepthwiseConv2DDerFilterProgram2(convInfo){this.variableNames=["x","dy"],this.uniforms=`strides : vec2<i32>, pads : vec2<i32>, filterDims : vec2<i32>, outHeight : i32,
      outWidth : i32, inHeight : i32, inWidth : i32, batchSize : i32, channelMul : i32,`,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=convInfo.filterShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="depthwise_conv2d_backprop_filter"}return DepthwiseConv2DDerFilterProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let coords = getCoordsFromIndex(index);
        let wR = coords[0];
        let wC = coords[1];
        let d1 = coords[2];
        let dm = coords[3];
        let d2 = d1 * uniforms.channelMul + dm;

        var dotProd = 0.0;
        for (var b = 0; b < uniforms.batchSize; b++) {
          for (var yR = 0; yR < uniforms.outHeight; yR++) {
            let xR = wR + yR * uniforms.strides[0] - uniforms.pads[0];

            if (xR < 0 || xR >= uniforms.inHeight) {
              continue;
            }

            for (var yC = 0; yC < uniforms.outWidth; yC++) {
              let xC = wC + yC * uniforms.strides[1] - uniforms.pads[1];

              if (xC < 0 || xC >= uniforms.inWidth) {
                continue;
              }

              let dyValue = getDy(b, yR, yC, d2);
              let xValue = getX(b, xR, xC, d1);
              dotProd += xValue * dyValue;
            }
          }
        }
        setOutputAtIndex(index, dotProd);
      }
    }
    `);return userCode},DepthwiseConv2DDerFilterProgram2})(),DepthwiseConv2DDerInputProgram=(function(){function DepthwiseConv2DDerInputProgram2(convInfo){this.variableNames=["dy","W"],this.uniforms=`strides : vec2<i32>, pads : vec2<i32>, filterDims : vec2<i32>,
       outHeight : i32, outWidth : i32, channelMul : i32,`,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=convInfo.inShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="depthwise_conv2d_backprop_input"}return DepthwiseConv2DDerInputProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let coords = getCoordsFromIndex(index);
        let batch = coords[0];
        let d1 = coords[3];
        let dyCorner = coords.yz - uniforms.pads;
        let dyRCorner = dyCorner.x;
        let dyCCorner = dyCorner.y;

        var dotProd = 0.0;
        for (var wR = 0; wR < uniforms.filterDims[0]; wR++) {
          let dyR = f32(dyRCorner + wR) / f32(uniforms.strides[0]);

          if (dyR < 0.0 || dyR >= f32(uniforms.outHeight) || fract(dyR) > 0.0) {
            continue;
          }

          let idyR = i32(dyR);
          let wRPerm = uniforms.filterDims[0] - 1 - wR;

          for (var wC = 0; wC < uniforms.filterDims[1]; wC++) {
            let dyC = f32(dyCCorner + wC) / f32(uniforms.strides[1]);

            if (dyC < 0.0 || dyC >= f32(uniforms.outWidth) || fract(dyC) > 0.0) {
              continue;
            }

            let idyC = i32(dyC);
            let wCPerm = uniforms.filterDims[1] - 1 - wC;

            for (var dm = 0; dm < uniforms.channelMul; dm++) {
              let d2 = d1 * uniforms.channelMul + dm;
              let xValue = getDy(batch, idyR, idyC, d2);
              let wValue = getW(wRPerm, wCPerm, d1, dm);
              dotProd += xValue * wValue;
            }
          }
        }
        setOutputAtIndex(index, dotProd);
      }
    }
    `);return userCode},DepthwiseConv2DDerInputProgram2})();function depthwiseConv2dNativeBackpropFilter(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,dy=inputs.dy,strides=attrs.strides,dilations=attrs.dilations,pad=attrs.pad,dimRoundingMode=attrs.dimRoundingMode,filterShape=attrs.filterShape,convInfo=tf.backend_util.computeConv2DInfo(x.shape,filterShape,strides,dilations,pad,dimRoundingMode,!0),program=new DepthwiseConv2DDerFilterProgram(convInfo),uniformData=[{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.padInfo.top,convInfo.padInfo.left]},{type:"int32",data:[convInfo.filterHeight,convInfo.filterWidth]},{type:"int32",data:[convInfo.outHeight]},{type:"int32",data:[convInfo.outWidth]},{type:"int32",data:[convInfo.inHeight]},{type:"int32",data:[convInfo.inWidth]},{type:"int32",data:[convInfo.batchSize]},{type:"int32",data:[convInfo.outChannels/convInfo.inChannels]}];return backend.runWebGPUProgram(program,[x,dy],"float32",uniformData)}var depthwiseConv2dNativeBackpropFilterConfig={kernelName:tf.DepthwiseConv2dNativeBackpropFilter,backendName:"webgpu",kernelFunc:depthwiseConv2dNativeBackpropFilter};function depthwiseConv2dNativeBackpropInput(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,dy=inputs.dy,filter=inputs.filter,strides=attrs.strides,dilations=attrs.dilations,pad=attrs.pad,dimRoundingMode=attrs.dimRoundingMode,inputShape=attrs.inputShape,convInfo=tf.backend_util.computeConv2DInfo(inputShape,filter.shape,strides,dilations,pad,dimRoundingMode,!0),program=new DepthwiseConv2DDerInputProgram(convInfo),uniformData=[{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.filterHeight-1-convInfo.padInfo.top,convInfo.filterWidth-1-convInfo.padInfo.left]},{type:"int32",data:[convInfo.filterHeight,convInfo.filterWidth]},{type:"int32",data:[convInfo.outHeight]},{type:"int32",data:[convInfo.outWidth]},{type:"int32",data:[convInfo.outChannels/convInfo.inChannels]}];return backend.runWebGPUProgram(program,[dy,filter],dy.dtype,uniformData)}var depthwiseConv2dNativeBackpropInputConfig={kernelName:tf.DepthwiseConv2dNativeBackpropInput,backendName:"webgpu",kernelFunc:depthwiseConv2dNativeBackpropInput};var DiagProgram=(function(){function DiagProgram2(size){this.variableNames=["x"],this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=[size,size],this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="diag"}return DiagProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let coords = getOutputCoords();
          let value = select(0.0, getX(coords[0]), coords[0] == coords[1]);
          setOutputAtIndex(index, value);
        }
      }
    `);return userCode},DiagProgram2})();function diag(args){var inputs=args.inputs,backend=args.backend,x=inputs.x,outShape=__spreadArray(__spreadArray([],__read(x.shape),!1),__read(x.shape),!1),xSize=tf.util.sizeFromShape(x.shape),flat=reshape({inputs:{x},backend,attrs:{shape:[xSize]}}),program=new DiagProgram(xSize),res=backend.runWebGPUProgram(program,[flat],flat.dtype),out=reshape({inputs:{x:res},backend,attrs:{shape:outShape}});return backend.disposeData(flat.dataId),backend.disposeData(res.dataId),out}var diagConfig={kernelName:tf.Diag,backendName:"webgpu",kernelFunc:diag};var Dilation2DProgram=(function(){function Dilation2DProgram2(convInfo){this.variableNames=["x","w"],this.uniforms="filterDims: vec2<i32>, pads: vec2<i32>, strides: vec2<i32>, dilations: vec2<i32>",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=convInfo.outShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="dilation2d"}return Dilation2DProgram2.prototype.getUserCode=function(){var userCode=`
       `.concat(getMainHeaderString("index"),` {
         if (index < uniforms.size) {
           let neg_infinity = -3.4e38;
           let coords = getOutputCoords();
           let batch = coords.x;
           let d1 = coords.w;
           let outTopLeftCorner = coords.yz * uniforms.strides - uniforms.pads;
           let hBeg = outTopLeftCorner.x;
           let wBeg = outTopLeftCorner.y;

           var curVal = neg_infinity;
           for (var h = 0; h < uniforms.filterDims[0]; h = h + 1) {
             let hIn = hBeg + h * uniforms.dilations[0];

             if (hIn >= 0 && hIn < uniforms.xShape[1]) {
               for (var w = 0; w < uniforms.filterDims[1]; w = w + 1) {
                 let wIn = wBeg + w * uniforms.dilations[1];

                 if (wIn >= 0 && wIn < uniforms.xShape[2]) {
                   let val = getX(batch, hIn, wIn, d1) + getW(h, w, d1);
                   if (val > curVal) {
                     curVal = val;
                   }
                 }
               }
             }
           }

           setOutputAtIndex(index, curVal);
         }
       }
     `);return userCode},Dilation2DProgram2})();function dilation2D(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,filter=inputs.filter,strides=attrs.strides,pad=attrs.pad,dilations=attrs.dilations,convInfo=tf.backend_util.computeDilation2DInfo(x.shape,filter.shape,strides,pad,"NHWC",dilations),padInfo=[convInfo.padInfo.top,convInfo.padInfo.left],uniformData=[{type:"int32",data:[convInfo.filterHeight,convInfo.filterWidth]},{type:"int32",data:__spreadArray([],__read(padInfo),!1)},{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.dilationHeight,convInfo.dilationWidth]}],program=new Dilation2DProgram(convInfo),out=backend.runWebGPUProgram(program,[x,filter],x.dtype,uniformData);return out}var dilation2DConfig={kernelName:tf.Dilation2D,backendName:"webgpu",kernelFunc:dilation2D};var Dilation2DBackpropInputProgram=(function(){function Dilation2DBackpropInputProgram2(convInfo,outputDtype){if(this.variableNames=["x","w","dy"],this.uniforms="filterDims: vec2<i32>, pads: vec2<i32>, strides: vec2<i32>, dilations: vec2<i32>, dySize: i32,",this.workgroupSize=[64,1,1],this.atomic=!0,this.outputShape=convInfo.inShape,this.dispatchLayout=flatDispatchLayout(convInfo.outShape),this.dispatch=computeDispatch(this.dispatchLayout,convInfo.outShape,this.workgroupSize),outputDtype!=="float32"&&outputDtype!=="int32")throw new Error(`Dilation2DBackpropInput only supports float32 and int32
          types, does not support `.concat(outputDtype," type."));this.type=outputDtype,this.shaderKey="dilation2DBackpropInput"}return Dilation2DBackpropInputProgram2.prototype.getUserCode=function(){var userCode=`
       `.concat(getMainHeaderString("index"),` {
         if (index < uniforms.dySize) {
           let coords = getDyCoordsFromIndex(index);
           let b = coords[0];
           let r = coords[1];
           let c = coords[2];
           let d = coords[3];

           let dyCorner = vec2<i32>(r, c) * uniforms.strides - uniforms.pads;
           var curVal = -3.4e38;  // neg_infinity
           var xRMax = 0;
           var xCMax = 0;

           // In the case of multiple argmax branches, we only back-propagate
           // along the last branch, i.e., the one with largest value of
           // 'wR * uniforms.filterDims[1] + wC', similarly to the max-pooling
           // backward routines.
           for (var wR = 0; wR < uniforms.filterDims[0]; wR++) {
             let xR = dyCorner.x + wR * uniforms.dilations[0];

             if (xR >= 0 && xR < uniforms.xShape[1]) {
               for (var wC = 0; wC < uniforms.filterDims[1]; wC++) {
                 let xC = dyCorner.y + wC * uniforms.dilations[1];

                 if (xC >= 0 && xC < uniforms.xShape[2]) {
                   let val = getX(b, xR, xC, d) + getW(wR, wC, d);
                   if (val > curVal) {
                     curVal = val;
                     xRMax = xR;
                     xCMax = xC;
                   }
                 }
               }
             }
           }

           let flatIndexIn = d + uniforms.xShape[3] *
               (xCMax + uniforms.xShape[2] * (xRMax + uniforms.xShape[1] * b));
           let value = getDy(b, r, c, d);
           `).concat(atomicAddSnippet("&result[flatIndexIn]","value",this.type),`
         }
       }
     `);return userCode},Dilation2DBackpropInputProgram2})(),Dilation2DBackpropFilterProgram=(function(){function Dilation2DBackpropFilterProgram2(convInfo,shape,outputDtype){if(this.variableNames=["x","w","dy"],this.uniforms="filterDims: vec2<i32>, pads: vec2<i32>, strides: vec2<i32>, dilations: vec2<i32>, dySize: i32,",this.workgroupSize=[64,1,1],this.atomic=!0,this.outputShape=convInfo.filterShape,this.dispatchLayout=flatDispatchLayout(convInfo.outShape),this.dispatch=computeDispatch(this.dispatchLayout,convInfo.outShape,this.workgroupSize),outputDtype!=="float32"&&outputDtype!=="int32")throw new Error(`Dilation2DBackpropFilter only supports float32 and int32
          types, does not support `.concat(outputDtype," type."));this.type=outputDtype,this.shaderKey="dilation2DBackpropFilter"}return Dilation2DBackpropFilterProgram2.prototype.getUserCode=function(){var userCode=`
       `.concat(getMainHeaderString("index"),` {
         if (index < uniforms.dySize) {
           let coords = getDyCoordsFromIndex(index);
           let b = coords[0];
           let r = coords[1];
           let c = coords[2];
           let d = coords[3];

           let dyCorner = vec2<i32>(r, c) * uniforms.strides - uniforms.pads;
           var curVal = -3.4e38;  // neg_infinity
           var wRMax = 0;
           var wCMax = 0;

           // In the case of multiple argmax branches, we only back-propagate
           // along the last branch, i.e., the one with largest value of
           // 'wR * uniforms.filterDims[1] + wC', similarly to the max-pooling
           // backward routines.
           for (var wR = 0; wR < uniforms.filterDims[0]; wR++) {
             let xR = dyCorner.x + wR * uniforms.dilations[0];

             if (xR >= 0 && xR < uniforms.xShape[1]) {
               for (var wC = 0; wC < uniforms.filterDims[1]; wC++) {
                 let xC = dyCorner.y + wC * uniforms.dilations[1];

                 if (xC >= 0 && xC < uniforms.xShape[2]) {
                   let val = getX(b, xR, xC, d) + getW(wR, wC, d);
                   if (val > curVal) {
                     curVal = val;
                     wRMax = wR;
                     wCMax = wC;
                   }
                 }
               }
             }
           }

           let flatIndexIn = d + uniforms.wShape[2] * (wCMax + wRMax * uniforms.wShape[1]);
           let value = getDy(b, r, c, d);
           `).concat(atomicAddSnippet("&result[flatIndexIn]","value",this.type),`
         }
       }
     `);return userCode},Dilation2DBackpropFilterProgram2})();function dilation2DBackpropFilter(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,filter=inputs.filter,dy=inputs.dy,strides=attrs.strides,pad=attrs.pad,dilations=attrs.dilations,convInfo=tf.backend_util.computeDilation2DInfo(x.shape,filter.shape,strides,pad,"NHWC",dilations),dtype=filter.dtype,program=new Dilation2DBackpropFilterProgram(convInfo,filter.shape,dtype),uniformData=[{type:"int32",data:[convInfo.filterHeight,convInfo.filterWidth]},{type:"int32",data:[convInfo.padInfo.top,convInfo.padInfo.left]},{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.dilationHeight,convInfo.dilationWidth]},{type:"int32",data:[tf.util.sizeFromShape(convInfo.outShape)]}],output=fill({backend,attrs:{shape:filter.shape,value:0,dtype}});return backend.runWebGPUProgram(program,[x,filter,dy],dtype,uniformData,output)}var dilation2DBackpropFilterConfig={kernelName:tf.Dilation2DBackpropFilter,backendName:"webgpu",kernelFunc:dilation2DBackpropFilter};function dilation2DBackpropInput(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,filter=inputs.filter,dy=inputs.dy,strides=attrs.strides,pad=attrs.pad,dilations=attrs.dilations,convInfo=tf.backend_util.computeDilation2DInfo(x.shape,filter.shape,strides,pad,"NHWC",dilations),dtype=x.dtype,program=new Dilation2DBackpropInputProgram(convInfo,dtype),uniformData=[{type:"int32",data:[convInfo.filterHeight,convInfo.filterWidth]},{type:"int32",data:[convInfo.padInfo.top,convInfo.padInfo.left]},{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.dilationHeight,convInfo.dilationWidth]},{type:"int32",data:[tf.util.sizeFromShape(convInfo.outShape)]}],output=fill({backend,attrs:{shape:convInfo.inShape,value:0,dtype}});return backend.runWebGPUProgram(program,[x,filter,dy],dtype,uniformData,output)}var dilation2DBackpropInputConfig={kernelName:tf.Dilation2DBackpropInput,backendName:"webgpu",kernelFunc:dilation2DBackpropInput};var DrawProgram=(function(){function DrawProgram2(outShape,type,textureFormat){this.variableNames=["Image"],this.uniforms="alpha: f32,",this.workgroupSize=[64,1,1],this.pixelsOpType=PixelsOpType.DRAW,this.size=!0,this.outputShape=outShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.type=type,this.textureFormat=textureFormat,this.shaderKey="draw_".concat(type,"_").concat(textureFormat)}return DrawProgram2.prototype.getUserCode=function(){var calculateResult,value=this.type==="float32"?"value":"value / 255.0";calculateResult=`
      if (uniforms.numChannels == 1) {
        rgba[0] = `.concat(value,`;
        rgba[1] = `).concat(value,`;
        rgba[2] = `).concat(value,`;
      } else {
        rgba[d] = `).concat(value,`;
      }`);var userCode=`
       @group(0) @binding(0) var outImage : texture_storage_2d<`.concat(this.textureFormat,`, write>;
       `).concat(getMainHeaderString("index"),` {
         if (index < uniforms.size) {
           var rgba = vec4<f32>(0.0, 0.0, 0.0, uniforms.alpha);
           for (var d = 0; d < uniforms.numChannels; d = d + 1) {
             let value = f32(inBuf[index * uniforms.numChannels + d]);
             `).concat(calculateResult,`
           }
           rgba.x = rgba.x * rgba.w;
           rgba.y = rgba.y * rgba.w;
           rgba.z = rgba.z * rgba.w;
           let coords = getCoordsFromIndex(index);
           textureStore(outImage, vec2<i32>(coords.yx), rgba);
         }
       }
      `);return userCode},DrawProgram2})();function draw(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,image=inputs.image,canvas=attrs.canvas,options=attrs.options,_a2=__read(image.shape.slice(0,2),2),height=_a2[0],width=_a2[1],imageOptions=(options||{}).imageOptions,alpha=imageOptions?.alpha||1,format=backend.device.features.has("bgra8unorm-storage")?"bgra8unorm":"rgba8unorm",outShape=[height,width],program=new DrawProgram(outShape,image.dtype,format);canvas.width=width,canvas.height=height;var backendName="webgpu",gpuContext=canvas.getContext(backendName),canvasWebGPU;gpuContext||(canvasWebGPU=new OffscreenCanvas(width,height),gpuContext=canvasWebGPU.getContext(backendName));var numChannels=image.shape.length===3?image.shape[2]:1;gpuContext.configure({device:backend.device,format,usage:GPUTextureUsage.STORAGE_BINDING,alphaMode:"premultiplied"});var outputDtype="int32",output=backend.makeTensorInfo(outShape,outputDtype),info=backend.tensorMap.get(output.dataId);info.resource=gpuContext.getCurrentTexture(),info.external=!0;var uniformData=[{type:"uint32",data:[numChannels]},{type:"float32",data:[alpha]}];if(backend.runWebGPUProgram(program,[image],outputDtype,uniformData,output),canvasWebGPU){var canvas2dContext=canvas.getContext("2d");if(!canvas2dContext)throw new Error("Please make sure this canvas has only been used for 2d or webgpu context!");canvas2dContext.drawImage(canvasWebGPU,0,0)}return backend.disposeData(output.dataId),image}var drawConfig={kernelName:tf.Draw,backendName:"webgpu",kernelFunc:draw};var multiplyKernelFunc=binaryKernelFunc({opType:BinaryOpType.MUL,cpuKernelImpl:multiplyImplCPU,supportsComplex:!0}),multiplyConfig={kernelName:tf.Multiply,backendName:"webgpu",kernelFunc:multiplyKernelFunc};function sum(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,axis=attrs.axis,keepDims=attrs.keepDims;return reduce(x,axis,keepDims,"sum",backend)}var sumConfig={kernelName:tf.Sum,backendName:"webgpu",kernelFunc:sum};function einsum(args){var e_12,_a2,e_2,_b,inputs=args.inputs,backend=args.backend,attrs=args.attrs,equation=attrs.equation,tensors=inputs,_c=tf.backend_util.decodeEinsumEquation(equation,tensors.length),allDims=_c.allDims,summedDims=_c.summedDims,idDims=_c.idDims;tf.backend_util.checkEinsumDimSizes(allDims.length,idDims,tensors);for(var _d=tf.backend_util.getEinsumComputePath(summedDims,idDims),path=_d.path,steps=_d.steps,nSteps=steps.length,out=null,numDimsRemaining=allDims.length,tensorsToDispose=[],i=0;i<nSteps;++i){try{for(var _e=(e_12=void 0,__values(steps[i])),_f=_e.next();!_f.done;_f=_e.next()){var idTerm=_f.value,_g=tf.backend_util.getEinsumPermutation(numDimsRemaining,idDims[idTerm]),perm=_g.permutationIndices,dimsToExpand=_g.expandDims,x=void 0;tf.backend_util.isIdentityPermutation(perm)?x=tensors[idTerm]:(x=transpose({inputs:{x:tensors[idTerm]},backend,attrs:{perm}}),tensorsToDispose.push(x));for(var targetShape=x.shape.slice(),k=0;k<dimsToExpand.length;++k)targetShape.splice(dimsToExpand[k],0,1);tf.util.arraysEqual(x.shape,targetShape)||(x=reshape({inputs:{x},backend,attrs:{shape:targetShape}}),tensorsToDispose.push(x)),out===null?out=x:(out=multiplyKernelFunc({inputs:{a:x,b:out},backend}),tensorsToDispose.push(out))}}catch(e_1_1){e_12={error:e_1_1}}finally{try{_f&&!_f.done&&(_a2=_e.return)&&_a2.call(_e)}finally{if(e_12)throw e_12.error}}i<nSteps-1&&(path[i]>=0&&(out=sum({inputs:{x:out},backend,attrs:{axis:path[i]-(allDims.length-numDimsRemaining),keepDims:!1}}),tensorsToDispose.push(out)),numDimsRemaining--)}try{for(var tensorsToDispose_1=__values(tensorsToDispose),tensorsToDispose_1_1=tensorsToDispose_1.next();!tensorsToDispose_1_1.done;tensorsToDispose_1_1=tensorsToDispose_1.next()){var tensorInfo=tensorsToDispose_1_1.value;tensorInfo!==out&&backend.disposeData(tensorInfo.dataId)}}catch(e_2_1){e_2={error:e_2_1}}finally{try{tensorsToDispose_1_1&&!tensorsToDispose_1_1.done&&(_b=tensorsToDispose_1.return)&&_b.call(tensorsToDispose_1)}finally{if(e_2)throw e_2.error}}return out}var einsumConfig={kernelName:tf.Einsum,backendName:"webgpu",kernelFunc:einsum};var elu=unaryKernelFunc({opType:UnaryOpType.ELU}),eluConfig={kernelName:tf.Elu,backendName:"webgpu",kernelFunc:elu};var eluGrad=function(args){var inputs=args.inputs,backend=args.backend,dy=inputs.dy,y=inputs.y,program=new BinaryOpProgram(BinaryOpType.ELU_DER,dy.shape,y.shape);return backend.runWebGPUProgram(program,[dy,y],dy.dtype)},eluGradConfig={kernelName:tf.EluGrad,backendName:"webgpu",kernelFunc:eluGrad};var equal=binaryKernelFunc({opType:BinaryOpType.EQUAL,dtype:"bool",cpuKernelImpl:equalImplCPU}),equalConfig={kernelName:tf.Equal,backendName:"webgpu",kernelFunc:equal};var erf=unaryKernelFunc({opType:UnaryOpType.ERF}),erfConfig={kernelName:tf.Erf,backendName:"webgpu",kernelFunc:erf};var exp=unaryKernelFunc({opType:UnaryOpType.EXP,cpuKernelImpl:expImplCPU,dtype:"float32"}),expConfig={kernelName:tf.Exp,backendName:"webgpu",kernelFunc:exp};function expandDims(args){var inputs=args.inputs,attrs=args.attrs,backend=args.backend,dim=attrs.dim,input=inputs.input,inputRank=input.shape.length,newShape=input.shape.slice(),$dim=dim;return dim<0&&(tf.util.assert(-(inputRank+1)<=dim,function(){return"Axis must be in the interval [".concat(-(inputRank+1),", ").concat(inputRank,"]")}),$dim=inputRank+dim+1),newShape.splice($dim,0,1),reshape({inputs:{x:input},backend,attrs:{shape:newShape}})}var expandDimsConfig={kernelName:tf.ExpandDims,backendName:"webgpu",kernelFunc:expandDims};var expm1=unaryKernelFunc({opType:UnaryOpType.EXPM1,cpuKernelImpl:expm1ImplCPU}),expm1Config={kernelName:tf.Expm1,backendName:"webgpu",kernelFunc:expm1};var FFTProgram=(function(){function FFTProgram2(component,shape){this.variableNames=["real","imag"],this.outputShape=[],this.uniforms="exponentMultiplier : f32, denominator: f32,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=shape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.component=component,this.shaderKey="fft_".concat(component)}return FFTProgram2.prototype.getUserCode=function(){var opString=this.component==="real"?"return real * expR - imag * expI;":"return real * expI + imag * expR;",userCode=`
    fn unaryOpComplex(real: f32, expR: f32, imag: f32, expI: f32) -> f32 {
      `.concat(opString,`
    }

    fn mulMatDFT(batch: i32, index: i32) -> f32 {
      let indexRatio = f32(index) / f32(uniforms.realShape[1]);
      let exponentMultiplierTimesIndexRatio =
          uniforms.exponentMultiplier * indexRatio;

      var result = 0.0;

      for (var i = 0; i < uniforms.realShape[1]; i = i + 1) {
        // x = (-2|2 * PI / N) * index * i;
        let x = exponentMultiplierTimesIndexRatio * f32(i);
        let expR = cos(x);
        let expI = sin(x);
        let real = getReal(batch, i);
        let imag = getImag(batch, i);

        result = result +
            unaryOpComplex(real, expR, imag, expI) / uniforms.denominator;
      }

      return result;
    }

    `).concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let coords = getOutputCoords();
        setOutputAtIndex(index, mulMatDFT(coords[0], coords[1]));
      }
    }
  `);return userCode},FFTProgram2})();function fftImpl(x,inverse,backend){var xData=backend.tensorMap.get(x.dataId),inputSize=tf.util.sizeFromShape(x.shape),innerDimensionSize=x.shape[x.shape.length-1],batch=inputSize/innerDimensionSize,toDispose=[],input2D=reshape({inputs:{x},backend,attrs:{shape:[batch,innerDimensionSize]}});toDispose.push(input2D);var xShape=input2D.shape,realProgram=new FFTProgram("real",xShape),imagProgram=new FFTProgram("imag",xShape),inputs=[{dataId:xData.complexTensorInfos.real.dataId,dtype:xData.complexTensorInfos.real.dtype,shape:xShape},{dataId:xData.complexTensorInfos.imag.dataId,dtype:xData.complexTensorInfos.imag.dtype,shape:xShape}],exponentMultiplier=inverse?2*Math.PI:-2*Math.PI,denominator=inverse?xShape[1]:1,uniformData=[{type:"float32",data:[exponentMultiplier]},{type:"float32",data:[denominator]}],realPart=backend.runWebGPUProgram(realProgram,inputs,"float32",uniformData);toDispose.push(realPart);var imagPart=backend.runWebGPUProgram(imagProgram,inputs,"float32",uniformData);toDispose.push(imagPart);var complexOutput=complex({inputs:{real:realPart,imag:imagPart},backend});toDispose.push(complexOutput);var complexOutputReshaped=reshape({inputs:{x:complexOutput},backend,attrs:{shape:x.shape}});return toDispose.forEach(function(t){return backend.disposeData(t.dataId)}),complexOutputReshaped}function fft(args){var inputs=args.inputs,backend=args.backend,input=inputs.input;return fftImpl(input,!1,backend)}var fftConfig={kernelName:tf.FFT,backendName:"webgpu",kernelFunc:fft};var FlipLeftRightProgram=(function(){function FlipLeftRightProgram2(imageShape){this.outputShape=[],this.variableNames=["x"],this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=imageShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="flipLeftRight"}return FlipLeftRightProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let coords = getCoordsFromIndex(index);
          let coordX = uniforms.xShape[2] - coords[2] - 1;
          let outputValue = getX(coords[0], coords[1], coordX, coords[3]);
          setOutputAtIndex(index, outputValue);
        }
      }
    `);return userCode},FlipLeftRightProgram2})();var flipLeftRightConfig={kernelName:tf.FlipLeftRight,backendName:"webgpu",kernelFunc:function(_a2){var inputs=_a2.inputs,backend=_a2.backend,image=inputs.image,webgpuBackend=backend,program=new FlipLeftRightProgram(image.shape),output=webgpuBackend.runWebGPUProgram(program,[image],image.dtype);return output}};var floor=unaryKernelFunc({opType:UnaryOpType.FLOOR,cpuKernelImpl:floorImplCPU}),floorConfig={kernelName:tf.Floor,backendName:"webgpu",kernelFunc:floor};var floorDiv=binaryKernelFunc({opType:BinaryOpType.FLOOR_DIV,cpuKernelImpl:floorDivImplCPU,dtype:"int32"}),floorDivConfig={kernelName:tf.FloorDiv,backendName:"webgpu",kernelFunc:floorDiv};var FromPixelsProgram=(function(){function FromPixelsProgram2(outputShape,numChannels,importVideo){importVideo===void 0&&(importVideo=!1),this.pixelsOpType=PixelsOpType.FROM_PIXELS,this.outputShape=[0],this.variableNames=[],this.workgroupSize=[256,1,1],this.outputShape=outputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize,[numChannels,1,1]),this.importVideo=importVideo,this.shaderKey="fromPixels_".concat(this.importVideo)}return FromPixelsProgram2.prototype.getUserCode=function(){var textureLoad=this.importVideo?"textureLoad(src, vec2<i32>(coords.yx));":"textureLoad(src, vec2<i32>(coords.yx), 0)",textureType=this.importVideo?"texture_external":"texture_2d<f32>";return`
      @binding(1) @group(0) var src: `.concat(textureType,`;
      `).concat(getMainHeaderString("index"),` {
        let flatIndex = index * uniforms.numChannels;
        if (flatIndex < uniforms.size) {
          let coords = getCoordsFromIndex(flatIndex);
          let values = `).concat(textureLoad,`;
          for (var i = 0; i < uniforms.numChannels; i = i + 1) {
            result[flatIndex + i] = i32(floor(255.0 * values[i]));
          }
        }
      }
  `)},FromPixelsProgram2})(),fromPixelsConfig={kernelName:tf.FromPixels,backendName:"webgpu",kernelFunc:fromPixels},fromPixels2DContext,willReadFrequently=tf.env().getBool("CANVAS2D_WILL_READ_FREQUENTLY_FOR_GPU");function fromPixels(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,pixels=inputs.pixels,numChannels=attrs.numChannels;if(pixels==null)throw new Error("pixels passed to tf.browser.fromPixels() can not be null");var isVideo=typeof HTMLVideoElement<"u"&&pixels instanceof HTMLVideoElement,isImage=typeof HTMLImageElement<"u"&&pixels instanceof HTMLImageElement,isCanvas=typeof HTMLCanvasElement<"u"&&pixels instanceof HTMLCanvasElement||typeof OffscreenCanvas<"u"&&pixels instanceof OffscreenCanvas,isImageBitmap=typeof ImageBitmap<"u"&&pixels instanceof ImageBitmap,_a2=__read(isVideo?[pixels.videoWidth,pixels.videoHeight]:[pixels.width,pixels.height],2),width=_a2[0],height=_a2[1],outputShape=[height,width,numChannels],importVideo=tf.env().getBool("WEBGPU_IMPORT_EXTERNAL_TEXTURE")&&isVideo,isVideoOrImage=isVideo||isImage;if(isImageBitmap||isCanvas||isVideoOrImage){var resource=void 0;if(importVideo)resource=backend.device.importExternalTexture({source:pixels});else{if(isVideoOrImage){var newWillReadFrequently=tf.env().getBool("CANVAS2D_WILL_READ_FREQUENTLY_FOR_GPU");(fromPixels2DContext==null||newWillReadFrequently!==willReadFrequently)&&(willReadFrequently=newWillReadFrequently,fromPixels2DContext=document.createElement("canvas").getContext("2d",{willReadFrequently})),fromPixels2DContext.canvas.width=width,fromPixels2DContext.canvas.height=height,fromPixels2DContext.drawImage(pixels,0,0,width,height),pixels=fromPixels2DContext.canvas}var usage=GPUTextureUsage.COPY_DST|GPUTextureUsage.RENDER_ATTACHMENT|GPUTextureUsage.TEXTURE_BINDING,format="rgba8unorm",texture=backend.textureManager.acquireTexture(outputShape[1],outputShape[0],format,usage);backend.queue.copyExternalImageToTexture({source:pixels},{texture},[outputShape[1],outputShape[0]]),resource=texture}var size=tf.util.sizeFromShape(outputShape),strides=tf.util.computeStrides(outputShape),program=new FromPixelsProgram(outputShape,numChannels,importVideo),uniformData=[{type:"uint32",data:[size]},{type:"uint32",data:[numChannels]},{type:"uint32",data:__spreadArray([],__read(strides),!1)}],input=backend.makeTensorInfo([height,width],"int32"),info=backend.tensorMap.get(input.dataId);info.resource=resource;var result=backend.runWebGPUProgram(program,[input],"int32",uniformData);return backend.disposeData(input.dataId),result}var imageData=pixels.data,pixelArray=imageData;if(numChannels!=null&&numChannels!==4){pixelArray=new Uint8Array(pixels.width*pixels.height*numChannels);for(var dataLength=imageData.length,j=0,i=0;i<dataLength;i++)i%4<numChannels&&(pixelArray[j++]=imageData[i])}var output=backend.makeTensorInfo(outputShape,"int32",new Int32Array(pixelArray));return backend.uploadToGPU(output.dataId),output}var BatchNormProgram=(function(){function BatchNormProgram2(xShape,meanShape,varianceShape,offsetShape,scaleShape){this.uniforms="varianceEpsilon : f32,",this.workgroupSize=[128,1,1],this.size=!0,this.variableNames=["x","mean","variance"],tf.backend_util.assertAndGetBroadcastShape(xShape,meanShape),tf.backend_util.assertAndGetBroadcastShape(xShape,varianceShape),this.outputShape=xShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),offsetShape!=null&&(tf.backend_util.assertAndGetBroadcastShape(xShape,offsetShape),this.variableNames.push("offset")),scaleShape!=null&&(tf.backend_util.assertAndGetBroadcastShape(xShape,scaleShape),this.variableNames.push("scale")),this.offsetShape=offsetShape,this.scaleShape=scaleShape,this.shaderKey="batchNorm"}return BatchNormProgram2.prototype.getUserCode=function(){var offsetSnippet="0.0";this.offsetShape!=null&&(offsetSnippet="getOffsetByOutputIndex(index)");var scaleSnippet="1.0";this.scaleShape!=null&&(scaleSnippet="getScaleByOutputIndex(index)");var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size)
        {
          let xValue = getXByOutputIndex(index);
          let meanValue = getMeanByOutputIndex(index);
          let varianValue = getVarianceByOutputIndex(index);
          let offsetValue = `).concat(offsetSnippet,`;
          let scaleValue = `).concat(scaleSnippet,`;
          let inv = scaleValue * inverseSqrt(varianValue + f32(uniforms.varianceEpsilon));
          setOutputAtIndex(index,dot(vec3<f32>(xValue, -meanValue, offsetValue), vec3<f32>(inv, inv, 1.0)));
        }
      }
  `);return userCode},BatchNormProgram2})();var fusedBatchNormConfig={kernelName:tf.FusedBatchNorm,backendName:"webgpu",kernelFunc:function(_a2){var inputs=_a2.inputs,attrs=_a2.attrs,backend=_a2.backend,x=inputs.x,scale=inputs.scale,offset=inputs.offset,mean2=inputs.mean,variance=inputs.variance,varianceEpsilon=attrs.varianceEpsilon,webGPUBackend=backend,batchNormInputs=[x,mean2,variance],offsetShape=null;offset!=null&&(offsetShape=offset.shape,batchNormInputs.push(offset));var scaleShape=null;scale!=null&&(scaleShape=scale.shape,batchNormInputs.push(scale));var program=new BatchNormProgram(x.shape,mean2.shape,variance.shape,offsetShape,scaleShape),uniformData=[{type:"float32",data:[varianceEpsilon]}];return webGPUBackend.runWebGPUProgram(program,batchNormInputs,x.dtype,uniformData)}};function fusedConv2d(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,filter=inputs.filter,bias=inputs.bias,preluActivationWeights=inputs.preluActivationWeights,strides=attrs.strides,pad=attrs.pad,dataFormat=attrs.dataFormat,dilations=attrs.dilations,dimRoundingMode=attrs.dimRoundingMode,activation=attrs.activation,leakyreluAlpha=attrs.leakyreluAlpha,$dataFormat=tf.backend_util.convertConv2DDataFormat(dataFormat),convInfo=tf.backend_util.computeConv2DInfo(x.shape,filter.shape,strides,dilations,pad,dimRoundingMode,!1,$dataFormat);return conv2DImpl({x,filter,convInfo,backend,bias,preluActivationWeights,leakyreluAlpha,activation})}var fusedConv2DConfig={kernelName:tf.FusedConv2D,backendName:"webgpu",kernelFunc:fusedConv2d};function fusedDepthwiseConv2D(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,filter=inputs.filter,bias=inputs.bias,preluActivationWeights=inputs.preluActivationWeights,strides=attrs.strides,pad=attrs.pad,dilations=attrs.dilations,dimRoundingMode=attrs.dimRoundingMode,activation=attrs.activation,leakyreluAlpha=attrs.leakyreluAlpha,$dilations=dilations;$dilations==null&&($dilations=[1,1]),tf.util.assert(tf.backend_util.eitherStridesOrDilationsAreOne(strides,$dilations),function(){return"Error in depthwiseConv2d: Either strides or dilations must be "+"1. Got strides ".concat(strides," and dilations '").concat($dilations,"'")});var convInfo=tf.backend_util.computeConv2DInfo(x.shape,filter.shape,strides,$dilations,pad,dimRoundingMode,!0),programInputs=[x,filter],hasBias=bias!=null,hasPreluActivationWeights=preluActivationWeights!=null;hasBias&&programInputs.push(bias),hasPreluActivationWeights&&programInputs.push(preluActivationWeights);var dimensions=[{type:"int32",data:[convInfo.padInfo.top,convInfo.padInfo.left]},{type:"int32",data:[convInfo.inHeight,convInfo.inWidth]}],program;convInfo.outHeight>4&&convInfo.outWidth>4&&convInfo.strideWidth<=2&&convInfo.inChannels===convInfo.outChannels&&convInfo.dilationHeight===1&&convInfo.dilationWidth===1&&convInfo.inChannels%4===0?(program=new DepthwiseConv2DVec4Program(convInfo,hasBias,activation,hasPreluActivationWeights),dimensions.push({type:"int32",data:[program.virtualWidth]})):(program=new DepthwiseConv2DProgram(convInfo,hasBias,activation,hasPreluActivationWeights),dimensions.push({type:"int32",data:[convInfo.filterHeight]},{type:"int32",data:[convInfo.filterWidth]},{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.dilationHeight,convInfo.dilationWidth]})),activation==="leakyrelu"&&(dimensions.push({type:"float32",data:[leakyreluAlpha]}),program.uniforms+=" alpha : f32,");var result=backend.runWebGPUProgram(program,programInputs,"float32",dimensions);return result}var fusedDepthwiseConv2DConfig={kernelName:tf.FusedDepthwiseConv2D,backendName:"webgpu",kernelFunc:fusedDepthwiseConv2D};var GatherNDProgram=(function(){function GatherNDProgram2(sliceDim,shape){this.variableNames=["A","indices"],this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=shape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="gathernd_".concat(sliceDim),this.sliceDim=sliceDim,this.uniforms="sliceDim : i32, strides : ".concat(getCoordsDataType(sliceDim),",")}return GatherNDProgram2.prototype.getUserCode=function(){var strideString;this.sliceDim>1?strideString="uniforms.strides[j]":strideString="uniforms.strides";var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let coords = getCoordsFromIndex(index);
          var flattenIndex = 0;
          for (var j = 0; j < uniforms.sliceDim; j = j + 1) {
            let indexTemp = i32(round(getIndices(coords[0], j)));
            let strideNum = `).concat(strideString,`;
            flattenIndex = flattenIndex + indexTemp * strideNum;
          }

          setOutputAtIndex(index, getA(flattenIndex, coords[1]));
        }
      }
      `);return userCode},GatherNDProgram2})();function gatherNd(args){var inputs=args.inputs,backend=args.backend,params=inputs.params,indices=inputs.indices,indicesShape=indices.shape,sliceRank=indicesShape[indicesShape.length-1],paramsSize=tf.util.sizeFromShape(params.shape),_a2=__read(tf.backend_util.prepareAndValidate(params,indices),4),resultShape=_a2[0],numSlices=_a2[1],sliceSize=_a2[2],strides=_a2[3],flattenIndices=reshape({inputs:{x:indices},backend,attrs:{shape:[numSlices,sliceRank]}}),flattenX=reshape({inputs:{x:params},backend,attrs:{shape:[tf.util.sizeFromShape(params.shape)/sliceSize,sliceSize]}});if(backend.shouldExecuteOnCPU([params,indices])||params.dtype==="string"){var indicesData=backend.readSync(indices.dataId),paramsBuf=backend.bufferSync(params),outValue=gatherNdImplCPU(indicesData,paramsBuf,params.dtype,numSlices,sliceRank,sliceSize,strides,params.shape,paramsSize);return backend.makeTensorInfo(resultShape,params.dtype,outValue.values)}var program=new GatherNDProgram(sliceRank,[numSlices,sliceSize]),uniformData=[{type:"int32",data:[sliceRank]},{type:"int32",data:strides}],res=backend.runWebGPUProgram(program,[flattenX,flattenIndices],flattenX.dtype,uniformData),reshaped=reshape({inputs:{x:res},backend,attrs:{shape:resultShape}});return backend.disposeData(flattenIndices.dataId),backend.disposeData(flattenX.dataId),backend.disposeData(res.dataId),reshaped}var gatherNdConfig={kernelName:tf.GatherNd,backendName:"webgpu",kernelFunc:gatherNd};var GatherProgram=(function(){function GatherProgram2(aShape,outputShape){this.variableNames=["A","indices"],this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=aShape.slice(),this.aShape=aShape,this.outputShape=outputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="gather"}return GatherProgram2.prototype.getUserCode=function(){var sourceCoords=getSourceCoords$1(this.aShape),userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let resRC = getCoordsFromIndex(index);
          let indexZ = i32(getIndices(resRC.x, resRC.z));
          let inBounds = select(0.0, 1.0, indexZ >= 0 && indexZ < uniforms.aShape[2]);
          setOutputAtIndex(index, inBounds * getA(`).concat(sourceCoords,`));
        }
      }
    `);return userCode},GatherProgram2})();function getSourceCoords$1(aShape){for(var currentCoords=["resRC.x","resRC.y","resRC.z","resRC.w"],sourceCoords=[],i=0;i<aShape.length;i++)i===2?sourceCoords.push("indexZ"):sourceCoords.push("".concat(currentCoords[i]));return sourceCoords.join()}function gatherV2(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,indices=inputs.indices,axis=attrs.axis,batchDims=attrs.batchDims,parsedAxis=tf.util.parseAxisParam(axis,x.shape)[0],shapeInfo=tf.backend_util.segment_util.collectGatherOpShapeInfo(x,indices,parsedAxis,batchDims),indicesSize=tf.util.sizeFromShape(indices.shape),toDispose=[],flattenX=reshape({inputs:{x},backend,attrs:{shape:[shapeInfo.batchSize,shapeInfo.outerSize,shapeInfo.dimSize,shapeInfo.sliceSize]}}),flattenIndex=reshape({inputs:{x:indices},backend,attrs:{shape:[shapeInfo.batchSize,indicesSize/shapeInfo.batchSize]}});toDispose.push(flattenX),toDispose.push(flattenIndex);var flattenOutputShape=[shapeInfo.batchSize,shapeInfo.outerSize,indicesSize/shapeInfo.batchSize,shapeInfo.sliceSize];if(backend.shouldExecuteOnCPU([x,indices])){var indicesTensorData=backend.tensorMap.get(flattenIndex.dataId),indicesValues=indicesTensorData.values,indicesBuffer=tf.buffer(flattenIndex.shape,flattenIndex.dtype,indicesValues),flattenXTensorData=backend.tensorMap.get(flattenX.dataId),xValues=flattenXTensorData.values,xBuffer=tf.buffer(flattenX.shape,flattenX.dtype,xValues),outBuf=gatherV2ImplCPU(xBuffer,indicesBuffer,flattenOutputShape);return toDispose.forEach(function(t){return backend.disposeData(t.dataId)}),backend.makeTensorInfo(shapeInfo.outputShape,outBuf.dtype,outBuf.values)}var program=new GatherProgram(flattenX.shape,flattenOutputShape),res=backend.runWebGPUProgram(program,[flattenX,flattenIndex],flattenX.dtype);toDispose.push(res);var reshaped=reshape({inputs:{x:res},backend,attrs:{shape:shapeInfo.outputShape}});return toDispose.forEach(function(t){return backend.disposeData(t.dataId)}),reshaped}var gatherV2Config={kernelName:tf.GatherV2,backendName:"webgpu",kernelFunc:gatherV2};var greater=binaryKernelFunc({opType:BinaryOpType.GREATER,cpuKernelImpl:greaterImplCPU,dtype:"bool"}),greaterConfig={kernelName:tf.Greater,backendName:"webgpu",kernelFunc:greater};var greaterEqual=binaryKernelFunc({opType:BinaryOpType.GREATER_EQUAL,dtype:"bool",cpuKernelImpl:greaterEqualImplCPU}),greaterEqualConfig={kernelName:tf.GreaterEqual,backendName:"webgpu",kernelFunc:greaterEqual};function ifft(args){var inputs=args.inputs,backend=args.backend,input=inputs.input;return fftImpl(input,!0,backend)}var ifftConfig={kernelName:tf.IFFT,backendName:"webgpu",kernelFunc:ifft};var isFinite=unaryKernelFunc({opType:UnaryOpType.IS_FINITE,dtype:"bool"}),isFiniteConfig={kernelName:tf.IsFinite,backendName:"webgpu",kernelFunc:isFinite};var isInf=unaryKernelFunc({opType:UnaryOpType.IS_INF,dtype:"bool"}),isInfConfig={kernelName:tf.IsInf,backendName:"webgpu",kernelFunc:isInf};var isNaN=unaryKernelFunc({opType:UnaryOpType.IS_NAN,dtype:"bool"}),isNaNConfig={kernelName:tf.IsNan,backendName:"webgpu",kernelFunc:isNaN};function leakyRelu(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,alpha=attrs.alpha,uniformData=[{type:"float32",data:[alpha]}],program=new UnaryOpProgram(x.shape,UnaryOpType.LEAKYRELU,"alpha : f32,");return backend.runWebGPUProgram(program,[x],"float32",uniformData)}var leakyReluConfig={kernelName:tf.LeakyRelu,backendName:"webgpu",kernelFunc:leakyRelu};var less=binaryKernelFunc({opType:BinaryOpType.LESS,dtype:"bool",cpuKernelImpl:lessImplCPU}),lessConfig={kernelName:tf.Less,backendName:"webgpu",kernelFunc:less};var lessEqual=binaryKernelFunc({opType:BinaryOpType.LESS_EQUAL,dtype:"bool",cpuKernelImpl:lessEqualImplCPU}),lessEqualConfig={kernelName:tf.LessEqual,backendName:"webgpu",kernelFunc:lessEqual};var LinSpaceProgram=(function(){function LinSpaceProgram2(shape){this.variableNames=[],this.outputShape=[],this.uniforms="start : f32, step : f32,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=[shape],this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="linSpace"}return LinSpaceProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          setOutputAtIndex(index, uniforms.start + f32(index) * uniforms.step);
        }
      }
    `);return userCode},LinSpaceProgram2})();function linSpace(args){var backend=args.backend,attrs=args.attrs,start=attrs.start,stop=attrs.stop,num=attrs.num,step2=(stop-start)/(num-1),program=new LinSpaceProgram(num),uniformData=[{type:"float32",data:[start]},{type:"float32",data:[step2]}];return backend.runWebGPUProgram(program,[],"float32",uniformData)}var linSpaceConfig={kernelName:tf.LinSpace,backendName:"webgpu",kernelFunc:linSpace};var log=unaryKernelFunc({opType:UnaryOpType.LOG,cpuKernelImpl:logImplCPU}),logConfig={kernelName:tf.Log,backendName:"webgpu",kernelFunc:log};var log1p=unaryKernelFunc({opType:UnaryOpType.LOG1P}),log1pConfig={kernelName:tf.Log1p,backendName:"webgpu",kernelFunc:log1p};var logicalAnd=binaryKernelFunc({opType:BinaryOpType.LOGICAL_AND,dtype:"bool"}),logicalAndConfig={kernelName:tf.LogicalAnd,backendName:"webgpu",kernelFunc:logicalAnd};var logicalNot=unaryKernelFunc({opType:UnaryOpType.LOGICAL_NOT}),logicalNotConfig={kernelName:tf.LogicalNot,backendName:"webgpu",kernelFunc:logicalNot};var logicalOr=binaryKernelFunc({opType:BinaryOpType.LOGICAL_OR}),logicalOrConfig={kernelName:tf.LogicalOr,backendName:"webgpu",kernelFunc:logicalOr};var powOperatorSnippet=`
  var powValue = 0.0;
  let basis = uniforms.bias + uniforms.alpha * sum;
  if (uniforms.beta == 0.5) {
    powValue = inverseSqrt(basis);
  } else if (uniforms.beta == 1.0) {
    powValue = 1.0 / basis;
  } else {
    powValue = exp(log(basis) * (-uniforms.beta));
  }
`,LRNProgram=(function(){function LRNProgram2(xShape){this.outputShape=[],this.variableNames=["x"],this.uniforms="radius : i32, bias : f32, alpha : f32, beta : f32,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=xShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="lrn"}return LRNProgram2.prototype.getUserCode=function(){var userCode=`
    `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let coords = getOutputCoords();
        let b = coords[0];
        let r = coords[1];
        let c = coords[2];
        let d = coords[3];

        let x = getX(b, r, c, d);
        var sum = 0.0;
        for (var i = -uniforms.radius; i <= uniforms.radius; i = i + 1) {
          let idx = d + i;
          if (idx >= 0 && idx < uniforms.xShape[3]) {
            let z = getX(b, r, c, idx);
            sum = sum + z * z;
          }
        }
        `).concat(powOperatorSnippet,`

        setOutputAtIndex(index, x * powValue);
      }
    }
  `);return userCode},LRNProgram2})(),LRNSharedProgram=(function(){function LRNSharedProgram2(xShape,radius){var _this=this;this.outputShape=[],this.variableNames=["x"],this.uniforms="radius : i32, bias : f32, alpha : f32, beta : f32,",this.workgroupSize=[256,1,1],this.maxAllowRadius=16,tf.util.assert(radius<=this.maxAllowRadius,function(){return"Radius must be less than or equal to ".concat(_this.maxAllowRadius,", current radius is ").concat(radius)}),this.outputShape=xShape,this.elementsPerWorkgroup=this.workgroupSize[0]-2*this.maxAllowRadius,this.dispatchLayout={x:[3],y:[2],z:[0,1]},this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,[this.elementsPerWorkgroup,this.workgroupSize[1],this.workgroupSize[2]]),this.shaderKey="lrn_shared"}return LRNSharedProgram2.prototype.getUserCode=function(){var userCode=`
    var <workgroup>lrnSub: array<f32, `.concat(this.workgroupSize[0],`>;
    const elementsPerWorkgroup = `).concat(this.elementsPerWorkgroup,`;
    const maxAllowRadius = `).concat(this.maxAllowRadius,`;

    `).concat(getMainHeaderString(),` {
      let localDepth = i32(localId.x);
      let workgroupDepth = i32(workgroupId.x) * elementsPerWorkgroup;
      let xDepth = workgroupDepth + localDepth - maxAllowRadius;
      let b = i32(globalId.z) / uniforms.xShape[1];
      let r = i32(globalId.z) - b * uniforms.xShape[1];
      let c = i32(globalId.y);
      let d = workgroupDepth + localDepth;

      var x = 0.0;
      if (xDepth >= 0 && xDepth < uniforms.xShape[3]) {
        x = getX(b, r, c, xDepth);
      }
      lrnSub[localDepth] = x;
      workgroupBarrier();

      if (localDepth < elementsPerWorkgroup && d < uniforms.outShape[3]) {
        var sum = 0.0;
        let index = localDepth + maxAllowRadius;
        for (var i = -uniforms.radius; i <= uniforms.radius; i = i + 1) {
          let z = lrnSub[index + i];
          sum = sum + z * z;
        }
        `).concat(powOperatorSnippet,`

        setOutputAtCoords(b, r, c, d, lrnSub[index] * powValue);
      }
    } `);return userCode},LRNSharedProgram2})();function lrn(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,depthRadius=attrs.depthRadius,bias=attrs.bias,alpha=attrs.alpha,beta=attrs.beta,program;depthRadius>16?program=new LRNProgram(x.shape):program=new LRNSharedProgram(x.shape,depthRadius);var uniformData=[{type:"int32",data:[depthRadius]},{type:"float32",data:[bias]},{type:"float32",data:[alpha]},{type:"float32",data:[beta]}],res=backend.runWebGPUProgram(program,[x],x.dtype,uniformData);return res}var lrnConfig={kernelName:tf.LRN,backendName:"webgpu",kernelFunc:lrn};var LRNGradProgram=(function(){function LRNGradProgram2(inputShape){this.outputShape=[],this.variableNames=["inputImage","outputImage","dy"],this.uniforms="depthRadius : i32, bias : f32, alpha : f32, beta : f32,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=inputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="lrn_grad"}return LRNGradProgram2.prototype.getUserCode=function(){var userCode=`
    `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let coords = getOutputCoords();
        let b = coords[0];
        let r = coords[1];
        let c = coords[2];

        let MIN_DEPTH_BEGIN = 0;
        let MAX_DEPTH_END = uniforms.outShape[3];
        var result = 0.0;
        for (var d = MIN_DEPTH_BEGIN; d < MAX_DEPTH_END; d++) {
          let depthBegin = max(MIN_DEPTH_BEGIN, d - uniforms.depthRadius);
          let depthEnd = min(MAX_DEPTH_END, d + uniforms.depthRadius + 1);

          var norm = 0.0;
          for (var k = MIN_DEPTH_BEGIN; k < MAX_DEPTH_END; k++) {
            if (k < depthBegin) {
              continue;
            } else if (k >= depthBegin && k < depthEnd) {
              norm += getInputImage(b, r, c, k) * getInputImage(b, r, c, k);
            } else {
              break;
            }
          }

          norm = uniforms.alpha * norm + uniforms.bias;

          for (var k = MIN_DEPTH_BEGIN; k < MAX_DEPTH_END; k++) {
            if (k < depthBegin) {
              continue;
            } else if (k >= depthBegin && k < depthEnd) {
              var dyi = -2.0 * uniforms.alpha * uniforms.beta
                * getInputImage(b, r, c, k) * getOutputImage(b, r, c, d) / norm;
              if (k == d) {
                dyi += pow(norm, -1.0 * uniforms.beta);
              }
              if (k == coords[3]) {
                dyi *= getDy(b, r, c, d);
                result += dyi;
              }
            } else {
              break;
            }
          }
        }

        setOutputAtIndex(index, result);
      }
    }
  `);return userCode},LRNGradProgram2})();function lrnGrad(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,y=inputs.y,dy=inputs.dy,depthRadius=attrs.depthRadius,bias=attrs.bias,alpha=attrs.alpha,beta=attrs.beta,program=new LRNGradProgram(x.shape),uniformData=[{type:"int32",data:[depthRadius]},{type:"float32",data:[bias]},{type:"float32",data:[alpha]},{type:"float32",data:[beta]}],res=backend.runWebGPUProgram(program,[x,y,dy],x.dtype,uniformData);return res}var lrnGradConfig={kernelName:tf.LRNGrad,backendName:"webgpu",kernelFunc:lrnGrad};var maximum=binaryKernelFunc({opType:BinaryOpType.MAX,cpuKernelImpl:maximumImplCPU}),maximumConfig={kernelName:tf.Maximum,backendName:"webgpu",kernelFunc:maximum};function maxPool(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,filterSize=attrs.filterSize,strides=attrs.strides,pad=attrs.pad,dimRoundingMode=attrs.dimRoundingMode,dilations=1,convInfo=tf.backend_util.computePool2DInfo(x.shape,filterSize,strides,dilations,pad,dimRoundingMode);return poolImpl(x,convInfo,"max",backend)}var maxPoolConfig={kernelName:tf.MaxPool,backendName:"webgpu",kernelFunc:maxPool};function maxPool3d(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,filterSize=attrs.filterSize,strides=attrs.strides,pad=attrs.pad,dataFormat=attrs.dataFormat,dimRoundingMode=attrs.dimRoundingMode,dilations=[1,1,1],convInfo=tf.backend_util.computePool3DInfo(x.shape,filterSize,strides,dilations,pad,dimRoundingMode,dataFormat),maxPoolProgram=new Pool3DProgram(convInfo,"max"),dimensions=[{type:"int32",data:[convInfo.strideDepth,convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.padInfo.front,convInfo.padInfo.top,convInfo.padInfo.left]},{type:"int32",data:[convInfo.inDepth,convInfo.inHeight,convInfo.inWidth]},{type:"int32",data:[convInfo.effectiveFilterDepth,convInfo.effectiveFilterHeight,convInfo.effectiveFilterWidth]}];return backend.runWebGPUProgram(maxPoolProgram,[x],x.dtype,dimensions)}var maxPool3DConfig={kernelName:tf.MaxPool3D,backendName:"webgpu",kernelFunc:maxPool3d};var MaxPool2DBackpropProgram=(function(){function MaxPool2DBackpropProgram2(convInfo){this.variableNames=["dy","maxPos"],this.uniforms=`strides : vec2<i32>, pads : vec2<i32>, dilations : vec2<i32>, filterDims : vec2<i32>,
       outHeight : i32, outWidth : i32`,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=convInfo.inShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="maxPool2DBackprop"}return MaxPool2DBackpropProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let coords = getCoordsFromIndex(index);
        let batch = coords[0];
        let d = coords[3];

        let dyRCCorner = vec2<i32>(coords.yz) - uniforms.pads;
        let dyRCorner = dyRCCorner.x;
        let dyCCorner = dyRCCorner.y;

        // Convolve dy(?, ?, d) with pos mask(:, :, d) to get dx(xR, xC, d).
        // ? = to be determined. : = across all values in that axis.
        var dotProd = 0.0;
        let lastIndex = uniforms.filterDims[0] * uniforms.filterDims[1] - 1;
        for (var wR = 0; wR < uniforms.filterDims[0]; wR += uniforms.dilations[0]) {
          let dyR = f32(dyRCorner + wR) / f32(uniforms.strides[0]);

          if (dyR < 0.0 || dyR >= f32(uniforms.outHeight) || fract(dyR) > 0.0) {
            continue;
          }
          let idyR = i32(dyR);

          for (var wC = 0; wC < uniforms.filterDims[1]; wC += uniforms.dilations[1]) {
            let dyC = f32(dyCCorner + wC) / f32(uniforms.strides[1]);

            if (dyC < 0.0 || dyC >= f32(uniforms.outWidth) || fract(dyC) > 0.0) {
              continue;
            }
            let idyC = i32(dyC);

            let dyValue = getDy(batch, idyR, idyC, d);
            let maxPosValue = lastIndex - i32(getMaxPos(batch, idyR, idyC, d));

            // Get the current value, check it against the value from the
            // position matrix.
            let curPosValue = wR * uniforms.filterDims[1] + wC;
            let mask = select(0.0, 1.0, maxPosValue == curPosValue);
            dotProd += dyValue * mask;
          }
        }
        setOutputAtIndex(index, dotProd);
      }
    }
    `);return userCode},MaxPool2DBackpropProgram2})(),MaxPool3DBackpropProgram=(function(){function MaxPool3DBackpropProgram2(convInfo){this.variableNames=["dy","maxPos"],this.uniforms=`strides : vec3<i32>, pads : vec3<i32>, filterDims : vec3<i32>,
      outDepth : i32, outHeight : i32, outWidth : i32`,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=convInfo.inShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="maxPool3DBackprop"}return MaxPool3DBackpropProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let coords = getCoordsFromIndex(index);
        let batch = coords.x;
        let ch = coords.u;

        let dyCorner = vec3<i32>(coords.y, coords.z, coords.w) - uniforms.pads;
        let dyDCorner = dyCorner.x;
        let dyRCorner = dyCorner.y;
        let dyCCorner = dyCorner.z;

        // Convolve dy(?, ?, ?, ch) with pos mask(:, :, :, d) to get
        // dx(xD, xR, xC, ch).
        // ? = to be determined. : = across all values in that axis.
        var dotProd = 0.0;
        let lastIndex = uniforms.filterDims[0] * uniforms.filterDims[1] * uniforms.filterDims[2] - 1;

        for (var wD = 0; wD < uniforms.filterDims[0]; wD++) {
          let dyD = f32(dyDCorner + wD) / f32(uniforms.strides[0]);

          if (dyD < 0.0 || dyD >= f32(uniforms.outDepth) || fract(dyD) > 0.0) {
            continue;
          }
          let idyD = i32(dyD);

          for (var wR = 0; wR < uniforms.filterDims[1]; wR++) {
            let dyR = f32(dyRCorner + wR) / f32(uniforms.strides[1]);

            if (dyR < 0.0 || dyR >= f32(uniforms.outHeight) || fract(dyR) > 0.0) {
              continue;
            }
            let idyR = i32(dyR);

            for (var wC = 0; wC < uniforms.filterDims[2]; wC++) {
              let dyC = f32(dyCCorner + wC) / f32(uniforms.strides[2]);

              if (dyC < 0.0 || dyC >= f32(uniforms.outWidth) || fract(dyC) > 0.0) {
                continue;
              }
              let idyC = i32(dyC);

              let dyValue = getDy(batch, idyD, idyR, idyC, ch);
              let maxPosValue = lastIndex - i32(getMaxPos(batch, idyD, idyR, idyC, ch));

              // Get the current value, check it against the value from the
              // position matrix.
              let curPosValue = wD * uniforms.filterDims[1] * uniforms.filterDims[2] + wR * uniforms.filterDims[2] + wC;
              let mask = select(0.0, 1.0, maxPosValue == curPosValue);
              dotProd += dyValue * mask;
            }
          }
        }

        setOutputAtIndex(index, dotProd);
      }
    }
    `);return userCode},MaxPool3DBackpropProgram2})();function maxPool3DGrad(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,dy=inputs.dy,input=inputs.input,x=input,filterSize=attrs.filterSize,strides=attrs.strides,pad=attrs.pad,dimRoundingMode=attrs.dimRoundingMode,dilations=[1,1,1],convInfo=tf.backend_util.computePool3DInfo(x.shape,filterSize,strides,dilations,pad,dimRoundingMode),maxPool3dPositionsProgram=new Pool3DProgram(convInfo,"max",!0),uniformData=[{type:"int32",data:[convInfo.strideDepth,convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.padInfo.front,convInfo.padInfo.top,convInfo.padInfo.left]},{type:"int32",data:[convInfo.inDepth,convInfo.inHeight,convInfo.inWidth]},{type:"int32",data:[convInfo.effectiveFilterDepth,convInfo.effectiveFilterHeight,convInfo.effectiveFilterWidth]}],maxPool3dPositions=backend.runWebGPUProgram(maxPool3dPositionsProgram,[x],"int32",uniformData),maxPool3dBackpropProgram=new MaxPool3DBackpropProgram(convInfo);uniformData=[{type:"int32",data:[convInfo.strideDepth,convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.effectiveFilterDepth-1-convInfo.padInfo.front,convInfo.effectiveFilterHeight-1-convInfo.padInfo.top,convInfo.effectiveFilterWidth-1-convInfo.padInfo.left]},{type:"int32",data:[convInfo.effectiveFilterDepth,convInfo.effectiveFilterHeight,convInfo.effectiveFilterWidth]},{type:"int32",data:[convInfo.outDepth]},{type:"int32",data:[convInfo.outHeight]},{type:"int32",data:[convInfo.outWidth]}];var result=backend.runWebGPUProgram(maxPool3dBackpropProgram,[dy,maxPool3dPositions],x.dtype,uniformData);return backend.disposeData(maxPool3dPositions.dataId),result}var maxPool3DGradConfig={kernelName:tf.MaxPool3DGrad,backendName:"webgpu",kernelFunc:maxPool3DGrad};function maxPoolGrad(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,dy=inputs.dy,input=inputs.input,output=inputs.output,x=input;assertNotComplex([input,output],"maxPoolGrad");var filterSize=attrs.filterSize,strides=attrs.strides,pad=attrs.pad,dimRoundingMode=attrs.dimRoundingMode,convInfo=tf.backend_util.computePool2DInfo(x.shape,filterSize,strides,1,pad,dimRoundingMode),maxPoolPositionsProgram=new Pool2DProgram(convInfo,"max",!0),uniformData=[{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.padInfo.top,convInfo.padInfo.left]},{type:"int32",data:[convInfo.dilationHeight,convInfo.dilationWidth]},{type:"int32",data:[convInfo.inHeight,convInfo.inWidth]},{type:"int32",data:[convInfo.effectiveFilterHeight,convInfo.effectiveFilterWidth]}],maxPoolPositions=backend.runWebGPUProgram(maxPoolPositionsProgram,[x],"int32",uniformData),maxPoolBackpropProgram=new MaxPool2DBackpropProgram(convInfo);uniformData=[{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.effectiveFilterHeight-1-convInfo.padInfo.top,convInfo.effectiveFilterWidth-1-convInfo.padInfo.left]},{type:"int32",data:[convInfo.dilationHeight,convInfo.dilationWidth]},{type:"int32",data:[convInfo.effectiveFilterHeight,convInfo.effectiveFilterWidth]},{type:"int32",data:[convInfo.outHeight]},{type:"int32",data:[convInfo.outWidth]}];var result=backend.runWebGPUProgram(maxPoolBackpropProgram,[dy,maxPoolPositions],x.dtype,uniformData);return backend.disposeData(maxPoolPositions.dataId),result}var maxPoolGradConfig={kernelName:tf.MaxPoolGrad,backendName:"webgpu",kernelFunc:maxPoolGrad};function maxPoolWithArgmax(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,filterSize=attrs.filterSize,strides=attrs.strides,pad=attrs.pad,includeBatchInIndex=attrs.includeBatchInIndex,x=inputs.x;tf.util.assert(x.shape.length===4,function(){return"Error in maxPool: input must be rank 4 but got rank ".concat(x.shape.length,".")});var dilations=[1,1];tf.util.assert(tf.backend_util.eitherStridesOrDilationsAreOne(strides,dilations),function(){return"Error in maxPool: Either strides or dilations must be 1. "+"Got strides ".concat(strides," and dilations '").concat(dilations,"'")});var convInfo=tf.backend_util.computePool2DInfo(x.shape,filterSize,strides,dilations,pad),uniformData=[{type:"int32",data:[convInfo.strideHeight,convInfo.strideWidth]},{type:"int32",data:[convInfo.padInfo.top,convInfo.padInfo.left]},{type:"int32",data:[convInfo.dilationHeight,convInfo.dilationWidth]},{type:"int32",data:[convInfo.inHeight,convInfo.inWidth]},{type:"int32",data:[convInfo.effectiveFilterHeight,convInfo.effectiveFilterWidth]}],program=new Pool2DProgram(convInfo,"max",!1),poolOutput=backend.runWebGPUProgram(program,[x],x.dtype,uniformData);program=new Pool2DProgram(convInfo,"max",!0,!0,includeBatchInIndex);var indexOutput=backend.runWebGPUProgram(program,[x],"int32",uniformData);return[poolOutput,indexOutput]}var maxPoolWithArgmaxConfig={kernelName:tf.MaxPoolWithArgmax,backendName:"webgpu",kernelFunc:maxPoolWithArgmax};function min(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,axis=attrs.axis,keepDims=attrs.keepDims;return reduce(x,axis,keepDims,"min",backend)}var minConfig={kernelName:tf.Min,backendName:"webgpu",kernelFunc:min};var minimum=binaryKernelFunc({opType:BinaryOpType.MIN,cpuKernelImpl:minimumImplCPU}),minimumConfig={kernelName:tf.Minimum,backendName:"webgpu",kernelFunc:minimum};var MirrorPadProgram=(function(){function MirrorPadProgram2(xShape,paddings,mode){var _this=this;this.uniforms="",this.variableNames=["x"],this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=paddings.map(function(p,i){return p[0]+xShape[i]+p[1]}),this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.xShape=xShape,paddings.map(function(_,i){_this.uniforms+=" pad".concat(i," : vec2<i32>,")}),this.offset=mode==="reflect"?0:1,this.shaderKey="mirrorPad_".concat(mode)}return MirrorPadProgram2.prototype.getUserCode=function(){var rank=this.xShape.length,start=this.xShape.map(function(_,i){return"uniforms.pad".concat(i,"[0]")}).join(","),end=this.xShape.map(function(_,i){return"uniforms.pad".concat(i,"[0] + uniforms.xShape").concat(rank>1?"[".concat(i,"]"):"")}).join(","),shaderStart=rank===1?"start":"start[i]",shaderEnd=rank===1?"end":"end[i]",shaderOutC=rank===1?"outC":"outC[i]",dtype=getCoordsDataType(rank),unpackedCoords=rank>1?["coords[0]","coords[1]","coords[2]","coords[3]"].slice(0,rank):"coords";return`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let start = `).concat(dtype,"(").concat(start,`);
          let end = `).concat(dtype,"(").concat(end,`);
          var outC = getCoordsFromIndex(index);
          for (var i = 0; i < `).concat(rank,`; i = i + 1) {
            if (`).concat(shaderOutC," < ").concat(shaderStart,`) {
              `).concat(shaderOutC," = ").concat(shaderStart," * 2 - ").concat(shaderOutC," - ").concat(this.offset,`;
            } else if(`).concat(shaderOutC," >= ").concat(shaderEnd,`) {
              `).concat(shaderOutC," = (").concat(shaderEnd," - 1) * 2 - ").concat(shaderOutC," + ").concat(this.offset,`;
            }
          }
          let coords = outC - start;
          setOutputAtIndex(index, getX(`).concat(unpackedCoords,`));
        }
      }
    `)},MirrorPadProgram2})();var mirrorPadConfig={kernelName:tf.MirrorPad,backendName:"webgpu",kernelFunc:function(_a2){var inputs=_a2.inputs,attrs=_a2.attrs,backend=_a2.backend,x=inputs.x,paddings=attrs.paddings,mode=attrs.mode,webGPUBackend=backend,uniformData=paddings.map(function(p){return{type:"int32",data:[p[0],p[1]]}}),program=new MirrorPadProgram(x.shape,paddings,mode),output=webGPUBackend.runWebGPUProgram(program,[x],x.dtype,uniformData);return output}};var mod=binaryKernelFunc({opType:BinaryOpType.MOD}),modConfig={kernelName:tf.Mod,backendName:"webgpu",kernelFunc:mod};var MultinomialProgram=(function(){function MultinomialProgram2(batchSize,numSamples){this.variableNames=["probs"],this.outputShape=[],this.uniforms="seed : f32, numOutcomes: i32,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=[batchSize,numSamples],this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="multinomial"}return MultinomialProgram2.prototype.getUserCode=function(){var userCode=`
    //Based on the work of Dave Hoskins
    //https://www.shadertoy.com/view/4djSRW
    fn random (seed : f32, resultUV : vec2<f32>) -> f32 {
      let HASHSCALE1 = 443.8975;
      let p = resultUV * seed;
      var p3  = fract(vec3<f32>(p.xyx) * HASHSCALE1);
      p3 = p3 + dot(p3, p3.yzx + 19.19);
      return fract((p3.x + p3.y) * p3.z);
    }

    `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let coords = getOutputCoords();
        let batch = coords[0];

        let resUV = vec2<f32>(f32(coords[1]) / f32(uniforms.outShape[1]),
            f32(coords[0]) / f32(uniforms.outShape[0]));
        let r = random(uniforms.seed, resUV);
        var cdf = 0.0;
        for (var i = 0; i < uniforms.numOutcomes - 1; i = i + 1) {
          cdf = cdf + getProbs(batch, i);

          if (r < cdf) {
            setOutputAtIndexI32(index, i);
            return;
          }
        }

        // If no other event happened, last event happened.
        setOutputAtIndexI32(index, uniforms.numOutcomes - 1);
      }
    }
  `);return userCode},MultinomialProgram2})();var SoftmaxProgram=(function(){function SoftmaxProgram2(outputShape){this.variableNames=["logits"],this.outputShape=outputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=[this.outputShape[0],1,1],this.outputShape[1]>=4096?this.workgroupSize=[256,1,1]:this.workgroupSize=[64,1,1],this.shaderKey="softmax"}return SoftmaxProgram2.prototype.getUserCode=function(){var userCode=`
    var<workgroup> buf : array<f32, `.concat(this.workgroupSize[0],`>;
    var<workgroup> rowMaxShared : f32;
    var<workgroup> rowSumShared : f32;
    const blockSize = `).concat(this.workgroupSize[0],`;
    `).concat(getMainHeaderString("index"),` {
      let row = index / blockSize;
      let tid = i32(localId.x);
      let cols = uniforms.outShape[1];

      var threadMax = -3.402823e+38f;
      for (var col = tid; col < cols; col += blockSize) {
        let value = getLogits(row, col);
        threadMax = max(threadMax, value);
      }
      if (tid < cols) {
        buf[tid] = threadMax;
      }
      workgroupBarrier();

      var reduceSize = min(cols, blockSize);
      for (var currSize = reduceSize >> 1;  currSize > 0; currSize = reduceSize >> 1) {
        reduceSize = currSize + (reduceSize & 1);
        if (tid < currSize) {
          buf[tid] = max(buf[tid], buf[tid + reduceSize]);
        }
        workgroupBarrier();
      }

      if (tid == 0) {
        rowMaxShared = buf[0];
      }
      workgroupBarrier();

      var threadSum = 0.0;
      for (var col = tid; col < cols; col += blockSize) {
        let subExp = exp(getLogits(row, col) - rowMaxShared);
        threadSum += subExp;
      }
      buf[tid] = threadSum;
      workgroupBarrier();

      for (var currSize = blockSize >> 1;  currSize > 0; currSize = currSize >> 1) {
        if (tid < currSize) {
          buf[tid] = buf[tid] + buf[tid + currSize];
        }
        workgroupBarrier();
      }

      if (tid == 0) {
        rowSumShared = buf[0];
      }
      workgroupBarrier();

      for (var col = tid; col < cols; col += blockSize) {
        let value = exp(getLogits(row, col) - rowMaxShared) / rowSumShared;
        setOutputAtCoords(row, col, value);
      }
  }
    `);return userCode},SoftmaxProgram2})();function softmax(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,logits=inputs.logits,dim=attrs.dim,logitsReshaped=reshape({inputs:{x:logits},backend,attrs:{shape:[tf.util.sizeFromShape(logits.shape)/logits.shape[dim],logits.shape[dim]]}}),program=new SoftmaxProgram(logitsReshaped.shape),res=backend.runWebGPUProgram(program,[logitsReshaped],logits.dtype),resReshaped=reshape({inputs:{x:res},backend,attrs:{shape:logits.shape}});return backend.disposeData(logitsReshaped.dataId),backend.disposeData(res.dataId),resReshaped}var softmaxConfig={kernelName:tf.Softmax,backendName:"webgpu",kernelFunc:softmax};function multinomial(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,logits=inputs.logits,numSamples=attrs.numSamples,seed=attrs.seed,normalized=attrs.normalized,probs=normalized?logits:softmax({inputs:{logits},backend,attrs:{dim:logits.shape.length-1}}),batchSize=probs.shape[0],numOutcomes=probs.shape[1],program=new MultinomialProgram(batchSize,numSamples),uniformData=[{type:"float32",data:[seed]},{type:"int32",data:[numOutcomes]}],res=backend.runWebGPUProgram(program,[probs],"int32",uniformData);return normalized||backend.disposeData(probs.dataId),res}var multinomialConfig={kernelName:tf.Multinomial,backendName:"webgpu",kernelFunc:multinomial};function neg(args){var inputs=args.inputs,backend=args.backend,x=inputs.x;if(backend.shouldExecuteOnCPU([x])){var xData=backend.tensorMap.get(x.dataId),_a2=__read(negImplCPU(xData.values,x.shape,x.dtype),2),outValues=_a2[0],newShape=_a2[1];return backend.makeTensorInfo(newShape,x.dtype,outValues)}var program=new UnaryOpProgram(x.shape,UnaryOpType.NEG);return backend.runWebGPUProgram(program,[x],x.dtype)}var negConfig={kernelName:tf.Neg,backendName:"webgpu",kernelFunc:neg};function nonMaxSuppressionV3(args){console.warn("tf.nonMaxSuppression() in webgpu locks the UI thread. Call tf.nonMaxSuppressionAsync() instead");var inputs=args.inputs,backend=args.backend,attrs=args.attrs,boxes=inputs.boxes,scores=inputs.scores,maxOutputSize=attrs.maxOutputSize,iouThreshold=attrs.iouThreshold,scoreThreshold=attrs.scoreThreshold,boxesVals=backend.readSync(boxes.dataId),scoresVals=backend.readSync(scores.dataId),selectedIndices=tf.kernel_impls.nonMaxSuppressionV3Impl(boxesVals,scoresVals,maxOutputSize,iouThreshold,scoreThreshold).selectedIndices;return backend.makeTensorInfo([selectedIndices.length],"int32",new Int32Array(selectedIndices))}var nonMaxSuppressionV3Config={kernelName:tf.NonMaxSuppressionV3,backendName:"webgpu",kernelFunc:nonMaxSuppressionV3};function nonMaxSuppressionV5(args){console.warn("tf.nonMaxSuppression() in webgpu locks the UI thread. Call tf.nonMaxSuppressionAsync() instead");var inputs=args.inputs,backend=args.backend,attrs=args.attrs,boxes=inputs.boxes,scores=inputs.scores,maxOutputSize=attrs.maxOutputSize,iouThreshold=attrs.iouThreshold,scoreThreshold=attrs.scoreThreshold,softNmsSigma=attrs.softNmsSigma,boxesVals=backend.readSync(boxes.dataId),scoresVals=backend.readSync(scores.dataId),maxOutputSizeVal=maxOutputSize,iouThresholdVal=iouThreshold,scoreThresholdVal=scoreThreshold,softNmsSigmaVal=softNmsSigma,_a2=tf.kernel_impls.nonMaxSuppressionV5Impl(boxesVals,scoresVals,maxOutputSizeVal,iouThresholdVal,scoreThresholdVal,softNmsSigmaVal),selectedIndices=_a2.selectedIndices,selectedScores=_a2.selectedScores;return[backend.makeTensorInfo([selectedIndices.length],"int32",new Int32Array(selectedIndices)),backend.makeTensorInfo([selectedScores.length],"float32",new Float32Array(selectedScores))]}var nonMaxSuppressionV5Config={kernelName:tf.NonMaxSuppressionV5,backendName:"webgpu",kernelFunc:nonMaxSuppressionV5};var OneHotProgram=(function(){function OneHotProgram2(numIndices,depth){this.variableNames=["x"],this.uniforms="onValue : f32, offValue : f32,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=[numIndices,depth],this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="onehot"}return OneHotProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if(index < uniforms.size) {
          let coords = getCoordsFromIndex(index);
          setOutputAtIndex(index, mix(uniforms.offValue, uniforms.onValue,
                                      f32(i32(round(getX(coords.x))) == coords.y)));
        }
      }
    `);return userCode},OneHotProgram2})();function oneHot(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,indices=inputs.indices,dtype=attrs.dtype,depth=attrs.depth,onValue=attrs.onValue,offValue=attrs.offValue,indicesSize=tf.util.sizeFromShape(indices.shape),program=new OneHotProgram(indicesSize,depth),reshaped=reshape({inputs:{x:indices},backend,attrs:{shape:[indicesSize]}}),uniformData=[{type:"float32",data:[onValue]},{type:"float32",data:[offValue]}],result=backend.runWebGPUProgram(program,[reshaped],dtype,uniformData);backend.disposeData(reshaped.dataId);var outShape=__spreadArray(__spreadArray([],__read(indices.shape),!1),[depth],!1),out=reshape({inputs:{x:result},backend,attrs:{shape:outShape}});return backend.disposeData(result.dataId),out}var oneHotConfig={kernelName:tf.OneHot,backendName:"webgpu",kernelFunc:oneHot};function zerosLike(args){var inputs=args.inputs,backend=args.backend,x=inputs.x;if(x.dtype==="complex64"){var realPart=real({inputs:{input:x},backend}),r=zerosLike({inputs:{x:realPart},backend}),imagPart=imag({inputs:{input:x},backend}),i=zerosLike({inputs:{x:imagPart},backend}),result=complex({inputs:{real:r,imag:i},backend});return backend.disposeData(realPart.dataId),backend.disposeData(r.dataId),backend.disposeData(imagPart.dataId),backend.disposeData(i.dataId),result}else return fill({attrs:{shape:x.shape,dtype:x.dtype,value:x.dtype==="string"?"":0},backend})}var zerosLikeConfig={kernelName:tf.ZerosLike,backendName:"webgpu",kernelFunc:zerosLike};function onesLike(args){var inputs=args.inputs,backend=args.backend,x=inputs.x;if(x.dtype==="string")throw new Error("onesLike is not supported under string dtype");if(x.dtype==="complex64"){var realPart=real({inputs:{input:x},backend}),r=onesLike({inputs:{x:realPart},backend}),imagPart=imag({inputs:{input:x},backend}),i=zerosLike({inputs:{x:imagPart},backend}),result=complex({inputs:{real:r,imag:i},backend});return backend.disposeData(realPart.dataId),backend.disposeData(r.dataId),backend.disposeData(imagPart.dataId),backend.disposeData(i.dataId),result}else return fill({attrs:{shape:x.shape,dtype:x.dtype,value:1},backend})}var onesLikeConfig={kernelName:tf.OnesLike,backendName:"webgpu",kernelFunc:onesLike};function pack(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,axis=attrs.axis;if(inputs.length===1)return expandDims({inputs:{input:inputs[0]},backend,attrs:{dim:axis}});var shape=inputs[0].shape,dtype=inputs[0].dtype;inputs.forEach(function(t){tf.util.assertShapesMatch(shape,t.shape,"All tensors passed to stack must have matching shapes"),tf.util.assert(dtype===t.dtype,function(){return"All tensors passed to stack must have matching dtypes"})});var intermediateTensorInfos=[],expandedTensors=inputs.map(function(t){var expandedT=expandDims({inputs:{input:t},backend,attrs:{dim:axis}});return intermediateTensorInfos.push(expandedT),expandedT}),result=concat({inputs:expandedTensors,backend,attrs:{axis}});return intermediateTensorInfos.forEach(function(t){return backend.disposeData(t.dataId)}),result}var packConfig={kernelName:tf.Pack,backendName:"webgpu",kernelFunc:pack};function padCommon(shape,fillZero){fillZero===void 0&&(fillZero=!1);var rank=shape.length,type=getCoordsDataType(rank),start=shape.map(function(_,i){return"uniforms.pad".concat(i,"[0]")}).join(","),end=shape.map(function(_,i){return"uniforms.pad".concat(i,"[0] + uniforms.xShape").concat(rank>1?"[".concat(i,"]"):"")}).join(","),startValue=rank>1?"".concat(type,"(").concat(start,")"):"".concat(start),endValue=rank>1?"".concat(type,"(").concat(end,")"):"".concat(end),leftPadCondition=rank>1?"any(paddedCoords < start)":"paddedCoords < start",rightPadCondition=rank>1?"any(paddedCoords >= end)":"paddedCoords >= end",unpackedCoords=rank>1?["coords[0]","coords[1]","coords[2]","coords[3]"].slice(0,rank):"coords";return`
        let start = `.concat(startValue,`;
        let end = `).concat(endValue,`;
        if (`).concat(leftPadCondition," || ").concat(rightPadCondition,`) {
          setOutputAtIndex(index, `).concat(fillZero?0:"uniforms.constantValue",`);
        } else {
          let coords = paddedCoords - start;
          setOutputAtIndex(index, getX(`).concat(unpackedCoords,`));
        }
  `)}var PadProgram=(function(){function PadProgram2(xShape,paddings){var _this=this;this.variableNames=["x"],this.uniforms="constantValue : f32,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=paddings.map(function(p,i){return p[0]+xShape[i]+p[1]}),this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),paddings.map(function(_,i){_this.uniforms+=" pad".concat(i," : vec2<i32>,")}),this.xShape=xShape,this.shaderKey="pad"}return PadProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let paddedCoords = getCoordsFromIndex(index);
          `).concat(padCommon(this.xShape),`
        }
      }
    `);return userCode},PadProgram2})();var padV2=function(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,paddings=attrs.paddings,constantValue=attrs.constantValue;if(paddings.every(function(p){return tf.util.arraysEqual(p,[0,0])}))return identity({inputs:{x},backend});if(tf.util.sizeFromShape(x.shape)===0){var outputShape=paddings.map(function(p,i){return p[0]+x.shape[i]+p[1]});return fill({backend,attrs:{shape:outputShape,value:constantValue,dtype:x.dtype}})}var uniformData=[{type:"float32",data:[constantValue]}];paddings.map(function(p){return uniformData.push({type:"int32",data:[p[0],p[1]]})});var program=new PadProgram(x.shape,paddings);return backend.runWebGPUProgram(program,[x],x.dtype,uniformData)},padV2Config={kernelName:tf.PadV2,backendName:"webgpu",kernelFunc:padV2};var pow=binaryKernelFunc({opType:BinaryOpType.POW}),powConfig={kernelName:tf.Pow,backendName:"webgpu",kernelFunc:pow};function prelu(args){var inputs=args.inputs,backend=args.backend,x=inputs.x,alpha=inputs.alpha,program=new BinaryOpProgram(BinaryOpType.PRELU,x.shape,alpha.shape);return backend.runWebGPUProgram(program,[x,alpha],"float32")}var preluConfig={kernelName:tf.Prelu,backendName:"webgpu",kernelFunc:prelu};function prod(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,axis=attrs.axis,keepDims=attrs.keepDims;return reduce(x,axis,keepDims,"prod",backend)}var prodConfig={kernelName:tf.Prod,backendName:"webgpu",kernelFunc:prod};var range=function(args){var backend=args.backend,attrs=args.attrs,start=attrs.start,stop=attrs.stop,step2=attrs.step,dtype=attrs.dtype,values=rangeImplCPU(start,stop,step2,dtype);return backend.makeTensorInfo([values.length],dtype,values)},rangeConfig={kernelName:tf.Range,backendName:"webgpu",kernelFunc:range};var realDiv=binaryKernelFunc({opType:BinaryOpType.DIV}),realDivConfig={kernelName:tf.RealDiv,backendName:"webgpu",kernelFunc:realDiv};var reciprocal=unaryKernelFunc({opType:UnaryOpType.RECIPROCAL}),reciprocalConfig={kernelName:tf.Reciprocal,backendName:"webgpu",kernelFunc:reciprocal};var relu=unaryKernelFunc({opType:UnaryOpType.RELU}),reluConfig={kernelName:tf.Relu,backendName:"webgpu",kernelFunc:relu};var relu6=unaryKernelFunc({opType:UnaryOpType.RELU6}),relu6Config={kernelName:tf.Relu6,backendName:"webgpu",kernelFunc:relu6};var ResizeBilinearProgram=(function(){function ResizeBilinearProgram2(inputShape,newHeight,newWidth){this.variableNames=["x"],this.uniforms="adjustHeightWidth : vec2<f32>, halfPixelCenters : f32,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=[inputShape[0],newHeight,newWidth,inputShape[3]],this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="resizeBilinear"}return ResizeBilinearProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
        let coords = getCoordsFromIndex(index);
          let b = coords[0];
          let d = coords[3];
          let rc = coords.yz;

          let effectiveInSize = vec2<f32>(
            f32(uniforms.xShape.y) - uniforms.adjustHeightWidth[0],
            f32(uniforms.xShape.z) - uniforms.adjustHeightWidth[1]);

          let effectiveOutSize = vec2<f32>(
            f32(uniforms.outShape.y) - uniforms.adjustHeightWidth[0],
            f32(uniforms.outShape.z) - uniforms.adjustHeightWidth[1]);

          let effectiveInputOverOutputRatioRC =
              effectiveInSize / effectiveOutSize;

          // Fractional source index
          let sourceFracIndexRC =
            (vec2<f32>(rc) + vec2<f32>(uniforms.halfPixelCenters)) *
            effectiveInputOverOutputRatioRC - vec2<f32>(uniforms.halfPixelCenters);

          // Compute the four integer indices.
          let sourceFloorRC = vec2<i32>(sourceFracIndexRC);
          let sourceCeilRC = vec2<i32>(
            min(vec2<f32>(uniforms.xShape.yz) - vec2<f32>(1.0), ceil(sourceFracIndexRC)));

          let topLeft = getX(b, sourceFloorRC.x, sourceFloorRC.y, d);
          let bottomLeft = getX(b, sourceCeilRC.x, sourceFloorRC.y, d);
          let topRight = getX(b, sourceFloorRC.x, sourceCeilRC.y, d);
          let bottomRight = getX(b, sourceCeilRC.x, sourceCeilRC.y, d);

          let fracRC = sourceFracIndexRC - vec2<f32>(sourceFloorRC);

          let top = topLeft + (topRight - topLeft) * fracRC.y;
          let bottom = bottomLeft + (bottomRight - bottomLeft) * fracRC.y;
          let newValue = top + (bottom - top) * fracRC.x;

          setOutputAtIndex(index, newValue);
        }
      }
    `);return userCode},ResizeBilinearProgram2})();function resizeBilinear(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,images=inputs.images,alignCorners=attrs.alignCorners,size=attrs.size,halfPixelCenters=attrs.halfPixelCenters,_a2=__read(size,2),newHeight=_a2[0],newWidth=_a2[1],adjustHeight=alignCorners&&newHeight>1?1:0,adjustWidth=alignCorners&&newWidth>1?1:0,halfPixelCentersValue=halfPixelCenters?.5:0,uniformData=[{type:"float32",data:[adjustHeight,adjustWidth]},{type:"float32",data:[halfPixelCentersValue]}],program=new ResizeBilinearProgram(images.shape,newHeight,newWidth);return backend.runWebGPUProgram(program,[images],"float32",uniformData)}var resizeBilinearConfig={kernelName:tf.ResizeBilinear,backendName:"webgpu",kernelFunc:resizeBilinear};var ResizeBilinearBackpropProgram=(function(){function ResizeBilinearBackpropProgram2(inputShape,alignCorners){this.variableNames=["dy"],this.uniforms=`effectiveXSize : vec2<i32>, effectiveYSize : vec2<i32>, heightScale : f32, widthScale : f32,
       invHeightScale : f32, invWidthScale : f32, winHeight : i32, winWidth : i32,`,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=inputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.alignCorners=alignCorners,this.shaderKey="resizeBilinearBackprop_".concat(alignCorners)}return ResizeBilinearBackpropProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let coords = getOutputCoords();
          let b = coords[0];
          let d = coords[3];
          let r = coords[1];
          let c = coords[2];

          var accumulator = 0.0;

          // Compute bounds for where in dy we will look
          let startRLerp = floor(f32(r) * uniforms.invHeightScale);
          let startDyR = i32(startRLerp - f32(uniforms.winHeight / 2));

          let startCLerp = floor(f32(c) * uniforms.invWidthScale);
          let startDyC = i32(startCLerp - f32(uniforms.winWidth / 2));

          // Loop over dy
          for (var dyROffset = 0; dyROffset < uniforms.winHeight; dyROffset++) {
            let dyR = startDyR + dyROffset;

            // Guard against the window exceeding the bounds of dy
            if (dyR < 0 || dyR >= uniforms.dyShape[1]) {
              continue;
            }

            for (var dyCOffset = 0; dyCOffset < uniforms.winWidth; dyCOffset++) {
              let dyC = startDyC + dyCOffset;

              // Guard against the window exceeding the bounds of dy
              if (dyC < 0 || dyC >= uniforms.dyShape[2]) {
                continue;
              }

              let dxR = f32(dyR) * uniforms.heightScale;
              let topDxRIndex = i32(floor(dxR));
              let bottomDxRIndex = i32(min(ceil(dxR), f32(uniforms.outShape[1] - 1)));
              let dxRLerp = dxR - f32(topDxRIndex);
              let inverseDxRLerp = 1.0 - dxRLerp;

              let dxC = f32(dyC) * uniforms.widthScale;
              let leftDxCIndex = i32(floor(dxC));
              let rightDxCIndex = i32(min(ceil(dxC), f32(uniforms.outShape[2] - 1)));
              let dxCLerp = dxC - f32(leftDxCIndex);
              let inverseDxCLerp = 1.0 - dxCLerp;

              if (r == topDxRIndex && c == leftDxCIndex) {
                // topLeft
                accumulator +=
                  getDy(b, dyR, dyC, d) * inverseDxRLerp * inverseDxCLerp;
              }

              if (r == topDxRIndex && c == rightDxCIndex) {
                // topRight
                accumulator += getDy(b, dyR, dyC, d) * inverseDxRLerp * dxCLerp;
              }

              if (r == bottomDxRIndex && c == leftDxCIndex) {
                // bottomLeft
                accumulator += getDy(b, dyR, dyC, d) * dxRLerp * inverseDxCLerp;
              }

              if (r == bottomDxRIndex && c == rightDxCIndex) {
                // bottomRight
                accumulator += getDy(b, dyR, dyC, d) * dxRLerp * dxCLerp;
              }
            }
          }
          // End loop over dy

          setOutputAtIndex(index, accumulator);
        }
      }
    `);return userCode},ResizeBilinearBackpropProgram2})();function resizeBilinearGrad(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,images=inputs.images,dy=inputs.dy,alignCorners=attrs.alignCorners,_a2=__read(images.shape,3),xHeight=_a2[1],xWidth=_a2[2],_b=__read(dy.shape,3),yHeight=_b[1],yWidth=_b[2],effectiveXSize=[alignCorners&&yHeight>1?xHeight-1:xHeight,alignCorners&&yWidth>1?xWidth-1:xWidth],effectiveYSize=[alignCorners&&yHeight>1?yHeight-1:yHeight,alignCorners&&yWidth>1?yWidth-1:yWidth],heightScale=effectiveXSize[0]/effectiveYSize[0],widthScale=effectiveXSize[1]/effectiveYSize[1],invHeightScale=1/heightScale,invWidthScale=1/widthScale,winHeight=Math.ceil(invHeightScale)*2+2,winWidth=Math.ceil(invWidthScale)*2+2,program=new ResizeBilinearBackpropProgram(images.shape,alignCorners),uniformData=[{type:"int32",data:effectiveXSize},{type:"int32",data:effectiveYSize},{type:"float32",data:[heightScale]},{type:"float32",data:[widthScale]},{type:"float32",data:[invHeightScale]},{type:"float32",data:[invWidthScale]},{type:"int32",data:[winHeight]},{type:"int32",data:[winWidth]}];return backend.runWebGPUProgram(program,[dy],dy.dtype,uniformData)}var resizeBilinearGradConfig={kernelName:tf.ResizeBilinearGrad,backendName:"webgpu",kernelFunc:resizeBilinearGrad};var ResizeNearestNeighborProgram=(function(){function ResizeNearestNeighborProgram2(inputShape,newHeight,newWidth,halfPixelCenters){this.variableNames=["x"],this.uniforms="adjustHeightWidth : vec2<f32>, roundBase : f32,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=[inputShape[0],newHeight,newWidth,inputShape[3]],this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.halfPixelCenters=halfPixelCenters,this.shaderKey="resizeNearest_".concat(halfPixelCenters)}return ResizeNearestNeighborProgram2.prototype.getUserCode=function(){var sourceFracIndexRC;this.halfPixelCenters?sourceFracIndexRC="max((vec2<f32>(rc) + vec2<f32>(0.5)) * effectiveInputOverOutputRatioRC, vec2<f32>(0.0))":sourceFracIndexRC="vec2<f32>(rc) * effectiveInputOverOutputRatioRC";var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let coords = getCoordsFromIndex(index);
          let b = coords[0];
          let d = coords[3];
          let rc = coords.yz;

          let effectiveInSize = vec2<f32>(
            f32(uniforms.xShape.y) - uniforms.adjustHeightWidth[0],
            f32(uniforms.xShape.z) - uniforms.adjustHeightWidth[1]);

          let effectiveOutSize = vec2<f32>(
            f32(uniforms.outShape.y) - uniforms.adjustHeightWidth[0],
            f32(uniforms.outShape.z) - uniforms.adjustHeightWidth[1]);

          let effectiveInputOverOutputRatioRC =
              effectiveInSize / effectiveOutSize;

          // Fractional source index
          let sourceFracIndexRC = `).concat(sourceFracIndexRC,`;

          // Compute the coordinators of nearest neighbor point.
          let inputShapeRC = vec2<f32>(f32(uniforms.xShape.y), f32(uniforms.xShape.z));
          let sourceNearestRC = vec2<i32>(
            min(inputShapeRC - 1.0, floor(sourceFracIndexRC + uniforms.roundBase)));
          let newValue = getX(b, sourceNearestRC.x, sourceNearestRC.y, d);

          setOutputAtIndex(index, newValue);
        }
      }
    `);return userCode},ResizeNearestNeighborProgram2})();function resizeNearestNeighbor(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,images=inputs.images,alignCorners=attrs.alignCorners,halfPixelCenters=attrs.halfPixelCenters,size=attrs.size,_a2=__read(size,2),newHeight=_a2[0],newWidth=_a2[1],adjustHeight=alignCorners&&newHeight>1?1:0,adjustWidth=alignCorners&&newWidth>1?1:0,roundBase=alignCorners?.5:0,uniformData=[{type:"float32",data:[adjustHeight,adjustWidth]},{type:"float32",data:[roundBase]}],program=new ResizeNearestNeighborProgram(images.shape,newHeight,newWidth,halfPixelCenters);return backend.runWebGPUProgram(program,[images],images.dtype,uniformData)}var resizeNearestNeighborConfig={kernelName:tf.ResizeNearestNeighbor,backendName:"webgpu",kernelFunc:resizeNearestNeighbor};var ResizeNearestNeigborBackpropProgram=(function(){function ResizeNearestNeigborBackpropProgram2(inputShape,alignCorners){this.variableNames=["dy"],this.uniforms=`effectiveXSize : vec2<i32>, effectiveYSize : vec2<i32>, invHeightScale : f32, invWidthScale : f32,
       winHeight : i32, winWidth : i32,`,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=inputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.alignCorners=alignCorners,this.shaderKey="resizeNearestNeigborBackprop_".concat(alignCorners)}return ResizeNearestNeigborBackpropProgram2.prototype.getUserCode=function(){var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let coords = getOutputCoords();
          let b = coords[0];
          let d = coords[3];
          let r = coords[1];
          let c = coords[2];

          var accumulator = 0.0;

          // Compute bounds for where in dy we will look
          let startRLerp = floor(f32(r) * uniforms.invHeightScale);
          let startDyR = i32(floor(startRLerp - f32(uniforms.winHeight / 2)));

          let startCLerp = floor(f32(c) * uniforms.invWidthScale);
          let startDyC = i32(floor(startCLerp - f32(uniforms.winWidth / 2)));

          // Loop over dy
          for (var dyROffset = 0; dyROffset < uniforms.winHeight; dyROffset++) {
            let dyR = startDyR + dyROffset;

            // Guard against the window exceeding the bounds of dy
            if (dyR < 0 || dyR >= uniforms.dyShape[1]) {
              continue;
            }

            for (var dyCOffset = 0; dyCOffset < uniforms.winWidth; dyCOffset++) {
              let dyC = startDyC + dyCOffset;

              // Guard against the window exceeding the bounds of dy
              if (dyC < 0 || dyC >= uniforms.dyShape[2]) {
                continue;
              }

              let sourceFracRow = f32(uniforms.effectiveXSize[0]) *
                  (f32(dyR) / f32(uniforms.effectiveYSize[0]));

              let sourceFracCol = f32(uniforms.effectiveXSize[1]) *
                  (f32(dyC) / f32(uniforms.effectiveYSize[1]));

              let sourceNearestRow =
                  i32(min(f32(uniforms.outShape[1] - 1),
                  `).concat(this.alignCorners?"floor(sourceFracRow + 0.5)":"floor(sourceFracRow)",`));

              let sourceNearestCol =
                  i32(min(f32(uniforms.outShape[2] - 1),
                  `).concat(this.alignCorners?"floor(sourceFracCol + 0.5)":"floor(sourceFracCol)",`));

              if (r == sourceNearestRow && c == sourceNearestCol) {
                accumulator += getDy(b, dyR, dyC, d);
              }
            }
          }
          // End loop over dy

          setOutputAtIndex(index, accumulator);
        }
      }
    `);return userCode},ResizeNearestNeigborBackpropProgram2})();function resizeNearestNeighborGrad(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,images=inputs.images,dy=inputs.dy,alignCorners=attrs.alignCorners,_a2=__read(images.shape,3),xHeight=_a2[1],xWidth=_a2[2],_b=__read(dy.shape,3),yHeight=_b[1],yWidth=_b[2],effectiveXSize=[alignCorners&&yHeight>1?xHeight-1:xHeight,alignCorners&&yWidth>1?xWidth-1:xWidth],effectiveYSize=[alignCorners&&yHeight>1?yHeight-1:yHeight,alignCorners&&yWidth>1?yWidth-1:yWidth],heightScale=effectiveXSize[0]/effectiveYSize[0],widthScale=effectiveXSize[1]/effectiveYSize[1],invHeightScale=1/heightScale,invWidthScale=1/widthScale,winHeight=Math.ceil(invHeightScale)*2+2,winWidth=Math.ceil(invWidthScale)*2+2,program=new ResizeNearestNeigborBackpropProgram(images.shape,alignCorners),uniformData=[{type:"int32",data:effectiveXSize},{type:"int32",data:effectiveYSize},{type:"float32",data:[invHeightScale]},{type:"float32",data:[invWidthScale]},{type:"int32",data:[winHeight]},{type:"int32",data:[winWidth]}];return backend.runWebGPUProgram(program,[dy],dy.dtype,uniformData)}var resizeNearestNeighborGradConfig={kernelName:tf.ResizeNearestNeighborGrad,backendName:"webgpu",kernelFunc:resizeNearestNeighborGrad};var ReverseProgram=(function(){function ReverseProgram2(xShape){this.variableNames=["x"],this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=xShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.uniforms=" axis : vec4<i32>,",this.shaderKey="reverse"}return ReverseProgram2.prototype.getUserCode=function(){var reverseCoordsSnippet=`
      // Using uniform variables as judging conditions, so the function has
      // coherent execution within all threads.
      fn getReverseCoords(coords : vec4<i32>) -> vec4<i32> {
        var reverseCoords = coords;
        if (uniforms.axis[0] == 1) {
          reverseCoords[0] = uniforms.xShape[0] - coords[0] - 1;
        }
        if (uniforms.axis[1] == 1) {
          reverseCoords[1] = uniforms.xShape[1] - coords[1] - 1;
        }
        if (uniforms.axis[2] == 1) {
          reverseCoords[2] = uniforms.xShape[2] - coords[2] - 1;
        }
        if (uniforms.axis[3] == 1) {
          reverseCoords[3] = uniforms.xShape[3] - coords[3] - 1;
        }

        return reverseCoords;
      }
    `,userCode=`
      `.concat(reverseCoordsSnippet,`
      `).concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let coords = getCoordsFromIndex(index);
          let reverseCoords = getReverseCoords(coords);
          setOutputAtIndex(index, getX(reverseCoords[0],
              reverseCoords[1], reverseCoords[2], reverseCoords[3]));
        }
      }
    `);return userCode},ReverseProgram2})();function reverse(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,dims=attrs.dims,xRank=x.shape.length;if(xRank===0)return identity({inputs:{x},backend});var xShape=x.shape,xShape4D=[1,1,1,1];xShape.forEach(function(d,i){var index=i+4-xRank;xShape4D[index]=d});var axes=tf.util.parseAxisParam(dims,x.shape),dims4D=[0,0,0,0];axes.forEach(function(ax){var index=ax+4-xRank;dims4D[index]=1});var uniformData=[{type:"int32",data:dims4D}],xReshaped=reshape({inputs:{x},backend,attrs:{shape:xShape4D}}),program=new ReverseProgram(xShape4D),values=backend.runWebGPUProgram(program,[xReshaped],xReshaped.dtype,uniformData);backend.disposeData(xReshaped.dataId);var result=reshape({inputs:{x:values},backend,attrs:{shape:xShape}});return backend.disposeData(values.dataId),result}var reverseConfig={kernelName:tf.Reverse,backendName:"webgpu",kernelFunc:reverse};var RotateProgram=(function(){function RotateProgram2(imageShape,fillValue){this.outputShape=[],this.variableNames=["x"],this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=imageShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.uniforms=`centerX : f32, centerY : f32, sinRadians : f32,
          cosRadians : f32,`,this.shaderKey="rotate",this.outputShape=imageShape,typeof fillValue=="number"?(this.uniforms+=" fillValue : f32,",this.fillSnippet="var outputValue = uniforms.fillValue;",this.shaderKey+="_float"):(this.uniforms+=" fillValue : vec3<f32>,",this.fillSnippet="var outputValue = uniforms.fillValue[coords[3]];",this.shaderKey+="_vec3")}return RotateProgram2.prototype.getUserCode=function(){var userCode=`
        `.concat(getMainHeaderString("index"),` {
          if (index < uniforms.size) {
            let coords = getCoordsFromIndex(index);
            let coordXFloat = (f32(coords[2]) - uniforms.centerX) *
                uniforms.cosRadians - (f32(coords[1]) - uniforms.centerY) *
                uniforms.sinRadians;
            let coordYFloat = (f32(coords[2]) - uniforms.centerX) *
                uniforms.sinRadians + (f32(coords[1]) - uniforms.centerY) *
                uniforms.cosRadians;
            let coordX = i32(round(coordXFloat + uniforms.centerX));
            let coordY = i32(round(coordYFloat + uniforms.centerY));
            `).concat(this.fillSnippet,`
            if(coordX >= 0 && coordX < uniforms.xShape[2] && coordY >= 0 &&
                coordY < uniforms.xShape[1]) {
              outputValue = getX(coords[0], coordY, coordX, coords[3]);
            }
            setOutputAtIndex(index, outputValue);
          }
        }
      `);return userCode},RotateProgram2})(),rotateWithOffsetConfig={kernelName:tf.RotateWithOffset,backendName:"webgpu",kernelFunc:function(_a2){var inputs=_a2.inputs,attrs=_a2.attrs,backend=_a2.backend,image=inputs.image,radians=attrs.radians,fillValue=attrs.fillValue,center=attrs.center,webgpuBackend=backend,program=new RotateProgram(image.shape,fillValue),_b=__read(tf.backend_util.getImageCenter(center,image.shape[1],image.shape[2]),2),centerX=_b[0],centerY=_b[1],uniformData=[{type:"float32",data:[centerX]},{type:"float32",data:[centerY]},{type:"float32",data:[Math.sin(radians)]},{type:"float32",data:[Math.cos(radians)]}];typeof fillValue=="number"?uniformData.push({type:"float32",data:[Number.parseFloat(fillValue.toFixed(2))]}):uniformData.push({type:"float32",data:fillValue});var output=webgpuBackend.runWebGPUProgram(program,[image],image.dtype,uniformData);return output}};var round=unaryKernelFunc({opType:UnaryOpType.ROUND}),roundConfig={kernelName:tf.Round,backendName:"webgpu",kernelFunc:round};var rsqrt=unaryKernelFunc({opType:UnaryOpType.RSQRT,cpuKernelImpl:rsqrtImplCPU}),rsqrtConfig={kernelName:tf.Rsqrt,backendName:"webgpu",kernelFunc:rsqrt};var ScatterProgram=(function(){function ScatterProgram2(flattenXShape,sliceDim,indicesRank,updatesRank,strides,shape,outputDtype,sumDupeIndices){sumDupeIndices===void 0&&(sumDupeIndices=!0),this.variableNames=["updates","indices"],this.workgroupSize=[64,1,1],this.atomic=!0,this.outputShape=shape,this.type=outputDtype,this.sumDupeIndices=sumDupeIndices,this.dispatchLayout=flatDispatchLayout(flattenXShape),this.dispatch=computeDispatch(this.dispatchLayout,flattenXShape,this.workgroupSize),this.sliceDimGreaterThanOne=sliceDim>1,this.shaderKey="scatter_".concat(indicesRank,"_").concat(updatesRank,"_").concat(this.sliceDimGreaterThanOne,"_").concat(outputDtype,"_").concat(sumDupeIndices,"_").concat(strides.length);var stridesType=getCoordsDataType(strides.length);this.uniforms="sliceDim : i32, strides: ".concat(stridesType,", updatesSize: i32,"),this.updatesRank=updatesRank,this.indicesRank=indicesRank}return ScatterProgram2.prototype.getUserCode=function(){var indicesString="";this.indicesRank===1?indicesString="coords[0]":this.indicesRank===2&&(indicesString="coords[0], j");var indicesSnippet="getIndices(".concat(indicesString,")"),strideString=this.sliceDimGreaterThanOne?"uniforms.strides[j]":"uniforms.strides",outCoordsString="",getUpdatesCoordsFromFlatIndex="";this.dispatchLayout.x.length===1?(outCoordsString="flattenedIndex",getUpdatesCoordsFromFlatIndex=`
      fn getUpdatesCoordsFromFlatIndex(index : i32) -> i32 {
        return index;
      }
      `):this.dispatchLayout.x.length===2&&(outCoordsString="vec2<i32>(flattenedIndex, coords[1])",getUpdatesCoordsFromFlatIndex=`
      fn getUpdatesCoordsFromFlatIndex(index : i32) -> vec2<i32> {
        // N.B. |updates| could be a scalar tensor, conceptually representing a
        // 2D tensor with all values equal to that. By design, its size must be
        // the same as |outShape[1]| in one dimension, and |indicesShape[0]|
        // gives the other.
        let sliceSize = uniforms.outShape[1];
        let d0 = index / sliceSize;
        let d1 = index - d0 * sliceSize;
        return vec2<i32>(d0, d1);
      }
      `);var updatesString=Array.from({length:this.updatesRank},function(_,idx){return"coords[".concat(idx,"]")}),updatesSnippet="getUpdates(".concat(updatesString.join(", "),")"),userCode=`
    `.concat(getUpdatesCoordsFromFlatIndex,`
      `).concat(getMainHeaderString("index"),` {
        if (index < uniforms.updatesSize) {
          let coords = getUpdatesCoordsFromFlatIndex(index);
          var flattenedIndex = 0;
          for (var j = 0; j < uniforms.sliceDim; j = j + 1) {
            let indexInside = i32(round(`).concat(indicesSnippet,`));
            flattenedIndex = flattenedIndex + indexInside * `).concat(strideString,`;
          }
          let updateValue =
              `).concat(dataTypeToGPUType(this.type),"(").concat(updatesSnippet,`);
          let flatIndex = getOutputIndexFromCoords(`).concat(outCoordsString,`);

          `).concat(this.sumDupeIndices?atomicAddSnippet("&result[flatIndex]","updateValue",this.type):"atomicStore(&result[flatIndex], bitcast<i32>(updateValue));",`
        }
      }`);return userCode},ScatterProgram2})();function scatterNd(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,indices=inputs.indices,updates=inputs.updates,shape=attrs.shape,_a2=tf.backend_util.calculateShapes(updates,indices,shape),sliceRank=_a2.sliceRank,numUpdates=_a2.numUpdates,sliceSize=_a2.sliceSize,strides=_a2.strides,outputSize=_a2.outputSize,flattenShape=[outputSize/sliceSize,sliceSize];if(outputSize===0)return backend.makeTensorInfo(shape,indices.dtype);var flattenIndices=reshape({inputs:{x:indices},backend,attrs:{shape:[numUpdates,sliceRank]}}),flattenX=reshape({inputs:{x:updates},backend,attrs:{shape:[numUpdates,sliceSize]}}),type=flattenX.dtype,output=fill({backend,attrs:{shape:flattenShape,value:0,dtype:type}}),size=tf.util.sizeFromShape(flattenX.shape),uniformData=[{type:"int32",data:[sliceRank]},{type:"int32",data:strides},{type:"int32",data:[size]}],program=new ScatterProgram(flattenX.shape,sliceRank,flattenIndices.shape.length,flattenX.shape.length,strides,flattenShape,type),res=backend.runWebGPUProgram(program,[flattenX,flattenIndices],type,uniformData,output),reshaped=reshape({inputs:{x:res},backend,attrs:{shape}});return backend.disposeData(flattenIndices.dataId),backend.disposeData(flattenX.dataId),backend.disposeData(res.dataId),reshaped}var scatterNdConfig={kernelName:tf.ScatterNd,backendName:"webgpu",kernelFunc:scatterNd};var SearchSortedProgram=(function(){function SearchSortedProgram2(outputShape,side){this.outputShape=[],this.variableNames=["sortedSequence","values"],this.uniforms="numInputs : i32,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=outputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.side=side,this.shaderKey="search_sorted_".concat(side)}return SearchSortedProgram2.prototype.getUserCode=function(){var boundComparator=this.side==="left"?"<":"<=",userCode=`
      fn findBound(batch: i32, value: f32) -> i32 {
        var left = i32(0);
        var right = uniforms.numInputs;
        while (left < right) {
          var mid = (left + right) / 2;
          if (getSortedSequence(batch, mid) `.concat(boundComparator,` value) {
            left = mid + 1;
          } else {
            right = mid;
          }
        }
        return right;
      }

      `).concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let coords = getCoordsFromIndex(index);
          let value = getValuesByOutputIndex(index);
          setOutputAtIndexI32(index, findBound(coords[0], value));
        }
      }
    `);return userCode},SearchSortedProgram2})();function searchSorted(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,sortedSequence=inputs.sortedSequence,values=inputs.values,side=attrs.side,program=new SearchSortedProgram([values.shape[0],values.shape[1]],side),uniformData=[{type:"int32",data:[sortedSequence.shape[1]]}];return backend.runWebGPUProgram(program,[sortedSequence,values],"int32",uniformData)}var searchSortedConfig={kernelName:tf.SearchSorted,backendName:"webgpu",kernelFunc:searchSorted};var SelectProgram=(function(){function SelectProgram2(cRank,shape,rank){this.variableNames=["c","a","b"],this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=shape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.cRank=cRank,this.rank=rank,this.shaderKey="select"}return SelectProgram2.prototype.getUserCode=function(){var cCoords,abCoords;if(this.rank>4)throw Error("Where for rank ".concat(this.rank," is not yet supported"));if(this.rank===1)abCoords="resRC",cCoords="resRC";else{for(var currentCoords=["resRC.x","resRC.y","resRC.z","resRC.w"],cCoordVars=[],abCoordVars=[],i=0;i<this.outputShape.length;i++)abCoordVars.push("".concat(currentCoords[i])),i<this.cRank&&cCoordVars.push("".concat(currentCoords[i]));cCoords=cCoordVars.join(),abCoords=abCoordVars.join()}var userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let resRC = getCoordsFromIndex(index);
          let cVal = getC(`).concat(cCoords,`);
          if (cVal >= 1.0) {
            setOutputAtIndex(index, getA(`).concat(abCoords,`));
          } else {
            setOutputAtIndex(index, getB(`).concat(abCoords,`));
          }
        }
      }
    `);return userCode},SelectProgram2})();function select(args){var inputs=args.inputs,backend=args.backend,condition=inputs.condition,t=inputs.t,e=inputs.e,program=new SelectProgram(condition.shape.length,t.shape,t.shape.length);return backend.runWebGPUProgram(program,[condition,t,e],tf.upcastType(t.dtype,e.dtype))}var selectConfig={kernelName:tf.Select,backendName:"webgpu",kernelFunc:select};var selu=unaryKernelFunc({opType:UnaryOpType.SELU}),seluConfig={kernelName:tf.Selu,backendName:"webgpu",kernelFunc:selu};var sigmoid=unaryKernelFunc({opType:UnaryOpType.SIGMOID}),sigmoidConfig={kernelName:tf.Sigmoid,backendName:"webgpu",kernelFunc:sigmoid};var sign=unaryKernelFunc({opType:UnaryOpType.SIGN}),signConfig={kernelName:tf.Sign,backendName:"webgpu",kernelFunc:sign};var sin=unaryKernelFunc({opType:UnaryOpType.SIN}),sinConfig={kernelName:tf.Sin,backendName:"webgpu",kernelFunc:sin};var sinh=unaryKernelFunc({opType:UnaryOpType.SINH}),sinhConfig={kernelName:tf.Sinh,backendName:"webgpu",kernelFunc:sinh};var softplus=unaryKernelFunc({opType:UnaryOpType.SOFTPLUS}),softplusConfig={kernelName:tf.Softplus,backendName:"webgpu",kernelFunc:softplus};var SpaceToBatchNDProgram=(function(){function SpaceToBatchNDProgram2(xShape,paddedXShape,paddings,reshapedPaddedXShape,newDim,paddedXShapeStridesShapeLength){var _this=this;this.variableNames=["x"],this.outputShape=[],this.uniforms="",this.workgroupSize=[64,1,1],this.size=!0;for(var outputShape=new Array(reshapedPaddedXShape.length),i=0;i<outputShape.length;i++)outputShape[i]=reshapedPaddedXShape[newDim[i]];this.outputShape=outputShape,this.newDim=newDim,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.xShape=xShape,this.paddedXShape=paddedXShape,this.uniforms+="reshapedPaddedXShape : ".concat(getCoordsDataType(reshapedPaddedXShape.length),", paddedXShapeStrides : ").concat(getCoordsDataType(paddedXShapeStridesShapeLength),", "),paddings.map(function(_,i2){_this.uniforms+=" pad".concat(i2," : vec2<i32>,")}),this.shaderKey="spaceToBatchND_".concat(newDim)}return SpaceToBatchNDProgram2.prototype.getUserCode=function(){var dtype=getCoordsDataType(this.outputShape.length),switched=getSwitchedCoords(this.newDim),userCode=`
      `.concat(getCoordsFromIndexSnippet(this.paddedXShape,"PaddedX"),`
      `).concat(getMainHeaderString("index"),` {
        if(index < uniforms.size) {
          let coords = getCoordsFromIndex(index);
          let switchedIndex = getIndexFromCoords`).concat(this.outputShape.length,"D(").concat(dtype,"(").concat(switched,`), uniforms.reshapedPaddedXShape);
          let paddedCoords = getPaddedXCoordsFromIndex(switchedIndex);
          `).concat(padCommon(this.xShape,!0),`
        }
      }
    `);return userCode},SpaceToBatchNDProgram2})(),spaceToBatchND=function(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,blockShape=attrs.blockShape,paddings=attrs.paddings;tf.util.assert(x.shape.length<=4,function(){return"spaceToBatchND for rank > 4 with a WebGPU backend not implemented yet"});var prod2=blockShape.reduce(function(a,b){return a*b}),completePaddings=[[0,0]];completePaddings.push.apply(completePaddings,__spreadArray([],__read(paddings),!1));for(var i=1+blockShape.length;i<x.shape.length;++i)completePaddings.push([0,0]);var paddedXShape=completePaddings.map(function(p,i2){return p[0]+x.shape[i2]+p[1]}),reshapedPaddedShape=tf.backend_util.getReshaped(paddedXShape,blockShape,prod2,!1),permutedReshapedPaddedPermutation=tf.backend_util.getPermuted(reshapedPaddedShape.length,blockShape.length,!1),flattenShape=tf.backend_util.getReshapedPermuted(paddedXShape,blockShape,prod2,!1),paddedXShapeStrides=tf.util.computeStrides(paddedXShape),program=new SpaceToBatchNDProgram(x.shape,paddedXShape,completePaddings,reshapedPaddedShape,permutedReshapedPaddedPermutation,paddedXShapeStrides.length),uniformData=[{type:"int32",data:reshapedPaddedShape},{type:"int32",data:paddedXShapeStrides}];completePaddings.map(function(p){return uniformData.push({type:"int32",data:[p[0],p[1]]})});var paddedXT=backend.runWebGPUProgram(program,[x],x.dtype,uniformData),result=reshape({inputs:{x:paddedXT},backend,attrs:{shape:flattenShape}});return backend.disposeData(paddedXT.dataId),result},spaceToBatchNDConfig={kernelName:tf.SpaceToBatchND,backendName:"webgpu",kernelFunc:spaceToBatchND};var SparseSegmentSumProgram=(function(){function SparseSegmentSumProgram2(outShape,sparseSize,outputDtype){this.variableNames=["input","indices","segmentIds"],this.outputShape=[],this.uniforms="segmentSize : i32, sparseSize : i32,",this.workgroupSize=[64,1,1],this.atomic=!0,this.outputShape=outShape,this.type=outputDtype,this.dispatchLayout=flatDispatchLayout([sparseSize]),this.dispatch=computeDispatch(this.dispatchLayout,[sparseSize],this.workgroupSize),this.shaderKey="sparseSegmentSum"}return SparseSegmentSumProgram2.prototype.getUserCode=function(){var userCode=`
    `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.sparseSize) {
        let indexInSegmentIds = index / uniforms.segmentSize;
        let indexInSegment = index % uniforms.segmentSize;
        let indexInInput = indices[indexInSegmentIds];
        let segmentId = segmentIds[indexInSegmentIds];

        let value = input[indexInInput * uniforms.segmentSize + indexInSegment];
        let outIndex = segmentId * uniforms.segmentSize + indexInSegment;
        `).concat(atomicAddSnippet("&result[outIndex]","value",this.type),`
      }
    }
  `);return userCode},SparseSegmentSumProgram2})(),SparseSegmentIdCountProgram=(function(){function SparseSegmentIdCountProgram2(outShape,segmentIdsShape){this.variableNames=["segmentIds"],this.outputShape=[],this.workgroupSize=[64,1,1],this.atomic=!0,this.outputShape=[outShape],this.dispatchLayout=flatDispatchLayout(segmentIdsShape),this.dispatch=computeDispatch(this.dispatchLayout,segmentIdsShape,this.workgroupSize),this.shaderKey="sparseSegmentIdCountProgram"}return SparseSegmentIdCountProgram2.prototype.getUserCode=function(){var userCode=`
    `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.segmentIdsShape) {
        let segmentId = segmentIds[index];
        `).concat(atomicAddSnippet("&result[segmentId]","1","int32"),`
      }
    }
  `);return userCode},SparseSegmentIdCountProgram2})(),SparseSegmentMeanProgram=(function(){function SparseSegmentMeanProgram2(outShape,outputDtype){this.variableNames=["segmentSum","sameSegmentIdCount"],this.outputShape=[],this.uniforms="segmentSize : i32",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=outShape,this.type=outputDtype,this.dispatchLayout=flatDispatchLayout(outShape),this.dispatch=computeDispatch(this.dispatchLayout,outShape,this.workgroupSize),this.shaderKey="sparseSegmentMean"}return SparseSegmentMeanProgram2.prototype.getUserCode=function(){var userCode=`
    `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.size) {
        let segmentId = index / uniforms.segmentSize;
        let count = sameSegmentIdCount[segmentId];
        if (count != 0) {
          `).concat(this.type==="float32"?"setOutputAtIndex(index, segmentSum[index] / f32(count));":"setOutputAtIndexI32(index, segmentSum[index] / count);",`
        }
      }
    }
  `);return userCode},SparseSegmentMeanProgram2})();function sparseSegmentReduce(input,indices,segmentIds,isSum,backend){isSum===void 0&&(isSum=!1);var inputSize=tf.util.sizeFromShape(input.shape),segmentSize=inputSize/input.shape[0],dtype=input.dtype,numIndices=tf.util.sizeFromShape(indices.shape),$segmentIds=backend.readSync(segmentIds.dataId),lastSegmentIdPlusOne=numIndices>0?$segmentIds[numIndices-1]+1:0,outputRows=lastSegmentIdPlusOne,program,outputShape=input.shape.slice();outputShape[0]=outputRows;var sparseSize=numIndices*segmentSize,sparseSegmentSum2=fill({backend,attrs:{shape:outputShape,value:0,dtype}});program=new SparseSegmentSumProgram(outputShape,sparseSize,dtype);var uniformData=[{type:"int32",data:[segmentSize]},{type:"int32",data:[sparseSize]}],$sparseSegmentSum=backend.runWebGPUProgram(program,[input,indices,segmentIds],dtype,uniformData,sparseSegmentSum2);if(isSum)return $sparseSegmentSum;var sparseSegmentIdCount=fill({backend,attrs:{shape:[outputRows],value:0,dtype:"int32"}});program=new SparseSegmentIdCountProgram(outputRows,segmentIds.shape);var $sparseSegmentIdCount=backend.runWebGPUProgram(program,[segmentIds],"int32",null,sparseSegmentIdCount),sparseSegmentMean2=fill({backend,attrs:{shape:outputShape,value:0,dtype}});program=new SparseSegmentMeanProgram(outputShape,dtype),uniformData=[{type:"int32",data:[segmentSize]}];var $sparseSegmentMean=backend.runWebGPUProgram(program,[$sparseSegmentSum,$sparseSegmentIdCount],dtype,uniformData,sparseSegmentMean2);return backend.disposeData($sparseSegmentSum.dataId),backend.disposeData($sparseSegmentIdCount.dataId),$sparseSegmentMean}function sparseSegmentMean(args){var inputs=args.inputs,backend=args.backend,data=inputs.data,indices=inputs.indices,segmentIds=inputs.segmentIds;return sparseSegmentReduce(data,indices,segmentIds,!1,backend)}var sparseSegmentMeanConfig={kernelName:tf.SparseSegmentMean,backendName:"webgpu",kernelFunc:sparseSegmentMean};function sparseSegmentSum(args){var inputs=args.inputs,backend=args.backend,data=inputs.data,indices=inputs.indices,segmentIds=inputs.segmentIds;return sparseSegmentReduce(data,indices,segmentIds,!0,backend)}var sparseSegmentSumConfig={kernelName:tf.SparseSegmentSum,backendName:"webgpu",kernelFunc:sparseSegmentSum};var TileProgram=(function(){function TileProgram2(aShape,reps){this.variableNames=["A"],this.workgroupSize=[64,1,1],this.size=!0;for(var outputShape=new Array(aShape.length),i=0;i<outputShape.length;i++)outputShape[i]=aShape[i]*reps[i];this.outputShape=outputShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.rank=this.outputShape.length,this.shaderKey="tile"}return TileProgram2.prototype.getUserCode=function(){var sourceCoords=getSourceCoords(this.rank,"uniforms."),userCode=`
      `.concat(getMainHeaderString("index"),` {
        if (index < uniforms.size) {
          let resRC = getCoordsFromIndex(index);
          setOutputAtIndex(index, getA(`).concat(sourceCoords,`));
        }
      }
    `);return userCode},TileProgram2})();function getSourceCoords(rank,uniformPrefix){if(uniformPrefix===void 0&&(uniformPrefix=""),rank>=5)throw Error("Tile for rank ".concat(rank," is not yet supported"));if(rank===1)return"(resRC % ".concat(uniformPrefix,"aShape)");for(var currentCoords=["resRC.x","resRC.y","resRC.z","resRC.w"],sourceCoords=[],i=0;i<rank;i++)sourceCoords.push("(".concat(currentCoords[i]," % ").concat(uniformPrefix,"aShape[").concat(i,"])"));return sourceCoords.join()}function tile(params){var inputs=params.inputs,backend=params.backend,attrs=params.attrs,x=inputs.x,reps=attrs.reps;if(backend.shouldExecuteOnCPU([x])||x.dtype==="string"||x.shape.length>=5){var data=backend.readSync(x.dataId),value=x.dtype==="string"?data.map(function(d){return tf.util.decodeString(d)}):data,buf=tf.buffer(x.shape,x.dtype,value),outBuf=tileImplCPU(buf,reps);return backend.makeTensorInfo(outBuf.shape,outBuf.dtype,outBuf.values)}var program=new TileProgram(x.shape,reps),output=backend.runWebGPUProgram(program,[x],x.dtype);return output}var tileConfig={kernelName:tf.Tile,backendName:"webgpu",kernelFunc:tile};function sparseToDense(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,sparseIndices=inputs.sparseIndices,sparseValues=inputs.sparseValues,defaultValue=inputs.defaultValue,outputShape=attrs.outputShape,_a2=tf.backend_util.calculateShapes(sparseValues,sparseIndices,outputShape),sliceRank=_a2.sliceRank,numUpdates=_a2.numUpdates,sliceSize=_a2.sliceSize,strides=_a2.strides,outputSize=_a2.outputSize,sumDupeIndices=!1;if(sparseValues.dtype==="string"){var indicesBuf=backend.bufferSync(sparseIndices),updatesBuf=backend.bufferSync(sparseValues),$defaultValue_1=tf.util.decodeString(backend.readSync(defaultValue.dataId)[0]),outBuf=scatterImplCPU(indicesBuf,updatesBuf,outputShape,outputSize,sliceSize,numUpdates,sliceRank,strides,$defaultValue_1,sumDupeIndices);return backend.makeTensorInfo(outputShape,outBuf.dtype,outBuf.values)}var flattenShape=[outputSize/sliceSize,sliceSize],$sparseIndices=reshape({inputs:{x:sparseIndices},backend,attrs:{shape:[numUpdates,sliceRank]}}),$sparseValues=sparseValues.shape.length?reshape({inputs:{x:sparseValues},backend,attrs:{shape:[numUpdates,sliceSize]}}):identity({inputs:{x:sparseValues},backend}),type=$sparseValues.dtype,zero=backend.makeTensorInfo([],type,tf.util.makeZerosTypedArray(1,type)),$defaultValue=reshape({inputs:{x:defaultValue},backend,attrs:{shape:Array(flattenShape.length).fill(1)}}),$denseValues=tile({inputs:{x:$defaultValue},backend,attrs:{reps:flattenShape}}),size=tf.util.sizeFromShape([numUpdates,sliceSize]),uniformData=[{type:"int32",data:[sliceRank]},{type:"int32",data:strides},{type:"int32",data:[size]}];switch(numUpdates){case 0:break;case 1:{var program=new ScatterProgram([numUpdates,sliceSize],sliceRank,$sparseIndices.shape.length,$sparseValues.shape.length,strides,flattenShape,type,sumDupeIndices);backend.runWebGPUProgram(program,[$sparseValues,$sparseIndices],type,uniformData,$denseValues)}break;default:{var program=new ScatterProgram([numUpdates,sliceSize],sliceRank,$sparseIndices.shape.length,zero.shape.length,strides,flattenShape,type,sumDupeIndices);backend.runWebGPUProgram(program,[zero,$sparseIndices],type,uniformData,$denseValues)}{var program=new ScatterProgram([numUpdates,sliceSize],sliceRank,$sparseIndices.shape.length,$sparseValues.shape.length,strides,flattenShape,type);backend.runWebGPUProgram(program,[$sparseValues,$sparseIndices],type,uniformData,$denseValues)}}var denseValues=reshape({inputs:{x:$denseValues},backend,attrs:{shape:outputShape}});return backend.disposeData($sparseIndices.dataId),backend.disposeData($sparseValues.dataId),backend.disposeData($defaultValue.dataId),backend.disposeData(zero.dataId),backend.disposeData($denseValues.dataId),denseValues}var sparseToDenseConfig={kernelName:tf.SparseToDense,backendName:"webgpu",kernelFunc:sparseToDense};function splitV(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,numOrSizeSplits=attrs.numOrSizeSplits,axis=attrs.axis,$axis=tf.util.parseAxisParam(axis,x.shape)[0],splitSizes=tf.backend_util.prepareSplitSize(x,numOrSizeSplits,$axis),xRank=x.shape.length,begin=new Array(xRank).fill(0),size=x.shape.slice();return splitSizes.map(function(s){var sliceSize=__spreadArray([],__read(size),!1);sliceSize[$axis]=s;var sliceT=slice({inputs:{x},backend,attrs:{begin,size:sliceSize}});return begin[$axis]+=s,sliceT})}var splitVConfig={kernelName:tf.SplitV,backendName:"webgpu",kernelFunc:splitV};var sqrt=unaryKernelFunc({opType:UnaryOpType.SQRT}),sqrtConfig={kernelName:tf.Sqrt,backendName:"webgpu",kernelFunc:sqrt};var squareConfig={kernelName:tf.Square,backendName:"webgpu",kernelFunc:function(_a2){var inputs=_a2.inputs,backend=_a2.backend,x=inputs.x,webGPUBackend=backend,program=new UnaryOpProgram(x.shape,UnaryOpType.SQUARE);return webGPUBackend.runWebGPUProgram(program,[x],x.dtype)}};var squaredDifference=binaryKernelFunc({opType:BinaryOpType.SQUARED_DIFFERENCE}),squaredDifferenceConfig={kernelName:tf.SquaredDifference,backendName:"webgpu",kernelFunc:squaredDifference};function step(_a2){var inputs=_a2.inputs,attrs=_a2.attrs,backend=_a2.backend,x=inputs.x,program=new UnaryOpProgram(x.shape,UnaryOpType.STEP,"stepAlpha : f32,"),uniformData=[{type:"float32",data:[attrs.alpha]}];return backend.runWebGPUProgram(program,[x],x.dtype,uniformData)}var stepConfig={kernelName:tf.Step,backendName:"webgpu",kernelFunc:step};var StridedSliceProgram=(function(){function StridedSliceProgram2(destSize){this.variableNames=["x"],this.workPerThread=1,this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=destSize,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize,[this.workPerThread,1,1]);var dtype=getCoordsDataType(this.outputShape.length);this.uniforms="begin : ".concat(dtype,",  strides : ").concat(dtype,", "),this.shaderKey="stridedSlice"}return StridedSliceProgram2.prototype.getUserCode=function(){var _this=this,rank=this.outputShape.length,newCoords="";if(rank===1)newCoords="coords * uniforms.strides + uniforms.begin";else{var outputAxis_1=0;newCoords=this.outputShape.map(function(_,i){return outputAxis_1++,_this.outputShape.length===1?"coords * uniforms.strides[".concat(i,"] + uniforms.begin[").concat(i,"]"):"coords[".concat(outputAxis_1-1,"] * uniforms.strides[").concat(i,"] + uniforms.begin[").concat(i,"]")}).join(",")}var userCode=`
       `.concat(getMainHeaderString("index"),` {
         if (index < uniforms.size) {
           let coords = getCoordsFromIndex(index);
           setOutputAtIndex(index, getX(`).concat(newCoords,`));
         }
       }
     `);return userCode},StridedSliceProgram2})();function stridedSlice(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,begin=attrs.begin,end=attrs.end,strides=attrs.strides,beginMask=attrs.beginMask,endMask=attrs.endMask,ellipsisMask=attrs.ellipsisMask,newAxisMask=attrs.newAxisMask,shrinkAxisMask=attrs.shrinkAxisMask,_a2=tf.slice_util.sliceInfo(x.shape,begin,end,strides,beginMask,endMask,ellipsisMask,newAxisMask,shrinkAxisMask),finalShapeSparse=_a2.finalShapeSparse,finalShape=_a2.finalShape,isIdentity=_a2.isIdentity,sliceDim0=_a2.sliceDim0,isSimpleSlice=_a2.isSimpleSlice,$begin=_a2.begin,$end=_a2.end,$strides=_a2.strides,result;if(isIdentity)result=reshape({inputs:{x},backend,attrs:{shape:finalShape}});else if(sliceDim0||isSimpleSlice){tf.util.assert(x.shape.length>=1,function(){return"Input must have rank at least 1, got: ".concat(x.shape.length)});var size=tf.slice_util.computeOutShape($begin,$end,$strides),sliced=slice({inputs:{x},backend,attrs:{begin:$begin,size}});result=reshape({inputs:{x:sliced},backend,attrs:{shape:finalShape}}),backend.disposeData(sliced.dataId)}else{var shouldExecuteOnCPU=backend.shouldExecuteOnCPU([x]);if(shouldExecuteOnCPU){var values=backend.readSync(x.dataId),xBuf=tf.buffer(x.shape,x.dtype,values),resultValues=stridedSliceImplCPU(finalShapeSparse,xBuf,$strides,$begin);result=backend.makeTensorInfo(finalShape,x.dtype,resultValues.values)}else{var program=new StridedSliceProgram(finalShapeSparse),uniformData=[{type:"int32",data:$begin},{type:"int32",data:$strides}],resultValues=backend.runWebGPUProgram(program,[x],x.dtype,uniformData);result=reshape({inputs:{x:resultValues},backend,attrs:{shape:finalShape}}),backend.disposeData(resultValues.dataId)}}return result}var stridedSliceConfig={kernelName:tf.StridedSlice,backendName:"webgpu",kernelFunc:stridedSlice};function stringNGrams(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,separator=attrs.separator,nGramWidths=attrs.nGramWidths,leftPad=attrs.leftPad,rightPad=attrs.rightPad,padWidth=attrs.padWidth,preserveShortSequences=attrs.preserveShortSequences,data=inputs.data,dataSplits=inputs.dataSplits,$data=backend.readSync(data.dataId),$dataSplits=backend.readSync(dataSplits.dataId),_a2=__read(stringNGramsImplCPU($data,$dataSplits,separator,nGramWidths,leftPad,rightPad,padWidth,preserveShortSequences),2),nGrams=_a2[0],nGramsSplits=_a2[1];return[backend.makeTensorInfo([nGrams.length],"string",nGrams),backend.makeTensorInfo(dataSplits.shape,"int32",nGramsSplits)]}var stringNGramsConfig={kernelName:tf.StringNGrams,backendName:"webgpu",kernelFunc:stringNGrams};var sub=binaryKernelFunc({opType:BinaryOpType.SUB,cpuKernelImpl:subImplCPU,supportsComplex:!0}),subConfig={kernelName:tf.Sub,backendName:"webgpu",kernelFunc:sub};var tan=unaryKernelFunc({opType:UnaryOpType.TAN}),tanConfig={kernelName:tf.Tan,backendName:"webgpu",kernelFunc:tan};var tanh=unaryKernelFunc({opType:UnaryOpType.TANH}),tanhConfig={kernelName:tf.Tanh,backendName:"webgpu",kernelFunc:tanh};function tensorScatterUpdate(args){var inputs=args.inputs,backend=args.backend;args.attrs;var tensor=inputs.tensor,indices=inputs.indices,updates=inputs.updates,_b=tf.backend_util.calculateShapes(updates,indices,tensor.shape),sliceRank=_b.sliceRank,numUpdates=_b.numUpdates,sliceSize=_b.sliceSize,strides=_b.strides,outputSize=_b.outputSize,flattenShape=[outputSize/sliceSize,sliceSize];if(outputSize===0)return backend.makeTensorInfo(tensor.shape,indices.dtype);var toDispose=[],flattenIndices=reshape({inputs:{x:indices},backend,attrs:{shape:[numUpdates,sliceRank]}});toDispose.push(flattenIndices);var flattenX=reshape({inputs:{x:updates},backend,attrs:{shape:[numUpdates,sliceSize]}});toDispose.push(flattenX);var flattenTensor=reshape({inputs:{x:tensor},backend,attrs:{shape:flattenShape}});toDispose.push(flattenTensor);var output=tile({inputs:{x:flattenTensor},backend,attrs:{reps:Array(flattenShape.length).fill(1)}}),program=new ScatterProgram([numUpdates,sliceSize],sliceRank,flattenIndices.shape.length,flattenX.shape.length,strides,flattenShape,tensor.dtype,!1),size=tf.util.sizeFromShape([numUpdates,sliceSize]),uniformData=[{type:"int32",data:[sliceRank]},{type:"int32",data:strides},{type:"int32",data:[size]}],res=backend.runWebGPUProgram(program,[flattenX,flattenIndices],flattenTensor.dtype,uniformData,output);toDispose.push(res);var reshaped=reshape({inputs:{x:res},backend,attrs:{shape:tensor.shape}});return toDispose.forEach(function(t){return backend.disposeData(t.dataId)}),reshaped}var tensorScatterUpdateConfig={kernelName:tf.TensorScatterUpdate,backendName:"webgpu",kernelFunc:tensorScatterUpdate};var SwapProgram=(function(){function SwapProgram2(shape){this.variableNames=["x","indices"],this.workgroupSize=[256,1,1],this.size=!0,this.outputShape=shape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.uniforms=`inputSize : i32, firstPass : i32, negativeInf : f32,
        dir : i32, inc : i32,`,this.shaderKey="swap"}return SwapProgram2.prototype.getUserCode=function(){var userCode=`
        `.concat(getMainHeaderString("index"),` {
          if (index < uniforms.size) {
            let outC = getCoordsFromIndex(index);
            let batch = outC[0];
            let elemIdx = outC[1];
            // We compare elements pair-wise within a group of size 2 * inc.
            // The comparing rule for each group alternates between ascending
            // and descending. Within each group, we compare each pair at
            // positions i and i+inc. To decide whether an element at position i
            // is x0 or x1, we mod it by 2 * inc, if the result is smaller than
            // inc, it is in the first half of the group, we denote it as x0,
            // otherwise we denote it as x1.
            // For example, as shown in the Bitonic top K paper referenced
            // above, Figure5(a) shows that element[1] is in the second half of
            // the group when group size is 2, but it is in the first half of
            // the group when group size is 4.
            let isFirstInPair = elemIdx % (2 * uniforms.inc) < uniforms.inc;
            var i = 0;
            if (isFirstInPair) {
              i = elemIdx;
            } else {
              i = elemIdx - uniforms.inc;
            }

            var i0 = 0;
            if (uniforms.firstPass == 1) {
              i0 = i;
            } else {
              i0 = i32(getIndices(batch, i));
            }

            var i1 = 0;
            if (uniforms.firstPass == 1) {
              i1 = i + uniforms.inc;
            } else {
              i1 = i32(getIndices(batch, i + uniforms.inc));
            }

            var x0 = f32(0.0);
            var x1 = f32(0.0);
            if (i0 < uniforms.inputSize) {
              x0 = getX(batch, i0);
            } else {
              x0 = uniforms.negativeInf;
            }
            if (i1 < uniforms.inputSize) {
              x1 = getX(batch, i1);
            } else {
              x1 = uniforms.negativeInf;
            }

            let reverse = elemIdx % (2 * uniforms.dir) >= uniforms.dir;
            let isGreater = x0 > x1 || (x0 == x1 && i1 > i0);
            if (reverse == isGreater) {
              // Elements in opposite order of direction
              let iTemp = i0;
              i0 = i1;
              i1 = iTemp;
            }
            if (isFirstInPair) {
              setOutputAtIndex(index, f32(i0));
            } else {
              setOutputAtIndex(index, f32(i1));
            }
          }
        }
      `);return userCode},SwapProgram2})(),MergeProgram=(function(){function MergeProgram2(shape){this.variableNames=["x","indices"],this.workgroupSize=[256,1,1],this.size=!0,this.outputShape=shape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.uniforms="inputSize : i32, firstPass : i32, k : i32,",this.shaderKey="merge"}return MergeProgram2.prototype.getUserCode=function(){var userCode=`
        `.concat(getMainHeaderString("index"),` {
          if (index < uniforms.size) {
            let outC = getCoordsFromIndex(index);
            let batch = outC[0];
            let elemIdx = outC[1];
            // The output size is half of the previous size.
            // If the previous sequence is | | | | _ _ _ _  | | | |  _ _ _ _
            // (k=4), we only need to output the indices at positions |, the
            // indices at positions _ can be thrown away, see Figure5(b) After
            // Phase 2 (Merge phase) in the Bitonic Top K paper referenced
            // above.
            // For example, the paper shows we only need to output the orange
            // bars. The output sequence should look like this | | | | | | | |.
            // Because the sequence is halved, to map the output index back to
            // the previous sequence to find the corresponding value, we need
            // to double the index. When we double the index, we basically
            // interpolate a position, so 2i looks like
            // | _ | _ | _ | _ | _ | _ | _. We move the | to the first k
            // position of each 2k positions by - elemIdx % k. E.g. for output
            // at index 4,5,6,7, we want to get the corresponding element at
            // original index 8,9,10,11, for output at index 8,9,10,11,
            // we want to get the corresponding element at original index
            // 16,17,18,19, so on and so forth.

            var i = 0;
            if (elemIdx < uniforms.k) {
              i = elemIdx;
            } else {
              i = elemIdx * 2 - elemIdx % uniforms.k;
            }
            var i0 = 0;
            if (uniforms.firstPass == 1) {
              i0 = i;
            } else {
              i0 = i32(getIndices(batch, i));
            }
            var i1 = 0;
            if (uniforms.firstPass == 1) {
              i1 = i + uniforms.k;
            } else {
              i1 = i32(getIndices(batch, i + uniforms.k));
            }

            let x0 = getX(batch, i0);
            var x1 = f32(0.0);
            if (i1 < uniforms.inputSize) {
              x1 = getX(batch, i1);
            } else {
              x1 = x0;
            }

            if (x0 >= x1) {
              setOutputAtIndex(index, f32(i0));
            } else {
              setOutputAtIndex(index, f32(i1));
            }
          }
        }
      `);return userCode},MergeProgram2})();function disposeIntermediateTensorInfoOrNull(backend,tensorInfo){tensorInfo!==null&&backend.disposeData(tensorInfo.dataId)}function roundUpToPow2(num){for(var pow2=1;pow2<num;)pow2*=2;return pow2}function topK(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,k=attrs.k,sorted=attrs.sorted,xShape=x.shape,lastDim=xShape[xShape.length-1];if(backend.shouldExecuteOnCPU([x])){var xVals=backend.readSync(x.dataId),_a2=__read(topKImplCPU(xVals,xShape,x.dtype,k,sorted),2),allTopKVals=_a2[0],allTopKIndices=_a2[1];return[backend.makeTensorInfo(allTopKVals.shape,allTopKVals.dtype,allTopKVals.values),backend.makeTensorInfo(allTopKIndices.shape,allTopKIndices.dtype,allTopKIndices.values)]}if(k===0)return xShape[xShape.length-1]=0,[backend.makeTensorInfo(xShape,x.dtype,[]),backend.makeTensorInfo(xShape,"int32",[])];if(lastDim===1)return[x,fill({attrs:{shape:xShape,dtype:"int32",value:0},backend})];for(var xSize=tf.util.sizeFromShape(xShape),batch=xSize/lastDim,x2D=reshape({inputs:{x},attrs:{shape:[batch,lastDim]},backend}),kPow2=roundUpToPow2(k),lastDimPow2=roundUpToPow2(lastDim),indices=null,getInputs=function(){return indices===null?[x2D,x2D]:[x2D,indices]},runSwap=function(dir2,inc2,shape){var inputs2=getInputs(),program=new SwapProgram(shape),firstPass2=indices===null?1:0,uniformDataSwap=[{type:"int32",data:[lastDim]},{type:"int32",data:[firstPass2]},{type:"float32",data:[Number.NEGATIVE_INFINITY]},{type:"int32",data:[dir2]},{type:"int32",data:[inc2]}],prevIndices2=indices;indices=backend.runWebGPUProgram(program,inputs2,"int32",uniformDataSwap),disposeIntermediateTensorInfoOrNull(backend,prevIndices2)},len=1;len<kPow2;len*=2)for(var dir=len*2,inc=len;inc>=1;inc/=2)runSwap(dir,inc,[batch,lastDimPow2]);for(var indicesSize=lastDimPow2;indicesSize>kPow2;indicesSize/=2){var inputs_1=getInputs(),mergeProgram=new MergeProgram([batch,indicesSize/2]),firstPass=indices===null?1:0,uniformDataMerge=[{type:"int32",data:[lastDim]},{type:"int32",data:[firstPass]},{type:"int32",data:[kPow2]}],prevIndices_1=indices;indices=backend.runWebGPUProgram(mergeProgram,inputs_1,"int32",uniformDataMerge),disposeIntermediateTensorInfoOrNull(backend,prevIndices_1);for(var len=kPow2/2,dir=len*2,inc=len;inc>=1;inc/=2)runSwap(dir,inc,indices.shape)}var prevIndices=indices;indices=slice({inputs:{x:indices},backend,attrs:{begin:0,size:[batch,k]}}),disposeIntermediateTensorInfoOrNull(backend,prevIndices);var values=gatherV2({inputs:{x:x2D,indices},backend,attrs:{axis:1,batchDims:1}});disposeIntermediateTensorInfoOrNull(backend,x2D);var newShape=xShape.slice(0,-1);newShape.push(k),prevIndices=indices,indices=reshape({inputs:{x:indices},attrs:{shape:newShape},backend}),disposeIntermediateTensorInfoOrNull(backend,prevIndices);var prevValues=values;return values=reshape({inputs:{x:values},attrs:{shape:newShape},backend}),disposeIntermediateTensorInfoOrNull(backend,prevValues),[values,indices]}var topKConfig={kernelName:tf.TopK,backendName:"webgpu",kernelFunc:topK};var TransformProgram=(function(){function TransformProgram2(outShape){this.variableNames=["Image","Transforms"],this.uniforms="interpolationModeId : i32, fillModeId : i32, fillValue : f32,",this.workgroupSize=[64,1,1],this.size=!0,this.outputShape=outShape,this.dispatchLayout=flatDispatchLayout(this.outputShape),this.dispatch=computeDispatch(this.dispatchLayout,this.outputShape,this.workgroupSize),this.shaderKey="transform"}return TransformProgram2.prototype.getUserCode=function(){var userCode=`
          fn mapCoord(outCoord : f32, len : f32) -> f32{
            var inCoord = outCoord;
            if(uniforms.fillModeId == 2) {
              if (inCoord < 0.0) {
                if (len <= 1.0) {
                  inCoord = 0.0;
                } else {
                  let sz2 = 2.0 * len;
                  if (inCoord < sz2) {
                    inCoord = sz2 * f32(i32(f32(-inCoord / sz2))) +
                    inCoord;
                  }
                  if (inCoord < -len) {
                    inCoord = inCoord + sz2;
                  } else {
                    inCoord = -inCoord - 1.0;
                  }
                }
              } else if (inCoord > len - 1.0) {
                if (len <= 1.0) {
                  inCoord = 0.0;
                } else {
                  let sz2 = 2.0 * len;
                  inCoord = inCoord - sz2 * f32(i32(f32(inCoord / sz2)));
                  if (inCoord >= len) {
                    inCoord = sz2 - inCoord - 1.0;
                  }
                }
              }
              return clamp(inCoord, 0.0, len - 1.0);
            } else if (uniforms.fillModeId == 3) {
              if (inCoord < 0.0) {
                if (len <= 1.0) {
                  inCoord = 0.0;
                } else {
                  let sz = len - 1.0;
                  inCoord = inCoord + len * (f32(i32(f32(-inCoord / sz))) + 1.0);
                }
              } else if (inCoord > len - 1.0) {
                if (len <= 1.0) {
                  inCoord = 0.0;
                } else {
                  let sz = len - 1.0;
                  inCoord = inCoord - len * f32(i32(f32(inCoord / sz)));
                }
              }
              return clamp(inCoord, 0.0, len - 1.0);
            } else if (uniforms.fillModeId == 4) {
              return clamp(outCoord, 0.0, len - 1.0);
            }
            return outCoord;
          }
          fn readWithFillValue(batch : i32, coordY : i32, coordX : i32,
            channel : i32) -> f32 {
            var outputValue : f32;
            if (0 <= coordY && coordY < uniforms.imageShape[1] && 0 <= coordX && coordX < uniforms.imageShape[2]) {
                outputValue = getImage(batch, coordY, coordX, channel);
            } else {
              outputValue = uniforms.fillValue;
            }
            return outputValue;
          }

          `.concat(getMainHeaderString("index"),` {
            if (index < uniforms.size) {
              let coords = getCoordsFromIndex(index);
              var outputValue : f32;
              let batch = coords[0];
              let x = coords[2];
              let y = coords[1];
              let channel = coords[3];
              let xf = f32(x);
              let yf = f32(y);
              let a1 = getTransforms(batch, 0);
              let a2 = getTransforms(batch, 1);
              let a3 = getTransforms(batch, 2);
              let b1 = getTransforms(batch, 3);
              let b2 = getTransforms(batch, 4);
              let b3 = getTransforms(batch, 5);
              let c1 = getTransforms(batch, 6);
              let c2 = getTransforms(batch, 7);
              let projection = c1 * xf + c2 * yf + 1.0;
              if (projection == 0.0) {
                outputValue = uniforms.fillValue;
              } else {
                let inX = (a1 * xf + a2 * yf + a3) / projection;
                let inY = (b1 * xf + b2 * yf + b3) / projection;
                let mapX = mapCoord(inX, f32(uniforms.imageShape[2]));
                let mapY = mapCoord(inY, f32(uniforms.imageShape[1]));

                if (uniforms.interpolationModeId == 1) {
                  let coordY = i32(round(mapY));
                  let coordX = i32(round(mapX));
                  outputValue = readWithFillValue(batch, coordY, coordX,
                    channel);
                } else {
                  let yFloor = floor(mapY);
                  let xFloor = floor(mapX);
                  let yCeil = yFloor + 1.0;
                  let xCeil = xFloor + 1.0;
                  let valueYFloor = (xCeil - mapX) *
                  readWithFillValue(batch, i32(yFloor), i32(xFloor), channel) +
                  (mapX - xFloor) *
                  readWithFillValue(batch, i32(yFloor), i32(xCeil), channel);
                  let valueYCeil = (xCeil - mapX) *
                  readWithFillValue(batch, i32(yCeil), i32(xFloor), channel) +
                  (mapX - xFloor) *
                  readWithFillValue(batch, i32(yCeil), i32(xCeil), channel);
                  outputValue = (yCeil - mapY) * valueYFloor +
                  (mapY - yFloor) * valueYCeil;
                }
              }
              setOutputAtIndex(index, outputValue);
            }
          }
        `);return userCode},TransformProgram2})();function transform(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,image=inputs.image,transforms=inputs.transforms,interpolation=attrs.interpolation,fillMode=attrs.fillMode,fillValue=attrs.fillValue,outputShape=attrs.outputShape,_a2=__read(image.shape,4),batch=_a2[0],imageHeight=_a2[1],imageWidth=_a2[2],numChannels=_a2[3],_b=__read(outputShape??[imageHeight,imageWidth],2),outHeight=_b[0],outWidth=_b[1],outShape=[batch,outHeight,outWidth,numChannels],program=new TransformProgram(outShape),interpolationModeId=interpolation==="nearest"?1:2,fillModeId;switch(fillMode){case"constant":fillModeId=1;break;case"reflect":fillModeId=2;break;case"wrap":fillModeId=3;break;case"nearest":fillModeId=4;break;default:fillModeId=1;break}var uniformData=[{type:"int32",data:[interpolationModeId]},{type:"int32",data:[fillModeId]},{type:"float32",data:[fillValue]}];return backend.runWebGPUProgram(program,[image,transforms],"float32",uniformData)}var transformConfig={kernelName:tf.Transform,backendName:"webgpu",kernelFunc:transform};function unpack(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,value=inputs.value,axis=attrs.axis;axis<0&&(axis+=value.shape.length);for(var x=value,xRank=x.shape.length,num=value.shape[axis],outShape=new Array(xRank-1),outIndex=0,i=0;i<xRank;i++)i!==axis&&(outShape[outIndex++]=x.shape[i]);var toDispose=[],begin=new Array(xRank).fill(0),size=x.shape.slice();size[axis]=1;for(var res=new Array(num),i=0;i<res.length;i++){begin[axis]=i;var sliced=slice({inputs:{x},backend,attrs:{begin,size}}),reshaped=reshape({inputs:{x:sliced},backend,attrs:{shape:outShape}});res[i]=reshaped,toDispose.push(sliced)}return toDispose.forEach(function(t){return backend.disposeData(t.dataId)}),res}var unpackConfig={kernelName:tf.Unpack,backendName:"webgpu",kernelFunc:unpack};var UnsortedSegmentSumProgram=(function(){function UnsortedSegmentSumProgram2(inShape,outShape,outputDtype){if(this.outputShape=[],this.variableNames=["x","segmentIds"],this.uniforms="numSegments : i32, xSize: i32,",this.workgroupSize=[64,1,1],this.atomic=!0,this.outputShape=outShape,this.dispatchLayout=flatDispatchLayout(inShape),this.dispatch=computeDispatch(this.dispatchLayout,inShape,this.workgroupSize),outputDtype!=="float32"&&outputDtype!=="int32")throw new Error(`UnsortedSegmentSum only supports float32 and int32
              types, does not support `.concat(outputDtype," type."));this.type=outputDtype,this.shaderKey="unsortedSegmentSum"}return UnsortedSegmentSumProgram2.prototype.getUserCode=function(){var userCode=`
    `.concat(getMainHeaderString("index"),` {
      if (index < uniforms.xSize) {
        let coords = getXCoordsFromIndex(index);
        let b = coords[0];
        let inCol = coords[1];

        let segmentId = i32(getSegmentIds(inCol));
        if (segmentId >= 0) {
          let flatIndex = b * uniforms.numSegments + segmentId % uniforms.numSegments;
          let value = getX(b, inCol);

          `).concat(atomicAddSnippet("&result[flatIndex]","value",this.type),`
        }
      }
    }
  `);return userCode},UnsortedSegmentSumProgram2})();function unsortedSegmentSum(args){var inputs=args.inputs,backend=args.backend,attrs=args.attrs,x=inputs.x,segmentIds=inputs.segmentIds,numSegments=attrs.numSegments,xRank=x.shape.length,toDispose=[],axis=0,permutation=tf.backend_util.getAxesPermutation([axis],xRank),permutedX=x;permutation!=null&&(permutedX=transpose({inputs:{x},backend,attrs:{perm:permutation}}),toDispose.push(permutedX),axis=tf.backend_util.getInnerMostAxes(1,xRank)[0]);var outShape=tf.backend_util.segment_util.computeOutShape(permutedX.shape,axis,numSegments),inSize=tf.util.sizeFromShape([permutedX.shape[axis]]),a2D=reshape({inputs:{x:permutedX},backend,attrs:{shape:[-1,inSize]}});toDispose.push(a2D);var dtype=x.dtype,shape=[a2D.shape[0],numSegments],output=fill({backend,attrs:{shape,value:0,dtype}}),program=new UnsortedSegmentSumProgram(a2D.shape,shape,dtype),uniformData=[{type:"int32",data:[numSegments]},{type:"int32",data:[tf.util.sizeFromShape(a2D.shape)]}],segResult=backend.runWebGPUProgram(program,[a2D,segmentIds],dtype,uniformData,output),reshaped=reshape({inputs:{x:segResult},backend,attrs:{shape:outShape}});toDispose.push(segResult);var result=reshaped;if(permutation!=null){toDispose.push(reshaped);var perm=tf.backend_util.getUndoAxesPermutation(permutation);result=transpose({inputs:{x:result},backend,attrs:{perm}})}return toDispose.forEach(function(t){return backend.disposeData(t.dataId)}),result}var unsortedSegmentSumConfig={kernelName:tf.UnsortedSegmentSum,backendName:"webgpu",kernelFunc:unsortedSegmentSum},e_1,_a,kernelConfigs=[_fusedMatMulConfig,absConfig,acosConfig,acoshConfig,addConfig,addNConfig,allConfig,anyConfig,argMaxConfig,argMinConfig,asinConfig,asinhConfig,atanConfig,atan2Config,atanhConfig,avgPoolConfig,avgPool3DConfig,avgPool3DGradConfig,avgPoolGradConfig,batchMatMulConfig,batchToSpaceNDConfig,bincountConfig,broadcastArgsConfig,castConfig,ceilConfig,clipByValueConfig,complexConfig,complexAbsConfig,concatConfig,conv2DConfig,conv2DBackpropFilterConfig,conv2DBackpropInputConfig,conv3DConfig,conv3DBackpropFilterV2Config,conv3DBackpropInputV2Config,cosConfig,coshConfig,cropAndResizeConfig,cumprodConfig,cumsumConfig,denseBincountConfig,depthToSpaceConfig,depthwiseConv2dNativeBackpropFilterConfig,depthwiseConv2dNativeBackpropInputConfig,depthwiseConv2dNativeConfig,diagConfig,dilation2DConfig,dilation2DBackpropFilterConfig,dilation2DBackpropInputConfig,drawConfig,einsumConfig,eluConfig,eluGradConfig,equalConfig,erfConfig,expConfig,expandDimsConfig,expm1Config,fftConfig,fillConfig,flipLeftRightConfig,fromPixelsConfig,floorConfig,floorDivConfig,fusedBatchNormConfig,fusedConv2DConfig,fusedDepthwiseConv2DConfig,gatherNdConfig,gatherV2Config,greaterConfig,greaterEqualConfig,identityConfig,ifftConfig,imagConfig,isFiniteConfig,isInfConfig,isNaNConfig,leakyReluConfig,lessConfig,lessEqualConfig,linSpaceConfig,log1pConfig,logConfig,logicalAndConfig,logicalNotConfig,logicalOrConfig,lrnConfig,lrnGradConfig,maxConfig,maximumConfig,maxPoolConfig,maxPoolGradConfig,maxPool3DConfig,maxPool3DGradConfig,maxPoolWithArgmaxConfig,meanConfig,minConfig,minimumConfig,mirrorPadConfig,modConfig,multinomialConfig,multiplyConfig,negConfig,nonMaxSuppressionV3Config,nonMaxSuppressionV5Config,notEqualConfig,oneHotConfig,onesLikeConfig,packConfig,padV2Config,powConfig,preluConfig,prodConfig,rangeConfig,realConfig,realDivConfig,reciprocalConfig,reluConfig,relu6Config,reshapeConfig,resizeBilinearConfig,resizeBilinearGradConfig,resizeNearestNeighborConfig,resizeNearestNeighborGradConfig,reverseConfig,rotateWithOffsetConfig,roundConfig,rsqrtConfig,scatterNdConfig,searchSortedConfig,selectConfig,seluConfig,sigmoidConfig,signConfig,sinConfig,sinhConfig,sliceConfig,stepConfig,stridedSliceConfig,stringNGramsConfig,softmaxConfig,softplusConfig,spaceToBatchNDConfig,sparseSegmentMeanConfig,sparseSegmentSumConfig,sparseToDenseConfig,splitVConfig,sqrtConfig,squareConfig,squaredDifferenceConfig,subConfig,sumConfig,tanConfig,tanhConfig,tensorScatterUpdateConfig,tileConfig,topKConfig,transformConfig,transposeConfig,unpackConfig,unsortedSegmentSumConfig,zerosLikeConfig];try{for(kernelConfigs_1=__values(kernelConfigs),kernelConfigs_1_1=kernelConfigs_1.next();!kernelConfigs_1_1.done;kernelConfigs_1_1=kernelConfigs_1.next())kernelConfig=kernelConfigs_1_1.value,tf.registerKernel(kernelConfig)}catch(e_1_1){e_1={error:e_1_1}}finally{try{kernelConfigs_1_1&&!kernelConfigs_1_1.done&&(_a=kernelConfigs_1.return)&&_a.call(kernelConfigs_1)}finally{if(e_1)throw e_1.error}}var kernelConfig,kernelConfigs_1,kernelConfigs_1_1;exports.WebGPUBackend=WebGPUBackend;exports.webgpu_util=webgpu_util}});export default require_tf_backend_webgpu_node();
/*! For license information please see tf-backend-webgpu.node-R3HQGL6R.js.LEGAL.txt */
