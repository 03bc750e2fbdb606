# Project-wide compile settings: warnings, QT_NO_KEYWORDS, sanitizers.

option(MULTISCOPE_WERROR "Treat compiler warnings as errors" OFF)
set(MULTISCOPE_SANITIZE "" CACHE STRING
    "Sanitizers for the whole build: empty, 'address' (ASan+UBSan) or 'thread' (TSan)")
set_property(CACHE MULTISCOPE_SANITIZE PROPERTY STRINGS "" address thread)

# Qt's 'slots'/'signals'/'emit' macros clash with LibTorch headers.
add_compile_definitions(QT_NO_KEYWORDS)

# Flags for one sanitizer set; used globally by MULTISCOPE_SANITIZE and per target by
# multiscope_sanitize_target() (the dedicated parser test, which never touches LibTorch).
function(multiscope_sanitizer_flags kind out_var)
  if(kind STREQUAL "address")
    set(${out_var} -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined PARENT_SCOPE)
  elseif(kind STREQUAL "thread")
    set(${out_var} -fsanitize=thread -fno-omit-frame-pointer PARENT_SCOPE)
  elseif(kind STREQUAL "")
    set(${out_var} "" PARENT_SCOPE)
  else()
    message(FATAL_ERROR "MULTISCOPE_SANITIZE must be empty, 'address' or 'thread', not '${kind}'")
  endif()
endfunction()

function(multiscope_sanitize_target target kind)
  multiscope_sanitizer_flags("${kind}" flags)
  target_compile_options(${target} PRIVATE ${flags})
  target_link_options(${target} PRIVATE ${flags})
endfunction()

multiscope_sanitizer_flags("${MULTISCOPE_SANITIZE}" _global_sanitizer_flags)
add_compile_options(${_global_sanitizer_flags})
add_link_options(${_global_sanitizer_flags})

# Warnings for the project's own targets (third-party headers are included as SYSTEM).
function(multiscope_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
  if(MULTISCOPE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
