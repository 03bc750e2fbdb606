# Sources of core/text (added by the files' authors).
list(APPEND MULTISCOPE_CORE_SOURCES)
