# SPDX-License-Identifier: MIT
# Sourced by integration/nginx-test.sh and apache-test.sh (after their ok
# and bad, with $aceh and $work set).
# lint_sent CONF RE URL: for each location of CONF (a line matching the awk
# regex RE names it: "location = /NAME {", "<Location /NAME>"), the
# Access-Control-Expose-Headers values `aceh lint --values --config CONF`
# finds between it and the next one (only those sent on every status for a
# location named lint-status-4*) are the lines `curl -sI URL/NAME` gets,
# in any order.
lint_sent() {
    if ! "$aceh" lint --values --config "$1" >"$work/values" 2>"$work/values.err"; then
        bad "lint --values --config $1" "$(cat "$work/values.err")"
        return
    fi
    # NAME, status kind and value of each value found, by line number.
    awk -F'\t' -v conf="$1" -v re="$2" '
        BEGIN { while ((getline l < conf) > 0) { ln++; if (l ~ re) { name = l
                    sub(/^[^\/]*\//, "", name); sub(/[ >"{].*$/, "", name)
                    loc[++n] = name; at[n] = ln; print name > "'"$work/names"'" } } }
        { place = $1; sub(/:[0-9]+$/, "", place); line = place; sub(/.*:/, "", line)
          name = ""
          for (i = 1; i <= n; i++) if (at[i] <= line + 0) name = loc[i]
          print name "\t" $3 "\t" $4 }' "$work/values" >"$work/found"
    for name in $(cat "$work/names"); do
        case $name in
        lint-status-4*) awk -F'\t' -v n="$name" '$1 == n && $2 == "always" { print $3 }' "$work/found" ;;
        *) awk -F'\t' -v n="$name" '$1 == n { print $3 }' "$work/found" ;;
        esac | sort >"$work/found-$name"
        curl -sI --max-time 5 "$3/$name" | tr -d '\r' |
            sed -n 's/^[Aa]ccess-[Cc]ontrol-[Ee]xpose-[Hh]eaders: //p' | sort >"$work/sent-$name"
        if cmp -s "$work/found-$name" "$work/sent-$name"; then
            ok "lint --config finds what /$name sends"
        else
            bad "lint --config finds what /$name sends" "found: $(cat "$work/found-$name")" \
                "sent:  $(cat "$work/sent-$name")"
        fi
    done
}
