// `mura user add | list | passwd | grant | revoke | token create | token list | token revoke`
#include "cli/user_command.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "access/accounts.h"
#include "access/audit_log.h"
#include "cli/invocation.h"

namespace mura::cli {
namespace {

constexpr std::string_view kUsage = R"(usage: mura user SUBCOMMAND ... [--repo DIR]

  add NAME [--display-name TEXT] [--roles ROLE,...] [--password-stdin]
                                      add a user (asks for the password twice on a terminal)
  list [--json]                       every user with their roles
  passwd NAME [--password-stdin]      set a new password (the user's sessions end)
  grant NAME ROLE                     give a role: admin, curator:<collection ARK>, group:<name>
  revoke NAME ROLE                    take a role away
  disable NAME | enable NAME          stop or allow sign-in and the user's tokens
  token create NAME [--scope read|write] [--days N] [--label TEXT] [--json]
                                      a new API token, printed once (keep it: only its digest
                                      is stored); read-only unless --scope write; 90 days
  token list NAME [--json]            the user's tokens (never their secrets)
  token revoke ID                     stop a token at once

With --password-stdin the password is the first line of standard input. Changes are written to
the audit log. Exit codes: 0 done, 1 refused or invalid, 2 usage error.
)";

int usage(std::ostream& err, const std::string& message) {
  err << "mura user: " << message << " (see mura user --help)\n";
  return 2;
}

int failed(std::ostream& err, const Status& status) {
  err << "mura user: " << status.message() << "\n";
  return 1;
}

std::string cli_actor() { return "cli:" + current_actor().name; }

// A line from the terminal without echo.
Result<std::string> prompt_hidden(const std::string& prompt, std::ostream& err) {
  err << prompt << std::flush;
  termios saved{};
  const bool terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool read = static_cast<bool>(std::getline(std::cin, line));
  if (terminal) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  err << "\n";
  if (!read) return invalid_argument_error("no password was given");
  return line;
}

// The new password: the first line of stdin with --password-stdin, else asked twice on a
// terminal.
Result<std::string> read_new_password(const Arguments& arguments, const std::string& user,
                                      std::ostream& err) {
  if (arguments.flag("password-stdin")) {
    std::string line;
    if (!std::getline(std::cin, line)) {
      return invalid_argument_error("--password-stdin: standard input is empty");
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  if (!::isatty(STDIN_FILENO)) {
    return invalid_argument_error(
        "standard input is not a terminal; pass --password-stdin to read the password from it");
  }
  MURA_ASSIGN_OR_RETURN(std::string first, prompt_hidden("Password for " + user + ": ", err));
  MURA_ASSIGN_OR_RETURN(std::string second, prompt_hidden("Again: ", err));
  if (first != second) return invalid_argument_error("the two passwords differ");
  return first;
}

std::vector<std::string> split_roles(const std::string& text) {
  std::vector<std::string> roles;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string role = text.substr(start, comma - start);
    while (!role.empty() && role.front() == ' ') role.erase(role.begin());
    while (!role.empty() && role.back() == ' ') role.pop_back();
    if (!role.empty()) roles.push_back(role);
    start = comma + 1;
  }
  return roles;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

nlohmann::ordered_json user_json(const access::User& user) {
  return {{"name", user.name},
          {"display_name", user.display_name},
          {"roles", access::Accounts::roles_of(user)},
          {"administrator", user.administrator},
          {"collections", user.curated_collections},
          {"groups", user.groups},
          {"disabled", user.disabled},
          {"created", user.created}};
}

nlohmann::ordered_json token_json(const access::ApiToken& token) {
  return {{"id", token.id},
          {"user", token.user},
          {"scope", std::string(access::token_scope_name(token.scope))},
          {"label", token.label},
          {"created", token.created},
          {"expires", token.expires},
          {"revoked", token.revoked}};
}

int run_token(const std::string& command, const Arguments& arguments, access::Accounts& accounts,
              std::ostream& out, std::ostream& err) {
  const auto& operands = arguments.operands();
  if (operands.size() != 2)
    return usage(err, "expected: token " + command + " " + (command == "revoke" ? "ID" : "NAME"));
  const std::string& subject = operands[1];
  if (command == "create") {
    const auto scope = access::parse_token_scope(arguments.option_or("scope", "read"));
    if (!scope) return usage(err, "--scope is read or write");
    auto days = arguments.integer_option("days", 90, 1, 3650);
    if (!days) return usage(err, days.error().message());
    auto issued = accounts.create_token(subject, *scope, *days, arguments.option_or("label", ""),
                                        cli_actor());
    if (!issued) return failed(err, issued.error());
    if (arguments.flag("json")) {
      auto json = token_json(issued->token);
      json["token"] = issued->secret;
      out << json.dump(2) << "\n";
    } else {
      // The secret alone on stdout, so that TOKEN=$(mura user token create ...) works.
      out << issued->secret << "\n";
      err << "token " << issued->token.id << " for " << subject << " ("
          << access::token_scope_name(*scope) << ", expires " << issued->token.expires
          << "); it is shown only now\n";
    }
    return 0;
  }
  if (command == "list") {
    auto tokens = accounts.tokens(subject);
    if (!tokens) return failed(err, tokens.error());
    if (arguments.flag("json")) {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const auto& token : *tokens) list.push_back(token_json(token));
      out << list.dump(2) << "\n";
      return 0;
    }
    for (const auto& token : *tokens) {
      out << token.id << "  " << access::token_scope_name(token.scope) << "  expires "
          << token.expires << (token.revoked ? "  revoked" : "")
          << (token.label.empty() ? "" : "  " + token.label) << "\n";
    }
    return 0;
  }
  if (command == "revoke") {
    Status revoked = accounts.revoke_token(subject, cli_actor());
    if (!revoked.ok()) return failed(err, revoked);
    out << "token " << subject << " revoked\n";
    return 0;
  }
  return usage(err, "unknown token subcommand \"" + command + "\"");
}

}  // namespace

int run_user(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage(err, "missing subcommand");
  const std::string command = args[0];
  if (command == "--help" || command == "help") {
    out << kUsage;
    return 0;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  std::string token_command;
  if (command == "token") {
    if (rest.empty()) return usage(err, "expected: token create|list|revoke ...");
    token_command = rest[0];
  }
  int code = 0;
  auto invocation = open_invocation("user", rest, {"json", "password-stdin"},
                                    {"display-name", "roles", "scope", "days", "label"}, err, code);
  if (!invocation) return code;
  auto& repository = *invocation->repository;
  const auto& arguments = invocation->arguments;
  const auto& operands = arguments.operands();
  access::AuditLog audit(repository.catalog().audit());
  access::AccountsOptions options;
  options.record_change = audit.recorder();
  access::Accounts accounts(repository.catalog().accounts(), options);

  if (command == "token") return run_token(token_command, arguments, accounts, out, err);
  if (command == "list") {
    if (!operands.empty()) return usage(err, "expected: list [--json]");
    auto users = accounts.users();
    if (!users) return failed(err, users.error());
    if (arguments.flag("json")) {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const auto& user : *users) list.push_back(user_json(user));
      out << list.dump(2) << "\n";
      return 0;
    }
    for (const auto& user : *users) {
      out << user.name << "  " << user.display_name << "  "
          << joined(access::Accounts::roles_of(user)) << (user.disabled ? "  (disabled)" : "")
          << "\n";
    }
    return 0;
  }
  if (command == "add" || command == "passwd") {
    if (operands.size() != 1) return usage(err, "expected: " + command + " NAME");
    const std::string& name = operands[0];
    if (command == "add") {
      // Check the name and roles before asking for a password.
      if (Status valid = access::check_user_name(name); !valid.ok()) return failed(err, valid);
      const auto roles = split_roles(arguments.option_or("roles", ""));
      for (const auto& role : roles) {
        if (auto parsed = access::parse_role(role); !parsed) return failed(err, parsed.error());
      }
      auto password = read_new_password(arguments, name, err);
      if (!password) return failed(err, password.error());
      auto user = accounts.add_user(name, arguments.option_or("display-name", ""), *password, roles,
                                    cli_actor());
      if (!user) return failed(err, user.error());
      out << "added user " << name << " (" << joined(access::Accounts::roles_of(*user)) << ")\n";
      return 0;
    }
    if (auto user = accounts.user(name); !user) return failed(err, user.error());
    auto password = read_new_password(arguments, name, err);
    if (!password) return failed(err, password.error());
    Status changed = accounts.set_password(name, *password, cli_actor());
    if (!changed.ok()) return failed(err, changed);
    out << "password of " << name << " changed; their sessions ended\n";
    return 0;
  }
  if (command == "grant" || command == "revoke") {
    if (operands.size() != 2) return usage(err, "expected: " + command + " NAME ROLE");
    Status status = command == "grant" ? accounts.grant(operands[0], operands[1], cli_actor())
                                       : accounts.revoke(operands[0], operands[1], cli_actor());
    if (!status.ok()) return failed(err, status);
    out << operands[0] << ": " << (command == "grant" ? "granted " : "revoked ") << operands[1]
        << "\n";
    return 0;
  }
  if (command == "disable" || command == "enable") {
    if (operands.size() != 1) return usage(err, "expected: " + command + " NAME");
    Status status = accounts.set_disabled(operands[0], command == "disable", cli_actor());
    if (!status.ok()) return failed(err, status);
    out << operands[0] << ": " << command << "d\n";
    return 0;
  }
  return usage(err, "unknown subcommand \"" + command + "\"");
}

}  // namespace mura::cli
