#!/bin/sh
# Reads a run folder's scenario.kml with GDAL's ogrinfo (LIBKML driver) and checks that every
# folder is a layer and that the threats, interceptors and events match the CZML's packets.
set -eu
ogrinfo="$1"
dir="$2"
info=$("$ogrinfo" -ro -al -so "$dir/scenario.kml")
count() { printf '%s\n' "$info" | awk -v l="$1" '$0 == "Layer name: " l {f=1} f && /^Feature Count:/ {print $3; exit}'; }
status=0
for layer in Sites Assets Threats Interceptors Tracks Events Coverage; do
  n=$(count "$layer")
  if [ -z "$n" ] || [ "$n" -eq 0 ]; then
    echo "scenario.kml: layer '$layer' missing or empty" >&2
    status=1
  fi
done
for pair in Threats:threat Interceptors:interceptor Tracks:track Events:event; do
  layer=${pair%%:*}
  prefix=${pair#*:}
  kml=$(count "$layer")
  czml=$(grep -c "^{\"id\":\"$prefix/" "$dir/scenario.czml" || true)
  if [ "$kml" != "$czml" ]; then
    echo "scenario.kml: $kml features in '$layer', scenario.czml has $czml '$prefix/' packets" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "scenario.kml: $(printf '%s\n' "$info" | grep -c '^Layer name') layers, counts match scenario.czml"
exit $status
