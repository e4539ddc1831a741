# Every third-party dependency, found once. Each is a Debian -dev package listed in
# scripts/install-deps; nothing is vendored.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED)          # libssl-dev: SHA-1/256/512, MD5, BLAKE2
find_package(SQLite3 REQUIRED)          # libsqlite3-dev
find_package(nlohmann_json REQUIRED)    # nlohmann-json3-dev
find_package(tl-expected REQUIRED)      # libexpected-dev
find_package(GTest REQUIRED)            # libgtest-dev, libgmock-dev
find_package(benchmark QUIET)           # libbenchmark-dev

set(MURA_SHARED_DIR "${PROJECT_SOURCE_DIR}/../shared" CACHE PATH "The shared corpora and conformance fixtures")
