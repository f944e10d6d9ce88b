// The packages that are not bundled (native code: their JavaScript finds its own prebuilt
// binary beside it). scripts/bundle.mjs keeps them external; scripts/release.mjs carries those
// of them that are dependencies in package.json (with their per-platform packages); the
// others are installed at run time only when their backend is chosen.
export const NATIVE = ['sharp', '@resvg/resvg-js', 'webgpu', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];
