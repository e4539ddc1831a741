// The JSON of REST API v1: records as the API shows them (language selection, links, files only
// when the caller may have them) and the bodies that create or update a record, decoded strictly
// (unknown members, wrong types and missing required members are InvalidArgument naming the
// member).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "catalog/catalog.h"
#include "record/record.h"

namespace mura::http {

struct RecordView {
  std::string base_url;
  std::string language;  // "" = every language
  bool files_visible = false;
};

// The record as API JSON. With a language, each field keeps the values in that language, else
// those in the first language that has any (kk, kk-Latn, ru, en), plus values without a language;
// "fallback": true marks values not in the asked language.
nlohmann::json record_json(const record::Record& record, const RecordView& view);
nlohmann::json summary_json(const catalog::RecordSummary& summary, const std::string& base_url);
nlohmann::json event_json(const record::Event& event);

// A file named in a create/update body: deposited from a staged upload.
struct UploadedFile {
  std::string path;
  std::string upload;  // the upload id from POST /api/v1/uploads
  std::string label;
};

struct RecordBody {
  record::Record record;  // kind, level, parent, position, fields, access, rights
  std::vector<UploadedFile> files;
  std::vector<std::string> remove_files;
  std::int64_t version = 0;  // for updates: the version the client read
  std::string message;
};

// Decodes a create (`for_update` false) or update body:
//   {"kind", "level", "parent", "position", "fields", "access", "rights", "files": [{"path",
//    "upload", "label"}], "remove_files": [...], "version", "message"}
// InvalidArgument names the member: `body: "fields.title[0].value" must be a string`.
Result<RecordBody> decode_record_body(std::string_view body, bool for_update);

// "ark:/99999/mxyz" -> "/ark:/99999/mxyz"
std::string record_path(const std::string& id);

}  // namespace mura::http
