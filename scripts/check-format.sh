#!/usr/bin/env bash
# Fails when a C++ file of the project differs from what clang-format makes of it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.hpp' '*.hpp.in' | grep -v '\.in$')
clang-format --dry-run --Werror "${files[@]}"
echo "format: ${#files[@]} files clean"
