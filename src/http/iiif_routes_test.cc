// The IIIF routes through App::handle on a real repository with real images: the Image API in
// every form and its errors, stored tiles sent unchanged, info.json, the access policy (hidden
// images answer 404 like missing ones), manifests and collections validated against the
// official Presentation 3.0 JSON schema, renditions and the OCR text of a scanned letter.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>

#include "access/audit_log.h"
#include "base/testing/status_matchers.h"
#include "http/testing/app_testing.h"
#include "iiif/jpeg_codec.h"
#include "iiif/pyramid_reader.h"
#include "media/derivative_paths.h"
#include "media/subprocess.h"
#include "media/testing/scanned_page.h"
#include "service/derivatives.h"

namespace mura::http {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

std::string shared_path(const std::string& path) {
  const char* shared = std::getenv("MURA_SHARED");
  return std::string(shared ? shared : MURA_SHARED_DIR) + "/" + path;
}

std::string demo(const std::string& path) {
  const char* source = std::getenv("MURA_SOURCE_DIR");
  return std::string(source ? source : ".") + "/demo/files/" + path;
}

const char* kPattern = "conformance/iiif/image/67352ccc-d1b0-11e1-89ae-279075081939.png";

// Decodes a JPEG, PNG or WebP body into (width, height, bands) with libvips.
std::tuple<int, int, int> image_size(const std::string& bytes) {
  EXPECT_OK(media::start_vips());
  media::VipsImagePtr image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
  if (!image) return {0, 0, 0};
  return {image->Xsize, image->Ysize, image->Bands};
}

class IiifRoutesTest : public testing::AppTest {
 protected:
  static void SetUpTestSuite() { ::setenv("MURA_DERIVATIVE_WORKERS", "0", 1); }

  void SetUp() override {
    AppTest::SetUp();
    options_.base_url = "https://mura.test";
    // Tests sign in with "X-Test-Groups: a,b" (a registered user in those groups).
    ASSERT_OK(media::testing::write_scanned_page((root_ / "letter.png").string(), media::testing::kKazakhLetter));
  }

  // Signs callers in from a test header, after the app exists.
  void use_test_callers() {
    app().set_authenticator([](const Request& request) -> Result<access::Caller> {
      const std::string_view groups = request.header("x-test-groups");
      if (groups == "admin") {
        access::Caller caller = access::Caller::registered_user("root", {});
        caller.administrator = true;
        return caller;
      }
      if (groups.empty()) return access::Caller::anonymous();
      return access::Caller::registered_user("reader", {std::string(groups)});
    });
  }

  record::Record create(record::Record draft, std::vector<service::FileSource> files) {
    auto created = repository_->create_record(std::move(draft), files, {"curator", ""}, "test");
    EXPECT_TRUE(created.has_value()) << created.error().to_string();
    return created ? *created : record::Record{};
  }
  record::Record museum_object(const std::string& number, std::vector<service::FileSource> files,
                               const std::string& parent = "") {
    record::Record draft;
    draft.kind = record::Kind::kMuseumObject;
    draft.parent = parent;
    draft.fields["title"] = {{"kk", "Сырмақ " + number}, {"ru", "Сырмак " + number}, {"en", "Syrmak " + number}};
    draft.fields["description"] = {{"kk", "Киіз кілем"}, {"en", "A felt carpet"}};
    draft.fields["inventory_number"] = {{"", "KP-" + number}};
    draft.fields["object_name"] = {{"kk", "сырмақ"}, {"ru", "сырмак"}, {"en", "syrmak"}};
    draft.rights = "https://creativecommons.org/licenses/by/4.0/";
    return create(std::move(draft), std::move(files));
  }
  static service::FileSource file(const std::string& path, const std::string& source,
                                  const std::string& label = "") {
    return {path, source, nullptr, label};
  }
  // "99999~name" of an ARK.
  static std::string iiif_id(const std::string& ark) { return ark.substr(5, 5) + "~" + ark.substr(11); }

  // Validates `document` against the official IIIF Presentation 3.0 schema with
  // python3-jsonschema; returns the first errors, "" when valid.
  std::string schema_errors(const std::string& document) {
    const std::string path = (root_ / "document.json").string();
    std::ofstream(path) << document;
    auto output = media::run_process(
        {"python3", "-c",
         "import json, sys, jsonschema\n"
         "schema = json.load(open(sys.argv[1])); data = json.load(open(sys.argv[2]))\n"
         "errors = list(jsonschema.Draft7Validator(schema).iter_errors(data))\n"
         "for e in errors[:5]: print(list(e.absolute_path), e.message[:300])\n"
         "sys.exit(1 if errors else 0)\n",
         shared_path("conformance/iiif/schema/iiif_3_0.json"), path},
        std::chrono::seconds(60));
    if (!output) return output.error().to_string();
    return output->exit_code == 0 ? "" : "invalid: " + output->out + output->err;
  }
};

TEST_F(IiifRoutesTest, ImageApiInEveryFormOverHttp) {
  const auto object = museum_object("1", {file("front.png", shared_path(kPattern))});
  const std::string base = "/iiif/3/" + iiif_id(object.id);
  struct Case {
    std::string path;
    int status;
    std::string content_type;
    int width, height, bands;
    std::string detail;  // part of the problem detail for errors
  } cases[] = {
      {"/full/max/0/default.jpg", 200, "image/jpeg", 1000, 1000, 3, ""},
      {"/full/!400,400/0/default.jpg", 200, "image/jpeg", 400, 400, 3, ""},
      {"/square/100,/0/default.jpg", 200, "image/jpeg", 100, 100, 3, ""},
      {"/0,0,500,250/250,/0/default.jpg", 200, "image/jpeg", 250, 125, 3, ""},
      {"/pct:25,25,50,50/,100/0/color.jpg", 200, "image/jpeg", 100, 100, 3, ""},
      {"/full/pct:10/90/gray.png", 200, "image/png", 100, 100, 1, ""},
      {"/full/50,80/!180/bitonal.png", 200, "image/png", 50, 80, 1, ""},
      {"/full/^1200,/0/default.webp", 200, "image/webp", 1200, 1200, 3, ""},
      {"/full/100,/30/default.png", 200, "image/png", 137, 137, 4, ""},
      {"/full/max/0/default.tif", 501, "application/problem+json", 0, 0, 0, "tif"},
      {"/full/max/0/default.gif", 501, "application/problem+json", 0, 0, 0, "gif"},
      {"/full/max/0/default.bmp", 400, "application/problem+json", 0, 0, 0, "IIIF format"},
      {"/0,0,0,10/max/0/default.jpg", 400, "application/problem+json", 0, 0, 0, "IIIF region"},
      {"/1000,0,10,10/max/0/default.jpg", 400, "application/problem+json", 0, 0, 0, "outside"},
      {"/full/1001,/0/default.jpg", 400, "application/problem+json", 0, 0, 0, "without \"^\""},
      {"/full/full/0/default.jpg", 400, "application/problem+json", 0, 0, 0, "IIIF size"},
      {"/full/max/-90/default.jpg", 400, "application/problem+json", 0, 0, 0, "IIIF rotation"},
      {"/full/max/0/native.jpg", 400, "application/problem+json", 0, 0, 0, "IIIF quality"},
      {"/full/^20000,/0/default.jpg", 400, "application/problem+json", 0, 0, 0, "larger than this server"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.path);
    Response response = get(base + test.path);
    EXPECT_EQ(response.status, test.status) << response.body.substr(0, 300);
    EXPECT_THAT(std::string(response.header("Content-Type")), HasSubstr(test.content_type));
    EXPECT_EQ(response.header("Access-Control-Allow-Origin"), "*");
    if (test.status == 200) {
      auto [width, height, bands] = image_size(response.body);
      EXPECT_EQ(width, test.width);
      EXPECT_EQ(height, test.height);
      EXPECT_EQ(bands, test.bands);
      EXPECT_THAT(std::string(response.header("Link")), HasSubstr("<http://iiif.io/api/image/3/level2.json>;rel=\"profile\""));
      EXPECT_THAT(std::string(response.header("Link")), HasSubstr("rel=\"canonical\""));
      EXPECT_FALSE(response.header("ETag").empty());
      EXPECT_EQ(response.header("Cache-Control"), "public, max-age=86400");
    } else {
      EXPECT_THAT(json_of(response)["detail"].get<std::string>(), HasSubstr(test.detail));
    }
  }
  // The canonical link names the canonical form; the same image by its file digest is immutable.
  Response thumbnail = get(base + "/full/!400,400/0/default.jpg");
  EXPECT_THAT(std::string(thumbnail.header("Link")),
              HasSubstr("<https://mura.test" + base + "/full/400,400/0/default.jpg>;rel=\"canonical\""));
  const std::string by_file = base + "~" + object.files[0].digest.substr(0, 16);
  Response immutable = get(by_file + "/full/!400,400/0/default.jpg");
  EXPECT_EQ(immutable.status, 200);
  EXPECT_EQ(immutable.body, thumbnail.body);
  EXPECT_EQ(immutable.header("Cache-Control"), "public, max-age=31536000, immutable");
  Response again = get(by_file + "/full/!400,400/0/default.jpg", {{"if-none-match", std::string(immutable.header("ETag"))}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  // Unknown images, files and malformed identifiers.
  EXPECT_EQ(get(base + "~0000000000000000/full/max/0/default.jpg").status, 404);
  std::string mistyped = iiif_id(object.id);
  mistyped.back() = mistyped.back() == 'b' ? 'c' : 'b';
  EXPECT_EQ(get("/iiif/3/" + mistyped + "/full/max/0/default.jpg").status, 400);  // check character
  EXPECT_EQ(get("/iiif/3/nothing/full/max/0/default.jpg").status, 400);
  EXPECT_THAT(json_of(get("/iiif/3/nothing/info.json"))["detail"].get<std::string>(), HasSubstr("IIIF identifier"));
}

TEST_F(IiifRoutesTest, ExactTileRequestsSendTheStoredBytes) {
  const auto object = museum_object("2", {file("front.png", shared_path(kPattern))});
  const std::string base = "/iiif/3/" + iiif_id(object.id);
  Response info = get(base + "/info.json");
  ASSERT_EQ(info.status, 200) << info.body;
  const std::string pyramid = media::derivative_path(repository_->directory(), object.files[0].digest,
                                                     media::DerivativeKind::kPyramid);
  ASSERT_OK_AND_ASSIGN(auto reader, iiif::PyramidReader::open(pyramid));
  // Level 1 (scale factor 2, 500 px wide), column 0, row 0; and the full-size tile at column 2,
  // row 2 (the last whole one: 1000 px leave 232 at the edge).
  ASSERT_OK_AND_ASSIGN(auto level1, reader->jpeg_tile(1, 0));
  EXPECT_TRUE(get(base + "/0,0,512,512/256,256/0/default.jpg").body == level1);
  ASSERT_OK_AND_ASSIGN(auto level0, reader->jpeg_tile(0, 2 * 4 + 2));
  EXPECT_TRUE(get(base + "/512,512,256,256/256,/0/default.jpg").body == level0);
  EXPECT_FALSE(get(base + "/512,512,256,256/256,/0/gray.jpg").body == level0);
  // An edge tile is cut from the padded stored one.
  Response edge = get(base + "/768,768,232,232/232,232/0/default.jpg");
  ASSERT_EQ(edge.status, 200);
  EXPECT_EQ(std::get<0>(image_size(edge.body)), 232);
}

TEST_F(IiifRoutesTest, InfoJsonAndTheBaseUriRedirect) {
  const auto object = museum_object("3", {file("front.png", shared_path(kPattern)), file("side.png", demo("museum/dombra.png"))});
  const std::string base = "/iiif/3/" + iiif_id(object.id);
  Response response = get(base + "/info.json");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.header("Content-Type"), "application/json");
  EXPECT_EQ(response.header("Link"), "<http://iiif.io/api/image/3/level2.json>;rel=\"profile\"");
  Json info = json_of(response);
  EXPECT_EQ(info["@context"], "http://iiif.io/api/image/3/context.json");
  EXPECT_EQ(info["id"], "https://mura.test" + base);
  EXPECT_EQ(info["type"], "ImageService3");
  EXPECT_EQ(info["protocol"], "http://iiif.io/api/image");
  EXPECT_EQ(info["profile"], "level2");
  EXPECT_EQ(info["width"], 1000);
  EXPECT_EQ(info["height"], 1000);
  EXPECT_EQ(info["tiles"][0]["width"], 256);
  EXPECT_EQ(info["tiles"][0]["scaleFactors"], Json::array({1, 2, 4}));
  EXPECT_EQ(info["rights"], "http://creativecommons.org/licenses/by/4.0/");
  EXPECT_TRUE(info.contains("maxArea"));
  EXPECT_THAT(info["extraFeatures"].dump(), HasSubstr("rotationArbitrary"));
  Response linked = get(base + "/info.json", {{"accept", "application/ld+json"}});
  EXPECT_EQ(linked.header("Content-Type"), "application/ld+json;profile=\"http://iiif.io/api/image/3/context.json\"");
  EXPECT_EQ(get(base + "/info.json", {{"if-none-match", std::string(response.header("ETag"))}}).status, 304);
  // The second image by its digest.
  Response side = get(base + "~" + object.files[1].digest.substr(0, 16) + "/info.json");
  ASSERT_EQ(side.status, 200);
  EXPECT_NE(json_of(side)["width"], 1000);
  Response redirect = get(base);
  EXPECT_EQ(redirect.status, 303);
  EXPECT_EQ(redirect.header("Location"), "https://mura.test" + base + "/info.json");
}

TEST_F(IiifRoutesTest, HiddenImagesAnswerExactlyLikeMissingOnes) {
  record::Record restricted;
  restricted.kind = record::Kind::kMuseumObject;
  restricted.fields["title"] = {{"kk", "Білезік"}};
  restricted.fields["inventory_number"] = {{"", "KP-9"}};
  restricted.fields["object_name"] = {{"kk", "білезік"}};
  restricted.access.files = record::AccessLevel::kRestricted;
  restricted.access.groups = {"museum-staff"};
  const auto hidden_files = create(restricted, {file("bilezik.png", demo("museum/bilezik.png"))});
  record::Record closed = restricted;
  closed.fields["inventory_number"] = {{"", "KP-10"}};
  closed.access.metadata = record::AccessLevel::kClosed;
  closed.access.files = record::AccessLevel::kClosed;
  const auto hidden_record = create(closed, {file("syrga.png", demo("museum/syrga.png"))});
  use_test_callers();
  for (const auto& record : {hidden_files, hidden_record}) {
    const std::string id = iiif_id(record.id);
    for (const std::string path : {"/info.json", "/full/!400,400/0/default.jpg", "", "/manifest"}) {
      SCOPED_TRACE(id + path);
      Response response = get("/iiif/3/" + id + path);
      EXPECT_EQ(response.status, 404);
      const std::string detail = json_of(response)["detail"];
      EXPECT_THAT(detail, ::testing::StartsWith("no "));
      EXPECT_THAT(detail, HasSubstr(id));
    }
    EXPECT_EQ(get("/api/v1/records/" + record.id + "/text").status, 404);
  }
  // A member of the group sees the restricted image; caches keep it private.
  Response member = get("/iiif/3/" + iiif_id(hidden_files.id) + "/full/!400,400/0/default.jpg",
                        {{"x-test-groups", "museum-staff"}});
  EXPECT_EQ(member.status, 200);
  EXPECT_EQ(member.header("Cache-Control"), "private, max-age=600");
  // The member's view is audited once, not once per tile.
  EXPECT_EQ(get("/iiif/3/" + iiif_id(hidden_files.id) + "/0,0,64,64/max/0/default.jpg",
                {{"x-test-groups", "museum-staff"}}).status, 200);
  access::AuditLog log(repository_->catalog().audit());
  ASSERT_OK_AND_ASSIGN(auto audited, log.page("", 100));
  int file_reads = 0;
  for (const auto& entry : audited.items) {
    if (entry.action == "read" && entry.target == hidden_files.id &&
        entry.detail.find("bilezik.png") != std::string::npos) {
      ++file_reads;
      EXPECT_EQ(entry.actor, "reader");
    }
  }
  EXPECT_EQ(file_reads, 1);
  EXPECT_EQ(get("/iiif/3/" + iiif_id(hidden_files.id) + "/manifest", {{"x-test-groups", "museum-staff"}}).status, 200);
  EXPECT_EQ(get("/iiif/3/" + iiif_id(hidden_record.id) + "/info.json", {{"x-test-groups", "museum-staff"}}).status, 404);
  EXPECT_EQ(get("/iiif/3/" + iiif_id(hidden_record.id) + "/info.json", {{"x-test-groups", "admin"}}).status, 200);
}

TEST_F(IiifRoutesTest, ManifestsValidateAndCarryEverything) {
  record::Record letter;
  letter.kind = record::Kind::kArchivalUnit;
  letter.level = "item";
  letter.fields["title"] = {{"kk", "Жақыптың хаты"}, {"kk-Latn", "Jaqyptyñ haty"}, {"ru", "Письмо Жакыпа"}, {"en", "A letter from Jaqyp"}};
  letter.fields["description"] = {{"en", "A letter and a recording."}};
  letter.fields["reference_code"] = {{"", "KZ-ERT-212/1/9"}};
  letter.fields["date"] = {{"", "1916"}};
  letter.rights = "http://rightsstatements.org/vocab/InC/1.0/";
  const auto record = create(letter, {file("p1.png", (root_ / "letter.png").string(), "Page 1"),
                                      file("p2.png", demo("archive/letter-1916-p2.png"), "Page 2"),
                                      file("kui.wav", demo("archive/kui-1965.wav")),
                                      file("article.pdf", demo("research/ornament-article.pdf"))});
  const std::string base = "https://mura.test/iiif/3/" + iiif_id(record.id);
  Response response = get("/iiif/3/" + iiif_id(record.id) + "/manifest");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(schema_errors(response.body), "");
  Json manifest = json_of(response);
  EXPECT_EQ(manifest["@context"], "http://iiif.io/api/presentation/3/context.json");
  EXPECT_EQ(manifest["id"], base + "/manifest");
  EXPECT_EQ(manifest["type"], "Manifest");
  EXPECT_EQ(manifest["label"]["kk"][0], "Жақыптың хаты");
  EXPECT_EQ(manifest["label"]["ru"][0], "Письмо Жакыпа");
  EXPECT_EQ(manifest["label"]["en"][0], "A letter from Jaqyp");
  EXPECT_EQ(manifest["summary"]["en"][0], "A letter and a recording.");
  EXPECT_EQ(manifest["rights"], "http://rightsstatements.org/vocab/InC/1.0/");
  EXPECT_EQ(manifest["requiredStatement"]["label"]["kk"][0], "Құқық иесі");
  EXPECT_EQ(manifest["requiredStatement"]["value"]["none"][0], "Mura");
  bool reference_code = false;
  for (const auto& entry : manifest["metadata"]) {
    EXPECT_TRUE(entry["label"].contains("kk") && entry["label"].contains("ru") && entry["label"].contains("en")) << entry;
    if (entry["value"].dump().find("KZ-ERT-212/1/9") != std::string::npos) reference_code = true;
  }
  EXPECT_TRUE(reference_code);
  EXPECT_EQ(manifest["homepage"][0]["id"], "https://mura.test/" + record.id);
  EXPECT_EQ(manifest["seeAlso"][0]["id"], "https://mura.test/api/v1/records/" + record.id);
  EXPECT_EQ(manifest["rendering"].size(), 4u);
  EXPECT_EQ(manifest["thumbnail"][0]["id"],
            base + "~" + record.files[0].digest.substr(0, 16) + "/full/!400,400/0/default.jpg");
  // One canvas per image and per sound, in file order; the PDF is a download only.
  const Json& items = manifest["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["label"]["none"][0], "Page 1");
  EXPECT_EQ(items[1]["width"], 1240);
  EXPECT_EQ(items[1]["height"], 1754);
  const Json& body = items[1]["items"][0]["items"][0]["body"];
  EXPECT_EQ(body["service"][0]["id"], base + "~" + record.files[1].digest.substr(0, 16));
  EXPECT_EQ(body["service"][0]["type"], "ImageService3");
  EXPECT_NEAR(items[2]["duration"].get<double>(), 6.0, 0.01);
  EXPECT_EQ(items[2]["items"][0]["items"][0]["body"]["type"], "Sound");
  EXPECT_EQ(items[2]["items"][0]["items"][0]["body"]["id"], "https://mura.test/api/v1/records/" + record.id + "/files/kui.wav");
  // The canvas ids resolve: every image service answers.
  for (const auto& canvas : {items[0], items[1]}) {
    const std::string service = canvas["items"][0]["items"][0]["body"]["service"][0]["id"];
    EXPECT_EQ(get(service.substr(std::string("https://mura.test").size()) + "/info.json").status, 200);
  }
  // Characterising the files for the manifest recorded PREMIS events.
  EXPECT_THAT(json_of(get("/api/v1/records/" + record.id + "/events")).dump(), HasSubstr("metadata extraction"));
  // The validator itself rejects a broken manifest.
  manifest["items"][0].erase("items");
  EXPECT_NE(schema_errors(manifest.dump()), "");
  // A file part in a manifest id is refused.
  EXPECT_EQ(get("/iiif/3/" + iiif_id(record.id) + "~" + record.files[0].digest.substr(0, 16) + "/manifest").status, 400);
}

TEST_F(IiifRoutesTest, RenditionsOfWhatBrowsersCannotPlay) {
  const std::string master = (root_ / "master.wav").string();
  auto made = media::run_process({"ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                                  "sine=frequency=440:sample_rate=96000:duration=2", "-c:a", "pcm_s24le", master},
                                 std::chrono::seconds(60));
  ASSERT_TRUE(made && made->exit_code == 0);
  record::Record recording;
  recording.kind = record::Kind::kArchivalUnit;
  recording.level = "item";
  recording.fields["title"] = {{"kk", "Күй"}};
  recording.fields["reference_code"] = {{"", "KZ-ERT-212/2/4"}};
  const auto record = create(recording, {file("master.wav", master)});
  // Until the rendition is made the canvas plays the original, and the manifest is not cached.
  Response before = get("/iiif/3/" + iiif_id(record.id) + "/manifest");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.header("Cache-Control"), "no-cache");
  EXPECT_TRUE(before.header("ETag").empty());
  EXPECT_THAT(json_of(before)["items"][0]["items"][0]["items"][0]["body"]["id"].get<std::string>(),
              HasSubstr("/files/master.wav"));
  ASSERT_OK_AND_ASSIGN(auto report, service::build_derivatives(*repository_, record.id, {}, {"test", ""}));
  EXPECT_TRUE(report.problems.empty());
  Json manifest = json_of(get("/iiif/3/" + iiif_id(record.id) + "/manifest"));
  EXPECT_EQ(schema_errors(manifest.dump()), "");
  const Json& body = manifest["items"][0]["items"][0]["items"][0]["body"];
  EXPECT_EQ(body["format"], "audio/mp4");
  const std::string url = body["id"];
  EXPECT_THAT(url, HasSubstr("/rendition"));
  Response rendition = get(url.substr(std::string("https://mura.test").size()));
  ASSERT_EQ(rendition.status, 200);
  EXPECT_EQ(rendition.header("Content-Type"), "audio/mp4");
  Response part = get(url.substr(std::string("https://mura.test").size()), {{"range", "bytes=0-99"}});
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.body_size(), 100u);
}

TEST_F(IiifRoutesTest, CollectionsListVisibleManifestsAndParts) {
  record::Record collection;
  collection.kind = record::Kind::kCollection;
  collection.fields["title"] = {{"kk", "Қазақ ою-өрнегі"}, {"en", "Kazakh ornament"}};
  const auto parent = create(collection, {});
  const auto first = museum_object("11", {file("a.png", demo("museum/syrmak.png"))}, parent.id);
  const auto second = museum_object("12", {file("b.png", demo("museum/tekemet.png"))}, parent.id);
  const auto no_media = museum_object("13", {file("notes.csv", demo("research/felt-motifs.csv"))}, parent.id);
  record::Record closed;
  closed.kind = record::Kind::kMuseumObject;
  closed.parent = parent.id;
  closed.fields["title"] = {{"kk", "Жабық"}};
  closed.fields["inventory_number"] = {{"", "KP-14"}};
  closed.fields["object_name"] = {{"kk", "сырға"}};
  closed.access.metadata = record::AccessLevel::kClosed;
  create(closed, {file("c.png", demo("museum/syrga.png"))});
  Response response = get("/iiif/3/" + iiif_id(parent.id) + "/collection");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(schema_errors(response.body), "");
  Json body = json_of(response);
  EXPECT_EQ(body["type"], "Collection");
  EXPECT_EQ(body["label"]["en"][0], "Kazakh ornament");
  ASSERT_EQ(body["items"].size(), 2u);  // not the closed one, not the one without media
  std::map<std::string, Json> items;
  for (const auto& item : body["items"]) items[item["id"]] = item;
  for (const auto& [part, number] : {std::pair{first, "11"}, std::pair{second, "12"}}) {
    const std::string id = "https://mura.test/iiif/3/" + iiif_id(part.id) + "/manifest";
    ASSERT_TRUE(items.count(id)) << id;
    EXPECT_EQ(items[id]["type"], "Manifest");
    EXPECT_EQ(items[id]["label"]["en"][0], std::string("Syrmak ") + number);
    EXPECT_TRUE(items[id].contains("thumbnail"));
  }
  EXPECT_FALSE(body.dump().find(iiif_id(no_media.id)) != std::string::npos);
  // A record without parts is no collection.
  EXPECT_EQ(get("/iiif/3/" + iiif_id(first.id) + "/collection").status, 404);

  // A series is made of parts: its collection answers (and validates) before it has any, and the
  // record's links name it; an item's do not.
  record::Record series;
  series.kind = record::Kind::kArchivalUnit;
  series.level = "series";
  series.fields["title"] = {{"kk", "Хаттар"}};
  series.fields["reference_code"] = {{"", "KZ-1/1"}};
  const auto empty_series = create(series, {});
  Response empty = get("/iiif/3/" + iiif_id(empty_series.id) + "/collection");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(schema_errors(empty.body), "");
  EXPECT_TRUE(json_of(empty)["items"].empty());
  EXPECT_TRUE(json_of(get("/api/v1/records/" + empty_series.id))["links"].contains("iiif_collection"));
  EXPECT_FALSE(json_of(get("/api/v1/records/" + first.id))["links"].contains("iiif_collection"));
}

TEST_F(IiifRoutesTest, LargeCollectionsArePaged) {
  record::Record collection;
  collection.kind = record::Kind::kCollection;
  collection.fields["title"] = {{"en", "Many"}};
  const auto parent = create(collection, {});
  for (int i = 0; i < 101; ++i) {
    record::Record part;
    part.kind = record::Kind::kArchivalUnit;
    part.level = "file";
    part.parent = parent.id;
    part.position = i;
    part.fields["title"] = {{"en", "File " + std::to_string(i)}};
    part.fields["reference_code"] = {{"", "F-" + std::to_string(i)}};
    const auto created = create(part, {});
    if (i == 0) {
      record::Record child = part;
      child.parent = created.id;
      child.level = "item";
      child.fields["reference_code"] = {{"", "F-0/1"}};
      create(child, {file("x.png", demo("museum/syrga.png"))});
    }
  }
  Json first = json_of(get("/iiif/3/" + iiif_id(parent.id) + "/collection"));
  EXPECT_EQ(schema_errors(first.dump()), "");
  ASSERT_EQ(first["items"].size(), 2u);  // file 0 (which has a part) and "more"
  EXPECT_EQ(first["items"][0]["type"], "Collection");
  const std::string more = first["items"][1]["id"];
  EXPECT_THAT(more, HasSubstr("/collection?page="));
  EXPECT_EQ(first["items"][1]["label"]["en"][0], "More");
  Json next = json_of(get(more.substr(std::string("https://mura.test").size())));
  EXPECT_EQ(next["id"], more);
  EXPECT_FALSE(next["items"].dump().find("?page=") != std::string::npos);
}

TEST_F(IiifRoutesTest, TextOfAScannedKazakhLetterWithWordBoxes) {
  record::Record letter;
  letter.kind = record::Kind::kArchivalUnit;
  letter.level = "item";
  letter.fields["title"] = {{"kk", "Хат"}};
  letter.fields["reference_code"] = {{"", "KZ-ERT-212/1/10"}};
  const auto record = create(letter, {file("p1.png", (root_ / "letter.png").string())});
  Json empty = json_of(get("/api/v1/records/" + record.id + "/text"));
  EXPECT_EQ(empty["pages"].size(), 0u);  // not recognised yet
  ASSERT_OK_AND_ASSIGN(auto report, service::build_derivatives(*repository_, record.id, {}, {"test", ""}));
  EXPECT_EQ(report.ocr_pages, 1u);
  Response response = get("/api/v1/records/" + record.id + "/text");
  ASSERT_EQ(response.status, 200);
  Json text = json_of(response);
  ASSERT_EQ(text["pages"].size(), 1u);
  const Json& page = text["pages"][0];
  EXPECT_EQ(page["file"], "files/p1.png");
  EXPECT_EQ(page["lang"], "kk");
  EXPECT_THAT(page["text"].get<std::string>(), HasSubstr("Мұрағаттағы"));
  bool found = false;
  for (const auto& word : page["words"]) {
    if (word["text"] == "Ғабит") {
      found = true;
      EXPECT_GT(word["w"].get<int>(), 0);
      EXPECT_GT(word["h"].get<int>(), 0);
      EXPECT_GT(word["x"].get<int>(), 100);
    }
  }
  EXPECT_TRUE(found);
  ASSERT_OK_AND_ASSIGN(auto extracted, service::extracted_text(*repository_, record.id));
  EXPECT_THAT(extracted, HasSubstr("Ғабит"));
  EXPECT_EQ(get("/api/v1/records/ark:/99999/mbbbbbbbbb/text").status, 404);
}

TEST_F(IiifRoutesTest, JobsAreForAdministrators) {
  use_test_callers();
  EXPECT_EQ(get("/api/v1/jobs").status, 401);
  EXPECT_EQ(get("/api/v1/jobs", {{"x-test-groups", "staff"}}).status, 403);
  const auto object = museum_object("20", {file("a.png", demo("museum/syrmak.png"))});
  Response response = get("/api/v1/jobs", {{"x-test-groups", "admin"}});
  ASSERT_EQ(response.status, 200);
  Json jobs = json_of(response)["jobs"];
  ASSERT_EQ(jobs.size(), 1u);  // queued by the write (no worker runs in tests)
  EXPECT_EQ(jobs[0]["record"], object.id);
  EXPECT_EQ(jobs[0]["state"], "queued");
}

}  // namespace
}  // namespace mura::http
