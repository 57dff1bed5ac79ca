// web_formats.cc: HTML pages, WARC archives and RSS/Atom feeds.
// Placeholder until issue #6 lands: each format reports one clear error.
#include "ingest/record_reader.h"

namespace ties {

namespace {

class UnsupportedReader : public RecordReader {
 public:
  UnsupportedReader(InputFormat format, std::string path) : format_(format), path_(std::move(path)) {}
  ReadOutcome Next(Document&, Status& error) override {
    if (done_) return ReadOutcome::kEnd;
    done_ = true;
    error = Status::InvalidArgument(path_ + ": " + std::string(InputFormatName(format_)) +
                                    " input is not supported yet");
    return ReadOutcome::kError;
  }

 private:
  InputFormat format_;
  std::string path_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<RecordReader> MakeWebReader(InputFormat format, std::unique_ptr<ByteSource> source,
                                            const ReadOptions&) {
  return std::make_unique<UnsupportedReader>(format, source->path());
}

}  // namespace ties
