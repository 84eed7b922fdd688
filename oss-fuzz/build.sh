#!/bin/bash -eu
# SPDX-License-Identifier: MIT
# OSS-Fuzz build script: OSS-Fuzz's `compile` runs it from the Dockerfile's
# WORKDIR, the checkout of main_repo, with CC, CFLAGS, LIB_FUZZING_ENGINE
# and OUT set for one engine and sanitizer. The build is the repository's
# own ClusterFuzzLite script (.clusterfuzzlite/build.sh), so both services
# build the same fuzzers.
exec .clusterfuzzlite/build.sh
