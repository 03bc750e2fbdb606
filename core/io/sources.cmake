# Sources of core/io (added by the files' authors).
list(APPEND MULTISCOPE_CORE_SOURCES)
