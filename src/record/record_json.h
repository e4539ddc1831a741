// The record.json codec: Record <-> the JSON document stored in each record's OCFL object
// (docs/format/record.md), and Event <-> one line of events.jsonl. Encoding is deterministic
// (sorted keys, stable order), so an unchanged record encodes to identical bytes.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "record/record.h"

namespace mura::record {

inline constexpr std::string_view kRecordFormat = "mura-record/1";

// Encodes the record as pretty-printed JSON (two-space indent, trailing newline).
// The `version` member is not written: the OCFL head version is the truth.
std::string encode_record(const Record& record);
// Decodes record.json. InvalidArgument names the key that is wrong and what was expected,
// e.g. `record.json: "fields.title[1].lang" must be a string`.
Result<Record> decode_record(std::string_view json);

// One event as a single line of JSON (no newline).
std::string encode_event(const Event& event);
Result<Event> decode_event(std::string_view json_line);
// Decodes every line of an events.jsonl file; errors name the line number.
Result<std::vector<Event>> decode_events(std::string_view jsonl);

}  // namespace mura::record
