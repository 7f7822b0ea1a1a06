# The Debian package (and a .tar.gz of the same tree), built with CPack from an existing build:
#   cpack --config <build>/CPackConfig.cmake          # both, into the current directory
# Layout is Debian's: /usr/bin, /lib/systemd/system, /etc/callbook, /usr/share/...
# installer/test-package.sh builds, lints, installs, upgrades and purges it.

set(CALLBOOK_PACKAGE_VERSION_SUFFIX "" CACHE STRING
    "Appended to the project version for the package, e.g. +site1 (Debian version syntax)")
set(CALLBOOK_PACKAGE_CONTACT "Callbook maintainers <maintainers@callbook.example>" CACHE STRING
    "Maintainer of the Debian package: name <e-mail>")
set(CALLBOOK_PACKAGE_VERSION "${PROJECT_VERSION}${CALLBOOK_PACKAGE_VERSION_SUFFIX}")

# The date of the last commit, for the changelog and the AppStream release (reproducible);
# today outside a git checkout.
execute_process(COMMAND git log -1 --format=%ct
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE _callbook_epoch
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _callbook_git)
if(_callbook_git EQUAL 0 AND _callbook_epoch)
  set(_callbook_saved_epoch "$ENV{SOURCE_DATE_EPOCH}")
  set(ENV{SOURCE_DATE_EPOCH} ${_callbook_epoch})
endif()
string(TIMESTAMP CALLBOOK_RELEASE_DATE "%Y-%m-%d" UTC)
string(TIMESTAMP CALLBOOK_RELEASE_DATE_RFC2822 "%a, %d %b %Y %H:%M:%S +0000" UTC)
if(DEFINED _callbook_saved_epoch)
  set(ENV{SOURCE_DATE_EPOCH} "${_callbook_saved_epoch}")
endif()

# Immediate binding, so the GOT is read-only after start (relro is the compiler default); a link
# option only, so turning it on costs one relink, no compile.
target_link_options(callbook PRIVATE LINKER:-z,now)

set(_deb ${CMAKE_CURRENT_LIST_DIR}/debian)
set(_gen ${CMAKE_BINARY_DIR}/installer)
set(CPACK_PACKAGE_CONTACT "${CALLBOOK_PACKAGE_CONTACT}")

# Files the package needs that are made from templates or compressed (Debian wants gzip -9n).
configure_file(${_deb}/changelog.in ${_gen}/changelog @ONLY)
configure_file(${CMAKE_CURRENT_LIST_DIR}/org.callbook.Callbook.metainfo.xml.in
  ${_gen}/org.callbook.Callbook.metainfo.xml @ONLY)
foreach(_pair "${_gen}/changelog;changelog.gz" "${_deb}/callbook.1;callbook.1.gz")
  list(GET _pair 0 _from)
  list(GET _pair 1 _to)
  execute_process(COMMAND gzip -9nc ${_from} OUTPUT_FILE ${_gen}/${_to} COMMAND_ERROR_IS_FATAL ANY)
endforeach()
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${_deb}/changelog.in ${_deb}/callbook.1)

# Install rules (the binary's is in app/CMakeLists.txt). Absolute paths are the Debian layout;
# CPACK_SET_DESTDIR below keeps them inside the package.
install(FILES ${_deb}/callbook.service DESTINATION /lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/resources/sample-config.json DESTINATION /etc/callbook
  RENAME config.json)
install(FILES ${_deb}/callbook.env DESTINATION /etc/callbook)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/org.callbook.Callbook.desktop
  DESTINATION share/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/callbook.svg
  DESTINATION share/icons/hicolor/scalable/apps)
install(FILES ${_gen}/org.callbook.Callbook.metainfo.xml DESTINATION share/metainfo)
install(FILES ${_gen}/callbook.1.gz DESTINATION share/man/man1)
install(FILES ${_gen}/changelog.gz ${_deb}/copyright DESTINATION share/doc/callbook)

set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_PACKAGE_NAME callbook)
set(CPACK_PACKAGE_VENDOR "Callbook")
set(CPACK_PACKAGE_VERSION "${CALLBOOK_PACKAGE_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "AI phone agent backend that books appointments")
set(CPACK_PACKAGE_DESCRIPTION "\
Callbook lets a Retell AI voice agent answer a small business's phone: callers
book, move and cancel appointments in their own words, in German or English.

This package contains the service the agent talks to (callbook --headless, run
by systemd as the user callbook, with its SQLite database in /var/lib/callbook
or on PostgreSQL, the built-in calendar or Cal.com) and the desktop console
that shows calls and appointments.")
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR "")
# At cpack time, $CALLBOOK_PACKAGE_VERSION_SUFFIX overrides the suffix (a newer package from the
# same build, for the upgrade test).
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/CPackProjectConfig.cmake)
set(CPACK_CALLBOOK_PROJECT_VERSION ${PROJECT_VERSION})

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What dpkg-shlibdeps cannot see (a plugin, a dlopen; see qt64-notes §1.2); tzdata, because
# QTimeZone reads /usr/share/zoneinfo and without it every business's time zone is "unknown"
# (minimal images lack it); what the maintainer scripts run: adduser, pgrep/pkill (procps).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, procps, tzdata, libqt6sql6-sqlite, libsecret-1-0")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6sql6-psql, gnome-keyring")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${_deb}/postinst ${_deb}/prerm ${_deb}/postrm ${_deb}/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
