list(APPEND MULTISCOPE_CORE_SOURCES
  annotations/AnnotationStore.h annotations/AnnotationStore.cpp)
