# Read by cpack for each generator. $CALLBOOK_PACKAGE_VERSION_SUFFIX, when set, replaces the
# version suffix chosen at configure time (installer/test-package.sh builds its upgrade so).
if(DEFINED ENV{CALLBOOK_PACKAGE_VERSION_SUFFIX})
  set(CPACK_PACKAGE_VERSION "${CPACK_CALLBOOK_PROJECT_VERSION}$ENV{CALLBOOK_PACKAGE_VERSION_SUFFIX}")
endif()
