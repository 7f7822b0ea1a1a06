# Compiler settings shared by every Callbook target, carried by one INTERFACE target.
add_library(callbook_common INTERFACE)
target_compile_options(callbook_common INTERFACE -Wall -Wextra -Wpedantic)
target_compile_definitions(callbook_common INTERFACE
  QT_NO_KEYWORDS_FOR_FOREACH
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  CALLBOOK_VERSION="${PROJECT_VERSION}")

# LLVM's linker links a test three times faster than GNU ld; there are forty-odd executables.
include(CheckLinkerFlag)
check_linker_flag(CXX -fuse-ld=lld CALLBOOK_HAVE_LLD)
if(CALLBOOK_HAVE_LLD)
  target_link_options(callbook_common INTERFACE -fuse-ld=lld)
endif()

if(CALLBOOK_SANITIZE)
  target_compile_options(callbook_common INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(callbook_common INTERFACE -fsanitize=address,undefined)
endif()

# Each library globs its own folders so that adding a file needs no edit here.
function(callbook_glob_sources out_var)
  set(result)
  foreach(dir IN LISTS ARGN)
    file(GLOB found CONFIGURE_DEPENDS
      "${CMAKE_CURRENT_SOURCE_DIR}/${dir}/*.cpp" "${CMAKE_CURRENT_SOURCE_DIR}/${dir}/*.h")
    list(APPEND result ${found})
  endforeach()
  set(${out_var} ${result} PARENT_SCOPE)
endfunction()

# Most of a file's compile time is Qt's headers, so the libraries compile their files in batches
# of ten (unity build): a cold build takes half the time. Helpers private to a file then need
# names of their own; a clash is a compile error.
function(callbook_unity_build target)
  if(CALLBOOK_UNITY_BUILD)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 10)
  endif()
endfunction()
