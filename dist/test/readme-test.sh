#!/bin/sh
# SPDX-License-Identifier: MIT
# Run the examples of a README, so that what it shows is what happens:
#   readme-test.sh BUILD README.md
# - every ```sh block runs with `sh -e` from the top of the repository, with
#   HOME set to a scratch folder (installs go to $HOME/.local there);
# - a ```text block right after it (only blank lines between) must equal
#   its standard output;
# - a ```c block must equal dist/example.c, and a ```text block right
#   after it must equal that program's output (built with parser/aceh.c).
# Prints one line per block and "readme: N passed, M failed".
set -u
readme=$2
what=readme
. dist/test/check.sh
mkdir -p "$work/blocks" "$work/home"

# Split the fenced blocks into blocks/NNN.LANG, numbered in order; a block
# whose previous block ended with only blank lines since gets a name
# NNN.after.LANG, so the pairing is visible in the file names.
awk -v dir="$work/blocks" '
/^```/ && !inblock {
    lang = substr($0, 4)
    n++
    name = sprintf("%s/%03d.%s%s", dir, n, adjacent ? "after." : "", lang)
    printf "" > name
    inblock = 1
    next
}
/^```$/ && inblock { close(name); inblock = 0; adjacent = 1; next }
inblock { print > name; next }
/^[ \t]*$/ { next }
{ adjacent = 0 }
' "$readme"

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; sed 's/^/     /' "$2" | tail -n 30; }

prev_out=""
for f in $(ls "$work/blocks" | sort); do
    path=$work/blocks/$f
    num=${f%%.*}
    case $f in
    *.after.text) kind=text ;;
    *.sh) kind="sh" ;;
    *.c) kind=c ;;
    *) kind=other ;;
    esac
    case $kind in
    sh)
        if (cd . && HOME=$work/home sh -e "$path") >"$path.out" 2>"$path.err"; then
            prev_out=$path.out
            ok "block $num (sh)"
        else
            prev_out=""
            cat "$path.out" >>"$path.err"
            bad "block $num (sh) failed" "$path.err"
        fi ;;
    c)
        prev_out=""
        if diff -u dist/example.c "$path" >"$path.err" &&
            cc -std=c99 -Iparser "$path" parser/aceh.c -o "$path.bin" 2>>"$path.err" &&
            "$path.bin" >"$path.out" 2>>"$path.err"; then
            prev_out=$path.out
            ok "block $num (c, same as dist/example.c)"
        else
            bad "block $num (c): not dist/example.c, or it does not run" "$path.err"
        fi ;;
    text)
        if [ -z "$prev_out" ]; then
            echo "     (block $num: output of a block that failed)" >"$path.err"
            bad "block $num (output)" "$path.err"
        elif diff -u "$path" "$prev_out" >"$path.err"; then
            ok "block $num (output as shown)"
        else
            bad "block $num (output differs: - README, + actual)" "$path.err"
        fi
        prev_out="" ;;
    *) prev_out="" ;;
    esac
done

finish && [ "$pass" -gt 0 ]
