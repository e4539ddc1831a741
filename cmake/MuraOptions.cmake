# Compiler flags shared by every Mura target (see docs/HOUSE_STYLE: strict warnings, -Werror).
add_library(mura_options INTERFACE)
target_compile_options(mura_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
# GCC 12 reports false -Wrestrict positives inside std::string at -O2/-O3 (GCC bug 105329).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(mura_options INTERFACE -Wno-restrict)
endif()
if(MURA_WERROR)
  target_compile_options(mura_options INTERFACE -Werror)
endif()
if(MURA_SANITIZE)
  target_compile_options(mura_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                               -fno-sanitize-recover=undefined)
  target_link_options(mura_options INTERFACE -fsanitize=address,undefined)
endif()
target_include_directories(mura_options INTERFACE ${PROJECT_SOURCE_DIR}/src)

# mura_test(NAME SOURCES... LIBS ... [LABEL unit|integration]): a GoogleTest binary registered
# with CTest. Unit tests (the default label) also run under ASan+UBSan in `make test`. The test
# presets set MURA_SOURCE_DIR and MURA_SHARED, the folders tests read demo and shared data from;
# MURA_SHARED_DIR, compiled in, is where the shared data is when MURA_SHARED is not set.
function(mura_test name)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;LIBS" ${ARGN})
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE mura_options ${ARG_LIBS} GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE MURA_SHARED_DIR="${MURA_SHARED_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS ${ARG_LABEL})
endfunction()

# mura_library(NAME [PUBLIC deps...] [PRIVATE deps...]): the library of one src/ folder, built
# from every .cc in the folder except the *_test.cc files.
function(mura_library name)
  cmake_parse_arguments(ARG "" "" "PUBLIC;PRIVATE" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  list(FILTER sources EXCLUDE REGEX "_test\\.cc$")
  if(MURA_SKIP_SOURCES)  # a regex, for building around work in progress
    list(FILTER sources EXCLUDE REGEX "${MURA_SKIP_SOURCES}")
  endif()
  if(sources)
    add_library(${name} ${sources})
    target_link_libraries(${name} PUBLIC mura_options ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE})
  else()
    add_library(${name} INTERFACE)
    target_link_libraries(${name} INTERFACE mura_options ${ARG_PUBLIC} ${ARG_PRIVATE})
  endif()
endfunction()
