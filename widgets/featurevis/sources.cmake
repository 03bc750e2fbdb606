list(APPEND MULTISCOPE_WIDGETS_SOURCES
  featurevis/FeatureVisDock.h featurevis/FeatureVisDock.cpp)
