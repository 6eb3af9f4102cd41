;; The hot loops of a byte scan (OrderByteScanner, through ScanKernel): the field split, sixteen
;; bytes at a time with Wasm SIMD; the dictionaries from a field's bytes to its number; and a row
;; whose keys are all known, read whole (readRow). Assembled by test/ingest/scan-kernel.test.ts
;; into scan-kernel-wasm.ts (UPDATE_GOLDEN=1 npm test writes it), so the build needs no
;; WebAssembly toolchain.
;;
;; In JavaScript, a loop over 32-bit words found delimiters and line ends four bytes at a time
;; (~1.6 s of a thread's 6.4 s on 10M lines), and the dictionaries read keys through a DataView
;; (~1.4 s); here a 16-byte compare gives a block's delimiters in a few instructions, and a key is
;; hashed four and compared eight bytes at a time (bench/RESULTS.md has the measures).
;;
;; Memory: the dictionaries' descriptors at 0 (16 bytes each: slots, mask, count, last record
;; found), a row's numbers at 64 (readRow), then the caller's input and records (ScanKernel lays
;; them out), then the heap from $heapTop up: slot tables and key bytes, never freed. The caller
;; keeps the memory big enough for what its input may insert (insert does not grow it), so its
;; views stay valid while it reads the input.
(module
  (memory (export "memory") 1)
  (global $heapTop (mut i32) (i32.const 0))
  ;; The columns readRow reads (-1: none) and the decimal mark (configure).
  (global $customerColumn (mut i32) (i32.const -1))
  (global $dateColumn (mut i32) (i32.const -1))
  (global $amountColumn (mut i32) (i32.const -1))
  (global $quantityColumn (mut i32) (i32.const -1))
  (global $unitPriceColumn (mut i32) (i32.const -1))
  (global $orderColumn (mut i32) (i32.const -1))
  (global $categoryColumn (mut i32) (i32.const -1))
  (global $skuColumn (mut i32) (i32.const -1))
  (global $nameColumn (mut i32) (i32.const -1))
  (global $repColumn (mut i32) (i32.const -1))
  (global $decimalMark (mut i32) (i32.const 46))
  ;; The last order id hashed (length -1: none).
  (global $lastOrderStart (mut i32) (i32.const 0))
  (global $lastOrderLength (mut i32) (i32.const -1))
  (global $lastOrderHash (mut i32) (i32.const 0))

  ;; The complete lines of bytes [p, end), each one record of 2 + 2 * fields i32s at rec:
  ;;   [line end (its line feed), what the line holds, start 0, end 0, start 1, end 1, ...]
  ;; What the line holds: its delimiters in the low 29 bits, 0x20000000 when it ends in a carriage
  ;; return (before the line feed; the last field ends before it), 0x40000000 when it holds a quote
  ;; or another carriage return (only the scanner's string reading reads such a line).
  ;; Field k runs from start k to end k; a field past the last one found is 0, 0 (as the scanner
  ;; reads an absent field); more delimiters than fields - 1 leave the fields after the last one
  ;; that fits unwritten (the row goes the string route). Returns the records written: at most
  ;; maxLines, then the caller goes on from the last line end + 1. The bytes up to p + 16 past
  ;; `end` are read and ignored: the caller leaves room for them.
  (func (export "splitLines")
    (param $p i32) (param $end i32) (param $rec i32) (param $maxLines i32) (param $delimiter i32) (param $fields i32)
    (result i32)
    (local $found i32) (local $newlines i32) (local $others i32) (local $bit i32) (local $at i32) (local $field i32)
    (local $lines i32) (local $stride i32) (local $fill i32) (local $fieldEnd i32) (local $returns i32)
    (local $lastReturn i32) (local $quoted i32) (local $holds i32)
    (local $delimiters v128) (local $lineFeeds v128) (local $quotes v128) (local $carriageReturns v128)
    (local $block v128) (local $isLineFeed v128) (local $isOther v128)
    (local.set $stride (i32.shl (i32.add (local.get $fields) (i32.const 1)) (i32.const 3)))
    (local.set $delimiters (i8x16.splat (local.get $delimiter)))
    (local.set $lineFeeds (i8x16.splat (i32.const 10)))
    (local.set $quotes (i8x16.splat (i32.const 34)))
    (local.set $carriageReturns (i8x16.splat (i32.const 13)))
    (local.set $lastReturn (i32.const -1))
    (i32.store offset=8 (local.get $rec) (local.get $p))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $block (v128.load (local.get $p)))
        (local.set $isLineFeed (i8x16.eq (local.get $block) (local.get $lineFeeds)))
        (local.set $isOther
          (v128.or (i8x16.eq (local.get $block) (local.get $quotes)) (i8x16.eq (local.get $block) (local.get $carriageReturns))))
        (local.set $newlines (i8x16.bitmask (local.get $isLineFeed)))
        (local.set $others (i8x16.bitmask (local.get $isOther)))
        (local.set $found
          (i8x16.bitmask
            (v128.or (v128.or (i8x16.eq (local.get $block) (local.get $delimiters)) (local.get $isLineFeed)) (local.get $isOther))))
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
                ;; A carriage return just before the line feed ends the line; any other, or a quote, marks it.
                (local.set $holds (local.get $field))
                (local.set $fieldEnd (local.get $at))
                (if (i32.eq (local.get $lastReturn) (i32.sub (local.get $at) (i32.const 1)))
                  (then
                    (local.set $holds (i32.or (local.get $holds) (i32.const 0x20000000)))
                    (local.set $fieldEnd (local.get $lastReturn))
                    (local.set $returns (i32.sub (local.get $returns) (i32.const 1)))))
                (if (i32.or (local.get $quoted) (local.get $returns))
                  (then (local.set $holds (i32.or (local.get $holds) (i32.const 0x40000000)))))
                (if (i32.lt_u (local.get $field) (local.get $fields))
                  (then
                    (i32.store offset=12 (i32.add (local.get $rec) (i32.shl (local.get $field) (i32.const 3))) (local.get $fieldEnd))
                    (local.set $fill (i32.add (local.get $field) (i32.const 1)))
                    (block $filled
                      (loop $absent
                        (br_if $filled (i32.ge_u (local.get $fill) (local.get $fields)))
                        (i64.store offset=8 (i32.add (local.get $rec) (i32.shl (local.get $fill) (i32.const 3))) (i64.const 0))
                        (local.set $fill (i32.add (local.get $fill) (i32.const 1)))
                        (br $absent)))))
                (i32.store (local.get $rec) (local.get $at))
                (i32.store offset=4 (local.get $rec) (local.get $holds))
                (local.set $lines (i32.add (local.get $lines) (i32.const 1)))
                (if (i32.eq (local.get $lines) (local.get $maxLines)) (then (return (local.get $lines))))
                (local.set $rec (i32.add (local.get $rec) (local.get $stride)))
                (local.set $field (i32.const 0))
                (local.set $returns (i32.const 0))
                (local.set $quoted (i32.const 0))
                (local.set $lastReturn (i32.const -1))
                (i32.store offset=8 (local.get $rec) (i32.add (local.get $at) (i32.const 1))))
              (else
                (if (i32.and (local.get $others) (local.get $bit))
                  (then
                    (if (i32.eq (i32.load8_u (local.get $at)) (i32.const 13))
                      (then
                        (local.set $returns (i32.add (local.get $returns) (i32.const 1)))
                        (local.set $lastReturn (local.get $at)))
                      (else (local.set $quoted (i32.const 1)))))
                  (else
                    (if (i32.lt_u (i32.add (local.get $field) (i32.const 1)) (local.get $fields))
                      (then
                        (i32.store offset=12 (i32.add (local.get $rec) (i32.shl (local.get $field) (i32.const 3))) (local.get $at))
                        (i32.store offset=16 (i32.add (local.get $rec) (i32.shl (local.get $field) (i32.const 3)))
                          (i32.add (local.get $at) (i32.const 1)))))
                    (local.set $field (i32.add (local.get $field) (i32.const 1)))))))
            (br $hits)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (local.get $lines))

  ;; The heap from `at` on, and an empty table of `slots` (a power of two) for each dictionary.
  (func (export "init") (param $at i32) (param $slots i32)
    (local $table i32)
    (global.set $heapTop (local.get $at))
    (block $done
      (loop $tables
        (br_if $done (i32.ge_u (local.get $table) (i32.const 64)))
        (i32.store (local.get $table) (call $allocate (i32.shl (local.get $slots) (i32.const 4))))
        (i32.store offset=4 (local.get $table) (i32.sub (local.get $slots) (i32.const 1)))
        (i32.store offset=8 (local.get $table) (i32.const 0))
        (i32.store offset=12 (local.get $table) (i32.const 0))
        (local.set $table (i32.add (local.get $table) (i32.const 16)))
        (br $tables))))

  (func (export "heapTop") (result i32) (global.get $heapTop))

  ;; `bytes` zeroed bytes from the heap, on a 16-byte boundary (fresh memory is zero, and the heap
  ;; never reuses any).
  (func $allocate (param $bytes i32) (result i32)
    (local $at i32)
    (local.set $at (i32.and (i32.add (global.get $heapTop) (i32.const 15)) (i32.const -16)))
    (global.set $heapTop (i32.add (local.get $at) (local.get $bytes)))
    (local.get $at))

  ;; A key's hash: each 4-byte word, then the bytes left as one, multiplied in (FNV-1a's prime),
  ;; and the high bits folded into the low ones that pick a slot (a multiply only carries upward).
  (func $hash (param $p i32) (param $end i32) (result i32)
    (local $h i32)
    (local.set $h (i32.const 0x811c9dc5))
    (block $words
      (loop $word
        (br_if $words (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $end)))
        (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load (local.get $p))) (i32.const 0x01000193)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $word)))
    ;; The last one to three bytes as one masked word.
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then
        (local.set $h
          (i32.mul
            (i32.xor (local.get $h)
              (i32.and (i32.load (local.get $p))
                (i32.shr_u (i32.const -1) (i32.sub (i32.const 32) (i32.shl (i32.sub (local.get $end) (local.get $p)) (i32.const 3))))))
            (i32.const 0x01000193)))))
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))) (i32.const 0x85ebca6b)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))

  ;; The `length` bytes at a and at b are the same: eight at a time, the last up to seven as one
  ;; masked read (the bytes read past them, which the caller leaves room for, are masked off).
  ;; Compared a byte at a time, the tail of a 7-byte customer id was most of a lookup.
  (func $same (export "same") (param $a i32) (param $b i32) (param $length i32) (result i32)
    (block $longs
      (loop $long
        (br_if $longs (i32.lt_u (local.get $length) (i32.const 8)))
        (if (i64.ne (i64.load (local.get $a)) (i64.load (local.get $b))) (then (return (i32.const 0))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (local.set $length (i32.sub (local.get $length) (i32.const 8)))
        (br $long)))
    (if (i32.eqz (local.get $length)) (then (return (i32.const 1))))
    (i64.eqz
      (i64.and
        (i64.xor (i64.load (local.get $a)) (i64.load (local.get $b)))
        (i64.shr_u (i64.const -1) (i64.extend_i32_u (i32.sub (i32.const 64) (i32.shl (local.get $length) (i32.const 3))))))))

  ;; The number for the bytes [start, end) in dictionary `table` (0-3), or -2147483648 for bytes it
  ;; has not seen. A slot is [key length + 1 (0: empty), hash, key offset, number]. The slot last
  ;; found is tried first: sorted and grouped exports repeat a value on row after row.
  (func $lookup (export "lookup") (param $table i32) (param $start i32) (param $end i32) (result i32)
    (local $descriptor i32) (local $length i32) (local $last i32) (local $hash i32) (local $mask i32)
    (local $slots i32) (local $slot i32) (local $record i32) (local $stored i32)
    (local.set $descriptor (i32.shl (local.get $table) (i32.const 4)))
    (local.set $length (i32.sub (local.get $end) (local.get $start)))
    (local.set $last (i32.load offset=12 (local.get $descriptor)))
    (if (i32.and (i32.ne (local.get $last) (i32.const 0))
                 (i32.eq (i32.load (local.get $last)) (i32.add (local.get $length) (i32.const 1))))
      (then
        (if (call $same (i32.load offset=8 (local.get $last)) (local.get $start) (local.get $length))
          (then (return (i32.load offset=12 (local.get $last)))))))
    (local.set $hash (call $hash (local.get $start) (local.get $end)))
    (local.set $slots (i32.load (local.get $descriptor)))
    (local.set $mask (i32.load offset=4 (local.get $descriptor)))
    (local.set $slot (i32.and (local.get $hash) (local.get $mask)))
    (loop $probe
      (local.set $record (i32.add (local.get $slots) (i32.shl (local.get $slot) (i32.const 4))))
      (local.set $stored (i32.load (local.get $record)))
      (if (i32.eqz (local.get $stored)) (then (return (i32.const -2147483648))))
      (if (i32.and (i32.eq (local.get $stored) (i32.add (local.get $length) (i32.const 1)))
                   (i32.eq (i32.load offset=4 (local.get $record)) (local.get $hash)))
        (then
          (if (call $same (i32.load offset=8 (local.get $record)) (local.get $start) (local.get $length))
            (then
              (i32.store offset=12 (local.get $descriptor) (local.get $record))
              (return (i32.load offset=12 (local.get $record)))))))
      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
      (br $probe))
    (unreachable))

  ;; Remember `value` for the bytes [start, end), which lookup has not seen, in dictionary `table`:
  ;; the bytes are copied to the heap, and the table doubles once over three quarters full.
  (func (export "insert") (param $table i32) (param $start i32) (param $end i32) (param $value i32)
    (local $descriptor i32) (local $length i32) (local $key i32) (local $count i32)
    (local.set $descriptor (i32.shl (local.get $table) (i32.const 4)))
    (local.set $length (i32.sub (local.get $end) (local.get $start)))
    ;; Keys need no alignment: they are compared a byte or eight at a time wherever they lie.
    (local.set $key (global.get $heapTop))
    (global.set $heapTop (i32.add (local.get $key) (local.get $length)))
    (memory.copy (local.get $key) (local.get $start) (local.get $length))
    (local.set $count (i32.add (i32.load offset=8 (local.get $descriptor)) (i32.const 1)))
    (i32.store offset=8 (local.get $descriptor) (local.get $count))
    (if (i32.gt_u (i32.shl (local.get $count) (i32.const 2))
                  (i32.mul (i32.add (i32.load offset=4 (local.get $descriptor)) (i32.const 1)) (i32.const 3)))
      (then (call $grow (local.get $descriptor))))
    (call $place (local.get $descriptor) (i32.add (local.get $length) (i32.const 1))
      (call $hash (local.get $key) (i32.add (local.get $key) (local.get $length))) (local.get $key) (local.get $value))
    (i32.store offset=12 (local.get $descriptor) (i32.const 0)))

  (func $place (param $descriptor i32) (param $lengthPlusOne i32) (param $hash i32) (param $key i32) (param $value i32)
    (local $slots i32) (local $mask i32) (local $slot i32) (local $record i32)
    (local.set $slots (i32.load (local.get $descriptor)))
    (local.set $mask (i32.load offset=4 (local.get $descriptor)))
    (local.set $slot (i32.and (local.get $hash) (local.get $mask)))
    (block $found
      (loop $probe
        (local.set $record (i32.add (local.get $slots) (i32.shl (local.get $slot) (i32.const 4))))
        (br_if $found (i32.eqz (i32.load (local.get $record))))
        (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
        (br $probe)))
    (i32.store (local.get $record) (local.get $lengthPlusOne))
    (i32.store offset=4 (local.get $record) (local.get $hash))
    (i32.store offset=8 (local.get $record) (local.get $key))
    (i32.store offset=12 (local.get $record) (local.get $value)))

  ;; Twice the slots, each record placed again by the hash it holds (no key is read).
  (func $grow (param $descriptor i32)
    (local $old i32) (local $end i32) (local $slots i32)
    (local.set $old (i32.load (local.get $descriptor)))
    (local.set $end (i32.add (local.get $old)
      (i32.shl (i32.add (i32.load offset=4 (local.get $descriptor)) (i32.const 1)) (i32.const 4))))
    (local.set $slots (i32.shl (i32.add (i32.load offset=4 (local.get $descriptor)) (i32.const 1)) (i32.const 1)))
    (i32.store (local.get $descriptor) (call $allocate (i32.shl (local.get $slots) (i32.const 4))))
    (i32.store offset=4 (local.get $descriptor) (i32.sub (local.get $slots) (i32.const 1)))
    (block $done
      (loop $records
        (br_if $done (i32.ge_u (local.get $old) (local.get $end)))
        (if (i32.load (local.get $old))
          (then
            (call $place (local.get $descriptor) (i32.load (local.get $old)) (i32.load offset=4 (local.get $old))
              (i32.load offset=8 (local.get $old)) (i32.load offset=12 (local.get $old)))))
        (local.set $old (i32.add (local.get $old) (i32.const 16)))
        (br $records))))
  ;; The columns of a row (-1: none) and the decimal mark, for readRow.
  (func (export "configure")
    (param $customer i32) (param $date i32) (param $amount i32) (param $quantity i32) (param $unitPrice i32)
    (param $order i32) (param $category i32) (param $sku i32) (param $name i32) (param $rep i32) (param $mark i32)
    (global.set $customerColumn (local.get $customer))
    (global.set $dateColumn (local.get $date))
    (global.set $amountColumn (local.get $amount))
    (global.set $quantityColumn (local.get $quantity))
    (global.set $unitPriceColumn (local.get $unitPrice))
    (global.set $orderColumn (local.get $order))
    (global.set $categoryColumn (local.get $category))
    (global.set $skuColumn (local.get $sku))
    (global.set $nameColumn (local.get $name))
    (global.set $repColumn (local.get $rep))
    (global.set $decimalMark (local.get $mark)))

  ;; The bytes under the last order id are not to be trusted after this (the caller moved them).
  (func (export "forgetOrder") (global.set $lastOrderLength (i32.const -1)))

  ;; A row the scanner reads as it is, all from memory: 1 with its numbers at 64 (customer, date
  ;; token, product line, name, rep, order hash, has order id, then the amount as an f64 at 96),
  ;; or 0 when any of it needs the scanner's own reading (OrderByteScanner.fastRow): a key not
  ;; seen yet, a field the string route reads, an amount that is not plain. Nothing is decided
  ;; here, so a row handed back is read as if this had never looked at it.
  (func (export "readRow") (param $record i32) (result i32)
    (local $customer i32) (local $date i32) (local $productLine i32) (local $name i32) (local $rep i32)
    (local $amount f64)
    (local.set $customer (call $known (i32.const 0) (local.get $record) (global.get $customerColumn)))
    (if (i32.lt_s (local.get $customer) (i32.const 0)) (then (return (i32.const 0))))
    (local.set $date (call $known (i32.const 1) (local.get $record) (global.get $dateColumn)))
    (if (i32.lt_s (local.get $date) (i32.const 0)) (then (return (i32.const 0))))
    (local.set $amount (call $amount (local.get $record)))
    (if (f64.ne (local.get $amount) (local.get $amount)) (then (return (i32.const 0))))
    (if (call $orderHash (local.get $record)) (then (return (i32.const 0))))
    ;; No category: the sku stands for the product line. A name or rep may be absent (-1), not unknown or unreadable.
    (local.set $productLine (call $known (i32.const 2) (local.get $record) (global.get $categoryColumn)))
    (if (i32.eq (local.get $productLine) (i32.const -1))
      (then (local.set $productLine (call $known (i32.const 2) (local.get $record) (global.get $skuColumn)))))
    (if (i32.lt_s (local.get $productLine) (i32.const -1)) (then (return (i32.const 0))))
    (local.set $name (call $known (i32.const 3) (local.get $record) (global.get $nameColumn)))
    (if (i32.lt_s (local.get $name) (i32.const -1)) (then (return (i32.const 0))))
    (local.set $rep (call $known (i32.const 3) (local.get $record) (global.get $repColumn)))
    (if (i32.lt_s (local.get $rep) (i32.const -1)) (then (return (i32.const 0))))
    (i32.store (i32.const 64) (local.get $customer))
    (i32.store (i32.const 68) (local.get $date))
    (i32.store (i32.const 72) (local.get $productLine))
    (i32.store (i32.const 76) (local.get $name))
    (i32.store (i32.const 80) (local.get $rep))
    (f64.store (i32.const 96) (local.get $amount))
    (i32.const 1))

  ;; The row's amount: its plain amount, or its quantity times its unit price; NaN when that is not
  ;; plain or the columns are not there.
  (func $amount (export "amount") (param $record i32) (result f64)
    (if (i32.ge_s (global.get $amountColumn) (i32.const 0))
      (then (return (call $plainNumber (local.get $record) (global.get $amountColumn)))))
    (if (i32.or (i32.lt_s (global.get $quantityColumn) (i32.const 0)) (i32.lt_s (global.get $unitPriceColumn) (i32.const 0)))
      (then (return (f64.const nan))))
    (f64.mul (call $plainNumber (local.get $record) (global.get $quantityColumn))
             (call $plainNumber (local.get $record) (global.get $unitPriceColumn))))

  ;; The row's order id: its hash at 84 and 1 at 88 (0 and 0 for no id), FNV-1a over an ASCII
  ;; id's bytes, as hashOrderId over its characters, and 0; or 1 when the id has a blank at an edge
  ;; (the string route trims it), 2 when it holds a byte past ASCII (the scanner hashes its text).
  ;; An order's lines follow one another in most exports: the same bytes as the last id hashed
  ;; are its hash again.
  (func $orderHash (export "orderHash") (param $record i32) (result i32)
    (local $start i32) (local $end i32) (local $at i32) (local $all i32) (local $byte i32) (local $hash i32)
    (local $repeated i32)
    (i32.store (i32.const 84) (i32.const 0))
    (i32.store (i32.const 88) (i32.const 0))
    (if (i32.lt_s (global.get $orderColumn) (i32.const 0)) (then (return (i32.const 0))))
    (local.set $at (i32.add (local.get $record) (i32.shl (global.get $orderColumn) (i32.const 3))))
    (local.set $start (i32.load offset=8 (local.get $at)))
    (local.set $end (i32.load offset=12 (local.get $at)))
    (if (i32.eq (local.get $start) (local.get $end)) (then (return (i32.const 0))))
    (i32.store (i32.const 88) (i32.const 1))
    ;; i32.and would compare even when the lengths differ (or none is remembered): an if first.
    (if (i32.eq (i32.sub (local.get $end) (local.get $start)) (global.get $lastOrderLength))
      (then (local.set $repeated (call $same (global.get $lastOrderStart) (local.get $start) (global.get $lastOrderLength)))))
    (if (local.get $repeated)
      (then
        (i32.store (i32.const 84) (global.get $lastOrderHash))
        (return (i32.const 0))))
    (if (i32.or (i32.le_u (i32.load8_u (local.get $start)) (i32.const 32))
                (i32.le_u (i32.load8_u (i32.sub (local.get $end) (i32.const 1))) (i32.const 32)))
      (then (return (i32.const 1))))
    (local.set $hash (i32.const 0x811c9dc5))
    (local.set $at (local.get $start))
    (block $hashed
      (loop $bytes
        (br_if $hashed (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $byte (i32.load8_u (local.get $at)))
        (local.set $all (i32.or (local.get $all) (local.get $byte)))
        (local.set $hash (i32.mul (i32.xor (local.get $hash) (local.get $byte)) (i32.const 0x01000193)))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $bytes)))
    (if (i32.ge_u (local.get $all) (i32.const 128)) (then (return (i32.const 2))))
    (global.set $lastOrderStart (local.get $start))
    (global.set $lastOrderLength (i32.sub (local.get $end) (local.get $start)))
    (global.set $lastOrderHash (local.get $hash))
    (i32.store (i32.const 84) (local.get $hash))
    (i32.const 0))

  ;; A field's number in a dictionary: -1 for no column or an empty field, else what lookup gives
  ;; (-3 is the scanner's mark for bytes the string route reads).
  (func $known (param $table i32) (param $record i32) (param $column i32) (result i32)
    (local $at i32) (local $start i32) (local $end i32)
    (if (i32.lt_s (local.get $column) (i32.const 0)) (then (return (i32.const -1))))
    (local.set $at (i32.add (local.get $record) (i32.shl (local.get $column) (i32.const 3))))
    (local.set $start (i32.load offset=8 (local.get $at)))
    (local.set $end (i32.load offset=12 (local.get $at)))
    (if (i32.eq (local.get $start) (local.get $end)) (then (return (i32.const -1))))
    (call $lookup (local.get $table) (local.get $start) (local.get $end)))

  ;; `-?digits(.digits)?` as Number() reads it, else NaN: the digits as an integer (exact up to 15
  ;; of them), divided by the power of ten of the decimals (one rounding, as Number's).
  (func $plainNumber (param $record i32) (param $column i32) (result f64)
    (local $at i32) (local $end i32) (local $negative i32) (local $value f64) (local $digits i32)
    (local $fraction i32) (local $byte i32) (local $scale f64)
    (local.set $at (i32.add (local.get $record) (i32.shl (local.get $column) (i32.const 3))))
    (local.set $end (i32.load offset=12 (local.get $at)))
    (local.set $at (i32.load offset=8 (local.get $at)))
    (local.set $negative (i32.eq (i32.load8_u (local.get $at)) (i32.const 45)))
    (if (local.get $negative) (then (local.set $at (i32.add (local.get $at) (i32.const 1)))))
    (if (i32.ge_u (local.get $at) (local.get $end)) (then (return (f64.const nan))))
    (local.set $fraction (i32.const -1))
    (block $read
      (loop $bytes
        (br_if $read (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $byte (i32.load8_u (local.get $at)))
        (if (i32.le_u (i32.sub (local.get $byte) (i32.const 48)) (i32.const 9))
          (then
            (local.set $value (f64.add (f64.mul (local.get $value) (f64.const 10))
                                       (f64.convert_i32_u (i32.sub (local.get $byte) (i32.const 48)))))
            (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
            (if (i32.ge_s (local.get $fraction) (i32.const 0))
              (then (local.set $fraction (i32.add (local.get $fraction) (i32.const 1))))))
          (else
            (if (i32.and (i32.eq (local.get $byte) (global.get $decimalMark))
                         (i32.and (i32.lt_s (local.get $fraction) (i32.const 0)) (i32.gt_s (local.get $digits) (i32.const 0))))
              (then (local.set $fraction (i32.const 0)))
              (else (return (f64.const nan))))))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $bytes)))
    (if (i32.or (i32.eqz (local.get $fraction)) (i32.gt_s (local.get $digits) (i32.const 15))) (then (return (f64.const nan))))
    (if (i32.gt_s (local.get $fraction) (i32.const 0))
      (then
        ;; 10^k by multiplying: exact up to 10^22, and k is at most 15 here.
        (local.set $scale (f64.const 1))
        (block $scaled
          (loop $tens
            (br_if $scaled (i32.eqz (local.get $fraction)))
            (local.set $scale (f64.mul (local.get $scale) (f64.const 10)))
            (local.set $fraction (i32.sub (local.get $fraction) (i32.const 1)))
            (br $tens)))
        (local.set $value (f64.div (local.get $value) (local.get $scale)))))
    (if (result f64) (i32.and (local.get $negative) (f64.ne (local.get $value) (f64.const 0)))
      (then (f64.neg (local.get $value)))
      (else (local.get $value))))
)
