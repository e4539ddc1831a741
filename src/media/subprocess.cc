#include "media/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

extern char** environ;

namespace mura::media {
namespace {

constexpr std::size_t kMaxOut = 16u << 20;
constexpr std::size_t kMaxErr = 64u << 10;

struct Pipe {
  int read = -1;
  int write = -1;
  ~Pipe() {
    if (read >= 0) ::close(read);
    if (write >= 0) ::close(write);
  }
};

}  // namespace

Result<ProcessOutput> run_process(const std::vector<std::string>& argv,
                                  std::chrono::seconds timeout) {
  if (argv.empty()) return invalid_argument_error("run_process: no program");
  Pipe out, err;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Error(errno_status(errno, "pipe", argv[0]));
  out.read = fds[0];
  out.write = fds[1];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Error(errno_status(errno, "pipe", argv[0]));
  err.read = fds[0];
  err.write = fds[1];

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write, 1);
  posix_spawn_file_actions_adddup2(&actions, err.write, 2);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    if (spawned == ENOENT) return not_found_error(argv[0] + " is not installed (not found in PATH)");
    return Error(errno_status(spawned, "spawn", argv[0]));
  }
  ::close(out.write);
  out.write = -1;
  ::close(err.write);
  err.write = -1;

  ProcessOutput output;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  pollfd polls[2] = {{out.read, POLLIN, 0}, {err.read, POLLIN, 0}};
  char buffer[65536];
  while (polls[0].fd >= 0 || polls[1].fd >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    const int ready = ::poll(polls, 2, static_cast<int>(std::min<std::int64_t>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (polls[i].fd < 0 || (polls[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t got = ::read(polls[i].fd, buffer, sizeof buffer);
      if (got <= 0) {
        polls[i].fd = -1;
        continue;
      }
      std::string& target = i == 0 ? output.out : output.err;
      target.append(buffer, static_cast<std::size_t>(got));
      if (i == 0 && target.size() > kMaxOut) target.resize(kMaxOut);
      if (i == 1 && target.size() > kMaxErr) target.erase(0, target.size() - kMaxErr);
    }
  }
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    return unavailable_error(argv[0] + " ran longer than " + std::to_string(timeout.count()) +
                             " s and was stopped");
  }
  output.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return output;
}

}  // namespace mura::media
