# Test suites for core/featurevis. The model-based suites optimise against the rn_tiny and
# vit_tiny fixtures (../shared/fixtures/clip).
foreach(_suite tst_fv_param tst_fv_transforms tst_fv_objectives tst_fv_session)
  multiscope_add_test(${_suite} SOURCES featurevis/${_suite}.cpp featurevis/FvTestModels.h
    LIBS multiscope_core ${TORCH_LIBRARIES} LABELS unit)
  target_include_directories(${_suite} SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})
endforeach()
multiscope_add_test(tst_fv_cache SOURCES featurevis/tst_fv_cache.cpp LIBS multiscope_core LABELS unit)
