list(APPEND MULTISCOPE_CORE_SOURCES
  world/Rng.h
  world/ConceptArt.h world/ConceptArt.cpp
  world/Palette.h world/Palette.cpp
  world/Painting.h world/Painting.cpp
  world/Captions.h world/Captions.cpp
  world/WorldGenerator.h world/WorldGenerator.cpp
  world/WorldFolder.h world/WorldFolder.cpp)
