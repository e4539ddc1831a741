// mura derivatives build [--repo DIR] [--all | ID...] [--threads N] [--no-ocr] [--no-renditions]
//                        [--json]
// mura jobs [--repo DIR] [--state queued|running|done|failed] [--json]
#include "cli/media_command.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/invocation.h"
#include "cli/progress.h"
#include "media/technical_metadata.h"
#include "service/derivatives_jobs.h"

namespace mura::cli {
namespace {

using Json = nlohmann::ordered_json;

bool has_media(const record::Record& record) {
  for (const auto& file : record.files) {
    if (media::is_image_type(file.media_type) || media::is_audio_type(file.media_type) ||
        media::is_video_type(file.media_type) || media::is_pdf_type(file.media_type)) {
      return true;
    }
  }
  return false;
}

// Queues a job for every record with media files (`ids` empty) or for the records named.
Result<std::size_t> queue_jobs(service::Repository& repository, service::DerivativeJobs& jobs,
                               const std::vector<std::string>& ids, bool all) {
  std::size_t queued = 0;
  auto queue = [&](const std::string& id) -> Status {
    MURA_ASSIGN_OR_RETURN(auto record, repository.catalog().get_record(id));
    if (!record) return not_found_error("no record " + id + " in the catalog");
    if (record->deleted || !has_media(*record)) return ok_status();
    MURA_TRY(jobs.enqueue(record->id, record->version, service::DerivativeJobs::Requeue::kFinished));
    ++queued;
    return ok_status();
  };
  for (const auto& id : ids) MURA_TRY(queue(id));
  if (!all) return queued;
  std::string cursor;
  do {
    MURA_ASSIGN_OR_RETURN(auto page, repository.catalog().list(catalog::ListFilter{}, cursor, catalog::kMaxPageSize));
    for (const auto& summary : page.items) MURA_TRY(queue(summary.id));
    cursor = page.next_cursor;
  } while (!cursor.empty());
  return queued;
}

std::string rate(double amount, double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", seconds > 0 ? amount / seconds : 0.0);
  return text;
}

}  // namespace

int run_derivatives(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] != "build") {
    return usage_error(err, "derivatives", "expected `mura derivatives build [--all | ID...]`");
  }
  int code = 0;
  auto invocation = open_invocation("derivatives", Args(args.begin() + 1, args.end()),
                                    {"all", "no-ocr", "no-renditions", "json"}, {"threads"}, err, code);
  if (!invocation) return code;
  const auto& arguments = invocation->arguments;
  auto threads = arguments.integer_option("threads", 2, 1, 64);
  if (!threads) return usage_error(err, "derivatives", threads.error().message());
  if (arguments.flag("all") && !arguments.operands().empty()) {
    return usage_error(err, "derivatives", "give --all or record ids, not both");
  }
  auto& repository = *invocation->repository;
  service::DerivativeOptions options;
  options.ocr = !arguments.flag("no-ocr");
  options.renditions = !arguments.flag("no-renditions");
  service::DerivativeJobs jobs(repository, options);
  auto queued = queue_jobs(repository, jobs, arguments.operands(), arguments.flag("all"));
  if (!queued) return failure(err, "derivatives", queued.error());
  Progress progress("derivatives", "records");
  auto summary = jobs.run_pending(*threads, [&](std::size_t done, std::size_t total) { progress.update(done, total); });
  progress.finish();
  if (arguments.flag("json")) {
    out << Json{{"queued", *queued},          {"done", summary.done},
                {"failed", summary.failed},   {"made", summary.made},
                {"megapixels", summary.megapixels}, {"ocr_pages", summary.ocr_pages},
                {"seconds", summary.seconds}}
               .dump(2)
        << "\n";
  } else {
    out << summary.done + summary.failed << " jobs run (" << summary.done << " done, " << summary.failed
        << " failed): " << summary.made << " derivatives made (pyramids of " << rate(summary.megapixels, 1)
        << " megapixels, " << summary.ocr_pages << " pages recognised) in " << rate(summary.seconds, 1) << " s\n";
    if (summary.failed > 0) out << "see `mura jobs --state failed` for what failed\n";
  }
  return summary.failed == 0 ? 0 : 1;
}

int run_jobs(const Args& args, std::ostream& out, std::ostream& err) {
  int code = 0;
  auto invocation = open_invocation("jobs", args, {"json"}, {"state"}, err, code);
  if (!invocation) return code;
  const auto& arguments = invocation->arguments;
  const std::string state = arguments.option_or("state", "");
  if (!state.empty() && state != "queued" && state != "running" && state != "done" && state != "failed") {
    return usage_error(err, "jobs", "--state must be queued, running, done or failed");
  }
  service::DerivativeJobs jobs(*invocation->repository, {});
  auto list = jobs.list();
  if (!list) return failure(err, "jobs", list.error());
  Json json = Json::array();
  for (const auto& job : *list) {
    const std::string name(service::job_state_name(job.state));
    if (!state.empty() && name != state) continue;
    if (arguments.flag("json")) {
      json.push_back({{"id", job.id}, {"record", job.record}, {"version", job.version}, {"state", name},
                      {"attempts", job.attempts}, {"created", job.created}, {"updated", job.updated},
                      {"made", job.made}, {"problems", job.problems}, {"message", job.message}});
    } else {
      out << name << "\t" << job.record << " v" << job.version << "\t" << job.updated << "\t" << job.message << "\n";
    }
  }
  if (arguments.flag("json")) out << json.dump(2) << "\n";
  return 0;
}

}  // namespace mura::cli
