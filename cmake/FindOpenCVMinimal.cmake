# Finds the three OpenCV modules Multiscope uses (core, imgproc, imgcodecs) from Debian's small
# -dev packages, which ship no CMake config (only the large libopencv-dev does).
# Creates imported targets OpenCV::core, OpenCV::imgproc, OpenCV::imgcodecs.

find_path(OpenCVMinimal_INCLUDE_DIR opencv2/core.hpp PATH_SUFFIXES opencv4)
set(_ocv_vars OpenCVMinimal_INCLUDE_DIR)
foreach(module core imgproc imgcodecs)
  find_library(OpenCVMinimal_${module}_LIBRARY NAMES opencv_${module})
  list(APPEND _ocv_vars OpenCVMinimal_${module}_LIBRARY)
endforeach()

if(OpenCVMinimal_INCLUDE_DIR AND EXISTS "${OpenCVMinimal_INCLUDE_DIR}/opencv2/core/version.hpp")
  file(STRINGS "${OpenCVMinimal_INCLUDE_DIR}/opencv2/core/version.hpp" _ocv_ver
       REGEX "#define CV_VERSION_(MAJOR|MINOR|REVISION) ")
  string(REGEX REPLACE ".*MAJOR +([0-9]+).*MINOR +([0-9]+).*REVISION +([0-9]+).*" "\\1.\\2.\\3"
         OpenCVMinimal_VERSION "${_ocv_ver}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(OpenCVMinimal REQUIRED_VARS ${_ocv_vars} VERSION_VAR OpenCVMinimal_VERSION)

if(OpenCVMinimal_FOUND)
  foreach(module core imgproc imgcodecs)
    if(NOT TARGET OpenCV::${module})
      add_library(OpenCV::${module} SHARED IMPORTED)
      set_target_properties(OpenCV::${module} PROPERTIES
        IMPORTED_LOCATION "${OpenCVMinimal_${module}_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${OpenCVMinimal_INCLUDE_DIR}")
    endif()
  endforeach()
  set_property(TARGET OpenCV::imgproc APPEND PROPERTY INTERFACE_LINK_LIBRARIES OpenCV::core)
  set_property(TARGET OpenCV::imgcodecs APPEND PROPERTY INTERFACE_LINK_LIBRARIES OpenCV::core)
endif()
mark_as_advanced(${_ocv_vars})
