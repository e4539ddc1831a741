#include "record/record_json.h"

#include "base/testing/status_matchers.h"

namespace mura::record {
namespace {

using ::mura::testing::StatusIs;
using ::testing::HasSubstr;

Record sample() {
  Record record;
  record.id = "ark:/99999/mtest0001x";
  record.kind = Kind::kArchivalUnit;
  record.level = "item";
  record.parent = "ark:/99999/mparent01y";
  record.position = 7;
  record.fields["title"] = {{"kk", "Абай хаты"}, {"ru", "Письмо Абая"}, {"en", "Abai's letter"}};
  record.fields["date"] = {{"", "1895~"}};
  record.access.files = AccessLevel::kRestricted;
  record.access.groups = {"researchers"};
  record.access.embargo_until = "2030-01-01";
  record.access.closure_years = 75;
  record.rights = "http://rightsstatements.org/vocab/InC/1.0/";
  record.files = {{"scan-001.tif", "abc", 12, "image/tiff", "fmt/353", "Page 1"}};
  record.source = "demo.csv#letter-1";
  record.created = "2026-11-28T00:00:00Z";
  record.modified = "2026-11-28T00:00:01Z";
  return record;
}

TEST(RecordJsonTest, RoundTrip) {
  Record record = sample();
  std::string json = encode_record(record);
  ASSERT_OK_AND_ASSIGN(Record decoded, decode_record(json));
  EXPECT_EQ(decoded, record);
  EXPECT_EQ(encode_record(decoded), json) << "encoding is deterministic";
}

TEST(RecordJsonTest, FirstValueFallsBackByLanguage) {
  Record record = sample();
  EXPECT_EQ(record.first_value("title", "ru"), "Письмо Абая");
  EXPECT_EQ(record.first_value("title", "de"), "Абай хаты");
  EXPECT_EQ(record.first_value("date"), "1895~");
  EXPECT_EQ(record.first_value("creator"), "");
}

struct BadCase {
  const char* json;
  const char* message;
};

TEST(RecordJsonTest, BadDocumentsNameTheKey) {
  const BadCase cases[] = {
      {"[1]", "must be a JSON object"},
      {"{", "not valid JSON"},
      {R"({"format":"mura-record/1","kind":"archival_unit"})", "\"id\" is required"},
      {R"({"format":"mura-record/1","id":"x","kind":"statue"})", "\"statue\" is not a record kind"},
      {R"({"format":"mura-record/9","id":"x","kind":"agent"})", "mura-record/9"},
      {R"({"format":"mura-record/1","id":"x","kind":"agent","fields":{"title":[{"lang":3,"value":"a"}]}})",
       "\"fields.title[0].lang\" must be a string"},
      {R"({"format":"mura-record/1","id":"x","kind":"agent","fields":{"title":"a"}})",
       "\"fields.title\" must be an array"},
      {R"({"format":"mura-record/1","id":"x","kind":"agent","access":{"files":"secret"}})",
       "\"access.files\" must be public"},
      {R"({"format":"mura-record/1","id":"x","kind":"agent","files":[{"path":"a","digest":"d","size":-1}]})",
       "\"files[0].size\" must not be negative"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.json);
    EXPECT_THAT(decode_record(c.json), StatusIs(StatusCode::kInvalidArgument, HasSubstr(c.message)));
  }
}

TEST(RecordJsonTest, EventsRoundTripAndNameTheBadLine) {
  Event event{"5f0c", "ingestion", "2026-11-28T00:00:00Z", "mura user:alice", "success", "from demo.csv"};
  std::string jsonl = encode_event(event) + "\n" + encode_event(event) + "\n";
  ASSERT_OK_AND_ASSIGN(auto events, decode_events(jsonl));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1], event);
  EXPECT_THAT(decode_events(jsonl + "{\"id\":1}\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("line 3")));
}

}  // namespace
}  // namespace mura::record
