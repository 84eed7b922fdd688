#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: symbols.sh OBJ...
# OBJ: plain -O2 objects of parser/aceh.c; their undefined symbols must all
# be on the allowlist below (no allocator, no stdio, nothing that can fail
# or allocate). What the libraries export is api-check's (exactly the
# ACEH_FUNCTIONS list).
set -u
# memcpy & co: the compiler may emit these for copies and loops.
# __stack_chk_fail: -fstack-protector builds. __cpu_*: GCC's CPU detection
# (__builtin_cpu_supports), for a run-time SIMD dispatch. bcmp: clang turns
# memcmp(...) == 0 into it, and only for targets whose C library has it.
allow='memcpy memmove memset memcmp memchr strlen bcmp __stack_chk_fail
__cpu_model __cpu_indicator_init __cpu_features2 _GLOBAL_OFFSET_TABLE_'
fail=0
for o in "$@"; do
    if ! nm -u "$o" >/dev/null; then
        echo "symbols: cannot read $o"
        fail=1
        continue
    fi
    bad=""
    for s in $(nm -u "$o" | awk '{print $NF}'); do
        case " $(echo $allow) " in
        *" $s "*) ;;
        *) bad="$bad $s" ;;
        esac
    done
    if [ -n "$bad" ]; then
        echo "symbols: $o needs symbols outside the allowlist:$bad"
        fail=1
    else
        echo "symbols: $o: undefined: $(nm -u "$o" | awk '{print $NF}' | tr '\n' ' ')"
    fi
done
exit $fail
