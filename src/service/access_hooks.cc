#include "service/access_hooks.h"

#include "access/audit_log.h"

namespace mura::service {

Status audit_write(catalog::Catalog& catalog, const std::string& id, std::int64_t version,
                   const record::Event& event, const Actor& actor, const std::string& message) {
  access::AuditLog log(catalog.audit());
  std::string detail = "version " + std::to_string(version);
  if (!message.empty()) detail += ": " + message;
  auto appended = log.append(actor.name, event.type, id, detail);
  if (!appended) {
    return appended.error().with_context("record " + id +
                                         " is stored, but the audit log could not record the "
                                         "write");
  }
  return ok_status();
}

}  // namespace mura::service
