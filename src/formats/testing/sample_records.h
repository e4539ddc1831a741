// Records for the tests of the metadata writers and of OAI-PMH: valid against the shipped
// profiles, multilingual (Kazakh in both scripts, Russian, English), with characters that need
// escaping. Header-only, for tests and benchmarks.
#pragma once

#include <cstdlib>
#include <iostream>
#include <string>

#include "base/posix_file_system.h"
#include "record/profile.h"
#include "record/record.h"

namespace mura::formats::testing {

// The profiles in data/profiles, loaded once.
inline const record::ProfileSet& shipped_profiles() {
  static const record::ProfileSet* profiles = [] {
    auto loaded =
        record::ProfileSet::load(default_file_system(), record::default_profile_directory());
    if (!loaded) {
      std::cerr << "cannot load the shipped profiles: " << loaded.error().to_string() << "\n";
      std::abort();
    }
    return new record::ProfileSet(std::move(*loaded));
  }();
  return *profiles;
}

inline record::Record research_output(std::string id = "ark:/99999/mresearch1") {
  record::Record record;
  record.id = std::move(id);
  record.kind = record::Kind::kResearchOutput;
  record.fields["title"] = {{"kk", "Қазақ даласының климаты"},
                            {"en", "The climate of the Kazakh steppe"},
                            {"ru", "Климат казахской степи"},
                            {"kk", "Дала & ауа-райы <1900–2000>"}};
  record.fields["resource_type"] = {{"", "dataset"}};
  record.fields["doi"] = {{"", "https://doi.org/10.48550/mura.2026.1"}};
  record.fields["identifier"] = {{"", "KZ-NAS-2026-17"}};
  record.fields["creator"] = {{"kk", "Әбішев, Ақан"},
                              {"kk", "Сейітова, Гүлнар"},
                              {"en", "Abishev, Akan"},
                              {"en", "Seitova, Gulnar"}};
  record.fields["contributor"] = {{"en", "Institute of Geography"}};
  record.fields["publisher"] = {{"kk", "Қазақстан Ұлттық ғылым академиясы"}};
  record.fields["publication_year"] = {{"", "2026"}};
  record.fields["date"] = {{"", "1900/2000"}};
  record.fields["description"] = {{"en", "Daily temperature \"series\" from 40 stations"},
                                  {"kk", "40 станцияның күнделікті температурасы"}};
  record.fields["subject"] = {{"en", "climate"}, {"kk-Latn", "klimat"}};
  record.fields["place"] = {{"en", "Kazakhstan"}};
  record.fields["language"] = {{"", "kk"}};
  record.fields["version"] = {{"", "1.2"}};
  record.fields["license"] = {{"", "https://creativecommons.org/licenses/by/4.0/"}};
  record.fields["funder"] = {{"en", "Ministry of Science and Higher Education"}};
  record.fields["related_identifier"] = {{"", "10.5281/zenodo.123"},
                                         {"", "https://example.org/paper"},
                                         {"", "not an identifier we know"}};
  record.rights = "http://rightsstatements.org/vocab/InC/1.0/";
  record.files = {{"data/temperature.csv", "", 100, "text/csv", "x-fmt/18", ""}};
  record.created = "2026-11-28T10:00:00Z";
  record.modified = "2026-11-28T10:00:00Z";
  return record;
}

inline record::Record archival_item(std::string id = "ark:/99999/mletter01") {
  record::Record record;
  record.id = std::move(id);
  record.kind = record::Kind::kArchivalUnit;
  record.level = "item";
  record.fields["title"] = {{"kk", "Хат"}, {"kk-Latn", "Hat"}, {"en", "A letter <draft>"}};
  record.fields["reference_code"] = {{"", "KZ-ERT-212/1/7"}};
  record.fields["date"] = {{"", "1916-05-19"}};
  record.fields["description"] = {{"ru", "Письмо о \"земле\" & воде"}};
  record.rights = "http://rightsstatements.org/vocab/NoC-US/1.0/";
  record.created = "2026-11-28T10:00:00Z";
  record.modified = "2026-11-28T10:00:00Z";
  return record;
}

}  // namespace mura::formats::testing
