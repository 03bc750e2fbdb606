# Sources of core/index: the activation index — storage and queries, the indexing pipeline,
# shard merge. Torch-free headers: IndexTypes.h, IndexReader.h, IndexWriter.h, IndexRun.h,
# IndexMerge.h, JsonPath.h, FolderWalk.h.
list(APPEND MULTISCOPE_CORE_SOURCES
  index/IndexTypes.h index/IndexTypes.cpp
  index/Half.h
  index/PosixFile.h index/PosixFile.cpp
  index/Sqlite.h index/Sqlite.cpp
  index/IndexSchema.h index/IndexSchema.cpp
  index/LayerMatrix.h index/LayerMatrix.cpp
  index/IndexWriter.h index/IndexWriter.cpp
  index/TopK.h index/TopK.cpp
  index/IndexReader.h index/IndexReader.cpp
  index/JsonPath.h index/JsonPath.cpp
  index/ContentHash.h index/ContentHash.cpp
  index/FolderWalk.h index/FolderWalk.cpp
  index/IndexPlan.h index/IndexPlan.cpp
  index/ActivationSource.h index/ActivationSource.cpp
  index/ImageIngest.h index/ImageIngest.cpp
  index/DecodePipeline.h index/DecodePipeline.cpp
  index/IndexRun.h index/IndexRun.cpp
  index/IndexMerge.h index/IndexMerge.cpp
  index/ClipActivationSource.h index/ClipActivationSource.cpp
  index/IndexJob.h index/IndexJob.cpp
  index/ExamplesJob.h index/ExamplesJob.cpp)
