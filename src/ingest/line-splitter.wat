;; The field split of a byte scan (OrderByteScanner), sixteen bytes at a time with Wasm SIMD.
;; Compiled by the test in test/ingest/line-splitter.test.ts into line-splitter-wasm.ts
;; (UPDATE_GOLDEN=1 npm test writes it), so the build needs no WebAssembly toolchain.
;;
;; A JavaScript loop over 32-bit words found delimiters and line ends four bytes at a time and
;; spent ~1.6 s of a thread's 6.4 s on 10M lines; here a 16-byte compare gives the same bits in a
;; few instructions, and the positions go out as one record per line.
(module
  (memory (export "memory") 1)

  ;; The complete lines of bytes [p, end), each one record of 2 + 2 * fields i32s at rec:
  ;;   [line end (its line feed), delimiters seen, start 0, end 0, start 1, end 1, ...]
  ;; Field k runs from start k to end k; a field past the last one found is 0, 0 (as the scanner
  ;; reads an absent field); more delimiters than fields - 1 leave the fields after the last one
  ;; that fits unwritten (the row goes the string route). Returns the records written: at most
  ;; maxLines, then the caller goes on from the last line end + 1. The bytes up to p + 16 past
  ;; `end` are read and ignored: the caller leaves room for them.
  (func (export "splitLines")
    (param $p i32) (param $end i32) (param $rec i32) (param $maxLines i32) (param $delimiter i32) (param $fields i32)
    (result i32)
    (local $found i32) (local $newlines i32) (local $bit i32) (local $at i32) (local $field i32)
    (local $lines i32) (local $stride i32) (local $fill i32)
    (local $delimiters v128) (local $lineFeeds v128) (local $block v128) (local $isLineFeed v128)
    (local.set $stride (i32.shl (i32.add (local.get $fields) (i32.const 1)) (i32.const 3)))
    (local.set $delimiters (i8x16.splat (local.get $delimiter)))
    (local.set $lineFeeds (i8x16.splat (i32.const 10)))
    (i32.store offset=8 (local.get $rec) (local.get $p))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $block (v128.load (local.get $p)))
        (local.set $isLineFeed (i8x16.eq (local.get $block) (local.get $lineFeeds)))
        (local.set $newlines (i8x16.bitmask (local.get $isLineFeed)))
        (local.set $found
          (i8x16.bitmask (v128.or (i8x16.eq (local.get $block) (local.get $delimiters)) (local.get $isLineFeed))))
        ;; The block's bytes at or past `end` are not the caller's.
        (if (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end))
          (then
            (local.set $found
              (i32.and (local.get $found)
                (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $end) (local.get $p))) (i32.const 1))))))
        (block $blockDone
          (loop $hits
            (br_if $blockDone (i32.eqz (local.get $found)))
            (local.set $bit (i32.and (local.get $found) (i32.sub (i32.const 0) (local.get $found))))
            (local.set $at (i32.add (local.get $p) (i32.ctz (local.get $found))))
            (local.set $found (i32.xor (local.get $found) (local.get $bit)))
            (if (i32.and (local.get $newlines) (local.get $bit))
              (then
                (if (i32.lt_u (local.get $field) (local.get $fields))
                  (then
                    (i32.store offset=12 (i32.add (local.get $rec) (i32.shl (local.get $field) (i32.const 3))) (local.get $at))
                    (local.set $fill (i32.add (local.get $field) (i32.const 1)))
                    (block $filled
                      (loop $absent
                        (br_if $filled (i32.ge_u (local.get $fill) (local.get $fields)))
                        (i64.store offset=8 (i32.add (local.get $rec) (i32.shl (local.get $fill) (i32.const 3))) (i64.const 0))
                        (local.set $fill (i32.add (local.get $fill) (i32.const 1)))
                        (br $absent)))))
                (i32.store (local.get $rec) (local.get $at))
                (i32.store offset=4 (local.get $rec) (local.get $field))
                (local.set $lines (i32.add (local.get $lines) (i32.const 1)))
                (if (i32.eq (local.get $lines) (local.get $maxLines)) (then (return (local.get $lines))))
                (local.set $rec (i32.add (local.get $rec) (local.get $stride)))
                (local.set $field (i32.const 0))
                (i32.store offset=8 (local.get $rec) (i32.add (local.get $at) (i32.const 1))))
              (else
                (if (i32.lt_u (i32.add (local.get $field) (i32.const 1)) (local.get $fields))
                  (then
                    (i32.store offset=12 (i32.add (local.get $rec) (i32.shl (local.get $field) (i32.const 3))) (local.get $at))
                    (i32.store offset=16 (i32.add (local.get $rec) (i32.shl (local.get $field) (i32.const 3)))
                      (i32.add (local.get $at) (i32.const 1)))))
                (local.set $field (i32.add (local.get $field) (i32.const 1)))))
            (br $hits)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (local.get $lines))
)
