// OAI-PMH harvest benchmark: a full ListRecords (oai_dc) and ListIdentifiers harvest through
// OaiHandler over a SQLite catalog of N records (default 1,000,000), following resumption tokens
// to the end, next to the in-run baseline of reading the same pages straight from the catalog
// (list + get_record, no XML). Prints a table with the ratio, the peak RSS and the RSS early and
// late in the harvest (flat memory: a harvest keeps one page at a time). ListRecords is then
// harvested again over HTTP — the same handler behind mura's HTTP server, on 127.0.0.1, read by
// a keep-alive client in this process — next to the in-process harvest.
//
//   oai_bench [--records N] [--dir DIR]
//
// The catalog is built once in DIR (kept between runs for the same N): collections with
// archival items and research outputs, 1 % withdrawn, 2 % closed, datestamps one second apart.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <functional>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "formats/testing/sample_records.h"
#include "http/server.h"
#include "oai/oai_handler.h"

namespace {

using namespace mura;
using Clock = std::chrono::steady_clock;

constexpr int kCollections = 20;
constexpr std::string_view kRecordsSetting = "bench.records";

[[noreturn]] void die(const std::string& message) {
  std::cerr << "oai_bench: " << message << "\n";
  std::exit(1);
}

template <typename T>
T check(Result<T> result, std::string_view what) {
  if (!result) die(std::string(what) + ": " + result.error().to_string());
  return std::move(*result);
}

void check(const Status& status, std::string_view what) {
  if (!status.ok()) die(std::string(what) + ": " + status.to_string());
}

// VmRSS or VmHWM of this process in kB.
long memory_kb(std::string_view field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(field)) return std::atol(line.c_str() + field.size() + 1);
  }
  return 0;
}

std::string timestamp(std::int64_t second) {
  const auto base = std::chrono::sys_days(std::chrono::year(2020) / 1 / 1);
  const auto time = std::chrono::system_clock::to_time_t(base + std::chrono::seconds(second));
  std::tm parts{};
  gmtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

std::string collection_id(int i) { return "ark:/99999/mcoll" + std::to_string(i); }

void fill(catalog::Catalog& catalog, std::int64_t count) {
  std::cerr << "building a catalog of " << count << " records ..." << std::flush;
  const auto start = Clock::now();
  check(catalog.clear(), "clear");
  check(catalog.begin_batch(), "begin");
  for (int i = 0; i < kCollections; ++i) {
    record::Record collection;
    collection.id = collection_id(i);
    collection.kind = record::Kind::kCollection;
    collection.fields["title"] = {{"kk", "Қор " + std::to_string(i)},
                                  {"en", "Fonds " + std::to_string(i)}};
    collection.created = collection.modified = timestamp(0);
    check(catalog.put_record(collection), "put collection");
  }
  for (std::int64_t i = 0; i < count; ++i) {
    const std::string name = "m" + std::to_string(1'000'000'000 + i);
    record::Record record = i % 10 == 3 ? formats::testing::research_output("ark:/99999/" + name)
                                        : formats::testing::archival_item("ark:/99999/" + name);
    record.parent = collection_id(static_cast<int>(i % kCollections));
    record.fields["title"].push_back({"ru", "Документ № " + std::to_string(i)});
    record.deleted = i % 100 == 7;
    if (i % 50 == 11) record.access.metadata = record::AccessLevel::kClosed;
    record.created = record.modified = timestamp(1 + i);
    check(catalog.put_record(record), "put record");
    if (i % 10'000 == 9'999) {
      check(catalog.commit_batch(), "commit");
      check(catalog.begin_batch(), "begin");
    }
  }
  check(catalog.commit_batch(), "commit");
  check(catalog.set_setting(std::string(kRecordsSetting), std::to_string(count)), "setting");
  std::cerr << " " << std::chrono::duration<double>(Clock::now() - start).count() << " s\n";
}

// CPU seconds this process has used: the machine is shared, so rates are also given per CPU
// second, which other processes do not disturb.
double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

struct Run {
  std::int64_t items = 0;
  std::int64_t bytes = 0;
  double seconds = 0;
  double cpu = 0;
  long rss_early_kb = 0;  // after the first tenth of the pages
  long rss_late_kb = 0;   // at the end
  double rate() const { return seconds > 0 ? static_cast<double>(items) / seconds : 0; }
  double cpu_rate() const { return cpu > 0 ? static_cast<double>(items) / cpu : 0; }
};

std::int64_t count_of(const std::string& text, std::string_view needle) {
  std::int64_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

std::string token_of(const std::string& xml) {
  const auto open = xml.rfind("<resumptionToken");
  if (open == std::string::npos) return "";
  const auto end_of_tag = xml.find('>', open);
  if (xml[end_of_tag - 1] == '/') return "";
  return xml.substr(end_of_tag + 1, xml.find('<', end_of_tag) - end_of_tag - 1);
}

using Fetch = std::function<std::string(const oai::Arguments&)>;

// A harvester's HTTP/1.1 client: one keep-alive connection, GET, Content-Length bodies.
class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) {
    socket_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (socket_ < 0) die("cannot make a socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    ::setsockopt(socket_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(socket_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
      die("cannot connect to the HTTP server");
  }
  ~HttpClient() { ::close(socket_); }

  std::string get(const std::string& target) {
    const std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(socket_, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size()))
      die("send failed");
    std::size_t head_end;
    while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) receive();
    const std::string head = buffer_.substr(0, head_end);
    if (!head.starts_with("HTTP/1.1 200")) die("HTTP answered " + head.substr(0, head.find('\r')));
    const auto length_at = head.find("Content-Length: ");
    if (length_at == std::string::npos) die("no Content-Length");
    const auto length = std::stoull(head.substr(length_at + 16));
    while (buffer_.size() < head_end + 4 + length) receive();
    std::string body = buffer_.substr(head_end + 4, length);
    buffer_.erase(0, head_end + 4 + length);
    return body;
  }

 private:
  void receive() {
    char chunk[65536];
    const ssize_t n = ::recv(socket_, chunk, sizeof chunk, 0);
    if (n <= 0) die("the connection closed");
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
  int socket_ = -1;
  std::string buffer_;
};

std::string percent_encoded(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

Run harvest(const Fetch& fetch, std::string_view verb, std::int64_t expected) {
  Run run;
  const std::string tag = verb == "ListRecords" ? "<record>" : "<header";
  const auto start = Clock::now();
  const double cpu_start = cpu_seconds();
  std::string token;
  do {
    oai::Arguments arguments = {{"verb", std::string(verb)}};
    if (token.empty()) {
      arguments.emplace_back("metadataPrefix", "oai_dc");
    } else {
      arguments.emplace_back("resumptionToken", token);
    }
    const std::string xml = fetch(arguments);
    if (xml.find("<error") != std::string::npos) die("harvest: " + xml.substr(0, 2000));
    run.items += count_of(xml, tag);
    run.bytes += static_cast<std::int64_t>(xml.size());
    token = token_of(xml);
    if (run.rss_early_kb == 0 && run.items >= expected / 10) run.rss_early_kb = memory_kb("VmRSS:");
  } while (!token.empty());
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  run.cpu = cpu_seconds() - cpu_start;
  run.rss_late_kb = memory_kb("VmRSS:");
  return run;
}

// The baseline: the same pages read straight from the catalog, as the anonymous public sees it.
Run catalog_read(catalog::Catalog& catalog, int page_size, bool with_records) {
  Run run;
  const access::Caller anonymous = access::Caller::anonymous();
  catalog::ListFilter filter;
  filter.include_deleted = true;
  filter.visibility = catalog::Visibility::of(anonymous, access::today_utc());
  const auto start = Clock::now();
  const double cpu_start = cpu_seconds();
  std::string cursor;
  do {
    auto page = check(catalog.list(filter, cursor, page_size), "list");
    for (const auto& summary : page.items) {
      run.bytes += static_cast<std::int64_t>(summary.id.size());
      if (with_records && !summary.deleted) {
        auto record = check(catalog.get_record(summary.id), "get_record");
        if (record) run.bytes += static_cast<std::int64_t>(record->fields.size());
      }
      ++run.items;
    }
    cursor = page.next_cursor;
  } while (!cursor.empty());
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  run.cpu = cpu_seconds() - cpu_start;
  run.rss_late_kb = memory_kb("VmRSS:");
  return run;
}

void print_row(const std::string& label, const Run& mura, const Run& baseline) {
  const auto ratio = [](double a, double b) { return b > 0 ? 100 * a / b : 0; };
  std::printf("%-40s %9.0f rec/s %9.0f rec/s %6.0f %%   %9.0f %9.0f %6.0f %%\n", label.c_str(),
              mura.rate(), baseline.rate(), ratio(mura.rate(), baseline.rate()), mura.cpu_rate(),
              baseline.cpu_rate(), ratio(mura.cpu_rate(), baseline.cpu_rate()));
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t records = 1'000'000;
  std::string directory = "var/bench/oai";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--records") {
      records = std::atoll(argv[i + 1]);
    } else if (flag == "--dir") {
      directory = argv[i + 1];
    } else {
      die("unknown option " + flag + " (use --records N --dir DIR)");
    }
  }
  if (records < 1) die("--records must be at least 1");
  std::filesystem::create_directories(directory);
  auto catalog = check(catalog::Catalog::open_sqlite(directory + "/catalog.sqlite"), "open");
  const auto stored = check(catalog->setting(std::string(kRecordsSetting)), "setting");
  if (!stored || *stored != std::to_string(records)) fill(*catalog, records);

  oai::OaiOptions options;
  options.base_url = "https://mura.example.kz/oai";
  options.record_url_base = "https://mura.example.kz";
  auto handler = check(
      oai::OaiHandler::create(*catalog, formats::testing::shipped_profiles(), options), "handler");
  const long rss_start = memory_kb("VmRSS:");

  (void)catalog_read(*catalog, options.records_per_page, true);  // warms the page cache
  const Run read_records = catalog_read(*catalog, options.records_per_page, true);
  const Fetch in_process = [&](const oai::Arguments& arguments) {
    return check(handler->handle(arguments), "harvest");
  };
  const Run list_records = harvest(in_process, "ListRecords", read_records.items);
  const Run read_summaries = catalog_read(*catalog, options.headers_per_page, false);
  const Run list_identifiers = harvest(in_process, "ListIdentifiers", read_summaries.items);

  // The same handler behind the HTTP server, as the /oai route runs it.
  http::ServerOptions server_options;
  server_options.port = 0;
  auto server = check(http::Server::start(
                          server_options,
                          [&](const http::Request& request) {
                            auto xml = handler->handle(request.query);
                            return xml ? http::Response::text(200, std::move(*xml),
                                                              "text/xml; charset=utf-8")
                                       : http::Response::text(500, xml.error().message(),
                                                              "text/plain");
                          },
                          nullptr),
                      "start the HTTP server");
  HttpClient client(server->port());
  const Fetch over_http = [&](const oai::Arguments& arguments) {
    std::string target = "/oai";
    for (const auto& [name, value] : arguments)
      target += (target.size() == 4 ? "?" : "&") + name + "=" + percent_encoded(value);
    return client.get(target);
  };
  const Run http_records = harvest(over_http, "ListRecords", read_records.items);
  server->stop();
  if (list_records.items != read_records.items || list_identifiers.items != read_summaries.items ||
      http_records.items != read_records.items) {
    die("the harvests and the catalog disagree: ListRecords " +
        std::to_string(list_records.items) + " in process, " + std::to_string(http_records.items) +
        " over HTTP, " + std::to_string(read_records.items) + " in the catalog; ListIdentifiers " +
        std::to_string(list_identifiers.items) + ", catalog " +
        std::to_string(read_summaries.items));
  }

  std::printf("\n%-40s %15s %15s %8s   %29s\n", "OAI-PMH benchmark (wall clock)", "mura",
              "baseline", "ratio", "per CPU second: mura, baseline, ratio");
  print_row("ListRecords oai_dc, " + std::to_string(list_records.items) + " records", list_records,
            read_records);
  print_row("ListIdentifiers, " + std::to_string(list_identifiers.items) + " headers",
            list_identifiers, read_summaries);
  print_row("ListRecords over HTTP (vs in process)", http_records, list_records);
  std::printf("%-40s %s\n", "  target >= 10,000 rec/s over HTTP",
              http_records.rate() >= 10000 ? "pass" : "FAIL");
  std::printf(
      "\nbaselines: the same pages read from the catalog as the public sees them "
      "(list + get_record for ListRecords, list for ListIdentifiers), no XML\n");
  std::printf(
      "memory: RSS %ld MB before, %ld MB after a tenth of ListRecords, %ld MB at its end; "
      "peak %ld MB; %.0f MB of XML harvested\n",
      rss_start / 1024, list_records.rss_early_kb / 1024, list_records.rss_late_kb / 1024,
      memory_kb("VmHWM:") / 1024, static_cast<double>(list_records.bytes) / 1e6);
  return 0;
}
