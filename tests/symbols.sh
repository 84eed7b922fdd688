#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: symbols.sh OBJ... -- LIB...
# OBJ: plain -O2 objects of parser/aceh.c; their undefined symbols must all
# be on the allowlist below (no allocator, no stdio, nothing that can fail
# or allocate). LIB: static and shared libraries; every global symbol they
# define must start with aceh_.
set -u
# memcpy & co: the compiler may emit these for copies and loops.
# __stack_chk_fail: -fstack-protector builds. __cpu_*: GCC's CPU detection
# (__builtin_cpu_supports), for a run-time SIMD dispatch. bcmp: clang turns
# memcmp(...) == 0 into it, and only for targets whose C library has it.
allow='memcpy memmove memset memcmp memchr strlen bcmp __stack_chk_fail
__cpu_model __cpu_indicator_init __cpu_features2 _GLOBAL_OFFSET_TABLE_'
fail=0
objs=""
while [ $# -gt 0 ] && [ "$1" != -- ]; do objs="$objs $1"; shift; done
[ $# -gt 0 ] && shift
for o in $objs; do
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
for l in "$@"; do
    if [ ! -e "$l" ]; then
        echo "symbols: $l is missing"
        fail=1
        continue
    fi
    # The symbol table, and for a shared object its dynamic table too.
    syms=$( { nm -g --defined-only "$l"
              case "$l" in *.so*) nm -D --defined-only "$l" ;; esac
            } 2>/dev/null | awk 'NF >= 3 {print $NF}' | sort -u)
    bad=$(echo "$syms" | grep -v '^aceh_' | grep -v '^$' | tr '\n' ' ')
    n=$(echo "$syms" | grep -c '^aceh_')
    if [ -n "$bad" ]; then
        echo "symbols: $l exports non-aceh_ symbols: $bad"
        fail=1
    elif [ "$n" -eq 0 ]; then
        echo "symbols: $l exports no aceh_ symbol at all"
        fail=1
    else
        echo "symbols: $l: $n exported symbols, all aceh_"
    fi
done
exit $fail
