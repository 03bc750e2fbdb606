# Sources of core/featurevis: feature visualization (parameterisations, transforms,
# objectives, the session and its loop, the disk cache).
# Torch-free headers: TransformPresets.h, FeatureVisRequest.h, FeatureVisCache.h, FeatureVisJob.h.
list(APPEND MULTISCOPE_CORE_SOURCES
  featurevis/ImageParam.h featurevis/ImageParam.cpp
  featurevis/TransformPresets.h featurevis/TransformPresets.cpp
  featurevis/Transforms.h featurevis/Transforms.cpp
  featurevis/Objective.h featurevis/Objective.cpp
  featurevis/Objectives.h featurevis/Objectives.cpp
  featurevis/ObjectiveParser.h featurevis/ObjectiveParser.cpp
  featurevis/ClipTextEncoder.h featurevis/ClipTextEncoder.cpp
  featurevis/FeatureVisRequest.h featurevis/FeatureVisRequest.cpp
  featurevis/FeatureVisSession.h featurevis/FeatureVisSession.cpp
  featurevis/FeatureVisRun.h featurevis/FeatureVisRun.cpp
  featurevis/FeatureVisCache.h featurevis/FeatureVisCache.cpp
  featurevis/FeatureVisJob.h featurevis/FeatureVisJob.cpp)
