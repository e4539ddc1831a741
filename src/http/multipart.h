// multipart/form-data request bodies (RFC 7578): the parts of a body already read into memory,
// as views into it. The server's body limit bounds what reaches here; files larger than that go
// through a staged upload (POST /api/v1/uploads with a raw body).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace mura::http {

struct FormPart {
  std::string name;          // the form field's name (Content-Disposition name=)
  std::string file_name;     // filename= when the part is a file; empty otherwise
  std::string content_type;  // the part's Content-Type; empty when it sends none
  std::string_view body;     // a view into the body passed to parse_multipart()
};

// Whether a Content-Type header value is multipart/form-data.
bool is_multipart_form(std::string_view content_type);

// The parts of `body` sent with Content-Type `content_type`. InvalidArgument names the problem
// and the part ("multipart body, part 2: no Content-Disposition header"): a missing boundary
// parameter, a body that does not start with the boundary or lacks the closing one, a part without
// a name, more than 1000 parts.
Result<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body);

}  // namespace mura::http
