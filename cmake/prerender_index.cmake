# index.html with the default scenario's answer already in #llmcalc-results-text (issue #15, numbers before the canvas):
# runs tools/prerender_results_text.cpp (the app's own results_text(), built for node) and puts its text and the
# scenario's hash (data-prerendered) into the shell's empty element, `hidden` (no stylesheet needed to hide it): web/boot.js
# shows the text only when the visit opens that scenario in English; the app replaces it as soon as the core runs. Run by cmake/web.cmake after each
# link of llmcalc_app:
#   cmake -DNODE=<node> -DTOOL=<prerender .js> -DTEMPLATE=<index.html with the empty element> -DOUT=<index.html> -P this
execute_process(COMMAND ${CMAKE_COMMAND} -E env NODE_OPTIONS=--no-experimental-fetch ${NODE} ${TOOL}
                OUTPUT_VARIABLE _out RESULT_VARIABLE _rc ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "prerender_results_text failed (${_rc}): ${_err}")
endif()
string(FIND "${_out}" "\n" _nl)
if(_nl LESS 0)
  message(FATAL_ERROR "prerender_results_text printed no hash line: ${_out}")
endif()
string(SUBSTRING "${_out}" 0 ${_nl} _hash)
math(EXPR _from "${_nl} + 1")
string(SUBSTRING "${_out}" ${_from} -1 _text)
string(STRIP "${_text}" _text)
if(_text STREQUAL "")
  message(FATAL_ERROR "prerender_results_text printed no text")
endif()
file(READ "${TEMPLATE}" _html)
set(_empty "<div id=\"llmcalc-results-text\" role=\"status\" aria-live=\"polite\" aria-atomic=\"true\"></div>")
string(FIND "${_html}" "${_empty}" _at)
if(_at LESS 0)
  message(FATAL_ERROR "${TEMPLATE} has no empty #llmcalc-results-text element to fill")
endif()
string(REPLACE "${_empty}"
       "<div id=\"llmcalc-results-text\" role=\"status\" aria-live=\"polite\" aria-atomic=\"true\" hidden data-prerendered=\"${_hash}\">${_text}</div>"
       _html "${_html}")
file(WRITE "${OUT}.tmp" "${_html}")
file(RENAME "${OUT}.tmp" "${OUT}")
