# cmake -DWEB_OUT=<build>/web -DWEB_SRC=<repo>/web -P pwa_stamp.cmake
# Writes WEB_OUT/sw.js with __LLMCALC_BUILD__ replaced by a hash of the files the service worker precaches, and
# copies the manifest and the icon next to it.
file(COPY "${WEB_SRC}/manifest.webmanifest" "${WEB_SRC}/icon.svg" DESTINATION "${WEB_OUT}")
set(_all "")
foreach(f index.html app.css boot.js llmcalc_app.js llmcalc_app.wasm llmcalc-zh.ttf llmcalc-zh.json manifest.webmanifest icon.svg)
  file(SHA256 "${WEB_OUT}/${f}" _h)
  string(APPEND _all "${_h}")
endforeach()
file(READ "${WEB_SRC}/sw.js" _sw)
string(APPEND _all "${_sw}")
string(SHA256 _version "${_all}")
string(SUBSTRING "${_version}" 0 16 _version)
string(REPLACE "__LLMCALC_BUILD__" "${_version}" _sw "${_sw}")
file(WRITE "${WEB_OUT}/sw.js" "${_sw}")
