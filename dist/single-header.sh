#!/bin/sh
# SPDX-License-Identifier: MIT
# Write the single-header build of the library (stb style) to standard
# output, from the two real sources, so it can never drift from them:
#   dist/single-header.sh parser/aceh.h parser/aceh.c > build/single/aceh.h
# The sources are copied verbatim (includes, #if blocks and all) except:
#  - each public function (one the header declares) gets the ACEHDEF
#    prefix on its declaration and definition, so ACEH_STATIC can make it
#    static;
#  - aceh.c's `#include "aceh.h"` is dropped (the declarations are above);
#  - the SPDX lines of both files become one at the top;
#  - macros aceh.c defines are #undef'd after the implementation, so they
#    do not leak into the including file.
# It fails, writing nothing useful, when it cannot place ACEHDEF on every
# public function or finds an exported function the header does not declare:
# a static build would then silently export symbols.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 aceh.h aceh.c" >&2; exit 2; }
hdr=$1
src=$2
for f in "$hdr" "$src"; do
    [ -r "$f" ] || { echo "$0: cannot read $f" >&2; exit 2; }
done
if grep -q 'ACEHDEF\|ACEH_IMPLEMENTATION\|ACEH_STATIC' "$hdr" "$src"; then
    echo "$0: the sources already use a macro name this script adds" >&2
    exit 1
fi
version=$(sed -n 's/^#define ACEH_VERSION_STRING "\(.*\)"/\1/p' "$hdr")

awk -v hdr="$hdr" -v src="$src" -v version="$version" '
# Name of the function whose declarator starts on line s (column 0, not
# static/typedef/extern or a macro with static in it), or "" when the line
# does not start one. Sets
# bare = 1 when the line starts with the name itself (return type on the
# previous line, GNU style).
function declared(s,    head, first) {
    bare = 0
    if (s !~ /^[A-Za-z_][A-Za-z0-9_ \t*]*\(/)
        return ""
    match(s, /^[A-Za-z_][A-Za-z0-9_]*/)
    first = substr(s, 1, RLENGTH)
    if (first == "typedef" || first == "static" || first == "extern" ||
        (first in staticmacro))
        return ""
    match(s, /^[A-Za-z_][A-Za-z0-9_ \t*]*\(/)
    head = substr(s, 1, RLENGTH - 1)
    sub(/[ \t]+$/, "", head)
    if (!match(head, /[A-Za-z_][A-Za-z0-9_]*$/))
        return ""
    if (RSTART == 1)
        bare = 1
    return substr(head, RSTART)
}
# 1 when line s starts with static or a macro with static in it.
function starts_static(s,    first) {
    if (!match(s, /^[A-Za-z_][A-Za-z0-9_]*/))
        return 0
    first = substr(s, 1, RLENGTH)
    return first == "static" || (first in staticmacro)
}
function fail(msg) {
    print FILENAME ":" FNR ": " msg > "/dev/stderr"
    failed = 1
    exit 1
}
# Prefix line i of buffer b (or its previous non-blank line for a bare
# name) with ACEHDEF. Returns 1 when a prefix was placed.
function prefix(b, i, name, publicname,    j) {
    if (!bare) {
        b[i] = "ACEHDEF " b[i]
        return 1
    }
    for (j = i - 1; j > 0 && b[j] ~ /^[ \t]*$/; j--)
        ;
    if (j > 0 && starts_static(b[j]))
        return 0
    if (j < 1 || b[j] !~ /^[A-Za-z_]/)
        fail("cannot find the return type of " name)
    b[j] = "ACEHDEF " b[j]
    return 1
}
FNR == 1 { file++ }
/SPDX-License-Identifier/ { next }
# A macro that expands to a storage class with static in it (an inline
# helper macro) makes the functions it starts static.
/^[ \t]*#[ \t]*define[ \t]+[A-Za-z_]/ {
    m = $0
    sub(/^[ \t]*#[ \t]*define[ \t]+/, "", m)
    body = m
    sub(/[^A-Za-z0-9_].*$/, "", m)
    body = " " substr(body, length(m) + 1) " "
    if (body ~ /[^A-Za-z0-9_]static[^A-Za-z0-9_]/)
        staticmacro[m] = 1
}
file == 1 {
    h[++nh] = $0
    name = declared($0)
    if (name != "" && name ~ /^aceh_/) {
        pub[name] = 1
        npub++
        prefix(h, nh, name)
    }
    next
}
file == 2 {
    if ($0 ~ /^[ \t]*#[ \t]*include[ \t]*"aceh\.h"/) {
        c[++nc] = "/* (aceh.h: the declarations above) */"
        next
    }
    if (match($0, /^[ \t]*#[ \t]*define[ \t]+[A-Za-z_][A-Za-z0-9_]*/)) {
        m = substr($0, RSTART, RLENGTH)
        sub(/.*[ \t]/, "", m)
        if (m !~ /^_/ && !(m in seenmacro)) {
            seenmacro[m] = 1
            macros[++nm] = m
        }
    }
    c[++nc] = $0
    name = declared($0)
    if (name == "")
        next
    if (name in pub) {
        if (prefix(c, nc, name))
            defined[name]++
    } else if (!bare) {
        fail("non-static function " name " is not declared in " hdr)
    } else {
        # A bare name: its return type line decides whether it is static.
        for (j = nc - 1; j > 0 && c[j] ~ /^[ \t]*$/; j--)
            ;
        if (!(j > 0 && starts_static(c[j])))
            fail("non-static function " name " is not declared in " hdr)
    }
    next
}
END {
    if (failed)
        exit 1
    if (npub == 0) {
        print hdr ": no public function found" > "/dev/stderr"
        exit 1
    }
    for (name in pub)
        if (!(name in defined)) {
            print src ": no definition of " name " found" > "/dev/stderr"
            exit 1
        }
    print "/* SPDX-License-Identifier: MIT */"
    print "/*"
    print " * aceh " version ", single-header build. GENERATED by dist/single-header.sh"
    print " * from parser/aceh.h and parser/aceh.c: do not edit, run `make single-header`."
    print " *"
    print " * Use (stb style):"
    print " *   #include \"aceh.h\"              declarations only, in any number of files"
    print " *   #define ACEH_IMPLEMENTATION    in exactly ONE C file, before the include:"
    print " *   #include \"aceh.h\"              the definitions go there"
    print " *   #define ACEH_STATIC            before the include: a private copy with every"
    print " *   #include \"aceh.h\"              function static (implies ACEH_IMPLEMENTATION;"
    print " *                                  no symbol is exported, several files may"
    print " *                                  each have their own copy)"
    print " * The implementation part is C99 (it also defines a few internal names:"
    print " * prefer a file of its own for it). The declarations compile as C++ too."
    print " */"
    print "#if defined(ACEH_STATIC) && !defined(ACEH_IMPLEMENTATION)"
    print "#define ACEH_IMPLEMENTATION"
    print "#endif"
    print "#ifndef ACEHDEF"
    print "#ifdef ACEH_STATIC"
    print "/* unused: a private copy need not call every function. */"
    print "#if defined(__GNUC__) || defined(__clang__)"
    print "#define ACEHDEF static __attribute__((unused))"
    print "#else"
    print "#define ACEHDEF static"
    print "#endif"
    print "#else"
    print "#define ACEHDEF extern"
    print "#endif"
    print "#endif"
    print ""
    for (i = 1; i <= nh; i++)
        print h[i]
    print ""
    print "/* ===================== implementation (parser/aceh.c) ===================== */"
    print "#if defined(ACEH_IMPLEMENTATION) && !defined(ACEH_IMPLEMENTATION_INCLUDED)"
    print "#define ACEH_IMPLEMENTATION_INCLUDED"
    for (i = 1; i <= nc; i++)
        print c[i]
    print ""
    for (i = 1; i <= nm; i++)
        print "#undef " macros[i]
    print "#endif /* ACEH_IMPLEMENTATION */"
}
' "$hdr" "$src"
