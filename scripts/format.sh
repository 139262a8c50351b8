#!/usr/bin/env bash
# Applies .clang-format to the project's C++ sources (tracked and new .cpp/.h files only;
# never CMakeLists.txt or other files clang-format would mangle).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
git ls-files --cached --others --exclude-standard -- '*.cpp' '*.h' | xargs -r clang-format -i
