# Runs a build-time tool under node and writes what it prints to a file; a failing tool leaves no file behind (so the
# next build runs it again). cmake -DNODE=<node> -DTOOL=<tool .js> -DOUT=<file> -P cmake/run_to_file.cmake
execute_process(COMMAND ${CMAKE_COMMAND} -E env NODE_OPTIONS=--no-experimental-fetch ${NODE} ${TOOL}
                OUTPUT_FILE ${OUT} RESULT_VARIABLE _rc ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  file(REMOVE ${OUT})
  message(FATAL_ERROR "${TOOL} failed (${_rc}): ${_err}")
endif()
