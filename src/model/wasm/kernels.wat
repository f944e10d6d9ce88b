;; Training kernels that tfjs's WASM backend lacks, in WebAssembly with
;; 128-bit SIMD (4 float32 lanes). They work on a shared memory that both
;; training threads import, so each thread updates its part in place.
;;
;; Assembled by `npm run build:wasm` (scripts/build-wasm.mjs) into
;; kernels.wasm.ts, which is committed; CI checks that it is up to date.
;; Pointers are byte offsets into the memory, 16-byte aligned; counts are
;; element counts, multiples of 4 where noted.

(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Adam (torch.optim.Adam's update, in float32) over `count` weights
  ;; (a multiple of 4), the gradient being gradient0 + gradient1:
  ;;   m = beta1 m + (1 - beta1) g
  ;;   v = beta2 v + (1 - beta2) g²
  ;;   w = w - stepSize m / (√v · inverseCorrection + epsilon)
  ;; with stepSize = lr / (1 - beta1^t), inverseCorrection = 1 / √(1 - beta2^t).
  (func (export "adam")
    (param $weights i32) (param $gradient0 i32) (param $gradient1 i32)
    (param $firstMoment i32) (param $secondMoment i32) (param $count i32)
    (param $stepSize f32) (param $inverseCorrection f32)
    (param $beta1 f32) (param $beta2 f32) (param $epsilon f32)
    (local $offset i32) (local $end i32)
    (local $gradient v128) (local $mean v128) (local $variance v128)
    (local $b1 v128) (local $b2 v128) (local $oneMinusB1 v128) (local $oneMinusB2 v128)
    (local $step v128) (local $correction v128) (local $eps v128)
    (local.set $b1 (f32x4.splat (local.get $beta1)))
    (local.set $b2 (f32x4.splat (local.get $beta2)))
    (local.set $oneMinusB1 (f32x4.splat (f32.sub (f32.const 1) (local.get $beta1))))
    (local.set $oneMinusB2 (f32x4.splat (f32.sub (f32.const 1) (local.get $beta2))))
    (local.set $step (f32x4.splat (local.get $stepSize)))
    (local.set $correction (f32x4.splat (local.get $inverseCorrection)))
    (local.set $eps (f32x4.splat (local.get $epsilon)))
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $offset) (local.get $end)))
        (local.set $gradient
          (f32x4.add
            (v128.load (i32.add (local.get $gradient0) (local.get $offset)))
            (v128.load (i32.add (local.get $gradient1) (local.get $offset)))))
        (local.set $mean
          (f32x4.add
            (f32x4.mul (local.get $b1) (v128.load (i32.add (local.get $firstMoment) (local.get $offset))))
            (f32x4.mul (local.get $oneMinusB1) (local.get $gradient))))
        (local.set $variance
          (f32x4.add
            (f32x4.mul (local.get $b2) (v128.load (i32.add (local.get $secondMoment) (local.get $offset))))
            (f32x4.mul (local.get $oneMinusB2) (f32x4.mul (local.get $gradient) (local.get $gradient)))))
        (v128.store (i32.add (local.get $firstMoment) (local.get $offset)) (local.get $mean))
        (v128.store (i32.add (local.get $secondMoment) (local.get $offset)) (local.get $variance))
        (v128.store (i32.add (local.get $weights) (local.get $offset))
          (f32x4.sub
            (v128.load (i32.add (local.get $weights) (local.get $offset)))
            (f32x4.div
              (f32x4.mul (local.get $step) (local.get $mean))
              (f32x4.add (f32x4.mul (f32x4.sqrt (local.get $variance)) (local.get $correction)) (local.get $eps)))))
        (local.set $offset (i32.add (local.get $offset) (i32.const 16)))
        (br $next))))

  ;; Filter and bias gradients of relu(conv(x) + bias) → max pool (stride =
  ;; pool size, 'valid'), for a 3×3 convolution of one-channel images: the
  ;; notebook's grayscale case of fused.ts's convBlockGradients, which states
  ;; the rule (the gradient of each pooled value goes to the first maximum of
  ;; its window, in row-major order, and only where that maximum is > 0).
  ;; Four filters at a time (`filters` a multiple of 4); sums in float32.
  ;; Layouts (NHWC): input [batch, height, width], activation [batch,
  ;; height-2, width-2, filters], pooled and upstream [batch, pooledHeight,
  ;; pooledWidth, filters]; writes kernelGradient [3, 3, 1, filters] and
  ;; biasGradient [filters].
  (func (export "conv_block_gradient")
    (param $input i32) (param $activation i32) (param $pooled i32) (param $upstream i32)
    (param $kernelGradient i32) (param $biasGradient i32)
    (param $batch i32) (param $height i32) (param $width i32) (param $filters i32) (param $pool i32)
    (local $convHeight i32) (local $convWidth i32) (local $pooledHeight i32) (local $pooledWidth i32)
    (local $filterBytes i32) (local $b i32) (local $qy i32) (local $qx i32) (local $f i32)
    (local $i i32) (local $j i32) (local $ky i32) (local $kx i32)
    (local $pooledAt i32) (local $windowAt i32) (local $inputAt i32) (local $tapAt i32) (local $shift i32)
    (local $lane0 i32) (local $lane1 i32) (local $lane2 i32) (local $lane3 i32)
    (local $maximum v128) (local $gradient v128) (local $winner v128) (local $value v128)
    (local.set $convHeight (i32.sub (local.get $height) (i32.const 2)))
    (local.set $convWidth (i32.sub (local.get $width) (i32.const 2)))
    (local.set $pooledHeight
      (i32.add (i32.div_u (i32.sub (local.get $convHeight) (local.get $pool)) (local.get $pool)) (i32.const 1)))
    (local.set $pooledWidth
      (i32.add (i32.div_u (i32.sub (local.get $convWidth) (local.get $pool)) (local.get $pool)) (i32.const 1)))
    (local.set $filterBytes (i32.shl (local.get $filters) (i32.const 2)))
    (memory.fill (local.get $kernelGradient) (i32.const 0) (i32.mul (local.get $filterBytes) (i32.const 9)))
    (memory.fill (local.get $biasGradient) (i32.const 0) (local.get $filterBytes))
    (local.set $b (i32.const 0))
    (block $batchesDone (loop $nextImage
      (br_if $batchesDone (i32.ge_u (local.get $b) (local.get $batch)))
      (local.set $qy (i32.const 0))
      (block $rowsDone (loop $nextRow
        (br_if $rowsDone (i32.ge_u (local.get $qy) (local.get $pooledHeight)))
        (local.set $qx (i32.const 0))
        (block $windowsDone (loop $nextWindow
          (br_if $windowsDone (i32.ge_u (local.get $qx) (local.get $pooledWidth)))
          ;; byte offsets of the window's pooled value, first activation and first input pixel
          (local.set $pooledAt (i32.mul
            (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $pooledHeight)) (local.get $qy)) (local.get $pooledWidth)) (local.get $qx))
            (local.get $filterBytes)))
          (local.set $windowAt (i32.add (local.get $activation) (i32.mul
            (i32.add
              (i32.mul (i32.add (i32.mul (local.get $b) (local.get $convHeight)) (i32.mul (local.get $qy) (local.get $pool))) (local.get $convWidth))
              (i32.mul (local.get $qx) (local.get $pool)))
            (local.get $filterBytes))))
          (local.set $inputAt (i32.add (local.get $input) (i32.shl
            (i32.add
              (i32.mul (i32.add (i32.mul (local.get $b) (local.get $height)) (i32.mul (local.get $qy) (local.get $pool))) (local.get $width))
              (i32.mul (local.get $qx) (local.get $pool)))
            (i32.const 2))))
          (local.set $f (i32.const 0))
          (block $filtersDone (loop $nextFilters
            (br_if $filtersDone (i32.ge_u (local.get $f) (local.get $filterBytes)))
            (local.set $maximum (v128.load (i32.add (local.get $pooled) (i32.add (local.get $pooledAt) (local.get $f)))))
            ;; ReLU passes no gradient where its output (the window's maximum) is not > 0
            (local.set $gradient (v128.and
              (v128.load (i32.add (local.get $upstream) (i32.add (local.get $pooledAt) (local.get $f))))
              (f32x4.gt (local.get $maximum) (f32x4.splat (f32.const 0)))))
            (if (v128.any_true (local.get $gradient))
              (then
                ;; the winner of each lane, as the address of its 3×3 input patch: scanning the
                ;; window backwards, the last match kept is the first maximum in row-major order
                (local.set $winner (i32x4.splat (local.get $inputAt)))
                (local.set $i (local.get $pool))
                (loop $previousRow
                  (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                  (local.set $j (local.get $pool))
                  (loop $previousColumn
                    (local.set $j (i32.sub (local.get $j) (i32.const 1)))
                    (local.set $value (v128.load (i32.add (i32.add (local.get $windowAt) (local.get $f))
                      (i32.mul (i32.add (i32.mul (local.get $i) (local.get $convWidth)) (local.get $j)) (local.get $filterBytes)))))
                    (local.set $winner (v128.bitselect
                      (i32x4.splat (i32.add (local.get $inputAt)
                        (i32.shl (i32.add (i32.mul (local.get $i) (local.get $width)) (local.get $j)) (i32.const 2))))
                      (local.get $winner)
                      (f32x4.eq (local.get $value) (local.get $maximum))))
                    (br_if $previousColumn (i32.gt_u (local.get $j) (i32.const 0))))
                  (br_if $previousRow (i32.gt_u (local.get $i) (i32.const 0))))
                (local.set $lane0 (i32x4.extract_lane 0 (local.get $winner)))
                (local.set $lane1 (i32x4.extract_lane 1 (local.get $winner)))
                (local.set $lane2 (i32x4.extract_lane 2 (local.get $winner)))
                (local.set $lane3 (i32x4.extract_lane 3 (local.get $winner)))
                (local.set $tapAt (i32.add (local.get $biasGradient) (local.get $f)))
                (v128.store (local.get $tapAt) (f32x4.add (v128.load (local.get $tapAt)) (local.get $gradient)))
                ;; kernelGradient[ky][kx][f..f+3] += input under tap (ky, kx) of each lane's patch × gradient
                (local.set $ky (i32.const 0))
                (loop $nextTapRow
                  (local.set $kx (i32.const 0))
                  (loop $nextTap
                    (local.set $shift (i32.shl (i32.add (i32.mul (local.get $ky) (local.get $width)) (local.get $kx)) (i32.const 2)))
                    (local.set $value
                      (f32x4.replace_lane 3
                        (f32x4.replace_lane 2
                          (f32x4.replace_lane 1
                            (f32x4.splat (f32.load (i32.add (local.get $lane0) (local.get $shift))))
                            (f32.load (i32.add (local.get $lane1) (local.get $shift))))
                          (f32.load (i32.add (local.get $lane2) (local.get $shift))))
                        (f32.load (i32.add (local.get $lane3) (local.get $shift)))))
                    (local.set $tapAt (i32.add (i32.add (local.get $kernelGradient) (local.get $f))
                      (i32.mul (i32.add (i32.mul (local.get $ky) (i32.const 3)) (local.get $kx)) (local.get $filterBytes))))
                    (v128.store (local.get $tapAt)
                      (f32x4.add (v128.load (local.get $tapAt)) (f32x4.mul (local.get $value) (local.get $gradient))))
                    (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
                    (br_if $nextTap (i32.lt_u (local.get $kx) (i32.const 3))))
                  (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
                  (br_if $nextTapRow (i32.lt_u (local.get $ky) (i32.const 3))))))
            (local.set $f (i32.add (local.get $f) (i32.const 16)))
            (br $nextFilters)))
          (local.set $qx (i32.add (local.get $qx) (i32.const 1)))
          (br $nextWindow)))
        (local.set $qy (i32.add (local.get $qy) (i32.const 1)))
        (br $nextRow)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $nextImage)))
  )
)
