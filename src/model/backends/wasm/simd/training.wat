;; The training step's heaviest parts, in WebAssembly with 128-bit SIMD
;; (4 float32 lanes): Adam, the conv block's sparse gradient and the hidden
;; dense layer. tfjs's WASM backend has no kernel for the first two, and for
;; the dense layer it repacks the weights, which change every step, on every
;; call. They work on a memory that both training threads import, so the
;; weights and gradients are read and written in place, without copies.
;;
;; Assembled by `npm run build:wasm` (scripts/build-wasm.mjs) into
;; training.wasm.ts, which is committed; CI checks that it is up to date.
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
  ;; pool size, 'valid'), for a kernel × kernel convolution of images with
  ;; `channels` channels: conv-block.ts's convBlockGradients, which states the
  ;; rule (the gradient of each pooled value goes to the first maximum of its
  ;; window, in row-major order, and only where that maximum is > 0). Four
  ;; filters at a time (`filters` a multiple of 4); sums in float32.
  ;; Layouts (NHWC): input [batch, height, width, channels], activation
  ;; [batch, height-kernel+1, width-kernel+1, filters], pooled and upstream
  ;; [batch, pooledHeight, pooledWidth, filters]; writes kernelGradient
  ;; [kernel, kernel, channels, filters] and biasGradient [filters].
  (func (export "conv_block_gradient")
    (param $input i32) (param $activation i32) (param $pooled i32) (param $upstream i32)
    (param $kernelGradient i32) (param $biasGradient i32)
    (param $batch i32) (param $height i32) (param $width i32) (param $filters i32) (param $pool i32)
    (param $kernel i32) (param $channels i32)
    (local $convHeight i32) (local $convWidth i32) (local $pooledHeight i32) (local $pooledWidth i32)
    (local $filterBytes i32) (local $b i32) (local $qy i32) (local $qx i32) (local $f i32)
    (local $i i32) (local $j i32) (local $ky i32) (local $tap i32) (local $rowTaps i32)
    (local $pooledAt i32) (local $windowAt i32) (local $inputAt i32) (local $tapAt i32) (local $shift i32)
    (local $pixelBytes i32) (local $rowBytes i32)
    (local $lane0 i32) (local $lane1 i32) (local $lane2 i32) (local $lane3 i32)
    (local $maximum v128) (local $gradient v128) (local $winner v128) (local $value v128)
    (local.set $convHeight (i32.add (i32.sub (local.get $height) (local.get $kernel)) (i32.const 1)))
    (local.set $convWidth (i32.add (i32.sub (local.get $width) (local.get $kernel)) (i32.const 1)))
    (local.set $pooledHeight
      (i32.add (i32.div_u (i32.sub (local.get $convHeight) (local.get $pool)) (local.get $pool)) (i32.const 1)))
    (local.set $pooledWidth
      (i32.add (i32.div_u (i32.sub (local.get $convWidth) (local.get $pool)) (local.get $pool)) (i32.const 1)))
    (local.set $filterBytes (i32.shl (local.get $filters) (i32.const 2)))
    (local.set $pixelBytes (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $rowBytes (i32.mul (local.get $width) (local.get $pixelBytes)))
    ;; one row of a patch: kernel pixels × channels, contiguous in NHWC
    (local.set $rowTaps (i32.mul (local.get $kernel) (local.get $channels)))
    (memory.fill (local.get $kernelGradient) (i32.const 0)
      (i32.mul (local.get $filterBytes) (i32.mul (local.get $rowTaps) (local.get $kernel))))
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
          (local.set $inputAt (i32.add (local.get $input) (i32.mul
            (i32.add
              (i32.mul (i32.add (i32.mul (local.get $b) (local.get $height)) (i32.mul (local.get $qy) (local.get $pool))) (local.get $width))
              (i32.mul (local.get $qx) (local.get $pool)))
            (local.get $pixelBytes))))
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
                ;; the winner of each lane, as the address of its input patch: scanning the
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
                        (i32.add (i32.mul (local.get $i) (local.get $rowBytes)) (i32.mul (local.get $j) (local.get $pixelBytes)))))
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
                ;; kernelGradient[ky][kx][c][f..f+3] += input under tap (ky, kx, c) of each lane's patch × gradient;
                ;; within a patch row the taps (kx, c) are contiguous, so one index runs over both
                (local.set $tapAt (i32.add (local.get $kernelGradient) (local.get $f)))
                (local.set $ky (i32.const 0))
                (loop $nextTapRow
                  (local.set $tap (i32.const 0))
                  (loop $nextTap
                    (local.set $shift (i32.add (i32.mul (local.get $ky) (local.get $rowBytes)) (i32.shl (local.get $tap) (i32.const 2))))
                    (local.set $value
                      (f32x4.replace_lane 3
                        (f32x4.replace_lane 2
                          (f32x4.replace_lane 1
                            (f32x4.splat (f32.load (i32.add (local.get $lane0) (local.get $shift))))
                            (f32.load (i32.add (local.get $lane1) (local.get $shift))))
                          (f32.load (i32.add (local.get $lane2) (local.get $shift))))
                        (f32.load (i32.add (local.get $lane3) (local.get $shift)))))
                    (v128.store (local.get $tapAt)
                      (f32x4.add (v128.load (local.get $tapAt)) (f32x4.mul (local.get $value) (local.get $gradient))))
                    (local.set $tapAt (i32.add (local.get $tapAt) (local.get $filterBytes)))
                    (local.set $tap (i32.add (local.get $tap) (i32.const 1)))
                    (br_if $nextTap (i32.lt_u (local.get $tap) (local.get $rowTaps))))
                  (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
                  (br_if $nextTapRow (i32.lt_u (local.get $ky) (local.get $kernel))))))
            (local.set $f (i32.add (local.get $f) (i32.const 16)))
            (br $nextFilters)))
          (local.set $qx (i32.add (local.get $qx) (i32.const 1)))
          (br $nextWindow)))
        (local.set $qy (i32.add (local.get $qy) (i32.const 1)))
        (br $nextRow)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $nextImage)))
  )

  ;; The same block's gradients with four channels at a time instead of four
  ;; filters (`channels` a multiple of 4, as in a block after other layers):
  ;; one scalar winner search per pooled value, then, where its window's first
  ;; maximum is > 0, for every tap (ky, kx, c) of the winner's patch:
  ;;   filterGradient[f, ky, kx, c] += input[b, y + ky, x + kx, c] · gradient
  ;;   inputGradient[b, y + ky, x + kx, c] += filter[f, ky, kx, c] · gradient
  ;; with (y, x) the winner's conv position; the second only when
  ;; `withInputGradient` is not 0 (the first block's input is the images).
  ;; Filters are laid out by output ([filters, kernel, kernel, channels]),
  ;; so that a patch row's taps are contiguous in both; biasGradient
  ;; [filters]; inputGradient as input [batch, height, width, channels].
  ;; Only 1 in pool² conv outputs gets a gradient, which tfjs's dense
  ;; gradients would still multiply through. Sums in float32, winners in
  ;; row-major order.
  (func (export "conv_block_gradients_by_channel")
    (param $input i32) (param $activation i32) (param $pooled i32) (param $upstream i32) (param $filtersByOutput i32)
    (param $filterGradient i32) (param $biasGradient i32) (param $inputGradient i32) (param $withInputGradient i32)
    (param $batch i32) (param $height i32) (param $width i32) (param $filters i32) (param $pool i32)
    (param $kernel i32) (param $channels i32)
    (local $convHeight i32) (local $convWidth i32) (local $pooledHeight i32) (local $pooledWidth i32)
    (local $b i32) (local $qy i32) (local $qx i32) (local $f i32) (local $i i32) (local $j i32)
    (local $ky i32) (local $tap i32) (local $rowTaps i32) (local $rowBytes i32) (local $patchBytes i32)
    (local $pooledAt i32) (local $windowAt i32) (local $winner i32) (local $pixelAt i32) (local $weightAt i32)
    (local $maximum f32) (local $gradient f32) (local $scale v128) (local $biasAt i32)
    (local.set $convHeight (i32.add (i32.sub (local.get $height) (local.get $kernel)) (i32.const 1)))
    (local.set $convWidth (i32.add (i32.sub (local.get $width) (local.get $kernel)) (i32.const 1)))
    (local.set $pooledHeight
      (i32.add (i32.div_u (i32.sub (local.get $convHeight) (local.get $pool)) (local.get $pool)) (i32.const 1)))
    (local.set $pooledWidth
      (i32.add (i32.div_u (i32.sub (local.get $convWidth) (local.get $pool)) (local.get $pool)) (i32.const 1)))
    (local.set $rowTaps (i32.mul (local.get $kernel) (local.get $channels)))
    (local.set $rowBytes (i32.shl (i32.mul (local.get $width) (local.get $channels)) (i32.const 2)))
    (local.set $patchBytes (i32.shl (i32.mul (local.get $rowTaps) (local.get $kernel)) (i32.const 2)))
    (memory.fill (local.get $filterGradient) (i32.const 0) (i32.mul (local.get $filters) (local.get $patchBytes)))
    (memory.fill (local.get $biasGradient) (i32.const 0) (i32.shl (local.get $filters) (i32.const 2)))
    (if (local.get $withInputGradient)
      (then (memory.fill (local.get $inputGradient) (i32.const 0)
        (i32.mul (i32.mul (local.get $batch) (local.get $height)) (local.get $rowBytes)))))
    (local.set $b (i32.const 0))
    (block $batchesDone (loop $nextImage
      (br_if $batchesDone (i32.ge_u (local.get $b) (local.get $batch)))
      (local.set $qy (i32.const 0))
      (block $rowsDone (loop $nextRow
        (br_if $rowsDone (i32.ge_u (local.get $qy) (local.get $pooledHeight)))
        (local.set $qx (i32.const 0))
        (block $windowsDone (loop $nextWindow
          (br_if $windowsDone (i32.ge_u (local.get $qx) (local.get $pooledWidth)))
          (local.set $pooledAt (i32.shl (i32.mul
            (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $pooledHeight)) (local.get $qy)) (local.get $pooledWidth)) (local.get $qx))
            (local.get $filters)) (i32.const 2)))
          (local.set $f (i32.const 0))
          (block $filtersDone (loop $nextFilter
            (br_if $filtersDone (i32.ge_u (local.get $f) (local.get $filters)))
            (local.set $gradient (f32.load (i32.add (local.get $upstream) (i32.add (local.get $pooledAt) (i32.shl (local.get $f) (i32.const 2))))))
            (local.set $maximum (f32.load (i32.add (local.get $pooled) (i32.add (local.get $pooledAt) (i32.shl (local.get $f) (i32.const 2))))))
            (if (i32.and (f32.ne (local.get $gradient) (f32.const 0)) (f32.gt (local.get $maximum) (f32.const 0)))
              (then
                ;; the winner: the first element of the window equal to the maximum, row-major, as the
                ;; byte offset of its patch's first pixel (image b, row qy·pool + i, column qx·pool + j)
                (local.set $winner (i32.const -1))
                (local.set $i (i32.const 0))
                (block $found (loop $searchRow
                  (local.set $j (i32.const 0))
                  (loop $searchColumn
                    (local.set $windowAt (i32.add
                      (i32.mul (i32.add (i32.mul (local.get $b) (local.get $convHeight)) (i32.add (i32.mul (local.get $qy) (local.get $pool)) (local.get $i)))
                        (local.get $convWidth))
                      (i32.add (i32.mul (local.get $qx) (local.get $pool)) (local.get $j))))
                    (if (f32.eq (f32.load (i32.add (local.get $activation)
                          (i32.shl (i32.add (i32.mul (local.get $windowAt) (local.get $filters)) (local.get $f)) (i32.const 2))))
                          (local.get $maximum))
                      (then
                        (local.set $winner (i32.add
                          (i32.mul (i32.add (i32.mul (local.get $b) (local.get $height)) (i32.add (i32.mul (local.get $qy) (local.get $pool)) (local.get $i))) (local.get $rowBytes))
                          (i32.shl (i32.mul (i32.add (i32.mul (local.get $qx) (local.get $pool)) (local.get $j)) (local.get $channels)) (i32.const 2))))
                        (br $found)))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br_if $searchColumn (i32.lt_u (local.get $j) (local.get $pool))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $searchRow (i32.lt_u (local.get $i) (local.get $pool)))))
                (if (i32.ge_s (local.get $winner) (i32.const 0))
                  (then
                    (local.set $biasAt (i32.add (local.get $biasGradient) (i32.shl (local.get $f) (i32.const 2))))
                    (f32.store (local.get $biasAt) (f32.add (f32.load (local.get $biasAt)) (local.get $gradient)))
                    (local.set $scale (f32x4.splat (local.get $gradient)))
                    ;; weightAt: byte offset of tap (ky, kx, c) in filter f's [kernel, kernel, channels] block
                    (local.set $weightAt (i32.mul (local.get $f) (local.get $patchBytes)))
                    (local.set $ky (i32.const 0))
                    (loop $nextTapRow
                      (local.set $pixelAt (i32.add (local.get $winner) (i32.mul (local.get $ky) (local.get $rowBytes))))
                      (local.set $tap (i32.const 0))
                      (loop $nextTaps
                        (v128.store (i32.add (local.get $filterGradient) (local.get $weightAt))
                          (f32x4.add (v128.load (i32.add (local.get $filterGradient) (local.get $weightAt)))
                            (f32x4.mul (v128.load (i32.add (local.get $input) (local.get $pixelAt))) (local.get $scale))))
                        (if (local.get $withInputGradient)
                          (then
                            (v128.store (i32.add (local.get $inputGradient) (local.get $pixelAt))
                              (f32x4.add (v128.load (i32.add (local.get $inputGradient) (local.get $pixelAt)))
                                (f32x4.mul (v128.load (i32.add (local.get $filtersByOutput) (local.get $weightAt))) (local.get $scale))))))
                        (local.set $pixelAt (i32.add (local.get $pixelAt) (i32.const 16)))
                        (local.set $weightAt (i32.add (local.get $weightAt) (i32.const 16)))
                        (local.set $tap (i32.add (local.get $tap) (i32.const 4)))
                        (br_if $nextTaps (i32.lt_u (local.get $tap) (local.get $rowTaps))))
                      (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
                      (br_if $nextTapRow (i32.lt_u (local.get $ky) (local.get $kernel))))))))
            (local.set $f (i32.add (local.get $f) (i32.const 1)))
            (br $nextFilter)))
          (local.set $qx (i32.add (local.get $qx) (i32.const 1)))
          (br $nextWindow)))
        (local.set $qy (i32.add (local.get $qy) (i32.const 1)))
        (br $nextRow)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $nextImage)))
  )

  ;; The hidden dense layer, forward: out = relu(x · weights + bias), with x
  ;; [rows, inputs], weights [inputs, units], bias [units], out [rows, units],
  ;; `units` a multiple of 16. Two rows × 16 units at a time, summing over the
  ;; inputs in order.
  (func (export "dense_relu_forward")
    (param $x i32) (param $weights i32) (param $bias i32) (param $out i32)
    (param $rows i32) (param $inputs i32) (param $units i32)
    (local $unitBytes i32) (local $inputBytes i32) (local $column i32) (local $row i32)
    (local $x0 i32) (local $x1 i32) (local $k i32) (local $w i32) (local $at i32)
    (local $s0 v128) (local $s1 v128) (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128)
    (local $a00 v128) (local $a01 v128) (local $a02 v128) (local $a03 v128)
    (local $a10 v128) (local $a11 v128) (local $a12 v128) (local $a13 v128)
    (local.set $unitBytes (i32.shl (local.get $units) (i32.const 2)))
    (local.set $inputBytes (i32.shl (local.get $inputs) (i32.const 2)))
    (local.set $column (i32.const 0))
    (block $columnsDone (loop $nextColumns
      (br_if $columnsDone (i32.ge_u (local.get $column) (local.get $unitBytes)))
      (local.set $row (i32.const 0))
      (block $rowsDone (loop $nextRows
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rows)))
        ;; the second row of the pair is the first again when it is the last, odd row (computed twice, stored once)
        (local.set $x0 (i32.add (local.get $x) (i32.mul (local.get $row) (local.get $inputBytes))))
        (local.set $x1 (select
          (i32.add (local.get $x0) (local.get $inputBytes))
          (local.get $x0)
          (i32.lt_u (i32.add (local.get $row) (i32.const 1)) (local.get $rows))))
        (local.set $a00 (v128.load (i32.add (local.get $bias) (local.get $column))))
        (local.set $a01 (v128.load offset=16 (i32.add (local.get $bias) (local.get $column))))
        (local.set $a02 (v128.load offset=32 (i32.add (local.get $bias) (local.get $column))))
        (local.set $a03 (v128.load offset=48 (i32.add (local.get $bias) (local.get $column))))
        (local.set $a10 (local.get $a00))
        (local.set $a11 (local.get $a01))
        (local.set $a12 (local.get $a02))
        (local.set $a13 (local.get $a03))
        (local.set $w (i32.add (local.get $weights) (local.get $column)))
        (local.set $k (i32.const 0))
        (block $sumDone (loop $nextInput
          (br_if $sumDone (i32.ge_u (local.get $k) (local.get $inputBytes)))
          (local.set $s0 (v128.load32_splat (i32.add (local.get $x0) (local.get $k))))
          (local.set $s1 (v128.load32_splat (i32.add (local.get $x1) (local.get $k))))
          (local.set $w0 (v128.load (local.get $w)))
          (local.set $w1 (v128.load offset=16 (local.get $w)))
          (local.set $w2 (v128.load offset=32 (local.get $w)))
          (local.set $w3 (v128.load offset=48 (local.get $w)))
          (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $s0) (local.get $w0))))
          (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $s0) (local.get $w1))))
          (local.set $a02 (f32x4.add (local.get $a02) (f32x4.mul (local.get $s0) (local.get $w2))))
          (local.set $a03 (f32x4.add (local.get $a03) (f32x4.mul (local.get $s0) (local.get $w3))))
          (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $s1) (local.get $w0))))
          (local.set $a11 (f32x4.add (local.get $a11) (f32x4.mul (local.get $s1) (local.get $w1))))
          (local.set $a12 (f32x4.add (local.get $a12) (f32x4.mul (local.get $s1) (local.get $w2))))
          (local.set $a13 (f32x4.add (local.get $a13) (f32x4.mul (local.get $s1) (local.get $w3))))
          (local.set $w (i32.add (local.get $w) (local.get $unitBytes)))
          (local.set $k (i32.add (local.get $k) (i32.const 4)))
          (br $nextInput)))
        (local.set $at (i32.add (i32.add (local.get $out) (i32.mul (local.get $row) (local.get $unitBytes))) (local.get $column)))
        (v128.store (local.get $at) (f32x4.max (local.get $a00) (f32x4.splat (f32.const 0))))
        (v128.store offset=16 (local.get $at) (f32x4.max (local.get $a01) (f32x4.splat (f32.const 0))))
        (v128.store offset=32 (local.get $at) (f32x4.max (local.get $a02) (f32x4.splat (f32.const 0))))
        (v128.store offset=48 (local.get $at) (f32x4.max (local.get $a03) (f32x4.splat (f32.const 0))))
        (if (i32.lt_u (i32.add (local.get $row) (i32.const 1)) (local.get $rows))
          (then
            (local.set $at (i32.add (local.get $at) (local.get $unitBytes)))
            (v128.store (local.get $at) (f32x4.max (local.get $a10) (f32x4.splat (f32.const 0))))
            (v128.store offset=16 (local.get $at) (f32x4.max (local.get $a11) (f32x4.splat (f32.const 0))))
            (v128.store offset=32 (local.get $at) (f32x4.max (local.get $a12) (f32x4.splat (f32.const 0))))
            (v128.store offset=48 (local.get $at) (f32x4.max (local.get $a13) (f32x4.splat (f32.const 0))))))
        (local.set $row (i32.add (local.get $row) (i32.const 2)))
        (br $nextRows)))
      (local.set $column (i32.add (local.get $column) (i32.const 64)))
      (br $nextColumns))))

  ;; The hidden dense layer, backward, after dense_relu_forward of the same x
  ;; (`out` is its output). `upstream` [rows, units] is the loss gradient of
  ;; out; it is overwritten with the gradient before the ReLU (0 where out is
  ;; not > 0, as tfjs's relu gradient). Writes biasGradient [units] (the sum
  ;; over rows), weightGradient [inputs, units] = xᵀ · that, and
  ;; inputGradient [rows, inputs] = that · weightsᵀ. `units` a multiple of 16.
  (func (export "dense_relu_backward")
    (param $x i32) (param $weights i32) (param $out i32) (param $upstream i32)
    (param $weightGradient i32) (param $biasGradient i32) (param $inputGradient i32)
    (param $rows i32) (param $inputs i32) (param $units i32)
    (local $unitBytes i32) (local $inputBytes i32) (local $row i32) (local $column i32) (local $k i32)
    (local $at i32) (local $g0 i32) (local $g1 i32) (local $w i32)
    (local $scale v128) (local $sum v128) (local $w0 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $unitBytes (i32.shl (local.get $units) (i32.const 2)))
    (local.set $inputBytes (i32.shl (local.get $inputs) (i32.const 2)))
    ;; the ReLU's gradient, in place, and the bias gradient (a sum over rows, in row order)
    (local.set $column (i32.const 0))
    (block $maskDone (loop $nextMask
      (br_if $maskDone (i32.ge_u (local.get $column) (local.get $unitBytes)))
      (local.set $sum (f32x4.splat (f32.const 0)))
      (local.set $row (i32.const 0))
      (block $rowsDone (loop $nextRow
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $at (i32.add (i32.mul (local.get $row) (local.get $unitBytes)) (local.get $column)))
        (local.set $w0 (v128.and
          (v128.load (i32.add (local.get $upstream) (local.get $at)))
          (f32x4.gt (v128.load (i32.add (local.get $out) (local.get $at))) (f32x4.splat (f32.const 0)))))
        (v128.store (i32.add (local.get $upstream) (local.get $at)) (local.get $w0))
        (local.set $sum (f32x4.add (local.get $sum) (local.get $w0)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $nextRow)))
      (v128.store (i32.add (local.get $biasGradient) (local.get $column)) (local.get $sum))
      (local.set $column (i32.add (local.get $column) (i32.const 16)))
      (br $nextMask)))
    ;; weightGradient[k, :] = sum over rows of x[row, k] · gradient[row, :], 16 units at a time
    (local.set $k (i32.const 0))
    (block $weightsDone (loop $nextWeightRow
      (br_if $weightsDone (i32.ge_u (local.get $k) (local.get $inputBytes)))
      (local.set $column (i32.const 0))
      (block $columnsDone (loop $nextColumns
        (br_if $columnsDone (i32.ge_u (local.get $column) (local.get $unitBytes)))
        (local.set $a0 (f32x4.splat (f32.const 0)))
        (local.set $a1 (local.get $a0))
        (local.set $a2 (local.get $a0))
        (local.set $a3 (local.get $a0))
        (local.set $row (i32.const 0))
        (block $rowsDone (loop $nextRow
          (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rows)))
          (local.set $scale (v128.load32_splat
            (i32.add (i32.add (local.get $x) (i32.mul (local.get $row) (local.get $inputBytes))) (local.get $k))))
          (local.set $at (i32.add (i32.add (local.get $upstream) (i32.mul (local.get $row) (local.get $unitBytes))) (local.get $column)))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $scale) (v128.load (local.get $at)))))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $scale) (v128.load offset=16 (local.get $at)))))
          (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $scale) (v128.load offset=32 (local.get $at)))))
          (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $scale) (v128.load offset=48 (local.get $at)))))
          (local.set $row (i32.add (local.get $row) (i32.const 1)))
          (br $nextRow)))
        (local.set $at (i32.add (i32.add (local.get $weightGradient) (i32.mul (local.get $k) (local.get $units))) (local.get $column)))
        (v128.store (local.get $at) (local.get $a0))
        (v128.store offset=16 (local.get $at) (local.get $a1))
        (v128.store offset=32 (local.get $at) (local.get $a2))
        (v128.store offset=48 (local.get $at) (local.get $a3))
        (local.set $column (i32.add (local.get $column) (i32.const 64)))
        (br $nextColumns)))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $nextWeightRow)))
    ;; inputGradient[row, k] = gradient[row, :] · weights[k, :], two rows at a time
    (local.set $k (i32.const 0))
    (block $inputsDone (loop $nextInput
      (br_if $inputsDone (i32.ge_u (local.get $k) (local.get $inputBytes)))
      (local.set $w (i32.add (local.get $weights) (i32.mul (local.get $k) (local.get $units))))
      (local.set $row (i32.const 0))
      (block $rowsDone (loop $nextRows
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $g0 (i32.add (local.get $upstream) (i32.mul (local.get $row) (local.get $unitBytes))))
        (local.set $g1 (select
          (i32.add (local.get $g0) (local.get $unitBytes))
          (local.get $g0)
          (i32.lt_u (i32.add (local.get $row) (i32.const 1)) (local.get $rows))))
        (local.set $a0 (f32x4.splat (f32.const 0)))
        (local.set $a1 (local.get $a0))
        (local.set $column (i32.const 0))
        (block $dotDone (loop $nextDot
          (br_if $dotDone (i32.ge_u (local.get $column) (local.get $unitBytes)))
          (local.set $w0 (v128.load (i32.add (local.get $w) (local.get $column))))
          (local.set $a0 (f32x4.add (local.get $a0)
            (f32x4.mul (v128.load (i32.add (local.get $g0) (local.get $column))) (local.get $w0))))
          (local.set $a1 (f32x4.add (local.get $a1)
            (f32x4.mul (v128.load (i32.add (local.get $g1) (local.get $column))) (local.get $w0))))
          (local.set $column (i32.add (local.get $column) (i32.const 16)))
          (br $nextDot)))
        (local.set $at (i32.add (i32.add (local.get $inputGradient) (i32.mul (local.get $row) (local.get $inputBytes))) (local.get $k)))
        (f32.store (local.get $at) (f32.add
          (f32.add (f32x4.extract_lane 0 (local.get $a0)) (f32x4.extract_lane 1 (local.get $a0)))
          (f32.add (f32x4.extract_lane 2 (local.get $a0)) (f32x4.extract_lane 3 (local.get $a0)))))
        (if (i32.lt_u (i32.add (local.get $row) (i32.const 1)) (local.get $rows))
          (then
            (f32.store (i32.add (local.get $at) (local.get $inputBytes)) (f32.add
              (f32.add (f32x4.extract_lane 0 (local.get $a1)) (f32x4.extract_lane 1 (local.get $a1)))
              (f32.add (f32x4.extract_lane 2 (local.get $a1)) (f32x4.extract_lane 3 (local.get $a1)))))))
        (local.set $row (i32.add (local.get $row) (i32.const 2)))
        (br $nextRows)))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $nextInput)))
  )
)
