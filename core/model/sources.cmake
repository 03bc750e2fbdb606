# Sources of core/model (added by the files' authors).
list(APPEND MULTISCOPE_CORE_SOURCES)
