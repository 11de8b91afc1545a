# Offline after one visit (docs/offline.md): dist gets sw.js (the service worker, stamped with a hash of the files it
# precaches so every build is a new cache), manifest.webmanifest and icon.svg. Included by cmake/web.cmake.
set(LLMCALC_SW_OUT "${LLMCALC_WEB_OUT}/sw.js")
set(LLMCALC_PWA_SOURCES "${PROJECT_SOURCE_DIR}/web/sw.js" "${PROJECT_SOURCE_DIR}/web/manifest.webmanifest"
    "${PROJECT_SOURCE_DIR}/web/icon.svg")
add_custom_command(
  OUTPUT ${LLMCALC_SW_OUT} "${LLMCALC_WEB_OUT}/manifest.webmanifest" "${LLMCALC_WEB_OUT}/icon.svg"
  COMMAND ${CMAKE_COMMAND} -DWEB_OUT=${LLMCALC_WEB_OUT} -DWEB_SRC=${PROJECT_SOURCE_DIR}/web
          -P ${PROJECT_SOURCE_DIR}/cmake/pwa_stamp.cmake
  DEPENDS llmcalc_app ${LLMCALC_PWA_SOURCES} "${LLMCALC_WEB_OUT}/index.html" ${PROJECT_SOURCE_DIR}/cmake/pwa_stamp.cmake
  COMMENT "Stamping sw.js with the build's hash"
  VERBATIM)
add_custom_target(llmcalc_pwa ALL DEPENDS ${LLMCALC_SW_OUT})
