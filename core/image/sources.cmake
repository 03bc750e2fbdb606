# Sources of core/image (added by the files' authors).
list(APPEND MULTISCOPE_CORE_SOURCES)
