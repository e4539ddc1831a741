// The one access policy of Mura. Every read path — record JSON, lists, hierarchy, downloads,
// OAI-PMH, sitemap, search, IIIF, the web UI — asks it, either per record (allows()) or, for
// lists, through the same rule compiled into a query (the catalog's and the search index's
// visibility filters use Requirement's grants and open_from, never their own logic).
//
// A record requires, separately for its metadata and for its files, one of a set of grant tokens
// ("public", "registered", "group:<name>") and a date from which the grant is honoured (an
// embargo or a personal-data closure). A caller holds tokens; curators of the record's
// collection and administrators see everything. Plain functions on values; thread-safe.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "record/record.h"

namespace mura::access {

inline constexpr std::string_view kPublicToken = "public";
inline constexpr std::string_view kRegisteredToken = "registered";
// "group:<name>"
std::string group_token(std::string_view group);

// A date later than any real one: "open from never" (closed until a curator acts).
inline constexpr std::string_view kNever = "9999-12-31";

// What one part of a record (its metadata, or its files) requires of a caller.
struct Requirement {
  // The caller needs at least one of these tokens. Empty for a closed record: only curators of
  // `collection` and administrators may see it.
  std::vector<std::string> grants;
  // "YYYY-MM-DD": the grants are honoured from this day on (embargo, personal-data closure or
  // a pending review, which is kNever). Empty when there is no such date.
  std::string open_from;
  // The record's collection ARK (catalog::RecordSummary::collection): its curators see the
  // record whatever the grants and dates say.
  std::string collection;
  friend bool operator==(const Requirement&, const Requirement&) = default;
};

struct RecordRequirements {
  Requirement metadata;
  // Never looser than metadata: a caller who may not see the description may not see the files.
  Requirement files;
  friend bool operator==(const RecordRequirements&, const RecordRequirements&) = default;
};

// Settings that shape the policy: the closure period of records holding personal data, for the
// whole repository and per collection (kept by the catalog, catalog::Catalog::policy_settings).
// A record's own AccessPolicy::closure_years overrides both.
struct PolicySettings {
  int default_closure_years = 75;
  // Collection ARK -> years, for the records whose nearest collection it is.
  std::map<std::string, int, std::less<>> collection_closure_years;

  // The period for a record whose nearest collection is `collection` ("" for none).
  int closure_years_for(std::string_view collection) const;
};

// Works out what a record requires.
//  - metadata: its AccessPolicy.metadata level: public → {"public", "registered"... every
//    caller}, registered → {"registered"}, restricted → {"group:<g>" for each of its groups},
//    closed → {}.
//  - files: the stricter of the files level and the metadata level; an embargo_until date
//    becomes files.open_from.
//  - personal_data: both parts closed until the end of the closure period, counted from the end
//    year of the record's "date" field (EDTF) plus closure_years (the record's own, else
//    settings.closure_years_for(collection)): open_from is January 1 of the year after. Without a
//    parseable date the closure cannot end by itself: open_from is kNever.
//  - review_pending: both parts closed (open_from kNever) until a curator reviews the record.
// `collection` is the record's collection ARK (empty when none).
RecordRequirements requirements_for(const record::Record& record, const std::string& collection,
                                    const PolicySettings& settings);
// The same from the summary fields the catalog keeps (the access policy and the date field's
// first value), for callers that have no full record.
RecordRequirements requirements_for(const record::AccessPolicy& policy, std::string_view edtf_date,
                                    const std::string& collection, const PolicySettings& settings);

// Who is asking. Built by the server from a session or token; the anonymous public holds only
// "public".
struct Caller {
  std::string user;                              // empty for the anonymous public
  std::vector<std::string> tokens;               // "public", "registered", "group:<name>", ...
  std::vector<std::string> curated_collections;  // ARKs of collections the caller curates
  bool administrator = false;

  static Caller anonymous();
  // A signed-in user: "public", "registered" and "group:<g>" for each group.
  static Caller registered_user(std::string user, const std::vector<std::string>& groups);
  bool is_anonymous() const { return user.empty(); }
  // An administrator, or a curator of `collection` (non-empty).
  bool curates(std::string_view collection) const;
};

// The decision: true when `caller` may see what `requirement` protects on `today`
// ("YYYY-MM-DD", UTC).
bool allows(const Caller& caller, const Requirement& requirement, std::string_view today);

// Today's date in UTC, "YYYY-MM-DD".
std::string today_utc();

}  // namespace mura::access
