// The names OAI-PMH gives Mura's things, built and parsed in one place:
//  - item identifiers "oai:<repository-identifier>:<ARK>" ("oai:mura.example.kz:ark:/99999/mx");
//  - the repository identifier, a domain name (the oai-identifier scheme), from the base URL;
//  - setSpecs: one component per collection, "<NAAN>.<name>" of its ARK, joined with ':' from
//    the outermost collection down ("99999.mfonds1:99999.mseries2").
// Plain functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mura::oai {

// Used when the base URL's host is not a domain name (an IP address, "localhost").
inline constexpr std::string_view kFallbackRepositoryIdentifier = "mura.localhost";

// True for a repository identifier of the oai-identifier scheme: labels of a letter followed
// by letters, digits and '-', at least two of them, separated by dots.
bool is_repository_identifier(std::string_view text);

// The host of `base_url` ("https://mura.example.kz:8443/x" -> "mura.example.kz") when it is a
// repository identifier, else kFallbackRepositoryIdentifier.
std::string repository_identifier_from_url(std::string_view base_url);

// "oai:" + repository_identifier + ":" + id.
std::string oai_identifier(std::string_view repository_identifier, std::string_view id);

// The record id inside an OAI identifier of this repository; std::nullopt when `identifier`
// has another prefix, no id, or characters an ARK cannot have (whitespace, <, >, ", \).
std::optional<std::string> record_id_from_oai_identifier(std::string_view repository_identifier,
                                                         std::string_view identifier);

// The setSpec component of a collection: "ark:/99999/mabc" -> "99999.mabc"; std::nullopt when
// the id is not an ARK whose NAAN and name are made of setSpec characters other than '.' in the
// NAAN.
std::optional<std::string> set_component(std::string_view collection_id);

// The collection id of one setSpec component: "99999.mabc" -> "ark:/99999/mabc";
// std::nullopt when it has no '.'.
std::optional<std::string> collection_from_set_component(std::string_view component);

// The components of a setSpec ("a:b" -> {"a", "b"}).
std::vector<std::string_view> split_set_spec(std::string_view set_spec);

}  // namespace mura::oai
